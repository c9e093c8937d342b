// Parity with R pROC 1.18 — fixture: test/fixtures/stats-roc/roc.json, written by scripts/fixtures/stats-roc.R.
import { describe, expect, it } from 'vitest';
import { auc, aucCI, delongTest, delongTestUnpaired, type RocDirection, roc, thresholdMetrics, youdenThreshold } from '../../src/stats/index.js';
import fixture from '../fixtures/stats-roc/roc.json' with { type: 'json' };
import { expectAllClose, expectClose, type FixNum, num, nums } from './fixture-helpers.js';
import { bigDataset, lcgIntegers } from './lcg.js';

interface Metric {
  threshold: FixNum;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  [k: string]: FixNum | FixNum[];
}
interface Dataset {
  name: string;
  direction: string;
  labels: number[];
  scoresA: FixNum[];
  scoresB: FixNum[];
  thresholds: FixNum[];
  sensitivities: FixNum[];
  specificities: FixNum[];
  auc: FixNum;
  aucB: FixNum;
  ciDelong: FixNum[];
  ciDelong90: FixNum[];
  varDelong: FixNum;
  paired?: { z: FixNum; p: FixNum; ci: FixNum[] };
  pairedGreater?: { z: FixNum; p: FixNum; ci: FixNum[] };
  youden: { thresholds: FixNum[]; sensitivities: FixNum[]; specificities: FixNum[] };
  metrics: Metric[];
}
const datasets = fixture.datasets as unknown as Dataset[];
const byName = new Map(datasets.map((d) => [d.name, d]));
const dir = (d: Dataset) => d.direction as RocDirection;

describe('roc / auc vs pROC', () => {
  it.each(datasets.map((d) => [d.name, d] as const))('%s: thresholds, sensitivities, specificities, AUC', (_name, d) => {
    const r = roc(d.labels, nums(d.scoresA), { direction: dir(d) });
    // Same IEEE operations as pROC: thresholds and rates are exact.
    expect(Array.from(r.thresholds)).toEqual(nums(d.thresholds));
    expect(Array.from(r.sensitivities)).toEqual(nums(d.sensitivities));
    expect(Array.from(r.specificities)).toEqual(nums(d.specificities));
    expectClose(r.auc, num(d.auc), 1e-12, 'auc');
    expectClose(auc(d.labels, nums(d.scoresB), { direction: dir(d) }), num(d.aucB), 1e-12, 'aucB');
    // plot order: fpr and tpr non-decreasing from (0,0) to (1,1)
    expect(r.fpr[0]).toBe(0);
    expect(r.tpr[0]).toBe(0);
    expect(r.fpr[r.fpr.length - 1]).toBe(1);
    expect(r.tpr[r.tpr.length - 1]).toBe(1);
    for (let i = 1; i < r.fpr.length; i++) {
      expect(r.fpr[i]!).toBeGreaterThanOrEqual(r.fpr[i - 1]!);
      expect(r.tpr[i]!).toBeGreaterThanOrEqual(r.tpr[i - 1]!);
    }
  });

  it('accepts typed arrays and boolean labels', () => {
    const d = byName.get('random-normal-01')!;
    const a = roc(d.labels.map((v) => v === 1), Float64Array.from(nums(d.scoresA)));
    expectClose(a.auc, num(d.auc), 1e-12, 'auc');
    const f32 = Float32Array.from(nums(d.scoresA));
    expect(auc(Uint8Array.from(d.labels), f32)).toBe(auc(d.labels, Array.from(f32)));
  });
});

describe('aucCI (DeLong) vs pROC ci.auc', () => {
  it.each(datasets.map((d) => [d.name, d] as const))('%s', (_name, d) => {
    const ci = aucCI(d.labels, nums(d.scoresA), { direction: dir(d) });
    const [lo, , hi] = nums(d.ciDelong);
    expectClose(ci.lower, lo!, 1e-9, 'lower');
    expectClose(ci.upper, hi!, 1e-9, 'upper');
    expectClose(ci.se! ** 2, num(d.varDelong), 1e-9, 'var (pROC var(method = "delong"))', 1e-3);
    const ci90 = aucCI(d.labels, nums(d.scoresA), { direction: dir(d), level: 0.9 });
    expectClose(ci90.lower, nums(d.ciDelong90)[0]!, 1e-9, 'lower90');
    expectClose(ci90.upper, nums(d.ciDelong90)[2]!, 1e-9, 'upper90');
  });
});

