import { describe, expect, it } from 'vitest';
import { demoComputedReport } from './demo-computed.js';
import { assertWellFormed } from './svg-check.js';

describe('end-to-end demo report (stats → adapters → studyReport)', () => {
  it('builds a well-formed page with 5 tables and 4 figures, deterministically', () => {
    const r = demoComputedReport();
    assertWellFormed(r.html, true);
    expect(r.html.match(/<table /g)).toHaveLength(5);
    expect(r.html.match(/<figure /g)).toHaveLength(4);
    expect(r.html).toContain('Adjusted P (Holm)');
    expect(r.html).toContain('1.00 (Reference)');
    expect(r.html).not.toMatch(/NaN|undefined|Infinity/);
    expect(demoComputedReport().html).toBe(r.html);
  });
});
