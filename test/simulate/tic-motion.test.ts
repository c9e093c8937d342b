import { describe, expect, it } from 'vitest';
import { isSonoriskError } from '../../src/errors.js';
import { lognormalCurve } from '../../src/phases/index.js';
import { lognormalFromPeak, motionAt } from '../../src/simulate/index.js';

describe('lognormal TIC', () => {
  it('peaks at t0 + timeToPeak with the requested height and integrates to the area', () => {
    const p = lognormalFromPeak({ t0: 12, timeToPeak: 20, peak: 70, sigma: 1.1, baseline: 4 });
    expect(lognormalCurve(p, 32)).toBeCloseTo(74, 9);
    expect(lognormalCurve(p, 31)).toBeLessThan(74);
    expect(lognormalCurve(p, 33)).toBeLessThan(74);
    expect(lognormalCurve(p, 12)).toBe(4);
    expect(lognormalCurve(p, 0)).toBe(4);
    // Trapezoid integral of the enhancement over a long window ≈ area (the lognormal density integrates to 1).
    let s = 0;
    for (let t = 12; t < 5000; t += 0.05) s += 0.05 * (lognormalCurve(p, t + 0.025) - 4);
    expect(s / p.A).toBeCloseTo(1, 2);
  });

  it('rejects bad parameters', () => {
    for (const fn of [
      () => lognormalFromPeak({ t0: 0, timeToPeak: 0, peak: 1, sigma: 1, baseline: 0 }),
      () => lognormalFromPeak({ t0: 0, timeToPeak: 1, peak: 1, sigma: 0, baseline: 0 }),
      () => lognormalFromPeak({ t0: Number.NaN, timeToPeak: 1, peak: 1, sigma: 1, baseline: 0 }),
    ]) {
      let err: unknown;
      try {
        fn();
      } catch (e) {
        err = e;
      }
      expect(isSonoriskError(err, 'INVALID_ARGUMENT')).toBe(true);
    }
  });
});

describe('motionAt', () => {
  it('is sinusoidal breathing along the angle plus linear drift', () => {
    const m = { breathingAmplitudeMm: 3, breathingPeriodS: 4, breathingAngleDeg: 90, breathingPhase: 0, driftXMmPerS: 0.1, driftYMmPerS: 0 };
    const a = motionAt(m, 1); // quarter period: full amplitude, downwards
    expect(a.x).toBeCloseTo(0.1, 12);
    expect(a.y).toBeCloseTo(3, 12);
    const b = motionAt(m, 4);
    expect(b.x).toBeCloseTo(0.4, 12);
    expect(b.y).toBeCloseTo(0, 12);
    let err: unknown;
    try {
      motionAt({ ...m, breathingPeriodS: -1 }, 0);
    } catch (e) {
      err = e;
    }
    expect(isSonoriskError(err, 'INVALID_ARGUMENT')).toBe(true);
  });
});
