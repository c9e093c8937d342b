/** predictLogistic / vcov / fitted, Wilson PPV-NPV intervals and standardised differences against R (scripts/fixtures/report-study.R). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logisticRegression, predictLogistic, standardizedCategoricalDifference, standardizedMeanDifference, thresholdMetrics, wilsonInterval } from '../../src/stats/index.js';
const code = (c: string) => expect.objectContaining({ code: c });

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/report-study/${name}`, import.meta.url), 'utf8'));

describe('logistic predict, fitted and vcov (R predict.glm, fitted, vcov)', () => {
  const f = fixture('logistic-predict.json');
  const fit = logisticRegression(f.train, 'y', { predictors: ['age', 'logsize', 'sex', 'segment'], categorical: { segment: { levels: ['S1', 'S2', 'S10'] } }, profile: false });
  it('coefficients in the same order as R', () => {
    expect(fit.terms.map((t) => t.term)).toEqual(f.terms);
    fit.terms.forEach((t, j) => {
      expect(t.estimate).toBeCloseTo(f.coef[j], 9);
    });
  });
  it('vcov', () => {
    for (const [a, row] of fit.vcov.entries()) for (const [b, v] of row.entries()) expect(v).toBeCloseTo(f.vcov[a][b], 9);
  });
  it('fitted values and linear predictor', () => {
    expect(fit.rows).toEqual(f.train.map((_: unknown, i: number) => i));
    fit.fitted.forEach((v, i) => {
      expect(v).toBeCloseTo(f.fitted[i], 10);
    });
    fit.linearPredictor.forEach((v, i) => {
      expect(v).toBeCloseTo(f.linear[i], 9);
    });
  });
  it('predict on new data with the same coding', () => {
    predictLogistic(fit, f.test, { type: 'link' }).forEach((v, i) => {
      expect(v).toBeCloseTo(f.predictLink[i], 9);
    });
    predictLogistic(fit, f.test).forEach((v, i) => {
      expect(v).toBeCloseTo(f.predictResponse[i], 10);
    });
  });
  it('missing predictor gives NaN; unseen level and bad input throw', () => {
    expect(Number.isNaN(predictLogistic(fit, [{ ...f.test[0], age: null }])[0]!)).toBe(true);
    expect(() => predictLogistic(fit, [{ ...f.test[0], segment: 'S4' }])).toThrow(code('INVALID_ARGUMENT'));
    expect(() => predictLogistic(fit, [{ ...f.test[0], age: 'old' }])).toThrow(code('INVALID_ARGUMENT'));
    expect(() => predictLogistic(null as never, [])).toThrow(code('INVALID_ARGUMENT'));
    expect(() => predictLogistic(fit, [{ ...f.test[0] }], { type: 'odds' as never })).toThrow(code('INVALID_ARGUMENT'));
  });
});

describe('PPV/NPV intervals (R prop.test(correct = FALSE))', () => {
  it('wilsonInterval equals prop.test', () => {
    for (const c of fixture('proportion-ci.json')) {
      const w = wilsonInterval(c.x, c.n);
      expect(w.lower).toBeCloseTo(c.wilson[0], 10);
      expect(w.upper).toBeCloseTo(c.wilson[1], 10);
    }
  });
  it('thresholdMetrics ppv/npv use it', () => {
    const m = thresholdMetrics([1, 1, 1, 0, 0, 0, 0], [0.9, 0.8, 0.2, 0.7, 0.1, 0.2, 0.3], 0.5);
    expect(m.ppv).toEqual(wilsonInterval(2, 3));
    expect(m.npv).toEqual(wilsonInterval(3, 4));
  });
});

describe('standardised differences (tableone formulas in R)', () => {
  const f = fixture('smd.json');
  it('continuous', () => expect(standardizedMeanDifference(f.continuous.a, f.continuous.b)).toBeCloseTo(f.continuous.smd, 12));
  it('categorical and binary', () => {
    expect(standardizedCategoricalDifference(f.categorical.a, f.categorical.b, f.categorical.levels)).toBeCloseTo(f.categorical.smd, 12);
    expect(standardizedCategoricalDifference(f.binary.a, f.binary.b, f.binary.levels)).toBeCloseTo(f.binary.smd, 12);
  });
  it('too few values', () => expect(() => standardizedMeanDifference([1], [1, 2])).toThrow(code('TOO_FEW_OBSERVATIONS')));
});
