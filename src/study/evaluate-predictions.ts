import { SonoriskError } from '../errors.js';
import {
  type BaselineVariableSpec,
  baselineTableFrom,
  calibrationFigure,
  calibrationSeriesFrom,
  calibrationTableFrom,
  decisionCurveFigure,
  decisionCurveInputFrom,
  delongTableFrom,
  type PerformanceSplit,
  performanceTableFrom,
  type ReportSection,
  type StudyReport,
  rocFigure,
  riskFactorTableFrom,
  rocSeriesFrom,
  studyReport,
  type Table,
} from '../report/index.js';
import { aucCI, calibration, decisionCurve, roc } from '../stats/index.js';
import type { CohortCase } from './cohort-manifest.js';
import type { PredictionsTable } from './predictions.js';

/** Options of {@link evaluatePredictions}. */
export interface EvaluateOptions {
  /** Cases of the cohort manifest: covariates for the baseline table. */
  cases?: readonly CohortCase[];
  /** Report title. */
  title?: string;
  /** Replaces the default "not for clinical use" disclaimer (it cannot be removed). */
  disclaimer?: string;
  /** Extra paragraphs for the Methods section. */
  methods?: string[];
  /** Baseline-table variables (default: every covariate; numbers with more than 10 distinct values are continuous, the rest categorical). */
  variables?: readonly BaselineVariableSpec[];
  /** Covariates to screen as risk factors (default: all baseline variables). */
  riskFactors?: readonly string[];
  /** Printed as the generation time (the report itself never reads the clock). */
  generatedAt?: string;
}

const splitName = (s: string | undefined): string => (s === undefined ? 'All' : s === 'train' ? 'Training' : s === 'validation' ? 'Validation' : s);

/**
 * Builds the study report from predictions: performance per split (Youden threshold from the
 * training split, applied unchanged elsewhere), ROC curves with DeLong 95% CIs, pairwise DeLong
 * tests with Holm-adjusted P, decision curves, and — when the cohort's covariates are given — the
 * baseline table by outcome. Cases without an outcome are left out (and counted in the text).
 *
 * @example
 * ```ts
 * const report = evaluatePredictions(parsePredictions(csv), { title: 'My cohort' });
 * report.files['report.html'];
 * ```
 */
