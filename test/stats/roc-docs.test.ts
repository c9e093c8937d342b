// Runs the examples of docs/roc.md and checks the numbers printed there (keeps the guide honest).
// Values that are hand-checkable say why; the others are pinned to what the pROC-verified code prints.
import { describe, expect, it } from 'vitest';
import {
  auc,
  aucCI,
  bootstrap,
  decisionCurve,
  delongTest,
  pAdjust,
  roc,
  stratifiedKFold,
  stratifiedSplit,
  thresholdMetrics,
  youdenThreshold,
} from '../../src/stats/index.js';

const r3 = (xs: ArrayLike<number>) => Array.from(xs, (v) => Math.round(v * 1000) / 1000);

describe('docs/roc.md examples', () => {
  it('ROC curve and AUC', () => {
    const curve = roc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(curve.auc).toBe(0.75);
    expect(r3(curve.thresholds)).toEqual([Number.NEGATIVE_INFINITY, 0.225, 0.375, 0.6, Number.POSITIVE_INFINITY]);
    expect(Array.from(curve.sensitivities)).toEqual([1, 1, 0.5, 0.5, 0]);
    expect(Array.from(curve.specificities)).toEqual([0, 0.5, 0.5, 1, 1]);
  });

  it('direction and labels', () => {
    expect(auc([0, 0, 1, 1], [0.9, 0.8, 0.1, 0.2])).toBe(1);
    expect(roc([0, 0, 1, 1], [0.9, 0.8, 0.1, 0.2]).direction).toBe('lower-is-positive');
    const bad = roc([0, 0, 1, 1], [0.9, 0.8, 0.1, 0.2], { direction: 'higher-is-positive' });
    expect(bad.auc).toBe(0);
    expect(bad.warnings[0]).toMatch(/^AUC of scores is 0.00 < 0.5 with direction 'higher-is-positive'/);
    expect(auc(['Good', 'Poor', 'Good', 'Poor'], [0.2, 0.7, 0.4, 0.6], { positive: 'Poor' })).toBe(1);
  });

  it('aucCI and DeLong', () => {
    const ci = aucCI([0, 0, 0, 0, 1, 1, 1, 1], [0.1, 0.2, 0.45, 0.6, 0.4, 0.7, 0.8, 0.9]);
    expect(ci.auc).toBe(0.875); // 14 of 16 case/control pairs ordered
    expect(r3([ci.lower, ci.upper, ci.se!])).toEqual([0.592, 1, 0.144]);
    const t = delongTest(
      [0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
      [0.1, 0.3, 0.2, 0.6, 0.4, 0.7, 0.5, 0.9, 0.8, 0.65],
      [0.2, 0.5, 0.1, 0.3, 0.7, 0.6, 0.4, 0.8, 0.9, 0.35],
    );
    expect(r3([t.aucA, t.aucB, t.difference, t.se, t.statistic, t.p, t.ci.lower, t.ci.upper])).toEqual([
      0.96, 0.8, 0.16, 0.165, 0.97, 0.332, -0.163, 0.483,
    ]);
    // Holm: sorted 0.01·3, 0.03·2, 0.04·1 → 0.03, 0.06, max(0.06, 0.04) = 0.06
    expect(r3(pAdjust([0.01, 0.04, 0.03], 'holm'))).toEqual([0.03, 0.06, 0.06]);
    expect(r3(pAdjust([0.01, 0.04, 0.03], 'bonferroni'))).toEqual([0.03, 0.12, 0.09]);
  });

  it('cut-offs', () => {
    const best = youdenThreshold([0, 0, 0, 1, 1, 1], [0.1, 0.3, 0.6, 0.5, 0.8, 0.9]);
    expect(best.threshold).toBe(0.4);
    expect(best.ties.map((t) => t.threshold)).toEqual([0.4, 0.7]);
    const m = thresholdMetrics([0, 0, 1, 1, 1], [0.2, 0.6, 0.55, 0.7, 0.9], 0.5);
    expect([m.tp, m.fp, m.tn, m.fn]).toEqual([3, 1, 1, 0]);
    expect(r3([m.accuracy.lower, m.accuracy.upper, m.sensitivity.lower, m.specificity.lower, m.ppv.lower, m.npv.lower, m.f1])).toEqual([
      0.376, 0.964, 0.439, 0.095, 0.301, 0.207, 0.857,
    ]);
  });

  it('splits, folds, bootstrap', () => {
    const cohort = Array.from({ length: 139 }, (_, i) => (i < 42 ? 1 : 0));
    const { train, test } = stratifiedSplit(cohort, { trainFraction: 0.8, seed: 2024 });
    expect([train.length, test.length, train.filter((i) => cohort[i] === 1).length]).toEqual([112, 27, 34]);
    expect(stratifiedKFold(cohort, { k: 5, seed: 2024 }).folds.length).toBe(5);
    expect([...bootstrap(cohort, { replicates: 3, seed: 1 })].map((x) => x.length)).toEqual([139, 139, 139]);
  });

  it('decision curve', () => {
    const dca = decisionCurve([0, 0, 0, 1, 1, 0, 1, 0], { 'R-US': [0.1, 0.3, 0.2, 0.8, 0.6, 0.4, 0.7, 0.1] }, { thresholds: [0.1, 0.2, 0.3] });
    const m = dca.models['R-US']!;
    // pt = 0.2: 3 events and 3 of 5 non-events have p >= 0.2 → 3/8 − 3/8 · 0.25 = 0.28125
    expect(r3(m.netBenefit)).toEqual([0.306, 0.281, 0.268]);
    expect(r3(dca.treatAll.netBenefit)).toEqual([0.306, 0.219, 0.107]);
    expect(r3(m.standardizedNetBenefit)).toEqual([0.815, 0.75, 0.714]);
    expect(r3(m.netInterventionsAvoided)).toEqual([0, 25, 37.5]);
  });

  it('cut-off rules, partial AUC, power', async () => {
    const { bestThreshold, partialAuc, powerRocTest } = await import('../../src/stats/index.js');
    const y = [0, 0, 0, 1, 1, 1];
    const s = [0.1, 0.3, 0.6, 0.5, 0.8, 0.9];
    expect(bestThreshold(y, s, { method: 'closest.topleft' }).ties.map((t) => t.threshold)).toEqual([0.4, 0.7]);
    expect(bestThreshold(y, s, { weights: [1, 0.2] }).threshold).toBe(0.7);
    const y8 = [0, 0, 0, 0, 1, 1, 1, 1];
    const s8 = [0.1, 0.2, 0.45, 0.6, 0.4, 0.7, 0.8, 0.9];
    expect(partialAuc(y8, s8, { range: [1, 0.8] })).toBeCloseTo(0.15, 14);
    expect(partialAuc(y8, s8, { range: [1, 0.8], correct: true }).toFixed(3)).toBe('0.861');
    expect(powerRocTest({ auc: 0.8, power: 0.9 }).ncases.toFixed(1)).toBe('16.6');
    expect(powerRocTest({ auc: 0.72, ncases: 42, ncontrols: 97 }).power.toFixed(3)).toBe('0.990');
  });
});
