import { describe, expect, it } from 'vitest';
import { isSonoriskError } from '../../src/errors.js';
import { escapeMarkdown, escapeXml } from '../../src/report/escape.js';
import { formatCI, formatCountPercent, formatEstimateCI, formatNumber, formatP } from '../../src/report/index.js';

describe('formatP (rule: <0.001 below 0.001, >0.999 when it rounds to 1, else three decimals)', () => {
  it.each([
    [0, '<0.001'],
    [0.000999, '<0.001'],
    [0.001, '0.001'],
    [0.0123, '0.012'],
    [0.0495, '0.050'], // toFixed on the binary value 0.04950000000000000122 rounds up
    [0.05, '0.050'],
    [0.5, '0.500'],
    [0.9994, '0.999'],
    [0.9996, '>0.999'],
    [1, '>0.999'],
  ])('formatP(%s) = %s', (p, s) => expect(formatP(p)).toBe(s));

  it('honours digits and missing', () => {
    expect(formatP(0.00042, { digits: 4 })).toBe('0.0004');
    expect(formatP(0.00002, { digits: 4 })).toBe('<0.0001');
    expect(formatP(undefined)).toBe('NA');
    expect(formatP(Number.NaN, { missing: '—' })).toBe('—');
  });

  it('rejects P outside [0, 1] and bad digits', () => {
    for (const bad of [-0.1, 1.2, Number.POSITIVE_INFINITY]) expect(() => formatP(bad)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => formatP(0.5, { digits: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => formatP(0.5, { digits: 2.5 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('formatNumber / formatCI / formatEstimateCI / formatCountPercent', () => {
  it('formats with fixed decimals and never prints -0', () => {
    expect(formatNumber(0.93456, { digits: 3 })).toBe('0.935');
    expect(formatNumber(2)).toBe('2.00');
    expect(formatNumber(-0.0001)).toBe('0.00');
    expect(formatNumber(-0.004, { digits: 2 })).toBe('0.00');
    expect(formatNumber(-1.5, { digits: 1 })).toBe('-1.5');
    expect(formatNumber(null)).toBe('NA');
    expect(formatNumber(Number.POSITIVE_INFINITY, { missing: '' })).toBe('');
    expect(() => formatNumber(1, { digits: 11 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('uses an en dash for non-negative CIs and " to " when a bound is negative', () => {
    expect(formatCI(0.8812, 0.9733)).toBe('0.88–0.97');
    expect(formatCI(-0.061, 0.107, { digits: 3 })).toBe('-0.061 to 0.107');
    expect(formatCI(1, 2, { separator: ', ', digits: 0 })).toBe('1, 2');
    expect(formatEstimateCI(0.931, [0.884, 0.972])).toBe('0.93 (0.88–0.97)');
    expect(formatEstimateCI(0.931, undefined, { digits: 3 })).toBe('0.931');
  });

  it('prints n (%) and checks the counts', () => {
    expect(formatCountPercent(12, 42)).toBe('12 (28.6)');
    expect(formatCountPercent(3, 139, { digits: 0 })).toBe('3 (2)');
    expect(formatCountPercent(0, 0)).toBe('0 (NA)');
    for (const [c, t] of [[5, 4], [-1, 4], [1.5, 4]] as const) {
      let err: unknown;
      try {
        formatCountPercent(c, t);
      } catch (e) {
        err = e;
      }
      expect(isSonoriskError(err, 'INVALID_ARGUMENT')).toBe(true);
    }
  });
});

describe('escaping', () => {
  it('escapes XML specials and drops XML-illegal control characters', () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;');
    expect(escapeXml('x\u0000y\u0007z\tw')).toBe('xyz\tw');
  });
  it('escapes Markdown table breakers', () => {
    expect(escapeMarkdown('a|b *c* [d]\n_e_')).toBe('a\\|b \\*c\\* \\[d\\] \\_e\\_');
  });
});