export function evaluatePredictions(table: PredictionsTable, options: EvaluateOptions = {}): StudyReport & { tables: Table[] } {
  if (typeof table !== 'object' || table === null || !Array.isArray(table.ids) || !Array.isArray(table.outcome) || !Array.isArray(table.split) || typeof table.models !== 'object' || table.models === null) {
    throw new SonoriskError('INVALID_ARGUMENT', 'evaluatePredictions needs a predictions table as parsePredictions returns it.');
  }
  const n = table.ids.length;
  if (table.outcome.length !== n || table.split.length !== n || Object.values(table.models).some((m) => m.length !== n)) {
    throw new SonoriskError('LENGTH_MISMATCH', 'evaluatePredictions: ids, outcome, split and every model column must have one entry per case.');
  }
  const keep = table.outcome.map((o, i) => (o === undefined ? -1 : i)).filter((i) => i >= 0);
  if (keep.length === 0) throw new SonoriskError('SINGLE_CLASS', 'No case in the predictions has a known outcome; evaluation needs outcomes.');
  const modelNames = Object.keys(table.models);
  const splitsPresent = [...new Set(keep.map((i) => table.split[i]))];
  const hasTraining = splitsPresent.includes('train');
  const order = (s: string | undefined) => (s === 'train' ? 0 : s === 'validation' ? 1 : 2);
  splitsPresent.sort((a, b) => order(a) - order(b) || String(a).localeCompare(String(b)));
  const splits: (PerformanceSplit & { indices: number[] })[] = splitsPresent.map((s) => {
    const indices = keep.filter((i) => table.split[i] === s);
    const scores: Record<string, Float64Array> = {};
    for (const m of modelNames) scores[m] = Float64Array.from(indices, (i) => table.models[m]![i]!);
    return { name: splitName(s), labels: Uint8Array.from(indices, (i) => table.outcome[i]!), scores, indices };
  });
  for (const s of splits) {
    for (const m of modelNames) {
      if ((s.scores[m] as Float64Array).some((v) => Number.isNaN(v))) {
        throw new SonoriskError('NON_FINITE', `Model ${m} has no prediction for some cases of the ${s.name} split; rerun predict or drop those cases.`);
      }
    }
  }
  for (const s of splits) {
    if (new Set(s.indices.map((i) => table.outcome[i])).size < 2) {
      throw new SonoriskError('SINGLE_CLASS', `The ${s.name} split has only ${table.outcome[s.indices[0]!] === 1 ? 'recurrences' : 'non-recurrences'} (${s.indices.length} cases); ROC, calibration and the tables need both outcomes in every split.`);
    }
  }
  const evalSplit = splits.find((s) => s.name === 'Validation') ?? splits[splits.length - 1]!;
  const trainingSplit = hasTraining ? 'Training' : evalSplit.name;
  const sections: ReportSection[] = [];
  let riskFactorSection: ReportSection | undefined;
  const nMissing = table.ids.length - keep.length;
  const intro = `${keep.length} cases with a known outcome (${keep.filter((i) => table.outcome[i] === 1).length} events)` + (nMissing ? `; ${nMissing} without an outcome left out.` : '.');

  if (options.cases) {
    const byId = new Map(options.cases.map((c) => [c.id, c]));
    const rows = keep.map((i) => ({ outcome: table.outcome[i], ...(byId.get(table.ids[i]!)?.covariates ?? {}) }));
    const variables = options.variables ? [...options.variables] : covariateSpecs(rows);
    if (variables.length > 0) {
      sections.push({
        heading: 'Baseline characteristics',
        tables: [baselineTableFrom(rows, 'outcome', { variables, groups: [{ value: 0, label: 'No recurrence' }, { value: 1, label: 'Early recurrence' }], caption: 'Table 1. Baseline characteristics by early recurrence' })],
      });
      const predictors = variables.map((v) => v.key).filter((k) => options.riskFactors === undefined || options.riskFactors.includes(k));
      if (predictors.length > 0) {
        riskFactorSection = {
          heading: 'Risk factors',
          paragraphs: ['Univariable logistic regression of each covariate; those with P < 0.05 enter the multivariable model. Odds ratios with profile-likelihood 95% CIs (as R glm + confint).'],
          tables: [riskFactorTableFrom(rows, 'outcome', { predictors, labels: Object.fromEntries(variables.map((v) => [v.key, v.label ?? v.key])), caption: 'Table 5. Univariable and multivariable logistic regression for early recurrence' })],
        };
      }
    }
  }

  const perfTable: Table = performanceTableFrom(splits, { trainingSplit, caption: 'Table 2. Model performance' });
  const rocSvg = rocFigure(
    modelNames.map((m) => rocSeriesFrom(m, roc(evalSplit.labels, evalSplit.scores[m]!), aucCI(evalSplit.labels, evalSplit.scores[m]!))),
    { title: `ROC curves (${evalSplit.name})` },
  );
  const tables = [perfTable];
  if (modelNames.length > 1) tables.push(delongTableFrom(evalSplit.labels, evalSplit.scores, { split: evalSplit.name, caption: `Table 3. Pairwise DeLong tests (${evalSplit.name}), Holm-adjusted` }));
  const dca = decisionCurve(evalSplit.labels, evalSplit.scores);
  const bins = Math.max(3, Math.min(10, Math.floor(evalSplit.labels.length / 10)));
  const calibrationSeries = modelNames.map((m) => calibrationSeriesFrom(m, calibration(evalSplit.labels, evalSplit.scores[m]!, { bins }), evalSplit.scores[m]!));
  const calibrationStats = calibrationTableFrom(evalSplit.labels, evalSplit.scores, { bins, split: evalSplit.name, caption: `Table 4. Calibration (${evalSplit.name})` });
  sections.push({
    heading: 'Discrimination',
    paragraphs: [
      intro,
      hasTraining
        ? "Thresholds: Youden's J on the Training split, applied unchanged to the others. AUC 95% CI by DeLong."
        : "Thresholds: Youden's J on these same cases (no training split was given, so accuracy, sensitivity and specificity are optimistic). AUC 95% CI by DeLong.",
    ],
    tables,
    figures: [{ id: 'roc', caption: `ROC curves, ${evalSplit.name} split, with AUC (95% CI)`, svg: rocSvg }],
  });
  sections.push({
    heading: 'Calibration',
    paragraphs: ['Binned observed event rates (Wilson 95% CI) and lowess-smoothed calibration (as rms::val.prob); Hosmer–Lemeshow is shown for completeness and is not recommended alone.'],
    tables: [calibrationStats],
    figures: [{ id: 'calibration', caption: `Calibration, ${evalSplit.name} split`, svg: calibrationFigure(calibrationSeries) }],
  });
  sections.push({
    heading: 'Clinical utility',
    paragraphs: ['Decision curves: net benefit of treating patients whose predicted probability is at or above each threshold, against treat-all and treat-none.'],
    figures: [{ id: 'decision-curves', caption: `Decision curves, ${evalSplit.name} split`, svg: decisionCurveFigure(decisionCurveInputFrom(dca)) }],
  });
  if (riskFactorSection) sections.push(riskFactorSection);
  const report = studyReport({
    title: options.title ?? 'sonorisk study report',
    ...(options.disclaimer ? { disclaimer: options.disclaimer } : {}),
    sections,
    methods: [
      'Statistics computed with sonorisk/stats, which follows R (pROC for ROC and DeLong, stats for tests).',
      ...(options.methods ?? []),
    ],
    // No Node types in the core: read the runtime's version where there is one (Node, Deno's process shim).
    software: [{ name: 'node', version: (globalThis as { process?: { version?: string } }).process?.version ?? 'unknown' }],
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
  });
  return { ...report, tables: sections.flatMap((s) => s.tables ?? []) };
}

/** Covariates: numbers with more than 10 distinct values → continuous, anything else → categorical. */
function covariateSpecs(rows: readonly Record<string, unknown>[]): BaselineVariableSpec[] {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => k !== 'outcome');
  return keys.map((key) => {
    const values = rows.map((r) => r[key]).filter((v) => v !== undefined);
    const distinct = new Set(values);
    const numeric = values.every((v) => typeof v === 'number');
    return numeric && distinct.size > 10 ? { key, kind: 'continuous' as const } : { key, kind: 'categorical' as const };
  });
}

