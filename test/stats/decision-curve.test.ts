// Decision curves vs the dcurves formulas computed directly in R (dcurves is not packaged for Debian) —
// fixture: test/fixtures/stats-roc/dca.json, written by scripts/fixtures/stats-roc.R.
import { describe, expect, it } from 'vitest';
import { decisionCurve } from '../../src/stats/index.js';
import fixture from '../fixtures/stats-roc/dca.json' with { type: 'json' };
import { expectAllClose, type FixNum, nums } from './fixture-helpers.js';
import { sonoriskError as code } from '../helpers/expect-code.js';

interface Series {
  netBenefit: FixNum[];
  standardizedNetBenefit: FixNum[];
  truePositiveRate: FixNum[];
  falsePositiveRate: FixNum[];
  testPositiveRate: FixNum[];
  netInterventionsAvoided: FixNum[];
}
interface Case {
  name: string;
  labels: number[];
  models: Record<string, FixNum[]>;
  thresholds: FixNum[];
  expected: { prevalence: FixNum; treatAll: FixNum[]; treatAllStandardized: FixNum[]; models: Record<string, Series> };
}
const cases = fixture.cases as unknown as Case[];
describe('decisionCurve vs dcurves formulas (R)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const models = Object.fromEntries(Object.entries(c.models).map(([k, v]) => [k, nums(v)]));
    const r = decisionCurve(c.labels, models, { thresholds: nums(c.thresholds) });
    expect(r.prevalence).toBeCloseTo(Number(c.expected.prevalence), 15);
    expectAllClose(r.treatAll.netBenefit, nums(c.expected.treatAll), 1e-12, 'treat all');
    expectAllClose(r.treatAll.standardizedNetBenefit, nums(c.expected.treatAllStandardized), 1e-12, 'treat all std');
    expect(Array.from(r.treatNone.netBenefit).every((v) => v === 0)).toBe(true);
    for (const [name, e] of Object.entries(c.expected.models)) {
      const m = r.models[name]!;
      expectAllClose(m.netBenefit, nums(e.netBenefit), 1e-12, `${name} NB`);
      expectAllClose(m.standardizedNetBenefit, nums(e.standardizedNetBenefit), 1e-12, `${name} sNB`);
      expectAllClose(m.truePositiveRate, nums(e.truePositiveRate), 1e-12, `${name} tp`);
      expectAllClose(m.falsePositiveRate, nums(e.falsePositiveRate), 1e-12, `${name} fp`);
      expectAllClose(m.testPositiveRate, nums(e.testPositiveRate), 1e-12, `${name} pos`);
      // at threshold 0 R gives NaN (0/0) or ±Inf (x/0); elsewhere finite
      const nia = nums(e.netInterventionsAvoided);
      nia.forEach((v, j) => {
        const got = m.netInterventionsAvoided[j]!;
        if (!Number.isFinite(v)) expect(got).toBe(Number.isNaN(v) ? Number.NaN : v);
        else expect(Math.abs(got - v)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)));
      });
    }
  });

  it('uses dcurves default thresholds 0, 0.01, …, 0.99 (R seq(0, 0.99, by = 0.01))', () => {
    const c = cases.find((x) => x.thresholds.length === 100)!;
    const r = decisionCurve(c.labels, { model: nums(c.models.model!) });
    expect(Array.from(r.thresholds)).toEqual(nums(c.thresholds));
  });

  it('hand-checked: p = 0 is never treated and p = 1 always is (dcurves ε rule)', () => {
    // at t = 0 the model treats only the p = 1 patient (a case): NB = 1/4; treat-all NB = prevalence 2/4
    const r = decisionCurve([1, 1, 0, 0], { m: [1, 0, 0, 0] }, { thresholds: [0, 0.5] });
    expect(Array.from(r.models.m!.netBenefit)).toEqual([0.25, 0.25]);
    expect(Array.from(r.treatAll.netBenefit)).toEqual([0.5, 0]);
  });

  it('bootstrap intervals are seeded, bracket the estimate and cover treat-all', () => {
    const c = cases[1]!;
    const models = { model: nums(c.models.model!) };
    const opts = { thresholds: [0.1, 0.2, 0.3], bootstrap: { replicates: 300, seed: 5 } };
    const a = decisionCurve(c.labels, models, opts);
    const b = decisionCurve(c.labels, models, opts);
    expect(a.models.model!.ci).toEqual(b.models.model!.ci);
    const ci = a.models.model!.ci!;
    expect(ci.replicates).toBe(300);
    for (let j = 0; j < 3; j++) {
      expect(ci.lower[j]!).toBeLessThanOrEqual(a.models.model!.netBenefit[j]!);
      expect(ci.upper[j]!).toBeGreaterThanOrEqual(a.models.model!.netBenefit[j]!);
      expect(a.treatAll.ci!.lower[j]!).toBeLessThanOrEqual(a.treatAll.netBenefit[j]!);
    }
    const c2 = decisionCurve(c.labels, models, { ...opts, bootstrap: { replicates: 300, seed: 6 } });
    expect(c2.models.model!.ci!.lower).not.toEqual(ci.lower);
  });

  it('rejects bad input', () => {
    const y = [0, 1, 0, 1];
    expect(() => decisionCurve(y, { m: [0.1, 0.2, 0.3] })).toThrow(code('LENGTH_MISMATCH'));
    expect(() => decisionCurve(y, { m: [0.1, 1.2, 0.3, 0.4] })).toThrow(code('PROBABILITY_OUT_OF_RANGE'));
    expect(() => decisionCurve(y, { m: [0.1, -0.2, 0.3, 0.4] })).toThrow(code('PROBABILITY_OUT_OF_RANGE'));
    expect(() => decisionCurve(y, { m: [0.1, Number.NaN, 0.3, 0.4] })).toThrow(code('NON_FINITE'));
    expect(() => decisionCurve([1, 1, 1, 1], { m: [0.1, 0.2, 0.3, 0.4] })).toThrow(code('SINGLE_CLASS'));
    expect(() => decisionCurve([0, 2, 0, 1], { m: [0.1, 0.2, 0.3, 0.4] })).toThrow(code('NON_BINARY_LABELS'));
    expect(() => decisionCurve(y, { m: [0.1, 0.2, 0.3, 0.4] }, { thresholds: [0.5, 1] })).toThrow(code('INVALID_ARGUMENT'));
    expect(() => decisionCurve(y, { m: [0.1, 0.2, 0.3, 0.4] }, { thresholds: [] })).toThrow(code('INVALID_ARGUMENT'));
    expect(() => decisionCurve(y, {})).toThrow(code('INVALID_ARGUMENT'));
    expect(() => decisionCurve(y, { all: [0.1, 0.2, 0.3, 0.4] })).toThrow(code('INVALID_ARGUMENT'));
    expect(() => decisionCurve(y, { m: [0.1, 0.2, 0.3, 0.4] }, { bootstrap: { replicates: 1e9 } })).toThrow(code('LIMIT_EXCEEDED'));
  });
});
