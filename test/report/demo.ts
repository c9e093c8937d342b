/**
 * Deterministic synthetic inputs for the report tests, snapshots and the screenshot script
 * (scripts/screenshot-report.ts). Numbers here are simulated with a seeded RNG and simple textbook
 * formulas; they exercise the renderers and are not reference values of any statistic.
 */
import type { CalibrationSeries, DecisionCurveInput, RocCurveSeries, TimeIntensitySeries } from '../../src/report/index.js';
import { createRng } from '../../src/stats/index.js';

export interface DemoCohort {
  y: number[];
  scores: Record<string, number[]>;
}

/** 139 cases, 42 events; four models whose logit separation decreases in the published order. */
export function demoCohort(): DemoCohort {
  const rng = createRng(20260101);
  const y = Array.from({ length: 139 }, (_, i) => (i < 42 ? 1 : 0));
  const sep: Record<string, number> = { 'R-US': 2.1, 'R-CEUS': 1.9, 'R-CEUS2': 1.55, 'R-CEUS45': 1.2 };
  const scores: Record<string, number[]> = {};
  for (const [name, d] of Object.entries(sep)) {
    scores[name] = y.map((yi) => {
      const z = -1.2 + d * yi + rng.normal();
      return 1 / (1 + Math.exp(-z));
    });
  }
  return { y, scores };
}

/** Empirical ROC points (fpr, tpr) over all distinct thresholds, and the Mann–Whitney AUC. */
export function empiricalRoc(score: number[], y: number[]): { fpr: number[]; tpr: number[]; auc: number } {
  const thresholds = [...new Set(score)].sort((a, b) => b - a);
  const P = y.filter((v) => v === 1).length;
  const N = y.length - P;
  const fpr = [0];
  const tpr = [0];
  for (const t of thresholds) {
    let tp = 0;
    let fp = 0;
    score.forEach((s, i) => {
      if (s >= t) y[i] === 1 ? tp++ : fp++;
    });
    fpr.push(fp / N);
    tpr.push(tp / P);
  }
  let u = 0;
  score.forEach((s, i) => {
    if (y[i] !== 1) return;
    score.forEach((r, j) => {
      if (y[j] === 0) u += s > r ? 1 : s === r ? 0.5 : 0;
    });
  });
  return { fpr, tpr, auc: u / (P * N) };
}

/** Hanley–McNeil standard error (demo only; the library uses DeLong). */
function hanley(auc: number, P: number, N: number): [number, number] {
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  const se = Math.sqrt((auc * (1 - auc) + (P - 1) * (q1 - auc * auc) + (N - 1) * (q2 - auc * auc)) / (P * N));
  return [Math.max(0, auc - 1.96 * se), Math.min(1, auc + 1.96 * se)];
}

export function demoRoc(): RocCurveSeries[] {
  const { y, scores } = demoCohort();
  return Object.entries(scores).map(([name, s], i) => {
    const r = empiricalRoc(s, y);
    const series: RocCurveSeries = { name, fpr: r.fpr, tpr: r.tpr, auc: r.auc, ci: hanley(r.auc, 42, 97) };
    if (i === 0) {
      const grid = Array.from({ length: 21 }, (_, k) => k / 20);
      const at = grid.map((g) => {
        let best = 0;
        r.fpr.forEach((f, k) => {
          if (f <= g) best = Math.max(best, r.tpr[k]!);
        });
        return best;
      });
      series.band = { fpr: grid, lower: at.map((v) => Math.max(0, v - 0.12 * Math.sqrt(v * (1 - v) + 0.01))), upper: at.map((v) => Math.min(1, v + 0.12 * Math.sqrt(v * (1 - v) + 0.01))) };
    }
    return series;
  });
}

export function demoCalibration(): CalibrationSeries[] {
  const { y, scores } = demoCohort();
  return ['R-US', 'R-CEUS45'].map((name) => {
    const p = scores[name]!;
    const order = p.map((_, i) => i).sort((a, b) => p[a]! - p[b]!);
    const predicted: number[] = [];
    const observed: number[] = [];
    const lower: number[] = [];
    const upper: number[] = [];
    for (let b = 0; b < 5; b++) {
      const idx = order.slice(Math.floor((b * order.length) / 5), Math.floor(((b + 1) * order.length) / 5));
      const n = idx.length;
      const k = idx.reduce((a, i) => a + y[i]!, 0);
      const ph = k / n;
      const z = 1.96;
      const c = (ph + (z * z) / (2 * n)) / (1 + (z * z) / n);
      const h = (z * Math.sqrt((ph * (1 - ph)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
      predicted.push(idx.reduce((a, i) => a + p[i]!, 0) / n);
      observed.push(ph);
      lower.push(Math.max(0, c - h));
      upper.push(Math.min(1, c + h));
    }
    const sx: number[] = [];
    const sy: number[] = [];
    for (let k = 0; k < order.length; k += 3) {
      const win = order.slice(Math.max(0, k - 15), Math.min(order.length, k + 16));
      sx.push(p[order[k]!]!);
      sy.push(win.reduce((a, i) => a + y[i]!, 0) / win.length);
    }
    return { name, bins: { predicted, observed, lower, upper }, smooth: { x: sx, y: sy }, predictions: p };
  });
}

export function demoDecisionCurve(): DecisionCurveInput {
  const { y, scores } = demoCohort();
  const n = y.length;
  const thresholds = Array.from({ length: 99 }, (_, k) => (k + 1) / 100);
  return {
    prevalence: 42 / 139,
    models: Object.entries(scores).map(([name, s]) => ({
      name,
      thresholds,
      netBenefit: thresholds.map((pt) => {
        let tp = 0;
        let fp = 0;
        s.forEach((v, i) => {
          if (v >= pt) y[i] === 1 ? tp++ : fp++;
        });
        return tp / n - (fp / n) * (pt / (1 - pt));
      }),
    })),
  };
}

export function demoTimeIntensity(): TimeIntensitySeries {
  const rng = createRng(7);
  const t: number[] = [];
  const intensity: number[] = [];
  const fitted: number[] = [];
  const arrival = 11.5;
  for (let k = 0; k <= 240; k++) {
    const time = k * 0.5;
    const dt = time - arrival;
    const f = 4 + (dt > 0 ? (1900 / (dt * 0.55 * Math.sqrt(2 * Math.PI))) * Math.exp(-((Math.log(dt) - 2.9) ** 2) / (2 * 0.55 * 0.55)) : 0);
    t.push(time);
    fitted.push(f);
    intensity.push(k >= 150 && k < 156 ? Number.NaN : f + rng.normal() * 2.2);
  }
  return {
    name: 'Lesion ROI',
    t,
    intensity,
    fitted,
    fittedName: 'Lognormal fit',
    arrival,
    windows: [
      { name: 'arterial', start: 0, end: 45 },
      { name: 'portal', start: 46, end: 120 },
      { name: 'dual', start: 0, end: 60 },
    ],
  };
}
