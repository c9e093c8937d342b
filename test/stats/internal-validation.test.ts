// internalValidation vs rms::validate / rms::calibrate (fixture: scripts/fixtures/stats-validation.R).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { internalValidation, logisticRegression } from '../../src/stats/index.js';
import { expectCodes } from '../helpers/expect-code.js';
import { expectAllClose, expectClose, type FixNum, nums } from './fixture-helpers.js';

type Row = Record<string, number>;
const fx = JSON.parse(readFileSync('test/fixtures/stats-validation/validate.json', 'utf8'));
const names = ['x1', 'x2', 'x3', 'x4', 'x5'];
const y: number[] = fx.data.y;
const rows: Row[] = y.map((v, i) => Object.fromEntries([['y', v], ...names.map((k) => [k, fx.data[k][i] as number])]));

/** Maximum-likelihood logistic model on the given predictors; predictor returns log-odds. */
function glmOn(train: Row[], predictors: string[]) {
  const fit = logisticRegression(train, 'y', { predictors, profile: false });
  const b = fit.terms.map((t) => t.estimate);
  return {
    fit,
    predict: (rs: Row[]) => rs.map((r) => predictors.reduce((s, k, j) => s + b[j + 1]! * r[k]!, b[0]!)),
  };
}
const full = (train: Row[]) => glmOn(train, names).predict;
/** Backward elimination on Wald P > 0.1 with refits (the procedure coded in the R fixture). */
function backward(train: Row[]) {
  let keep = names.slice();
  for (;;) {
    if (keep.length === 0) {
      const prev = train.reduce((s, r) => s + r.y!, 0) / train.length;
      return (rs: Row[]) => rs.map(() => Math.log(prev / (1 - prev)));
    }
    const { fit, predict } = glmOn(train, keep);
    const ps = fit.terms.slice(1).map((t) => t.p);
    const worst = ps.indexOf(Math.max(...ps));
    if (ps[worst]! <= 0.1) return predict;
    keep = keep.filter((_, j) => j !== worst);
  }
}
const chunks = (flat: number[], n: number) => Array.from({ length: flat.length / n }, (_, b) => flat.slice(b * n, (b + 1) * n));
const keys = { Dxy: 'dxy', Intercept: 'intercept', Slope: 'slope', Emax: 'emax', B: 'brier' } as const;

describe('internalValidation vs rms::validate / rms::calibrate on R’s own bootstrap samples', () => {
  for (const e of fx.exact) {
    it(`seed ${e.seed}, B = ${e.B}: every cell of validate() and calibrate()`, () => {
      const v = internalValidation(rows, y, full, { scale: 'logit', resamples: chunks(e.indices, y.length) });
      expect(v.replicates).toBe(e.B);
      for (const [rName, key] of Object.entries(keys)) {
        const [orig, training, test, optimism, corrected, n] = nums(e.validate[rName] as FixNum[]);
        const got = v[key];
        // training/apparent intercept and slope are 0/1 by definition in rms; here they come from a refit (≈1e-10)
        expectClose(got.apparent, orig!, 1e-8, `${rName} apparent`);
        expectClose(got.training, training!, 1e-8, `${rName} training`);
        expectClose(got.test, test!, 1e-8, `${rName} test`);
        expectClose(got.optimism, optimism!, 1e-8, `${rName} optimism`);
        expectClose(got.corrected, corrected!, 1e-8, `${rName} corrected`);
        expect(got.n, `${rName} n`).toBe(n);
      }
      expectClose(v.c.corrected, (v.dxy.corrected + 1) / 2, 1e-15, 'C = (Dxy + 1)/2');
      const c = v.calibrationCurve!;
      // calibrate() smooths lrm's own fitted probabilities (converged to lrm's default tolerance, ~1e-8 here)
      expectAllClose(c.predicted, nums(e.calibrate.predy), 1e-7, 'predy');
      expectAllClose(c.apparent, nums(e.calibrate.calibratedOrig), 1e-6, 'calibrated.orig');
      expectAllClose(c.corrected, nums(e.calibrate.calibratedCorrected), 1e-6, 'calibrated.corrected');
      expectAllClose(c.optimism, nums(e.calibrate.optimism), 1e-6, 'optimism');
      expect(Array.from(c.n)).toEqual(nums(e.calibrate.n));
    });
  }

  it('a procedure with variable selection is rerun in every replicate (backward elimination coded in R)', () => {
    const s = fx.selection;
    const v = internalValidation(rows, y, backward, { scale: 'logit', resamples: chunks(s.indices, y.length), calibrationCurve: false });
    for (const k of ['Dxy', 'Intercept', 'Slope', 'B'] as const) {
      expectClose(v[keys[k]].apparent, s.orig[k], 1e-8, `${k} apparent`);
      expectClose(v[keys[k]].optimism, s.optimism[k], 1e-8, `${k} optimism`);
      expectClose(v[keys[k]].corrected, s.corrected[k], 1e-8, `${k} corrected`);
    }
    expect(v.calibrationCurve).toBeUndefined();
  });
});