describe('delongTest (paired) vs pROC roc.test', () => {
  const cases = datasets.filter((d) => d.paired).map((d) => [d.name, d] as const);
  it.each(cases)('%s', (_name, d) => {
    const t = delongTest(d.labels, nums(d.scoresA), nums(d.scoresB), { direction: dir(d) });
    expectClose(t.aucA, num(d.auc), 1e-12, 'aucA');
    expectClose(t.aucB, num(d.aucB), 1e-12, 'aucB');
    expectClose(t.statistic, num(d.paired!.z), 1e-9, 'z');
    expectClose(t.p, num(d.paired!.p), 1e-6, 'p', 0);
    expectAllClose([t.ci.lower, t.ci.upper], nums(d.paired!.ci), 1e-9, 'ci');
    const g = delongTest(d.labels, nums(d.scoresA), nums(d.scoresB), { direction: dir(d), alternative: 'greater', level: 0.9 });
    expectClose(g.p, num(d.pairedGreater!.p), 1e-6, 'p greater', 0);
    expectAllClose([g.ci.lower, g.ci.upper], nums(d.pairedGreater!.ci), 1e-9, 'ci90');
  });
});

describe('delongTestUnpaired vs pROC roc.test(paired = FALSE)', () => {
  const cases = (fixture.unpaired as { a: string; b: string; d: FixNum; df: FixNum; p: FixNum; pLess: FixNum; ci: FixNum[] }[]).map((u) => [`${u.a} vs ${u.b}`, u] as const);
  it.each(cases)('%s', (_name, u) => {
    const a = byName.get(u.a)!;
    const b = byName.get(u.b)!;
    const t = delongTestUnpaired(a.labels, nums(a.scoresA), b.labels, nums(b.scoresB), { direction: dir(a) });
    expectClose(t.statistic, num(u.d), 1e-9, 'D');
    expectClose(t.df!, num(u.df), 1e-9, 'df');
    expectClose(t.p, num(u.p), 1e-6, 'p', 0);
    const l = delongTestUnpaired(a.labels, nums(a.scoresA), b.labels, nums(b.scoresB), { direction: dir(a), alternative: 'less' });
    expectClose(l.p, num(u.pLess), 1e-6, 'p less', 0);
    expectAllClose([t.ci.lower, t.ci.upper], nums(u.ci), 1e-9, 'ci (d ± qt·SE from pROC var())');
    // the t-based interval excludes 0 exactly when the two-sided P < 0.05
    expect(t.ci.lower > 0 || t.ci.upper < 0).toBe(t.p < 0.05);
  });
});

describe('youdenThreshold vs pROC coords(best, youden)', () => {
  it.each(datasets.map((d) => [d.name, d] as const))('%s', (_name, d) => {
    const y = youdenThreshold(d.labels, nums(d.scoresA), { direction: dir(d) });
    expect(y.ties.map((t) => t.threshold)).toEqual(nums(d.youden.thresholds));
    expect(y.ties.map((t) => t.sensitivity)).toEqual(nums(d.youden.sensitivities));
    expect(y.ties.map((t) => t.specificity)).toEqual(nums(d.youden.specificities));
    expect(y.threshold).toBe(num(d.youden.thresholds[0]!));
    expectClose(y.youden, y.sensitivity + y.specificity - 1, 1e-15, 'J');
  });
});

describe('thresholdMetrics vs pROC coords + prop.test(correct = FALSE)', () => {
  const cases = datasets.flatMap((d) => d.metrics.map((m, i) => [`${d.name} #${i}`, d, m] as const));
  it.each(cases)('%s', (_name, d, m) => {
    const r = thresholdMetrics(d.labels, nums(d.scoresA), num(m.threshold), { direction: dir(d) });
    expect([r.tp, r.fp, r.tn, r.fn]).toEqual([m.tp, m.fp, m.tn, m.fn]);
    for (const key of ['accuracy', 'sensitivity', 'specificity', 'ppv', 'npv'] as const) {
      const p = r[key];
      expectClose(p.estimate, num(m[key] as FixNum), 1e-12, `${key}`);
      expectAllClose([p.lower, p.upper], nums(m[`${key}CI`] as FixNum[]), 1e-9, `${key} CI`);
    }
    expectClose(r.f1, num(m.f1 as FixNum), 1e-12, 'f1');
  });
});

