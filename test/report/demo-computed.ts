/**
 * End-to-end demo: a synthetic cohort (seeded) run through sonorisk/stats and the report adapters
 * into a full study report. Used by scripts/screenshot-report.ts and checked structurally by
 * test/report/demo-computed.test.ts (not snapshotted, so stats refinements don't churn it).
 */
import {
  computeBaselineTable,
  calibrationGridFigure,
  calibrationSeriesFrom,
  computeCalibrationTable,
  decisionCurveFigure,
  decisionCurveInputFrom,
  computeDelongTable,
  computePerformanceTable,
  computeRiskFactorTable,
  rocFigure,
  rocSeriesFrom,
  type StudyReport,
  studyReport,
  timeIntensityFigure,
} from '../../src/report/index.js';
import { aucCI, calibration, createRng, decisionCurve, roc, stratifiedSplit } from '../../src/stats/index.js';
import { demoCohort, demoTimeIntensity } from './demo.js';

export function demoRows(): Record<string, number | string | null>[] {
  const { y, scores } = demoCohort();
  const rng = createRng(99);
  return y.map((recurrence, i) => {
    const size = Math.round((2.3 + 0.6 * recurrence + 0.75 * rng.normal()) * 10) / 10;
    return {
      id: i,
      recurrence,
      age: Math.round(58 + 2 * recurrence + 10 * rng.normal()),
      sex: rng.next() < 0.83 ? 'Male' : 'Female',
      afp: i % 23 === 5 ? null : Math.round(Math.exp(2.6 + 0.9 * recurrence + 1.4 * rng.normal()) * 10) / 10,
      childPugh: rng.next() < (recurrence ? 0.11 : 0.04) ? 'B' : 'A',
      size: Math.max(0.8, size),
      margin: rng.next() < (recurrence ? 0.5 : 0.25) ? 'Irregular' : rng.next() < 0.3 ? 'Lobulated' : 'Smooth',
      ...Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, v[i]!])),
    };
  });
}

const MODELS = ['R-US', 'R-CEUS', 'R-CEUS2', 'R-CEUS45'];

export function demoComputedReport(): StudyReport {
  const rows = demoRows();
  const y = rows.map((r) => r['recurrence'] as number);
  const split = stratifiedSplit(y, { seed: 2026 });
  const subset = (name: string, idx: number[]) => ({
    name,
    labels: idx.map((i) => y[i]!),
    scores: Object.fromEntries(MODELS.map((m) => [m, idx.map((i) => rows[i]![m] as number)])),
  });
  const train = subset('Training', split.train);
  const valid = subset('Validation', split.test);
  const all = subset('All', y.map((_, i) => i));
  const baseline = computeBaselineTable(rows, 'recurrence', {
    groups: [
      { value: 0, label: 'No recurrence' },
      { value: 1, label: 'Early recurrence' },
    ],
    variables: [
      { key: 'age', label: 'Age', unit: 'years', kind: 'continuous' },
      { key: 'sex', label: 'Sex', kind: 'categorical', levels: ['Male', 'Female'] },
      { key: 'afp', label: 'AFP', unit: 'ng/mL', kind: 'continuous' },
      { key: 'childPugh', label: 'Child–Pugh class', kind: 'categorical', levels: ['A', 'B'] },
      { key: 'size', label: 'Tumour size', unit: 'cm', kind: 'continuous' },
      { key: 'margin', label: 'Margin', kind: 'categorical', levels: ['Smooth', 'Irregular', 'Lobulated'] },
    ],
  });
  const performance = computePerformanceTable([train, valid], { ratioCI: true });
  const delong = computeDelongTable(valid.labels, valid.scores, { split: 'validation set' });
  const risk = computeRiskFactorTable(rows, 'recurrence', {
    predictors: ['age', 'size', 'margin', 'childPugh'],
    categorical: { margin: { reference: 'Smooth' }, childPugh: { reference: 'A' } },
    labels: { age: 'Age (per year)', size: 'Tumour size (per cm)', margin: 'Margin', childPugh: 'Child–Pugh class' },
  });
  const rocSvg = rocFigure(
    MODELS.map((m) => rocSeriesFrom(m, roc(valid.labels, valid.scores[m]!), aucCI(valid.labels, valid.scores[m]!))),
    { width: 520, height: 500, title: 'ROC curves, validation set' },
  );
  const dcaSvg = decisionCurveFigure(decisionCurveInputFrom(decisionCurve(all.labels, all.scores)), { width: 520, height: 440, title: 'Decision curves, all patients' });
  return studyReport({
    title: 'Early recurrence of HCC after RFA — model evaluation (synthetic demonstration)',
    subtitle: `${rows.length} simulated patients, ${y.filter((v) => v === 1).length} early recurrences; stratified 80/20 split (seed 2026)`,
    banner: 'Demonstration on synthetic data — not for clinical use.',
    sections: [
      { heading: 'Patients', tables: [baseline] },
      { heading: 'Discrimination', tables: [performance, delong], figures: [{ id: 'roc', caption: 'ROC curves of the four models on the validation set; AUC with DeLong 95% CI.', svg: rocSvg }] },
      {
        heading: 'Calibration and clinical usefulness',
        tables: [computeCalibrationTable(all.labels, all.scores, { split: 'All', caption: 'Calibration of the models, all patients' })],
        figures: [
          {
            id: 'calibration',
            caption: 'Calibration of the four models (all patients), one panel each: quintiles of predicted risk with Wilson 95% CI, lowess curve, distribution of predictions; open triangles mark where a curve leaves the frame.',
            svg: calibrationGridFigure(
              MODELS.map((m) => calibrationSeriesFrom(m, calibration(all.labels, all.scores[m]!, { bins: 5 }), all.scores[m]!)),
              { title: 'Calibration, all patients' },
            ),
          },
          { id: 'decision-curve', caption: 'Decision curves (net benefit) of the four models against treat-all and treat-none.', svg: dcaSvg },
        ],
      },
      { heading: 'Risk factors', tables: [risk] },
      {
        heading: 'Contrast kinetics',
        paragraphs: ['Time-intensity curve of one lesion with the CEUS phase windows the models use (arterial 0–45 s, portal 46–120 s, dual 0–60 s).'],
        figures: [{ id: 'time-intensity', caption: 'Time-intensity curve with phase windows and lognormal fit.', svg: timeIntensityFigure(demoTimeIntensity(), { width: 760, height: 420 }) }],
      },
    ],
    methods: [
      'Baseline: mean ± SD and Welch t test when Shapiro–Wilk P ≥ 0.05 in both groups, otherwise median (P25, P75) and Mann–Whitney U; χ² test, or Fisher exact test when an expected count is below 5.',
      'Discrimination: AUC with DeLong 95% CI; threshold maximising the Youden index on the training set, applied unchanged to the validation set; Wilson 95% CIs for accuracy, sensitivity and specificity; paired DeLong tests with Holm adjustment.',
      'Risk factors: logistic regression (R glm equivalent), profile-likelihood 95% CI, Wald P; factors with univariable P < 0.05 entered the multivariable model.',
      'Calibration as rms::val.prob: quintile bins with Wilson intervals and a lowess smoother (iter = 0). Decision curve analysis as dcurves::dca.',
    ],
    software: [{ name: 'Node.js', version: '>=20' }],
    generatedAt: '2026-11-28',
  });
}
