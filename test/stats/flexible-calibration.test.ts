// flexibleCalibration vs pmcalibration's lowess method coded in R, and calibration()'s Hosmer–Lemeshow
// over the groups actually formed (fixtures: scripts/fixtures/stats-comparison.R).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibration, flexibleCalibration } from '../../src/stats/index.js';
import { expectCodes } from '../helpers/expect-code.js';
import { expectAllClose, expectClose, nums } from './fixture-helpers.js';

const load = (f: string) => JSON.parse(readFileSync(`test/fixtures/stats-validation/${f}`, 'utf8'));
const keys = ['ici', 'e50', 'e90', 'emax', 'eci'] as const;
const rNames = ['Eavg', 'E50', 'E90', 'Emax', 'ECI'];

describe('flexibleCalibration vs pmcalibration(smooth = "lowess") coded in R', () => {
  const f = load('flexible-calibration.json');
  f.sets.forEach((s: Record<string, unknown> & { logit: boolean }, k: number) => {
    it(`set ${k + 1} (logit ${s.logit}): metrics and curve exactly, bootstrap CIs within Monte-Carlo error`, () => {
      const y = s.y as number[];
      const p = nums(s.p as number[]);
      const r = flexibleCalibration(y, p, { logit: s.logit, replicates: 500, seed: 3 });
      for (const [j, key] of keys.entries()) {
        expectClose(r.metrics[key], (s.metrics as Record<string, number>)[rNames[j]!]!, 1e-10, key, 1e-3);
      }
      expectAllClose(r.curve.predicted, nums(s.predicted as number[]), 1e-12, 'grid');
      expectAllClose(r.curve.observed, nums(s.curve as number[]), 1e-10, 'curve', 1e-3);
      // R's ciMean/ciSd: 2 × 8 column-major (rows lower/upper; columns 5 metrics, curve points 1, 50, 100)
      const mean = nums(s.ciMean as number[]);
      const sd = nums(s.ciSd as number[]);
      const ours = [...keys.map((key) => r.ci![key]), ...[0, 49, 99].map((i) => [r.curve.lower![i]!, r.curve.upper![i]!])];
      ours.forEach(([lo, hi], c) => {
        for (const [row, v] of [lo, hi].entries()) {
          const m = mean[c * 2 + row]!;
          // one seed vs the mean of 6: SE ≈ sd·√(1 + 1/6); 4 of them
          const tol = 4 * sd[c * 2 + row]! * Math.sqrt(1 + 1 / 6) + 1e-9;
          expect(Math.abs(v! - m), `column ${c} ${row ? 'upper' : 'lower'}: ${v} vs R ${m}`).toBeLessThanOrEqual(tol);
        }
      });
    });
  });

  it('deterministic per seed; degenerate predictions say why', async () => {
    const s = f.sets[0];
    const a = flexibleCalibration(s.y, nums(s.p), { replicates: 30, seed: 9 });
    expect(flexibleCalibration(s.y, nums(s.p), { replicates: 30, seed: 9 })).toEqual(a);
    expect(flexibleCalibration(s.y, nums(s.p), { replicates: 0 }).ci).toBeUndefined();
    const withZero = nums(s.p);
    withZero[0] = 0;
    expect(() => flexibleCalibration(s.y, withZero)).toThrow(/exactly 0 or 1 has no logit/);
    expect(flexibleCalibration(s.y, withZero, { logit: false, replicates: 0 }).metrics.ici).toBeGreaterThan(0);
    await expectCodes([
      [() => flexibleCalibration(s.y, withZero), 'PROBABILITY_OUT_OF_RANGE'],
      [() => flexibleCalibration([0, 1, 1], [0.2, 0.5, 1.5], { logit: false }), 'PROBABILITY_OUT_OF_RANGE'],
      [() => flexibleCalibration([0, 1], [0.2, 0.5]), 'TOO_FEW_OBSERVATIONS'],
      [() => flexibleCalibration([0, 1, 1], [0.2, 0.5, 0.6], { smooth: 'loess' } as never), 'INVALID_ARGUMENT'],
      [() => flexibleCalibration([0, 1, 1], [0.2, 0.5, 0.6], { points: 1 }), 'INVALID_ARGUMENT'],
      [() => flexibleCalibration([1, 1, 1], [0.2, 0.5, 0.6]), 'SINGLE_CLASS'],
    ]);
  });
});

describe('calibration(): Hosmer–Lemeshow df from the groups actually formed', () => {
  for (const s of load('hosmer-lemeshow.json').sets) {
    it(s.name, () => {
      const r = calibration(s.y, nums(s.p), { bins: s.bins });
      const [stat, df, p, groups] = nums(s.hl);
      expect(r.hosmerLemeshow.groups).toBe(groups);
      expect(r.hosmerLemeshow.df).toBe(df);
      expectClose(r.hosmerLemeshow.statistic, stat!, 1e-10, 'statistic');
      expectClose(r.hosmerLemeshow.p, p!, 1e-8, 'p', 1e-12);
    });
  }
  it('fewer than 3 groups: not reported, and the warning says why', () => {
    const r = calibration([0, 1, 0, 1, 1, 0], [0.2, 0.2, 0.2, 0.7, 0.7, 0.7]);
    expect(r.hosmerLemeshow.statistic).toBeNaN();
    expect(r.warnings.join(' ')).toMatch(/only 2 could be formed/);
  });
});

describe('work limits', () => {
  it('refuses bootstraps that would not finish in reasonable time, naming the largest allowed', () => {
    const n = 100_000;
    const y = Array.from({ length: n }, (_, i) => i % 2);
    const p = Array.from({ length: n }, (_, i) => 0.2 + 0.6 * ((i * 7919) % n) / n);
    expect(() => flexibleCalibration(y, p, { replicates: 1000 })).toThrow(/at most 200 replicates/);
  });
});
