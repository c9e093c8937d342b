/** calibrationSeriesFrom carries sonorisk/stats calibration() (checked against rms::val.prob in test/stats) into the figure. */
import { describe, expect, it } from 'vitest';
import { calibrationFigure, calibrationSeriesFrom, calibrationTable, computeCalibrationTable, toMarkdown } from '../../src/report/index.js';
import { calibration } from '../../src/stats/index.js';
import { demoCohort } from './demo.js';
import { assertWellFormed, attr, withClass } from './svg-check.js';

const { y, scores } = demoCohort();
const p = scores['R-US']!;

describe('calibrationSeriesFrom', () => {
  it('maps bins (mean predicted, observed rate, Wilson CI), the lowess curve and the predictions', () => {
    const c = calibration(y, p, { bins: 5 });
    const s = calibrationSeriesFrom('R-US', c, p);
    expect(s.bins).toEqual({
      predicted: c.bins.map((b) => b.meanPredicted),
      observed: c.bins.map((b) => b.observed.estimate),
      lower: c.bins.map((b) => b.observed.lower),
      upper: c.bins.map((b) => b.observed.upper),
    });
    expect(s.smooth!.x).toBe(c.smooth.x);
    expect(s.smooth!.y).toBe(c.smooth.y);
    const svg = calibrationFigure([s]);
    assertWellFormed(svg);
    const bins = svg.slice(svg.indexOf('<g class="series bins"'), svg.indexOf('</g>', svg.indexOf('<g class="series bins"')));
    expect(bins.match(/<circle /g)).toHaveLength(5);
    expect(attr(withClass(svg, 'smooth')[0]!, 'd')!.match(/[ML]/g)).toHaveLength(c.smooth.x.length);
  });

  it('leaves out empty bins (NaN means) and checks the predictions length', () => {
    // calibration() itself drops empty bins today; the adapter must not break if a result carries one.
    const c = calibration(y, p, { bins: 4, strategy: 'uniform' });
    const nan = Number.NaN;
    const withEmpty = { ...c, bins: [...c.bins, { lower: 0.99, upper: 1, n: 0, events: 0, meanPredicted: nan, observed: { estimate: nan, lower: nan, upper: nan } }] };
    expect(calibrationSeriesFrom('R-US', withEmpty).bins!.predicted).toHaveLength(c.bins.length);
    assertWellFormed(calibrationFigure([calibrationSeriesFrom('R-US', withEmpty)]));
    expect(() => calibrationSeriesFrom('R-US', c, p.slice(1))).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH' }));
  });
});

describe('computeCalibrationTable / calibrationTable', () => {
  it('prints calibration() statistics per model', () => {
    const t = computeCalibrationTable(y, { 'R-US': p, 'R-CEUS45': scores['R-CEUS45']! }, { split: 'All' });
    expect(t.rows).toHaveLength(2);
    const c = calibration(y, p);
    expect(t.rows[0]!.values).toMatchObject({
      n: c.n,
      events: c.events,
      citl: c.calibrationInTheLarge.estimate,
      slope: c.slope.estimate,
      slopeLower: c.slope.ci[0],
      slopeUpper: c.slope.ci[1],
      brier: c.brier,
      eavg: c.eavg,
      hl: c.hosmerLemeshow.statistic,
      hlP: c.hosmerLemeshow.p,
    });
    expect(t.rows[0]!.cells).toMatchObject({ model: 'R-US', split: 'All', n: '139 (42)', brier: c.brier.toFixed(3) });
    expect(t.columns.map((col) => col.key)).toEqual(['model', 'split', 'n', 'citl', 'slope', 'brier', 'eavg', 'hl', 'hlP']);
    expect(toMarkdown(t)).toContain('Calibration slope (95% CI)');
  });

  it('omits split and Hosmer–Lemeshow columns when absent and rejects bad input', () => {
    const e = { model: 'm', n: 10, events: 3, calibrationInTheLarge: { estimate: 0.1, ci: [-0.2, 0.4] as const }, slope: { estimate: 0.9, ci: [0.5, 1.3] as const }, brier: 0.2, eavg: 0.05 };
    expect(calibrationTable({ entries: [e] }).columns.map((c) => c.key)).toEqual(['model', 'n', 'citl', 'slope', 'brier', 'eavg']);
    expect(calibrationTable({ entries: [e] }).rows[0]!.cells['citl']).toBe('0.100 (-0.200 to 0.400)');
    expect(() => calibrationTable({ entries: [] })).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() => calibrationTable({ entries: [{ ...e, brier: 2 }] })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => calibrationTable({ entries: [{ ...e, slope: { estimate: Number.POSITIVE_INFINITY, ci: [0, 1] } }] })).toThrow(expect.objectContaining({ code: 'NON_FINITE' }));
    expect(() => calibrationTable({ entries: [{ ...e, slope: { estimate: 1, ci: [2, 1] } }] })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    // R's NA (a slope with constant predictions) prints as NA rather than throwing
    const na = calibrationTable({ entries: [{ ...e, slope: { estimate: Number.NaN, ci: [Number.NaN, Number.NaN] } }] });
    expect(na.rows[0]!.cells['slope']).toBe('NA (NA–NA)');
    expect(na.rows[0]!.values!['slope']).toBeNull();
    expect(() => computeCalibrationTable(y, {})).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
  });
});
