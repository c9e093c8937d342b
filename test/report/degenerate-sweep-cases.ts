// Degenerate-data sweep: tiny and degenerate data sets (n 2–12; 1 event; 1 non-event; constant
// scores; constant / zero / duplicate covariates; predictions all 0 or all 1; ties) run through the
// whole evaluation chain the CLI uses (stats, then the report adapters, figures and studyReport).
// Every step must return or throw a SonoriskError. Run as a script (by degenerate-sweep.test.ts, in
// a child process with a hard time limit, so a hang or a fatal V8 error fails the test instead of
// the runner): prints one JSON line per case.
import { isSonoriskError } from '../../src/errors.js';
import * as R from '../../src/report/index.js';
import * as S from '../../src/stats/index.js';

export interface SweepCase {
  name: string;
  y: number[];
  a: number[];
  b: number[];
  rows: Array<Record<string, number | string>>;
}

export interface StepOutcome {
  step: string;
  /** 'ok', 'SonoriskError:CODE', or 'OTHER:message' (a bug). */
  outcome: string;
}

/** MINSTD generator in [0, 1) (deterministic across platforms). */
function rng(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => {
    s = (48271 * s) % 2147483647;
    return s / 2147483647;
  };
}

/** Builds the seeded cases. */
export function sweepCases(seed = 20261128): SweepCase[] {
  const u = rng(seed);
  const cases: SweepCase[] = [];
  const labelPatterns: Array<[string, (n: number) => number[]]> = [
    ['one-event', (n) => Array.from({ length: n }, (_, i) => (i === n - 1 ? 1 : 0))],
    ['one-non-event', (n) => Array.from({ length: n }, (_, i) => (i === 0 ? 0 : 1))],
    ['alternating', (n) => Array.from({ length: n }, (_, i) => i % 2)],
    ['random', (n) => {
      const y = Array.from({ length: n }, () => (u() < 0.4 ? 1 : 0));
      y[0] = 0;
      y[n - 1] = 1;
      return y;
    }],
  ];
  const scorePatterns: Array<[string, (y: number[]) => number[]]> = [
    ['random', (y) => y.map(() => u())],
    ['constant', (y) => y.map(() => 0.3)],
    ['all-zero', (y) => y.map(() => 0)],
    ['all-one', (y) => y.map(() => 1)],
    ['ties', (y) => y.map((v) => Math.round((u() + 0.3 * v) * 2) / 4)],
    ['separating', (y) => y.map((v) => (v ? 0.8 + 0.1 * u() : 0.1 * u()))],
    ['reversed', (y) => y.map((v) => (v ? 0.1 * u() : 0.8 + 0.1 * u()))],
    ['zero-one', (y) => y.map((v, i) => (i % 3 === 0 ? v : 1 - v))],
  ];
  for (let n = 2; n <= 12; n += n < 6 ? 1 : 3) {
    for (const [ln, lf] of labelPatterns) {
      for (const [sn, sf] of scorePatterns) {
        const y = lf(n);
        const a = sf(y);
        const b = a.map((v, i) => (i % 2 ? v : Math.min(1, Math.max(0, v * v + 0.05 * u()))));
        const rows = y.map((v, i) => ({
          y: v,
          zero: 0,
          constant: 3,
          x: Math.round(u() * 100) / 10,
          dup: a[i]!,
          score: a[i]!,
          binary: i % 3 === 0 ? 1 : 0,
          level: ['lo', 'mid', 'hi'][i % 3]!,
        }));
        cases.push({ name: `n${n}-${ln}-${sn}`, y, a, b, rows });
      }
    }
  }
  return cases;
}

const PREDICTOR_SETS: string[][] = [['zero'], ['constant'], ['score', 'dup'], ['x', 'binary'], ['level'], ['x', 'zero', 'score']];

