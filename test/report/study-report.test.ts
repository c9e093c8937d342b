import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTE, rocFigure, studyReport, VERSION } from '../../src/index.js';
import { demoStudyReport } from './demo-report.js';
import { assertWellFormed } from './svg-check.js';

const sonoriskError = (code: string) => expect.objectContaining({ name: 'SonoriskError', code });
const svg = rocFigure([{ name: 'm', fpr: [0, 0.2, 1], tpr: [0, 0.8, 1], auc: 0.8 }], { width: 300, height: 280 });

describe('studyReport', () => {
  const report = demoStudyReport();

  it('matches the HTML and Markdown snapshots, deterministically', async () => {
    await expect(report.html).toMatchFileSnapshot('./__snapshots__/report.html');
    await expect(report.markdown).toMatchFileSnapshot('./__snapshots__/report.md');
    expect(demoStudyReport()).toEqual(report);
  });

  it('returns the bundle: HTML, Markdown and one SVG per figure', () => {
    expect(Object.keys(report.files).sort()).toEqual([
      'figures/calibration.svg',
      'figures/decision-curve.svg',
      'figures/roc.svg',
      'figures/time-intensity.svg',
      'report.html',
      'report.md',
    ]);
    expect(report.files['report.html']).toBe(report.html);
    for (const name of ['roc', 'calibration', 'decision-curve', 'time-intensity']) {
      expect(report.markdown).toContain(`](figures/${name}.svg)`);
      expect(report.html).toContain(report.files[`figures/${name}.svg`]!.trim());
    }
  });

  it('is one self-contained, well-formed page with tables, numbered figures, methods and versions', () => {
    assertWellFormed(report.html, true);
    expect(report.html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(report.html).not.toMatch(/\s(src|href)=/);
    expect(report.html.match(/https?:\/\/[^"]+/g)).toEqual(Array(4).fill('http://www.w3.org/2000/svg'));
    expect(report.html.match(/<table /g)).toHaveLength(4);
    expect(report.html.match(/<figcaption>Figure \d\./g)).toEqual(['<figcaption>Figure 1.', '<figcaption>Figure 2.', '<figcaption>Figure 3.', '<figcaption>Figure 4.']);
    expect(report.html).toContain('<p class="banner" role="note">Demonstration on synthetic data — not for clinical use.</p>');
    expect(report.html).toContain(`<li>sonorisk ${VERSION}</li>`);
    expect(report.html).toContain('<h2>Methods</h2>');
    expect(report.markdown).toContain('> **Demonstration on synthetic data — not for clinical use.**');
    expect(report.markdown).toContain('| Model | Data set | n (events) | AUC (95% CI) |');
  });

  it('prints the default research-use note and no banner unless asked, escapes text and never reads the clock', () => {
    const r = studyReport({ title: 'A <b>bold</b> & "title"', sections: [{ heading: 'H', paragraphs: ['x < y'], figures: [{ id: 'roc', caption: 'c', svg }] }] });
    expect(r.html).toContain(`<p class="note">${DEFAULT_NOTE}</p>`);
    expect(r.html).not.toContain('class="banner"');
    expect(r.html).not.toMatch(/demonstration/i);
    expect(r.html).toContain('<title>A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;title&quot;</title>');
    expect(r.html).toContain('<p>x &lt; y</p>');
    expect(r.markdown.startsWith('# A \\<b\\>bold\\</b\\> & "title"')).toBe(true);
    expect(studyReport({ title: 'A <b>bold</b> & "title"', sections: [{ heading: 'H', paragraphs: ['x < y'], figures: [{ id: 'roc', caption: 'c', svg }] }] })).toEqual(r);
  });

  it('rejects bad input, unsafe SVG and clashing figure ids', () => {
    const sec = (fig: { id: string; caption: string; svg: string }) => ({ title: 't', sections: [{ heading: 'h', figures: [fig] }] });
    expect(() => studyReport({ title: 't', sections: [] })).toThrow(sonoriskError('EMPTY_INPUT'));
    expect(() => studyReport({ title: '', sections: [{ heading: 'h' }] })).toThrow(sonoriskError('INVALID_ARGUMENT'));
    expect(() => studyReport({ title: 't', banner: ' ', sections: [{ heading: 'h' }] })).toThrow(sonoriskError('INVALID_ARGUMENT'));
    expect(() => studyReport({ title: 't', note: '', sections: [{ heading: 'h' }] })).toThrow(sonoriskError('INVALID_ARGUMENT'));
    expect(() => studyReport(sec({ id: 'x', caption: 'c', svg: '<div>no</div>' }))).toThrow(sonoriskError('INVALID_ARGUMENT'));
    expect(() => studyReport(sec({ id: 'x', caption: 'c', svg: '<svg><script>alert(1)</script></svg>' }))).toThrow(/scripts/);
    expect(() => studyReport(sec({ id: 'x', caption: 'c', svg: '<svg onload="alert(1)"></svg>' }))).toThrow(/event handlers/);
    expect(() => studyReport(sec({ id: '../evil', caption: 'c', svg }))).toThrow(/file name/);
    expect(() => studyReport({ title: 't', sections: [{ heading: 'h', figures: [{ id: 'a', caption: 'c', svg }, { id: 'a', caption: 'd', svg }] }] })).toThrow(/share the id/);
  });
});
