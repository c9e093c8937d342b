// Runs the examples of docs/statistics.md's sections on flexible calibration, internal validation and
// model comparison (keeps the guide runnable); the numbers themselves are verified against R elsewhere.
import { describe, expect, it } from 'vitest';
import { createRng, delongTest, delongTestMulti, flexibleCalibration, internalValidation, logisticRegression, netBenefitDifference, nriIdi } from '../../src/stats/index.js';

describe('docs/statistics.md examples', () => {
  it('flexible calibration', () => {
    const labels = [0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1];
    const probs = [0.1, 0.2, 0.7, 0.3, 0.6, 0.8, 0.25, 0.55, 0.15, 0.4, 0.9, 0.35];
    const f = flexibleCalibration(labels, probs, { replicates: 200, seed: 1 });
    expect(f.metrics.ici).toBeLessThanOrEqual(f.metrics.emax);
    expect(f.ci!.ici[0]).toBeLessThanOrEqual(f.ci!.ici[1]);
    expect(f.curve.predicted.length).toBe(100);
  });

  it('internal validation', () => {
    const rng = createRng(7);
    const rows = Array.from({ length: 150 }, () => {
      const r = { age: rng.normal(), size: rng.normal(), afp: rng.normal(), y: 0 };
      r.y = rng.next() < 1 / (1 + Math.exp(-(-0.5 + 0.9 * r.age + 0.6 * r.size))) ? 1 : 0;
      return r;
    });
    const procedure = (train: typeof rows) => {
      const predictors = ['age', 'size', 'afp'] as const;
      const b = logisticRegression(train, 'y', { predictors: [...predictors], profile: false }).terms.map((t) => t.estimate);
      return (rs: typeof rows) => rs.map((r) => predictors.reduce((s, k, j) => s + b[j + 1]! * r[k], b[0]!));
    };
    const v = internalValidation(
      rows,
      rows.map((r) => r.y),
      procedure,
      { scale: 'logit', replicates: 200, seed: 1 },
    );
    expect(v.replicates).toBe(200);
    expect(v.c.corrected).toBeCloseTo(v.c.apparent - v.c.optimism, 14);
    expect(v.c.optimism).toBeGreaterThan(0); // a model is optimistic on its own data
    expect(v.slope.corrected).toBeLessThan(1);
    expect(v.calibrationCurve!.predicted.length).toBe(50);
  });

  it('model comparison', () => {
    const labels = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
    const us = [0.1, 0.3, 0.2, 0.6, 0.4, 0.7, 0.5, 0.9, 0.8, 0.65];
    const ceus = [0.2, 0.5, 0.1, 0.3, 0.7, 0.6, 0.4, 0.8, 0.9, 0.35];
    const both = [0.15, 0.35, 0.1, 0.4, 0.5, 0.75, 0.45, 0.95, 0.85, 0.6];
    const t = delongTestMulti(labels, { us, ceus, both });
    expect(t.df).toBe(2);
    expect(t.p).toBeGreaterThan(0);
    const each = delongTestMulti(labels, [us, ceus, both], { contrast: [[1, -1, 0], [1, 0, -1]] });
    expect(each.statistic).toBeCloseTo(t.statistic, 10); // same hypothesis, another basis
    expect(delongTestMulti(labels, [us, ceus]).statistic).toBeCloseTo(delongTest(labels, us, ceus).statistic ** 2, 12);
    const r = nriIdi(labels, us, both, { cutoffs: [0.3, 0.6] });
    expect(r.categorical).toBeDefined();
    expect(r.idi.estimate).toBeCloseTo(r.improveSens + r.improveSpec, 14);
    const d = netBenefitDifference(labels, both, us, { thresholds: [0.2, 0.4], replicates: 500, seed: 1 });
    expect(d.difference.length).toBe(2);
    expect(d.lower[0]!).toBeLessThanOrEqual(d.upper[0]!);
  });
});
