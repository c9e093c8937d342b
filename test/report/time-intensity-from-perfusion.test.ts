// The TIC figure fed straight from sonorisk/phases results (timeIntensitySeriesFrom): a noisy
// lognormal bolus on the frame clock (injection 4 s after the first frame), fitted, arrival
// detected, the method's phase windows shaded.
import { describe, expect, it } from 'vitest';
import { PHASES, detectArrival, fitLognormal, lognormalCurve } from '../../src/phases/index.js';
import { timeIntensityFigure, timeIntensitySeriesFrom } from '../../src/report/index.js';
import { createRng } from '../../src/stats/index.js';
import { assertWellFormed, attr, textsIn, withClass } from './svg-check.js';

function perfusion() {
  const rng = createRng(3);
  const truth = { A: 2400, t0: 16, mu: Math.log(14) + 0.6 ** 2, sigma: 0.6, baseline: 5 }; // frame clock
  const t = Float64Array.from({ length: 181 }, (_, i) => i * 0.5); // 90 s at 2 fps
  const intensity = Float64Array.from(t, (x) => lognormalCurve(truth, x) * (1 + 0.08 * rng.normal()) + 0.8 * rng.normal());
  const tic = { t, intensity, median: intensity };
  const curve = { t, intensity };
  const fit = fitLognormal(curve);
  const arrival = detectArrival(curve, { armToLiverDelay: 12 }); // injection estimate ≈ 16 − 12 = 4 s
  return { tic, fit, arrival };
}

describe('timeIntensitySeriesFrom → timeIntensityFigure', () => {
  const { tic, fit, arrival } = perfusion();
  const series = timeIntensitySeriesFrom(tic, fit, arrival, [PHASES.arterial, PHASES.portal, PHASES.dual]);
  const svg = timeIntensityFigure(series, { width: 760, height: 420 });

  it('moves everything to time after the estimated injection', () => {
    const inj = arrival.injectionTimeEstimate!;
    expect(Math.abs(inj - 4)).toBeLessThan(0.5);
    expect(series.t[0]).toBeCloseTo(-inj, 12);
    expect(series.t[10]).toBeCloseTo(5 - inj, 12);
    expect(series.arrival).toBeCloseTo(arrival.arrivalTime! - inj, 12); // = the 12 s delay
    expect(series.arrival).toBeCloseTo(12, 9);
    expect(Array.from(series.fitted!)).toEqual(Array.from(fit.fitted));
    expect(series.fittedName).toBe(`Lognormal fit (R² = ${fit.quality.r2.toFixed(3)})`);
    expect(series.windows).toEqual([PHASES.arterial, PHASES.portal, PHASES.dual]);
    // A given injection time (number or a clip's injection report) wins over the estimate.
    expect(timeIntensitySeriesFrom(tic, fit, arrival, [], { injectionTime: 0 }).t[10]).toBe(5);
    expect(timeIntensitySeriesFrom(tic, fit, arrival, [], { injectionTime: { time: 2, source: 'given', basis: '' } }).arrival).toBeCloseTo(arrival.arrivalTime! - 2, 12);
    // No fit, arrival as a number, the open B-mode window starts at the first sample.
    const bare = timeIntensitySeriesFrom({ t: [0, 1, 2], intensity: [1, 2, 3] }, null, 1.5, [PHASES.bmode]);
    expect(bare).toEqual({ name: 'Measured', t: [0, 1, 2], intensity: [1, 2, 3], arrival: 1.5, windows: [{ ...PHASES.bmode, start: 0 }] });
  });

  it('draws the curve, the fit, the arrival line and the shaded windows (snapshot)', async () => {
    assertWellFormed(svg);
    await expect(svg).toMatchFileSnapshot('./__snapshots__/time-intensity-from-perfusion.svg');
    expect(withClass(svg, 'phase').map((s) => attr(s, 'data-phase'))).toEqual(['arterial', 'portal', 'dual']);
    expect(withClass(svg, 'arrival')).toHaveLength(1);
    expect(withClass(svg, 'fitted')).toHaveLength(1);
    expect(textsIn(svg, 'legend')).toEqual(['Measured', `Lognormal fit (R² = ${fit.quality.r2.toFixed(3)})`, 'Arrival 12.0 s']);
  });

  it('rejects mismatched or missing inputs', () => {
    expect(() => timeIntensitySeriesFrom(null as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => timeIntensitySeriesFrom({ t: [0, 1] } as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => timeIntensitySeriesFrom(tic, { model: 'lognormal', fitted: [1, 2] })).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH' }));
    expect(() => timeIntensitySeriesFrom(tic, fit, arrival, [], { injectionTime: Number.NaN })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
