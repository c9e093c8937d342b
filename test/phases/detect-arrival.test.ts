import { describe, expect, it } from 'vitest';
import { expectCodes } from '../helpers/expect-code.js';
import { TYPICAL_ARM_TO_LIVER_DELAY, detectArrival, lognormalCurve } from '../../src/phases/index.js';
import { createRng } from '../../src/stats/index.js';

const fps = 15;
const times = (seconds: number) => Array.from({ length: Math.round(seconds * fps) }, (_, i) => i / fps);

describe('detectArrival', () => {
  it('finds the threshold crossing of a noisy linear wash-in within ±0.5 s (20 random onsets)', () => {
    const rng = createRng('arrival-ramp');
    const t = times(60);
    for (let rep = 0; rep < 20; rep++) {
      const onset = 8 + 20 * rng.next();
      // Baseline 20 ± 1.5 (SD), rise 12 units/s from onset: the noiseless curve crosses
      // mean + 3·SD = 24.5 at onset + 4.5/12 = onset + 0.375 s — the arrival the method defines.
      const slope = 12;
      const intensity = t.map((x) => 20 + (x > onset ? slope * (x - onset) : 0) + 1.5 * rng.normal());
      const a = detectArrival({ t, intensity }, { baselineSeconds: 5, refine: 'none' });
      expect(a.detected).toBe(true);
      expect(a.method).toBe('threshold');
      expect(a.arrivalTime).toBe(a.crossingTime);
      expect(Math.abs(a.arrivalTime! - (onset + 4.5 / slope))).toBeLessThanOrEqual(0.5);
      expect(a.arrivalTime!).toBeGreaterThan(onset - 0.5);
      expect(a.injectionTimeEstimate).toBeCloseTo(a.arrivalTime! - TYPICAL_ARM_TO_LIVER_DELAY, 12);
    }
  });

  it('on a noisy lognormal bolus: crossing within ±0.5 s of the noiseless one, refined arrival within ±0.5 s of t0', () => {
    const rng = createRng('arrival-lognormal');
    const t = times(90);
    for (let rep = 0; rep < 10; rep++) {
      const p = { A: 400 + 400 * rng.next(), t0: 6 + 15 * rng.next(), mu: Math.log(6 + 6 * rng.next()), sigma: 0.35 + 0.3 * rng.next(), baseline: 15 };
      const sd = 1;
      const intensity = t.map((x) => lognormalCurve(p, x) + sd * rng.normal());
      const a = detectArrival({ t, intensity }, { baselineSeconds: 5, k: 3, sustainSeconds: 1 });
      // The method estimates where the enhancement first exceeds ≈ 3 noise SDs; locate that on the
      // noiseless curve by bisection on [t0, t0 + peak time].
      let lo = p.t0;
      let hi = p.t0 + Math.exp(p.mu - p.sigma ** 2);
      for (let k = 0; k < 60; k++) {
        const mid = (lo + hi) / 2;
        if (lognormalCurve(p, mid) - p.baseline < 3 * sd) lo = mid;
        else hi = mid;
      }
      expect(a.detected).toBe(true);
      expect(Math.abs(a.crossingTime! - lo), `rep ${rep}`).toBeLessThanOrEqual(0.5);
      expect(a.method).toBe('lognormal-onset');
      expect(a.fitR2).toBeGreaterThan(0.9);
      expect(Math.abs(a.arrivalTime! - p.t0), `rep ${rep}: ${a.arrivalTime} vs t0 ${p.t0}`).toBeLessThanOrEqual(0.5);
      expect(a.basis).toMatch(/lognormal bolus/);
      expect(a.arrivalIndex).toBeGreaterThan(0);
    }
  });

  it('reports the basis, the delay used and a custom delay', () => {
    const t = times(40);
    const intensity = t.map((x) => (x < 20 ? 10 + 0.1 * Math.sin(x * 7) : 10 + 5 * (x - 20)));
    const a = detectArrival({ t, intensity }, { armToLiverDelay: 12, refine: 'none' });
    expect(a.armToLiverDelay).toBe(12);
    expect(a.injectionTimeEstimate).toBeCloseTo(a.arrivalTime! - 12, 12);
    expect(a.basis).toMatch(/given 12 s/);
    const d = detectArrival({ t, intensity }, { refine: 'none' });
    expect(d.basis).toMatch(/EFSUMB/);
    expect(d.warnings).toEqual([]);
  });

  it('warns when the injection estimate precedes the clip or the rise starts right after the baseline', () => {
    const t = times(40);
    const early = detectArrival({ t, intensity: t.map((x) => (x <= 5 ? 10 + 0.1 * Math.cos(9 * x) : 30)) }, { refine: 'none' });
    expect(early.detected).toBe(true);
    expect(early.warnings.length).toBe(2);
  });

  it('falls back to the threshold crossing when the fit is not good enough, and says so', () => {
    const t = times(60);
    const p = { A: 500, t0: 12, mu: Math.log(6), sigma: 0.5, baseline: 10 };
    const rng = createRng('fallback');
    const intensity = t.map((x) => lognormalCurve(p, x) + rng.normal());
    const a = detectArrival({ t, intensity }, { minR2: 1 });
    expect(a.method).toBe('threshold');
    expect(a.arrivalTime).toBe(a.crossingTime);
    expect(a.fitR2).toBeLessThan(1);
    expect(a.warnings.join(' ')).toMatch(/was not used/);
  });

  it('returns detected: false on a curve with no sustained rise', () => {
    const rng = createRng(3);
    const t = times(30);
    const a = detectArrival({ t, intensity: t.map(() => 50 + rng.normal()) });
    expect(a.detected).toBe(false);
    expect(a.arrivalTime).toBeNull();
    expect(a.basis).toMatch(/not detected/);
  });

  it('requires the rise to be sustained: a 0.5 s spike is ignored', () => {
    const t = times(40);
    const intensity = t.map((x) => (x >= 10 && x < 10.5 ? 90 : x >= 25 ? 60 : 10 + 0.2 * Math.sin(11 * x)));
    const a = detectArrival({ t, intensity }, { sustainSeconds: 1, refine: 'none' });
    expect(a.arrivalTime).toBeGreaterThan(24.5);
    expect(a.arrivalTime).toBeLessThanOrEqual(25);
  });

  it('rejects bad input with SonoriskError codes', async () => {
    const t = times(10);
    const intensity = t.map(() => 1);
    const cases: [() => unknown, string][] = [
      [() => detectArrival({ t, intensity }, { baselineSeconds: 0.1 }), 'TOO_FEW_OBSERVATIONS'],
      [() => detectArrival({ t, intensity }, { k: -1 }), 'INVALID_ARGUMENT'],
      [() => detectArrival({ t, intensity }, { refine: 'spline' as never }), 'INVALID_ARGUMENT'],
      [() => detectArrival({ t, intensity }, { minR2: 2 }), 'INVALID_ARGUMENT'],
      [() => detectArrival({ t, intensity }, { baselineSeconds: Number.NaN }), 'INVALID_ARGUMENT'],
      [() => detectArrival({ t, intensity }, null as never), 'INVALID_ARGUMENT'],
      [() => detectArrival({ t: [0, 1], intensity: [1] }), 'LENGTH_MISMATCH'],
      [() => detectArrival({ t: [0, 1, 2, 3], intensity: [1, Number.POSITIVE_INFINITY, 1, 1] }), 'NON_FINITE'],
    ];
    await expectCodes(cases);
  });
});
