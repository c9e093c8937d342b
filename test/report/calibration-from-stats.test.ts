/** calibrationSeriesFrom carries sonorisk/stats calibration() (checked against rms::val.prob in test/stats) into the figure. */
import { describe, expect, it } from 'vitest';
import { calibrationFigure, calibrationSeriesFrom } from '../../src/report/index.js';
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
