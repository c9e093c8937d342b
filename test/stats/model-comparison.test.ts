// delongTestMulti, nriIdi and netBenefitDifference vs R (fixtures: scripts/fixtures/stats-comparison.R).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { delongTest, delongTestMulti, netBenefitDifference, nriIdi } from '../../src/stats/index.js';
import { expectCodes } from '../helpers/expect-code.js';
import { expectAllClose, expectClose, nums, num } from './fixture-helpers.js';

const load = (f: string) => JSON.parse(readFileSync(`test/fixtures/stats-validation/${f}`, 'utf8'));

describe('delongTestMulti vs the DeLong (1988) contrast χ² coded in R on pROC placement values', () => {
  for (const s of load('delong-k.json').sets) {
    it(s.name, () => {
      const r = delongTestMulti(s.y, s.scores.map(nums), { direction: s.direction, ...(s.name === 'each-vs-first' ? { contrast: s.contrast } : {}) });
      expectAllClose(r.aucs, nums(s.aucs), 1e-12, 'aucs');
      expectAllClose(r.covariance, nums(s.covariance), 1e-10, 'covariance', 1e-6);
      expect(r.df).toBe(s.df);
      expectClose(r.statistic, num(s.statistic), 1e-9, 'statistic');
      expectClose(r.p, num(s.p), 1e-8, 'p', 1e-12);
      if (s.rocTestZ2 !== undefined) expectClose(r.statistic, num(s.rocTestZ2), 1e-9, 'Z² of roc.test');
    });
  }
  it('k = 2 equals delongTest’s Z², and names come from an object', () => {
    const s = load('delong-k.json').sets.find((x: { name: string }) => x.name === 'k2-equals-roc.test');
    const [a, b] = s.scores.map(nums);
    const r = delongTestMulti(s.y, { us: a, ceus: b });
    expect(r.names).toEqual(['us', 'ceus']);
    expectClose(r.statistic, delongTest(s.y, a, b).statistic ** 2, 1e-12, 'Z²');
  });
  it('bad input', async () => {
    const y = [0, 1, 0, 1, 0, 1];
    const a = [1, 2, 3, 4, 5, 6];
    await expectCodes([
      [() => delongTestMulti(y, [a]), 'INVALID_ARGUMENT'],
      [() => delongTestMulti(y, [a, a], { contrast: [[1, -1, 0]] }), 'INVALID_ARGUMENT'],
      [() => delongTestMulti(y, [a, a], { method: 'bootstrap' } as never), 'INVALID_ARGUMENT'],
      [() => delongTestMulti(y, [a, a.slice(1)]), 'LENGTH_MISMATCH'],
      [() => delongTestMulti([0, 1, 1, 1], [a.slice(0, 4), a.slice(0, 4)]), 'TOO_FEW_OBSERVATIONS'],
      [() => delongTestMulti(y, [a, [1, 2, 3, Number.NaN, 5, 6]]), 'NON_FINITE'],
    ]);
  });
});

describe('nriIdi vs Hmisc::improveProb', () => {
  for (const s of load('nri-idi.json').sets) {
    it(s.name, () => {
      const r = nriIdi(s.y, nums(s.p1), nums(s.p2), { cutoffs: nums(s.cutoffs) });
      const check = (got: ReturnType<typeof nriIdi>['continuous'], ref: Record<string, number>, what: string) => {
        expectClose(got.overall.estimate, num(ref.nri!), 1e-12, `${what} nri`);
        expectClose(got.overall.se, num(ref['se.nri']!), 1e-12, `${what} se.nri`);
        expectClose(got.overall.z, num(ref['z.nri']!), 1e-10, `${what} z.nri`);
        expectClose(got.events.estimate, num(ref['nri.ev']!), 1e-12, `${what} nri.ev`);
        expectClose(got.events.se, num(ref['se.nri.ev']!), 1e-12, `${what} se.nri.ev`);
        expectClose(got.nonEvents.estimate, num(ref['nri.ne']!), 1e-12, `${what} nri.ne`);
        expectClose(got.nonEvents.se, num(ref['se.nri.ne']!), 1e-12, `${what} se.nri.ne`);
        expectClose(got.upEvents / r.events, num(ref['pup.ev']!), 1e-12, `${what} pup.ev`);
        expectClose(got.downNonEvents / r.nonEvents, num(ref['pdown.ne']!), 1e-12, `${what} pdown.ne`);
      };
      check(r.continuous, s.continuous, 'continuous');
      check(r.categorical!, s.categorical, 'categorical');
      expectClose(r.idi.estimate, num(s.idi), 1e-12, 'idi');
      expectClose(r.idi.se, num(s['se.idi']), 1e-12, 'se.idi');
      expectClose(r.idi.z, num(s['z.idi']), 1e-10, 'z.idi');
      expectClose(r.improveSens, num(s.improveSens), 1e-12, 'improveSens');
      expectClose(r.improveSpec, num(s.improveSpec), 1e-12, 'improveSpec');
      expectClose(r.idi.p, 2 * (1 - 0.5 * (1 + erf(Math.abs(r.idi.z) / Math.SQRT2))), 1e-6, 'P two-sided');
    });
  }
  it('without cutoffs only the continuous NRI; bad input', async () => {
    const y = [0, 1, 0, 1];
    expect(nriIdi(y, [0.1, 0.2, 0.3, 0.4], [0.2, 0.3, 0.2, 0.5]).categorical).toBeUndefined();
    await expectCodes([
      [() => nriIdi(y, [0.1, 0.2, 0.3, 1.4], [0.2, 0.3, 0.2, 0.5]), 'PROBABILITY_OUT_OF_RANGE'],
      [() => nriIdi(y, [0.1, 0.2, 0.3], [0.2, 0.3, 0.2, 0.5]), 'LENGTH_MISMATCH'],
      [() => nriIdi(y, [0.1, 0.2, 0.3, 0.4], [0.2, 0.3, 0.2, 0.5], { cutoffs: [0.5, 0.2] }), 'INVALID_ARGUMENT'],
      [() => nriIdi(y, [0.1, 0.2, 0.3, 0.4], [0.2, 0.3, 0.2, 0.5], { cutoff: [0.5] } as never), 'INVALID_ARGUMENT'],
      [() => nriIdi([1, 1, 1, 1], [0.1, 0.2, 0.3, 0.4], [0.2, 0.3, 0.2, 0.5]), 'SINGLE_CLASS'],
    ]);
  });
});

/** Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7): an independent check of the two-sided P. */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * x);
  return 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
}

describe('netBenefitDifference vs dcurves’ net benefit coded in R', () => {
  const f = load('nb-difference.json');
  it('point estimates exactly; paired bootstrap intervals within Monte-Carlo error of R over 6 seeds', () => {
    const runs = [1, 2].map((seed) => netBenefitDifference(f.y, nums(f.pa), nums(f.pb), { thresholds: nums(f.thresholds), replicates: 2000, seed }));
    const r = runs[0]!;
    expectAllClose(r.netBenefitA, nums(f.netBenefitA), 1e-12, 'NB A', 1e-3);
    expectAllClose(r.netBenefitB, nums(f.netBenefitB), 1e-12, 'NB B', 1e-3);
    expectAllClose(r.difference, nums(f.difference), 1e-12, 'difference', 1e-3);
    expect(r.replicates).toBe(2000);
    for (const [key, mean, sd] of [
      ['lower', f.lowerMean, f.lowerSd],
      ['upper', f.upperMean, f.upperSd],
      ['p', f.pMean, f.pSd],
    ] as const) {
      const m = nums(mean);
      const s = nums(sd);
      for (let j = 0; j < m.length; j++) {
        const ours = (runs[0]![key][j]! + runs[1]![key][j]!) / 2;
        // a 2-seed mean vs a 6-seed mean: SE ≈ sd·√(1/2 + 1/6); 4 SEs, plus a floor for quantiles of discrete values
        const tol = 4 * s[j]! * Math.sqrt(1 / 2 + 1 / 6) + 1e-3;
        expect(Math.abs(ours - m[j]!), `${key}[${j}]: ${ours} vs ${m[j]}`).toBeLessThanOrEqual(tol);
      }
    }
    expect(netBenefitDifference(f.y, nums(f.pa), nums(f.pb), { thresholds: nums(f.thresholds), replicates: 50, seed: 'x' })).toEqual(
      netBenefitDifference(f.y, nums(f.pa), nums(f.pb), { thresholds: nums(f.thresholds), replicates: 50, seed: 'x' }),
    );
  });
  it('replicates: 0 gives no intervals; bad input', async () => {
    const r = netBenefitDifference([0, 1, 0, 1], [0.1, 0.8, 0.3, 0.6], [0.2, 0.5, 0.4, 0.4], { thresholds: [0.2], replicates: 0 });
    expect(r.lower[0]).toBeNaN();
    await expectCodes([
      [() => netBenefitDifference([0, 1], [0.1, 0.8], [0.2, 0.5], { bootstrap: { n: 10 } } as never), 'INVALID_ARGUMENT'],
      [() => netBenefitDifference([0, 1], [0.1, 1.8], [0.2, 0.5]), 'PROBABILITY_OUT_OF_RANGE'],
      [() => netBenefitDifference([0, 1], [0.1, 0.8], [0.2]), 'LENGTH_MISMATCH'],
      [() => netBenefitDifference([0, 1], [0.1, 0.8], [0.2, 0.5], { thresholds: [1] }), 'INVALID_ARGUMENT'],
      [() => netBenefitDifference([0, 1], [0.1, 0.8], [0.2, 0.5], { replicates: 1e6 }), 'LIMIT_EXCEEDED'],
    ]);
  });
});