describe('bootstrap AUC CI vs pROC (Monte-Carlo tolerance: different random numbers)', () => {
  const boots = fixture.bootstrap as { name: string; stratifiedLower: number[]; stratifiedUpper: number[]; stratifiedMedian: number[]; nonstratifiedLower: number[]; nonstratifiedUpper: number[] }[];
  it.each(boots.map((b) => [b.name, b] as const))('%s', (_name, b) => {
    const d = byName.get(b.name)!;
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    const s = aucCI(d.labels, nums(d.scoresA), { method: 'bootstrap', replicates: 2000, seed: 11 });
    expect(s.replicates).toBe(2000);
    // pROC's bounds over five R seeds vary by ~0.003; 0.01 is about four Monte-Carlo SDs of the difference.
    expect(Math.abs(s.lower - mean(b.stratifiedLower))).toBeLessThan(0.01);
    expect(Math.abs(s.upper - mean(b.stratifiedUpper))).toBeLessThan(0.01);
    expect(Math.abs(s.median! - mean(b.stratifiedMedian))).toBeLessThan(0.01);
    const ns = aucCI(d.labels, nums(d.scoresA), { method: 'bootstrap', replicates: 2000, seed: 12, stratified: false });
    expect(Math.abs(ns.lower - mean(b.nonstratifiedLower))).toBeLessThan(0.01);
    expect(Math.abs(ns.upper - mean(b.nonstratifiedUpper))).toBeLessThan(0.01);
    // deterministic per seed
    expect(aucCI(d.labels, nums(d.scoresA), { method: 'bootstrap', replicates: 2000, seed: 11 })).toEqual(s);
  });
});

describe('n = 100000 (LCG data regenerated on both sides)', () => {
  const big = fixture.big;
  const { y, a, b } = bigDataset(big.seed, big.n);
  it('regenerates the same data as R', () => {
    expect(Array.from(lcgIntegers(big.seed, 9))).toEqual(big.firstUniformsCheck);
    expect(y.reduce((s, v) => s + v, 0)).toBe(big.nCases);
  });
  it('matches pROC roc, ci.auc, roc.test and coords', () => {
    const r = roc(y, a);
    expect(r.thresholds.length).toBe(big.nThresholdsA);
    expect(Array.from(r.thresholds)).toEqual(nums(big.thresholdsA));
    expect(Array.from(r.sensitivities)).toEqual(nums(big.sensitivitiesA));
    expect(Array.from(r.specificities)).toEqual(nums(big.specificitiesA));
    expectClose(r.auc, num(big.aucA), 1e-12, 'aucA');
    const ciA = aucCI(y, a);
    expectAllClose([ciA.lower, ciA.upper], [nums(big.ciA)[0]!, nums(big.ciA)[2]!], 1e-9, 'ciA');
    const ciB = aucCI(y, b);
    expectAllClose([ciB.lower, ciB.upper], [nums(big.ciB)[0]!, nums(big.ciB)[2]!], 1e-9, 'ciB');
    const t = delongTest(y, a, b);
    expectClose(t.aucB, num(big.aucB), 1e-12, 'aucB');
    expectClose(t.statistic, num(big.z), 1e-9, 'z');
    expectAllClose([t.ci.lower, t.ci.upper], nums(big.diffCI), 1e-9, 'diff CI');
    expect(t.p).toBeLessThan(1e-300); // pROC: p = 0 (Z ≈ −40)
    expect(youdenThreshold(y, a).ties.map((x) => x.threshold)).toEqual(nums(big.youdenA));
  });
});

describe('direction is explicit, never flipped', () => {
  it('a below-chance model keeps AUC < 0.5 with an explicit direction, and the result warns', () => {
    expect(auc([0, 0, 1, 1], [0.9, 0.8, 0.1, 0.2], { direction: 'higher-is-positive' })).toBe(0);
    expect(auc([0, 0, 1, 1], [0.9, 0.8, 0.1, 0.2], { direction: 'lower-is-positive' })).toBe(1);
    const r = roc([0, 0, 1, 1], [0.9, 0.8, 0.1, 0.2], { direction: 'higher-is-positive' });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/< 0.5/);
    expect(aucCI([0, 0, 1, 1], [0.9, 0.8, 0.1, 0.2], { direction: 'higher-is-positive' }).warnings).toHaveLength(1);
    expect(roc([0, 0, 1, 1], [0.9, 0.8, 0.1, 0.2], { direction: 'lower-is-positive' }).warnings).toEqual([]);
  });
  it('hand-checked 2+2 example: one of four case/control pairs is misordered', () => {
    // cases 0.35, 0.8 vs controls 0.1, 0.4: pairs won 0.35>0.1, 0.8>0.1, 0.8>0.4; lost 0.35<0.4 → 3/4
    const r = roc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(r.auc).toBe(0.75);
    expect(Array.from(r.fpr)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(Array.from(r.tpr)).toEqual([0, 0.5, 0.5, 1, 1]);
  });
});
