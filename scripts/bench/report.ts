/**
 * Report rendering cost. Figures: rocFigure on 4 models × 20 000 points (a ROC of 20 000 distinct
 * scores each) and studyReport of the demo. Baseline, measured in the same run: JSON.stringify of
 * the same point arrays (the cheapest way to serialise the data at all), so the ratio says what
 * the SVG path formatting costs on top of writing the numbers out.
 */
import { rocFigure, type RocCurveSeries } from '../../src/report/index.js';
import { createRng } from '../../src/stats/index.js';
import { demoStudyReport } from '../../test/report/demo-report.js';

const rng = createRng(1);
const n = 20_000;
const series: RocCurveSeries[] = ['A', 'B', 'C', 'D'].map((name) => {
  const fpr = new Float64Array(n);
  const tpr = new Float64Array(n);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (rng.next() < 0.5) a += 1 / n;
    else b += 1 / n;
    fpr[i] = Math.min(1, a * 2 * 0.5);
    tpr[i] = Math.min(1, Math.sqrt(Math.min(1, b * 2 * 0.5)));
  }
  return { name, fpr, tpr, auc: 0.8 };
});

function time(label: string, reps: number, f: () => unknown): number {
  f();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) f();
  const ms = (performance.now() - t0) / reps;
  console.log(`${label.padEnd(44)} ${ms.toFixed(2).padStart(9)} ms`);
  return ms;
}

const base = time('baseline: JSON.stringify of the points', 10, () => JSON.stringify(series.map((s) => [Array.from(s.fpr), Array.from(s.tpr)])));
const roc = time('rocFigure, 4 × 20 000 points', 10, () => rocFigure(series));
console.log(`rocFigure / baseline: ${(roc / base).toFixed(2)}×  (SVG ${(rocFigure(series).length / 1e6).toFixed(2)} MB)`);
time('studyReport (demo: 4 tables, 4 figures)', 10, () => demoStudyReport());