/** Runs the chain on one case; returns every step's outcome. */
export function runChain(c: SweepCase, index = 0): StepOutcome[] {
  const out: StepOutcome[] = [];
  const step = <T>(name: string, f: () => T): T | undefined => {
    try {
      const v = f();
      out.push({ step: name, outcome: 'ok' });
      return v;
    } catch (e) {
      out.push({ step: name, outcome: isSonoriskError(e) ? `SonoriskError:${e.code}` : `OTHER:${String(e).slice(0, 300)}` });
      return undefined;
    }
  };
  const { y, a, b, rows } = c;
  const curve = step('roc', () => S.roc(y, a));
  const ci = step('aucCI delong', () => S.aucCI(y, a));
  step('aucCI bootstrap', () => S.aucCI(y, a, { method: 'bootstrap', replicates: 40, seed: 7 }));
  step('delongTest', () => S.delongTest(y, a, b));
  step('thresholdMetrics', () => S.thresholdMetrics(y, a, 0.5));
  step('youdenThreshold', () => S.youdenThreshold(y, a));
  const cal = step('calibration', () => S.calibration(y, a, { bins: 3 }));
  step('calibration uniform', () => S.calibration(y, a, { bins: 10, strategy: 'uniform' }));
  const dca = step('decisionCurve', () => S.decisionCurve(y, { a, b }));
  for (const predictors of PREDICTOR_SETS) {
    step(`logisticRegression ${predictors}`, () => S.logisticRegression(rows, 'y', { predictors }));
    // Firth's profile intervals cost ~50 ms a fit on these data: rank-deficient sets always, the
    // estimable ones on every third case, to keep the sweep fast
    if (predictors.includes('zero') || predictors.includes('dup') || index % 3 === 0) {
      step(`logisticRegression firth ${predictors}`, () => S.logisticRegression(rows, 'y', { predictors, firth: true }));
    }
    step(`riskFactorAnalysis ${predictors}`, () => S.riskFactorAnalysis(rows, 'y', { predictors }));
  }
  const g0 = a.filter((_, i) => y[i] === 0);
  const g1 = a.filter((_, i) => y[i] === 1);
  step('describe', () => S.describe(a));
  step('describe group', () => S.describe(g1));
  step('tTest', () => S.tTest(g0, g1));
  step('tTest student', () => S.tTest(g0, g1, { varEqual: true } as S.TTestOptions));
  step('mannWhitneyU', () => S.mannWhitneyU(g0, g1));
  const bin = rows.map((r) => r['binary'] as number);
  const table = [
    [y.filter((v, i) => v === 0 && bin[i] === 0).length, y.filter((v, i) => v === 0 && bin[i] === 1).length],
    [y.filter((v, i) => v === 1 && bin[i] === 0).length, y.filter((v, i) => v === 1 && bin[i] === 1).length],
  ];
  step('chiSquareTest', () => S.chiSquareTest(table));
  step('chiSquareTest yates', () => S.chiSquareTest(table, { correct: true } as S.ChiSquareTestOptions));
  step('fisherExactTest', () => S.fisherExactTest(table));
  step('shapiroWilk', () => S.shapiroWilk(a));
  step('wilsonInterval', () => S.wilsonInterval(y.reduce((s, v) => s + v, 0), y.length));
  step('wilsonInterval n = 0', () => S.wilsonInterval(0, 0));

  const figures: R.ReportFigure[] = [];
  const tables: R.Table[] = [];
  const series = step('rocSeriesFrom', () => (curve ? R.rocSeriesFrom('a', curve, ci) : undefined));
  if (series) {
    const svg = step('rocFigure', () => R.rocFigure([series]));
    if (svg) figures.push({ id: 'roc', caption: 'ROC', svg });
  }
  const perf = step('computePerformanceTable', () => R.computePerformanceTable([{ name: 'Training', labels: y, scores: { a, b } }], { ratioCI: true }));
  if (perf) tables.push(perf);
  const dl = step('computeDelongTable', () => R.computeDelongTable(y, { a, b, c: a.map((v) => 1 - v) }));
  if (dl) tables.push(dl);
  if (cal) {
    const cs = step('calibrationSeriesFrom', () => R.calibrationSeriesFrom('a', cal, a));
    if (cs) {
      const svg = step('calibrationFigure', () => R.calibrationFigure([cs]));
      if (svg) figures.push({ id: 'calibration', caption: 'Calibration', svg });
    }
  }
  const ct = step('computeCalibrationTable', () => R.computeCalibrationTable(y, { a, b }, { bins: 3 }));
  if (ct) tables.push(ct);
  if (dca) {
    const input = step('decisionCurveInputFrom', () => R.decisionCurveInputFrom(dca));
    if (input) {
      const svg = step('decisionCurveFigure', () => R.decisionCurveFigure(input));
      if (svg) figures.push({ id: 'dca', caption: 'DCA', svg });
    }
  }
  const bt = step('computeBaselineTable', () =>
    R.computeBaselineTable(rows, 'y', {
      variables: [
        { key: 'score', kind: 'continuous' },
        { key: 'constant', kind: 'continuous' },
        { key: 'x', kind: 'continuous', summary: 'mean-sd' },
        { key: 'binary', kind: 'categorical' },
        { key: 'level', kind: 'categorical' },
        { key: 'zero', kind: 'categorical' },
      ],
    }),
  );
  if (bt) tables.push(bt);
  for (const predictors of PREDICTOR_SETS) {
    const rt = step(`computeRiskFactorTable ${predictors}`, () => R.computeRiskFactorTable(rows, 'y', { predictors }));
    if (rt && predictors.length === 1) tables.push(rt);
  }
  for (const [k, t] of tables.entries()) {
    step(`toMarkdown ${k}`, () => R.toMarkdown(t));
    step(`toHtml ${k}`, () => R.toHtml(t));
    step(`toCsv ${k}`, () => R.toCsv(t));
    step(`toJson ${k}`, () => R.toJson(t));
  }
  step('studyReport', () => R.studyReport({ title: c.name, sections: [{ heading: 'Results', tables, figures }] }));
  return out;
}

// Script mode: `node --import tsx test/report/degenerate-sweep-cases.ts` prints one JSON line per case.
if (process.argv[1]?.endsWith('degenerate-sweep-cases.ts')) {
  for (const [i, c] of sweepCases().entries()) {
    process.stdout.write(`${JSON.stringify({ name: c.name, start: true })}\n`);
    const t0 = performance.now();
    const steps = runChain(c, i);
    process.stdout.write(`${JSON.stringify({ name: c.name, ms: performance.now() - t0, steps })}\n`);
  }
}
