// Results R reports as NA (NaN here) render as "NA" in tables and as no CI in figures, without
// throwing; malformed input (lower > upper, finite values out of range) still throws. The one-event
// data: pROC's ci.auc(method = "delong") gives NA–NA there (checked with Rscript, pROC 1.18).
import { describe, expect, it } from 'vitest';
import * as R from '../../src/report/index.js';
import * as S from '../../src/stats/index.js';
import { thrownCode as code } from '../helpers/expect-code.js';

const y = [0, 0, 0, 0, 0, 0, 0, 1];
const p = [0.4688, 0.1277, 0.9467, 0.026, 0.1599, 0.5198, 0.0306, 0.6194];

describe('NA (NaN) results in the report adapters', () => {
  it('rocSeriesFrom / rocFigure: a NaN DeLong CI draws no CI in the legend', () => {
    const ci = S.aucCI(y, p);
    expect(Number.isNaN(ci.lower) && Number.isNaN(ci.upper)).toBe(true);
    const s = R.rocSeriesFrom('m', S.roc(y, p), ci);
    expect(s.ci).toBeUndefined();
    const svg = R.rocFigure([s]);
    expect(svg).toContain('m: AUC 0.86<');
    expect(svg).not.toContain('NaN');
    // a series given NaN bounds directly behaves the same; malformed bounds still throw
    expect(R.rocFigure([{ ...s, ci: [Number.NaN, Number.NaN] }])).toBe(svg);
    expect(code(() => R.rocFigure([{ ...s, ci: [0.9, 0.8] }]))).toBe('INVALID_ARGUMENT');
    expect(code(() => R.rocFigure([{ ...s, ci: [0.5, 1.2] }]))).toBe('INVALID_ARGUMENT');
  });

  it('computePerformanceTable prints the NaN AUC CI as NA', () => {
    const t = R.computePerformanceTable([{ name: 'Training', labels: y, scores: { m: p } }]);
    expect(t.rows[0]!.cells['auc']).toBe('0.857 (NA–NA)');
    expect(t.rows[0]!.values!['aucLower']).toBeNull();
    expect(R.toMarkdown(t)).toContain('NA–NA');
    const entry = { model: 'm', split: 'Training', auc: 0.8, threshold: 0.5, tp: 1, fp: 1, tn: 1, fn: 1 };
    expect(code(() => R.performanceTable({ entries: [{ ...entry, aucCI: [0.9, 0.7] }] }))).toBe('INVALID_ARGUMENT');
    expect(code(() => R.performanceTable({ entries: [{ ...entry, aucCI: [0.5, 1.5] }] }))).toBe('INVALID_ARGUMENT');
    expect(code(() => R.performanceTable({ entries: [{ ...entry, aucCI: [0.5, Number.POSITIVE_INFINITY] }] }))).toBe('NON_FINITE');
    // pROC's Youden threshold is ±Inf for an all-positive cut
    expect(R.performanceTable({ entries: [{ ...entry, threshold: Number.NEGATIVE_INFINITY }] }).rows[0]!.cells['threshold']).toBe('-Inf');
  });

  it('computeDelongTable prints NaN Z, P and CI as NA; an unclipped CI beyond ±1 is accepted', () => {
    const t = R.computeDelongTable(y, { a: p, b: p.map((v) => v * v) });
    const cells = t.rows[0]!.cells;
    expect(cells['z']).toBe('NA');
    expect(cells['p']).toBe('NA');
    expect(cells['difference']).toContain('(NA–NA)');
    const c = { a: 'A', b: 'B', z: 1, p: 0.3, pAdjusted: 0.3, aucA: 0.8, aucB: 0.7 };
    expect(R.delongTable({ comparisons: [{ ...c, ci: [-1.2, 1.4] }], adjustMethod: 'holm' }).rows[0]!.cells['difference']).toBe('0.100 (-1.200 to 1.400)');
    expect(R.delongTable({ comparisons: [{ ...c, z: Number.POSITIVE_INFINITY, p: 0, pAdjusted: 0 }], adjustMethod: 'holm' }).rows[0]!.cells['z']).toBe('Inf');
    expect(code(() => R.delongTable({ comparisons: [{ ...c, ci: [0.2, 0.1] }], adjustMethod: 'holm' }))).toBe('INVALID_ARGUMENT');
  });

  it('computeRiskFactorTable prints an NA profile bound and keeps the OR and P', () => {
    // one level of s4 holds no event: R's confint gives NA for the lower bound (fixture case one-hot-1-event)
    const rows = y.map((o, i) => ({ outcome: o, s4: i === 5 ? 1 : 0 }));
    const t = R.computeRiskFactorTable(rows, 'outcome', { predictors: ['s4'] });
    expect(t.rows[0]!.cells['uni']).toMatch(/^0\.00 \(NA–NA\)$/);
    expect(t.rows[0]!.cells['uniP']).toBe('0.998');
    // a zero column: aliased (R's NA) -> em dash, no crash
    const zero = R.computeRiskFactorTable(y.map((o) => ({ outcome: o, s4: 0 })), 'outcome', { predictors: ['s4'] });
    expect(zero.rows[0]!.cells['uni']).toBe('\u2014');
  });

  it('computeBaselineTable: a group of one prints SD and the t test as NA (R: sd() NA, t.test stops)', () => {
    const rows = y.map((o, i) => ({ outcome: o, age: 50 + i * 3.3 }));
    const t = R.computeBaselineTable(rows, 'outcome', { variables: [{ key: 'age', kind: 'continuous', summary: 'mean-sd' }] });
    const row = t.rows.find((r) => r.cells['p'] !== undefined && r.cells['p'] !== '')!;
    expect(row.cells['p']).toBe('NA');
    expect(Object.values(row.cells).some((v) => v.endsWith('± NA'))).toBe(true);
    expect(t.footnotes!.some((f) => f.startsWith('NA: the t test is undefined'))).toBe(true);
  });
});

describe('NA results in src/stats that R defines', () => {
  it('mannWhitneyU with every value tied: W reported, P NA two-sided and 1 one-sided (R wilcox.test)', () => {
    const two = S.mannWhitneyU([1, 1], [1, 1, 1]);
    expect(two.w).toBe(3);
    expect(Number.isNaN(two.p)).toBe(true);
    expect(S.mannWhitneyU([1, 1], [1, 1, 1], { alternative: 'greater' }).p).toBe(1);
    expect(S.mannWhitneyU([1, 1], [1, 1, 1], { alternative: 'less' }).p).toBe(1);
  });

  it('wilsonInterval with n = 0 is NaN (Hmisc binconf gives NaN)', () => {
    const w = S.wilsonInterval(0, 0);
    expect([w.estimate, w.lower, w.upper].every(Number.isNaN)).toBe(true);
  });

  it("Firth on a rank-deficient design throws a SonoriskError naming the column", () => {
    const rows = y.map((o, i) => ({ outcome: o, x: i, s4: 0 }));
    expect(code(() => S.logisticRegression(rows, 'outcome', { predictors: ['x', 's4'], firth: true }))).toBe('INVALID_ARGUMENT');
  });
});
