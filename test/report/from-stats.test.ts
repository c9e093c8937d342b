/**
 * The adapters compute with sonorisk/stats; these tests check that every number in the resulting
 * tables and figures equals what the stats functions return for the same data (the stats functions
 * themselves are verified against pROC/R fixtures in test/stats).
 */
import { describe, expect, it } from 'vitest';
import {
  decisionCurveFigure,
  decisionCurveInputFrom,
  delongTable,
  computeDelongTable,
  computePerformanceTable,
  rocFigure,
  rocSeriesFrom,
  toMarkdown,
} from '../../src/report/index.js';
import { aucCI, decisionCurve, delongTest, pAdjust, roc, stratifiedSplit, thresholdMetrics, youdenThreshold } from '../../src/stats/index.js';
import { demoCohort } from './demo.js';
import { attr, withClass } from './svg-check.js';

const { y, scores } = demoCohort();
const split = stratifiedSplit(y, { seed: 42 });
const pick = <T>(a: readonly T[], idx: number[]): T[] => idx.map((i) => a[i]!);
const train = { name: 'Training', labels: pick(y, split.train), scores: Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, pick(v, split.train)])) };
const valid = { name: 'Validation', labels: pick(y, split.test), scores: Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, pick(v, split.test)])) };

describe('computePerformanceTable', () => {
  const table = computePerformanceTable([train, valid], { ratioCI: true });

  it('has one row per model and split, with the values of aucCI, youdenThreshold and thresholdMetrics', () => {
    expect(table.rows.map((r) => `${r.cells['model']}/${r.cells['split']}`)).toEqual(
      Object.keys(scores).flatMap((m) => [`${m}/Training`, `${m}/Validation`]),
    );
    for (const row of table.rows) {
      const model = row.cells['model']!;
      const s = row.cells['split'] === 'Training' ? train : valid;
      const threshold = youdenThreshold(train.labels, train.scores[model]!).threshold;
      const ci = aucCI(s.labels, s.scores[model]!);
      const m = thresholdMetrics(s.labels, s.scores[model]!, threshold);
      expect(row.values).toMatchObject({
        auc: ci.auc,
        aucLower: ci.lower,
        aucUpper: ci.upper,
        accuracy: m.accuracy.estimate,
        sensitivity: m.sensitivity.estimate,
        specificity: m.specificity.estimate,
        threshold,
        tp: m.tp,
        fp: m.fp,
        tn: m.tn,
        fn: m.fn,
        ppv: m.ppv.estimate,
        ppvLower: m.ppv.lower,
        ppvUpper: m.ppv.upper,
        npv: m.npv.estimate,
        npvLower: m.npv.lower,
        npvUpper: m.npv.upper,
      });
      expect(row.cells['ppv']).toBe(`${m.ppv.estimate.toFixed(3)} (${m.ppv.lower.toFixed(3)}–${m.ppv.upper.toFixed(3)})`);
      expect(row.cells['sensitivity']).toBe(`${m.sensitivity.estimate.toFixed(3)} (${m.sensitivity.lower.toFixed(3)}–${m.sensitivity.upper.toFixed(3)})`);
      expect(row.cells['auc']).toBe(`${ci.auc.toFixed(3)} (${ci.lower.toFixed(3)}–${ci.upper.toFixed(3)})`);
    }
  });

  it('applies the training threshold unchanged to validation', () => {
    for (const m of Object.keys(scores)) {
      const rows = table.rows.filter((r) => r.cells['model'] === m);
      expect(rows[0]!.values!['threshold']).toBe(rows[1]!.values!['threshold']);
    }
  });

  it('rejects a missing training split or model', () => {
    expect(() => computePerformanceTable([valid])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => computePerformanceTable([train, { ...valid, scores: { 'R-US': valid.scores['R-US']! } }])).toThrow(/no scores for model "R-CEUS"/);
    expect(() => computePerformanceTable([])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
  });
});

describe('computeDelongTable', () => {
  it('equals delongTest per pair and pAdjust across pairs', () => {
    const table = computeDelongTable(valid.labels, valid.scores, { split: 'validation set' });
    const names = Object.keys(scores);
    const pairs = names.flatMap((a, i) => names.slice(i + 1).map((b) => [a, b] as const));
    expect(table.rows).toHaveLength(pairs.length);
    const tests = pairs.map(([a, b]) => delongTest(valid.labels, valid.scores[a]!, valid.scores[b]!));
    const adjusted = pAdjust(tests.map((t) => t.p), 'holm');
    table.rows.forEach((row, k) => {
      const t = tests[k]!;
      expect(row.cells['comparison']).toBe(`${pairs[k]![0]} vs ${pairs[k]![1]}`);
      expect(row.values).toMatchObject({ aucA: t.aucA, aucB: t.aucB, difference: t.difference, lower: t.ci.lower, upper: t.ci.upper, z: t.statistic, p: t.p, pAdjusted: adjusted[k] });
    });
    expect(table.columns.at(-1)!.label).toBe('Adjusted P (Holm)');
    expect(toMarkdown(table)).toContain('validation set');
  });

  it('handles identical models (pROC: Z = 0, P = 1), NaN P as NA, and needs two models', () => {
    const same = computeDelongTable(valid.labels, { a: valid.scores['R-US']!, b: valid.scores['R-US']! });
    expect(same.rows[0]!.cells).toMatchObject({ z: '0.00', p: '>0.999', pAdjusted: '>0.999' });
    const na = delongTable({ adjustMethod: 'holm', comparisons: [{ a: 'x', b: 'y', z: Number.NaN, p: Number.NaN, pAdjusted: Number.NaN }] });
    expect(na.rows[0]!.cells).toMatchObject({ z: 'NA', p: 'NA', pAdjusted: 'NA' });
    expect(() => computeDelongTable(valid.labels, { a: valid.scores['R-US']! })).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
  });
});

describe('figure adapters', () => {
  it('rocSeriesFrom carries roc() and aucCI() into the ROC figure', () => {
    const series = Object.entries(valid.scores).map(([name, s]) => rocSeriesFrom(name, roc(valid.labels, s), aucCI(valid.labels, s)));
    for (const s of series) {
      const r = roc(valid.labels, valid.scores[s.name]!);
      expect(s.fpr).toEqual(r.fpr);
      expect(s.auc).toBe(r.auc);
      expect(s.ci).toEqual([aucCI(valid.labels, valid.scores[s.name]!).lower, aucCI(valid.labels, valid.scores[s.name]!).upper]);
    }
    const svg = rocFigure(series);
    expect(withClass(svg, 'series')).toHaveLength(4);
    const other = aucCI(valid.labels, valid.scores['R-CEUS']!);
    expect(() => rocSeriesFrom('R-US', roc(valid.labels, valid.scores['R-US']!), other)).toThrow(/aucCI of the same/);
  });

  it('decisionCurveInputFrom carries decisionCurve() into the DCA figure', () => {
    const dca = decisionCurve(y, scores);
    const input = decisionCurveInputFrom(dca, ['R-US', 'R-CEUS45']);
    expect(input.models.map((m) => m.name)).toEqual(['R-US', 'R-CEUS45']);
    expect(input.models[0]!.netBenefit).toBe(dca.models['R-US']!.netBenefit);
    expect(input.treatAll!.netBenefit).toBe(dca.treatAll.netBenefit);
    expect(input.prevalence).toBe(dca.prevalence);
    const svg = decisionCurveFigure(input);
    expect(withClass(svg, 'series').map((t) => attr(t, 'data-series'))).toEqual(['R-US', 'R-CEUS45']);
    expect(() => decisionCurveInputFrom(dca, ['nope'])).toThrow(/no model "nope"/);
  });
});