describe('internalValidation with its own random numbers agrees with rms within Monte-Carlo error', () => {
  it('mean corrected indexes over 4 seeds × 200 replicates vs rms over 10 seeds', () => {
    const seeds = [1, 2, 3, 4];
    const runs = seeds.map((seed) => internalValidation(rows, y, full, { scale: 'logit', replicates: 200, seed, calibrationCurve: false }));
    for (const [rName, key] of Object.entries(keys)) {
      const mean = runs.reduce((s, r) => s + r[key].corrected, 0) / runs.length;
      const sd = fx.montecarlo.sd[rName] as number;
      // SE of the difference of a 4-seed mean and a 10-seed mean ≈ sd·√(1/4 + 1/10); allow 4 of them
      const tol = 4 * sd * Math.sqrt(1 / 4 + 1 / 10);
      expect(Math.abs(mean - fx.montecarlo.mean[rName]), `${rName}: ${mean} vs rms ${fx.montecarlo.mean[rName]} (tol ${tol})`).toBeLessThanOrEqual(tol);
    }
  });

  it('is deterministic per seed and accepts probabilities', () => {
    const probs = (train: Row[]) => {
      const f = full(train);
      return (rs: Row[]) => f(rs).map((v) => 1 / (1 + Math.exp(-v)));
    };
    const a = internalValidation(rows, y, probs, { replicates: 20, seed: 'abc' });
    const b = internalValidation(rows, y, probs, { replicates: 20, seed: 'abc' });
    expect(a).toEqual(b);
    const l = internalValidation(rows, y, full, { scale: 'logit', replicates: 20, seed: 'abc' });
    expectClose(a.slope.corrected, l.slope.corrected, 1e-9, 'probability vs logit scale');
  });
});

describe('internalValidation bad input', () => {
  it('throws SonoriskError with codes', async () => {
    const predictNaN = () => (rs: Row[]) => rs.map(() => Number.NaN);
    const predictOne = () => (rs: Row[]) => rs.map(() => 1);
    await expectCodes([
      [() => internalValidation(rows, y, full, { replicate: 10 } as never), 'INVALID_ARGUMENT'],
      [() => internalValidation(rows, y.slice(1), full), 'LENGTH_MISMATCH'],
      [() => internalValidation(rows, y.map(() => 0), full), 'SINGLE_CLASS'],
      [() => internalValidation(rows, y, 'glm' as never), 'INVALID_ARGUMENT'],
      [() => internalValidation(rows, y, predictNaN, { scale: 'logit' }), 'NON_FINITE'],
      [() => internalValidation(rows, y, predictOne), 'PROBABILITY_OUT_OF_RANGE'],
      [() => internalValidation(rows, y, full, { scale: 'odds' as never }), 'INVALID_ARGUMENT'],
      [() => internalValidation(rows, y, full, { replicates: 0 }), 'INVALID_ARGUMENT'],
      [() => internalValidation(rows, y, full, { resamples: [[1, 2]] }), 'LENGTH_MISMATCH'],
      [() => internalValidation(rows.slice(0, 8), y.slice(0, 8), full), 'TOO_FEW_OBSERVATIONS'],
      [() => internalValidation(new Array(100_000).fill(rows[0]), Array.from({ length: 100_000 }, (_, i) => i % 2), full, { replicates: 201 }), 'LIMIT_EXCEEDED'],
    ]);
  });

  it('skips replicates whose procedure throws and says why', () => {
    let calls = 0;
    const flaky = (train: Row[]) => {
      calls++;
      if (calls % 3 === 0) throw new Error('did not converge');
      return full(train);
    };
    const v = internalValidation(rows, y, flaky, { scale: 'logit', replicates: 9, calibrationCurve: false });
    expect(v.failed).toBe(3);
    expect(v.replicates).toBe(6);
    expect(v.warnings[0]).toMatch(/did not converge/);
  });
});
