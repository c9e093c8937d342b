import { SonoriskError } from '../errors.js';
import {
  calibrationGridFigure,
  calibrationSeriesFrom,
  computeBaselineTable,
  computeCalibrationTable,
  computeDelongTable,
  computePerformanceTable,
  computeSplitBalanceTable,
  decisionCurveFigure,
  decisionCurveInputFrom,
  formatEstimateCI,
  formatP,
  type ReportSection,
  riskFactorInputFrom,
  riskFactorTable,
  rocFigure,
  rocSeriesFrom,
  type StudyReport,
  studyReport,
  type Table,
} from '../report/index.js';
import {
  type AucCIOptions,
  calibration,
  decisionCurve,
  type LogisticRegressionResult,
  logisticRegression,
  predictLogistic,
  riskFactorAnalysis,
  roc,
} from '../stats/index.js';
import type { CohortCase } from './cohort-manifest.js';
import { type ModelAvailability, patientFlowTable } from './patient-flow.js';
import type { PredictionsTable } from './predictions.js';
import type { StageSummary } from './stage-summary.js';
import { parseStudyFile, type StudyFile } from './study-file.js';
import {
  baselineSpec,
  categoricalSpecs,
  levelLabelsOf,
  naturalCompare,
  type ResolvedVariable,
  regressionLabel,
  regressionValue,
  resolveVariables,
  typingSentence,
} from './study-variables.js';
import { tripodAiChecklist } from './tripod-ai.js';
import { subgroupTable } from './subgroup-table.js';

/** What the report says about one model (from its manifest): for the Methods and the banner rule. */
export interface EvaluatedModelInfo {
  id: string;
  /** e.g. "CEUS 0–45 s, 16 frames, 112 × 112". */
  clip?: string;
  /** How frames were selected, e.g. "uniform". */
  frames?: string;
  /** SHA-256 of the manifest (and folds). */
  sha256?: string;
  /** The manifest says it is a demonstration model: the report then carries the demonstration banner. */
  demonstration?: boolean;
}

/** Options of {@link evaluatePredictions}. */
export interface EvaluateOptions {
  /** Cases of the cohort manifest: covariates for the tables and the combined models; ids for the patient flow. */
  cases?: readonly CohortCase[];
  /** The study file (parsed with `parseStudyFile`, or raw JSON text / object): labels, typing, subgroups. */
  study?: StudyFile | string;
  /** Report title (overrides the study file's). */
  title?: string;
  /** A boxed notice under the title and in the footer (e.g. demonstration only). None unless given here, in the study file, or by a demonstration model. */
  banner?: string;
  /** Stage summaries (`prepare-summary.json`, `predict-summary.json`) for the patient flow. */
  stages?: { prepare?: StageSummary; predict?: StageSummary };
  /** Fail (`INCOMPLETE_PREDICTIONS`) when a model lacks a prediction for any case with an outcome, instead of evaluating each model on the cases it has. */
  requireComplete?: boolean;
  /** AUC CI method: DeLong (default) or a stratified percentile bootstrap (as pROC `ci.auc(boot.n = …)`). */
  aucCI?: { method: 'delong' } | { method: 'bootstrap'; replicates?: number; seed?: number };
  /** Model manifests' facts for the Methods. */
  models?: readonly EvaluatedModelInfo[];
  /** Extra Methods paragraphs. */
  methods?: readonly string[];
  /** Software versions to list (e.g. node, onnxruntime). */
  software?: readonly { name: string; version: string }[];
  /** Printed as the generation time (the report itself never reads the clock). */
  generatedAt?: string;
}

/** The study report plus its tables (for CSV) in report order. */
export type EvaluationReport = StudyReport & { tables: Table[]; tableIds: string[] };

/** One data split as the evaluation uses it: NaN scores are cases a model has no prediction for. */
interface Split {
  key: string;
  name: string;
  labels: Uint8Array;
  scores: Record<string, Float64Array>;
  indices: number[];
}

const DEFAULT_SPLIT_LABELS: Record<string, string> = { train: 'Training', training: 'Training', validation: 'Validation', test: 'Test' };
const DEMO_BANNER = 'Demonstration only \u2014 synthetic data and demonstration models; not for clinical use.';

/** Decision-curve layout for a column-width figure: the legend below the plot, never over the curves. */
function dcaLayout(title: string, models: number) {
  return { title, width: 460, height: 360 + 12 * 1.45 * (models + 2) + 30, fontSize: 12, legend: 'below' as const };
}

/**
 * Builds the study report from predictions, as a paper reports a prediction model (TRIPOD+AI):
 * patient flow; characteristics by split (standardised differences) and by outcome; uni- and
 * multivariable logistic regression on the training split; per split the performance table (AUC
 * with CI, accuracy, sensitivity, specificity, PPV, NPV with Wilson CIs at the training split's
 * Youden threshold), pairwise DeLong tests, ROC, calibration (one panel per model) and decision
 * curves; the clinical model and each deep-learning score added to it (odds ratios, AUCs with
 * DeLong against the clinical model, decision curves); subgroup AUCs; a generated Methods section
 * and the TRIPOD+AI checklist. Each model is evaluated on the cases it has a prediction for
 * (`requireComplete` makes a gap an error); exclusions are counted and named in the patient flow.
 * Pure and deterministic: no clock, no file system.
 *
 * @throws SonoriskError `INVALID_ARGUMENT`, `LENGTH_MISMATCH`, `SINGLE_CLASS`, `STUDY_INVALID`, `INCOMPLETE_PREDICTIONS`.
 * @example
 * ```ts
 * const report = evaluatePredictions(parsePredictions(csv), { cases: cohort.cases, study: parseStudyFile(json) });
 * report.files['report.html'];
 * ```
 */
export function evaluatePredictions(table: PredictionsTable, options: EvaluateOptions = {}): EvaluationReport {
  if (typeof table !== 'object' || table === null || !Array.isArray(table.ids) || !Array.isArray(table.outcome) || !Array.isArray(table.split) || typeof table.models !== 'object' || table.models === null) {
    throw new SonoriskError('INVALID_ARGUMENT', 'evaluatePredictions needs a predictions table as parsePredictions returns it.');
  }
  const n = table.ids.length;
  if (table.outcome.length !== n || table.split.length !== n || Object.values(table.models).some((m) => m.length !== n)) {
    throw new SonoriskError('LENGTH_MISMATCH', 'evaluatePredictions: ids, outcome, split and every model column must have one entry per case.');
  }
  const study: StudyFile = options.study === undefined ? {} : typeof options.study === 'string' ? parseStudyFile(options.study) : parseStudyFile(options.study);
  const keep = table.outcome.map((o, i) => (o === undefined ? -1 : i)).filter((i) => i >= 0);
  if (keep.length === 0) throw new SonoriskError('SINGLE_CLASS', 'No case in the predictions has a known outcome; evaluation needs outcomes.');
  const modelIds = Object.keys(table.models);
  const modelName = (m: string) => study.models?.[m]?.label ?? m;
  const splitKey = (i: number) => table.split[i] ?? '';
  const splitLabel = (s: string) => study.splits?.[s] ?? DEFAULT_SPLIT_LABELS[s] ?? (s === '' ? 'All' : s);
  const order = (s: string) => (s === 'train' || s === 'training' ? 0 : s === 'validation' ? 1 : 2);
  const splitKeys = [...new Set(keep.map(splitKey))].sort((a, b) => order(a) - order(b) || naturalCompare(a, b));
  const trainingKey = splitKeys.find((s) => order(s) === 0);
  const evalOutcome = study.outcome ?? {};
  const eventLabel = evalOutcome.event ?? 'Event';
  const noEventLabel = evalOutcome.noEvent ?? 'No event';
  const outcomeLabel = evalOutcome.label ?? 'the outcome';

  // --- which cases each model has -------------------------------------------------------------
  const availability: ModelAvailability[] = [];
  for (const s of splitKeys) {
    const idx = keep.filter((i) => splitKey(i) === s);
    if (new Set(idx.map((i) => table.outcome[i])).size < 2) {
      throw new SonoriskError('SINGLE_CLASS', `The ${splitLabel(s)} split has only ${table.outcome[idx[0]!] === 1 ? 'events' : 'non-events'} (${idx.length} cases); ROC, calibration and the tables need both outcomes in every split.`);
    }
    for (const m of modelIds) {
      const scores = table.models[m]!;
      const has = idx.filter((i) => !Number.isNaN(scores[i]!));
      const missing = idx.filter((i) => Number.isNaN(scores[i]!)).map((i) => table.ids[i]!);
      if (missing.length && options.requireComplete) {
        throw new SonoriskError('INCOMPLETE_PREDICTIONS', `Model ${m} has no prediction for ${missing.length} case(s) of the ${splitLabel(s)} split: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ' …' : ''}. Rerun predict, or drop --require-complete to evaluate each model on the cases it has.`, { model: m, split: s, cases: missing });
      }
      if (new Set(has.map((i) => table.outcome[i])).size < 2) {
        throw new SonoriskError('SINGLE_CLASS', `Model ${m} has predictions for ${has.length} case(s) of the ${splitLabel(s)} split, not both outcomes; it cannot be evaluated there.`, { model: m, split: s });
      }
      availability.push({ model: m, split: s, indices: has, missing });
    }
  }
  const anyMissing = availability.some((a) => a.missing.length > 0);

  const splits: Split[] = splitKeys.map((s) => {
    const indices = keep.filter((i) => splitKey(i) === s);
    const scores: Record<string, Float64Array> = {};
    for (const m of modelIds) scores[modelName(m)] = Float64Array.from(indices, (i) => table.models[m]![i]!);
    return { key: s, name: splitLabel(s), labels: Uint8Array.from(indices, (i) => table.outcome[i]!), scores, indices };
  });
  const trainingName = trainingKey !== undefined ? splitLabel(trainingKey) : splits[0]!.name;
  /** Where thresholds and models were fitted, as prose. */
  const fittedOn = trainingKey !== undefined ? `the ${trainingName.toLowerCase()} split` : 'all cases (no training split was given, so these estimates are optimistic)';
  const aucOptions: AucCIOptions =
    options.aucCI?.method === 'bootstrap' ? { method: 'bootstrap', replicates: options.aucCI.replicates ?? 2000, seed: options.aucCI.seed ?? 1, stratified: true } : { method: 'delong' };
  const aucMethodText =
    aucOptions.method === 'bootstrap'
      ? `a stratified percentile bootstrap with ${aucOptions.replicates} replicates (seed ${aucOptions.seed}; as R pROC ci.auc(method = "bootstrap", boot.stratified = TRUE))`
      : 'the DeLong method (as R pROC ci.auc)';

  const sections: ReportSection[] = [];
  let tableNo = 0;
  const caption = (text: string) => `Table ${++tableNo}. ${text}`;
  const tagged = new Map<Table, string>();
  const tag = (id: string, t: Table) => {
    tagged.set(t, id);
    return t;
  };
  const fig = (id: string) => id.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64) || 'figure';

  // --- patient flow ----------------------------------------------------------------------------
  const stages = { prepare: options.stages?.prepare, predict: options.stages?.predict };
  const flowTable = patientFlowTable(table, options.cases?.map((c) => c.id), availability, splitLabel, stages);
  const nMissingOutcome = n - keep.length;
  sections.push({
    heading: 'Participants',
    paragraphs: [
      `${keep.length} cases with a known outcome (${keep.filter((i) => table.outcome[i] === 1).length} events: ${eventLabel.toLowerCase()})${nMissingOutcome ? `; ${nMissingOutcome} without an outcome left out` : ''}, in ${splits.map((s) => `${s.name} ${s.indices.length}`).join(', ')}.` +
        (anyMissing ? ' Some models lack predictions for some cases; each model is evaluated on the cases it has (patient flow below).' : ''),
    ],
    tables: [tag('patient-flow', { ...flowTable, caption: caption('Patient flow') })],
  });

  // --- covariates --------------------------------------------------------------------------------
  const byId = new Map((options.cases ?? []).map((c) => [c.id, c]));
  const covRows = keep.map((i) => ({ ...(byId.get(table.ids[i]!)?.covariates ?? {}) }) as Record<string, unknown>);
  const vars: ResolvedVariable[] = options.cases ? resolveVariables(covRows, study) : [];
  const rowOf = new Map(keep.map((i, k) => [i, covRows[k]!]));
  const regressionRow = (i: number): Record<string, unknown> => {
    const r = rowOf.get(i) ?? {};
    const out: Record<string, unknown> = { outcome: table.outcome[i] };
    for (const v of vars) out[v.key] = regressionValue(v, r[v.key]);
    return out;
  };
  let clinical: { fit: LogisticRegressionResult; predictors: string[] } | undefined;
  let regressionNote = '';
  if (vars.length > 0) {
    const rows = keep.map((i) => ({ outcome: table.outcome[i], split: splitKey(i), ...rowOf.get(i) }));
    if (splits.length > 1) {
      sections.push({
        heading: 'Characteristics by data split',
        tables: [
          tag(
            'split-balance',
            computeSplitBalanceTable(rows, 'split', {
              variables: vars.map(baselineSpec),
              groups: splits.map((s) => ({ value: s.key, label: s.name })),
              caption: caption(`Characteristics of the ${splits.map((s) => s.name.toLowerCase()).join(' and ')} splits`),
            }),
          ),
        ],
      });
    }
    const baselineTables = splits.map((s) =>
      tag(
        `baseline-${fig(s.key || 'all')}`,
        computeBaselineTable(
          rows.filter((r) => r.split === s.key),
          'outcome',
          { variables: vars.map(baselineSpec), groups: [{ value: 0, label: noEventLabel }, { value: 1, label: eventLabel }], caption: caption(`Baseline characteristics by ${outcomeLabel.toLowerCase()}, ${s.name.toLowerCase()} split`) },
        ),
      ),
    );
    sections.push({ heading: 'Baseline characteristics', tables: baselineTables });
    // regression on the training split, one typing (study file) for every model
    const trainIdx = (trainingKey !== undefined ? splits.find((s) => s.key === trainingKey)! : splits[0]!).indices;
    const trainRows = trainIdx.map(regressionRow);
    const analysis = riskFactorAnalysis(trainRows, 'outcome', { predictors: vars.map((v) => v.key), categorical: categoricalSpecs(vars), ci: 'profile' });
    const labels = Object.fromEntries(vars.map((v) => [v.key, regressionLabel(v)]));
    const rf = riskFactorInputFrom(analysis, { labels, levelLabels: levelLabelsOf(vars), ci: 'profile' });
    sections.push({
      heading: 'Risk factors',
      paragraphs: [
        `Logistic regression of ${outcomeLabel.toLowerCase()} on each variable in the ${trainingName.toLowerCase()} split (n = ${trainRows.length}); variables with univariable P < 0.05 entered the multivariable model. Odds ratios with profile-likelihood 95% CIs (as R glm + confint).`,
      ],
      tables: [
        tag(
          'risk-factors',
          riskFactorTable({
            ...rf,
            caption: caption(`Univariable and multivariable logistic regression for ${outcomeLabel.toLowerCase()}, ${trainingName.toLowerCase()} split`),
            footnotes: ['Factors with univariable P < 0.05 entered the multivariable model.', ...analysis.warnings.map((w) => `Warning (${w}).`)],
          }),
        ),
      ],
    });
    const chosen = study.clinicalModel ?? analysis.selected;
    regressionNote = `${chosen.map((k) => labels[k]).join(', ') || 'no variable'} (${study.clinicalModel ? 'as the study file names them' : 'the variables with univariable P < 0.05'})`;
    if (chosen.length > 0) {
      const cats = Object.fromEntries(Object.entries(categoricalSpecs(vars)).filter(([k]) => chosen.includes(k)));
      // without a named clinical model the chosen variables are the multivariable model already fitted above
      const fit = study.clinicalModel || !analysis.multivariable ? logisticRegression(trainRows, 'outcome', { predictors: chosen, categorical: cats, profile: true }) : analysis.multivariable;
      clinical = { fit, predictors: chosen };
    }
  }

  // --- discrimination per split -------------------------------------------------------------------
  const perf = computePerformanceTable(splits, { trainingSplit: trainingName, aucCI: aucOptions, ratioCI: true, caption: caption('Model performance by data split') });
  const delongTables: Table[] = [];
  if (modelIds.length > 1) {
    for (const s of splits) {
      delongTables.push(tag(`delong-${fig(s.key || 'all')}`, computeDelongTable(s.labels, s.scores, { split: s.name, showN: anyMissing, caption: caption(`Pairwise DeLong tests, ${s.name.toLowerCase()} split (Holm-adjusted)`) })));
    }
  }
  const own = (s: (typeof splits)[number], m: string) => {
    const sc = s.scores[m]!;
    const k = [...sc.keys()].filter((j) => !Number.isNaN(sc[j]!));
    return { labels: Uint8Array.from(k, (j) => s.labels[j]!), scores: Float64Array.from(k, (j) => sc[j]!) };
  };
  const names = modelIds.map(modelName);
  sections.push({
    heading: 'Discrimination',
    paragraphs: [
      trainingKey !== undefined
        ? `Thresholds: Youden's J on the ${trainingName.toLowerCase()} split, applied unchanged to the other splits. AUC 95% CI by ${aucMethodText}.`
        : `Thresholds: Youden's J on these same cases (no training split was given, so accuracy, sensitivity, specificity, PPV and NPV are optimistic). AUC 95% CI by ${aucMethodText}.`,
    ],
    tables: [tag('performance', perf), ...delongTables],
    figures: splits.map((s) => ({
      id: `roc-${fig(s.key || 'all')}`,
      caption: `ROC curves, ${s.name.toLowerCase()} split, with AUC (95% CI).`,
      svg: rocFigure(
        names.map((m) => {
          const o = own(s, m);
          // the AUC and its CI as the performance table computed them (one computation per number)
          const v = perf.rows.find((r) => r.values?.['model'] === m && r.values?.['split'] === s.name)!.values!;
          return rocSeriesFrom(m, roc(o.labels, o.scores, { direction: 'higher-is-positive' }), { auc: v['auc'] as number, lower: (v['aucLower'] as number | null) ?? Number.NaN, upper: (v['aucUpper'] as number | null) ?? Number.NaN, level: 0.95, method: aucOptions.method ?? 'delong', direction: 'higher-is-positive', warnings: [] });
        }),
        { title: `ROC curves (${s.name})`, width: 460, height: 440, fontSize: 12 },
      ),
    })),
  });

  // --- calibration --------------------------------------------------------------------------------
  const calTables: Table[] = [];
  const calFigures = splits.map((s) => {
    const bins = Math.max(3, Math.min(10, Math.floor(s.labels.length / 10)));
    calTables.push(tag(`calibration-${fig(s.key || 'all')}`, computeCalibrationTable(s.labels, s.scores, { bins, split: s.name, caption: caption(`Calibration, ${s.name.toLowerCase()} split`) })));
    return {
      id: `calibration-${fig(s.key || 'all')}`,
      caption: `Calibration, ${s.name.toLowerCase()} split: one panel per model (${bins} quantile groups; open triangles mark where the smoothed curve leaves the frame).`,
      svg: calibrationGridFigure(
        names.map((m) => {
          const o = own(s, m);
          return calibrationSeriesFrom(m, calibration(o.labels, o.scores, { bins }), o.scores);
        }),
        { title: `Calibration (${s.name})` },
      ),
    };
  });
  sections.push({
    heading: 'Calibration',
    paragraphs: ['Grouped observed event rates (Wilson 95% CI) and lowess-smoothed calibration (as rms::val.prob); calibration intercept and slope by logistic recalibration; Hosmer–Lemeshow is shown for completeness and is not recommended alone.'],
    tables: calTables,
    figures: calFigures,
  });

  // --- decision curves ------------------------------------------------------------------------------
  const complete = (s: (typeof splits)[number], scores: Record<string, Float64Array>) => {
    const k = [...s.labels.keys()].filter((j) => Object.values(scores).every((sc) => !Number.isNaN(sc[j]!)));
    return { k, labels: Uint8Array.from(k, (j) => s.labels[j]!), scores: Object.fromEntries(Object.entries(scores).map(([m, sc]) => [m, Float64Array.from(k, (j) => sc[j]!)])) };
  };
  sections.push({
    heading: 'Clinical utility',
    paragraphs: ['Decision curves: net benefit of treating the patients whose predicted probability is at or above each threshold, against treat-all and treat-none (Vickers and Elkin 2006; as R dcurves). Curves of all models are drawn on the cases every model has.'],
    figures: splits.map((s) => {
      const c = complete(s, s.scores);
      return {
        id: `decision-curves-${fig(s.key || 'all')}`,
        caption: `Decision curves, ${s.name.toLowerCase()} split (n = ${c.k.length}).`,
        svg: decisionCurveFigure(decisionCurveInputFrom(decisionCurve(c.labels, c.scores)), dcaLayout(`Decision curves (${s.name})`, Object.keys(c.scores).length)),
      };
    }),
  });

  // --- combined clinical + deep-learning models ---------------------------------------------------------
  let combinedDone = false;
  if (clinical) {
    const per = study.scorePer ?? 0.1;
    const dl = '__dl';
    const fits = modelIds.map((m) => {
      const tr = (trainingKey !== undefined ? splits.find((s) => s.key === trainingKey)! : splits[0]!).indices.filter((i) => !Number.isNaN(table.models[m]![i]!));
      const rows = tr.map((i) => ({ ...regressionRow(i), [dl]: table.models[m]![i]! / per }));
      return { m, fit: logisticRegression(rows, 'outcome', { predictors: [...clinical!.predictors, dl], categorical: Object.fromEntries(clinical!.fit.codings.filter((c) => c.kind === 'categorical').map((c) => [c.predictor, { levels: [c.reference!, ...c.levels!], reference: c.reference! }])), profile: true }) };
    });
    const clinName = 'Clinical';
    const combName = (m: string) => `Clinical + ${modelName(m)}`;
    const combinedSplits = splits.map((s) => {
      const rows = s.indices.map(regressionRow);
      const scores: Record<string, Float64Array> = { [clinName]: predictLogistic(clinical!.fit, rows) };
      for (const { m, fit } of fits) scores[combName(m)] = predictLogistic(fit, s.indices.map((i, k) => ({ ...rows[k], [dl]: table.models[m]![i]! / per })));
      // cases missing a clinical variable cannot be scored by any of these models
      return { ...s, scores };
    });
    const usable = combinedSplits.every((s) => Object.values(s.scores).every((sc) => {
      const ys = [...sc.keys()].filter((j) => !Number.isNaN(sc[j]!)).map((j) => s.labels[j]);
      return new Set(ys).size === 2;
    }));
    if (usable) {
      combinedDone = true;
      const orRows = fits.flatMap(({ m, fit }) =>
        fit.terms
          .filter((t) => t.term !== '(Intercept)')
          .map((t, k) => {
            const v = vars.find((x) => x.key === t.predictor);
            const what = t.predictor === dl ? `${modelName(m)} score (per ${per})` : v ? `${regressionLabel(v)}${t.level !== undefined ? `: ${v.levelLabels[t.level] ?? t.level} vs ${v.levelLabels[String(v.reference)] ?? String(v.reference)}` : ''}` : t.term;
            const ci = t.ciProfile ?? t.ciWald;
            return {
              cells: { model: k === 0 ? combName(m) : '', term: what, or: formatEstimateCI(t.oddsRatio, ci, { digits: 2 }), p: formatP(t.p) },
              values: { model: combName(m), term: t.term, oddsRatio: t.oddsRatio, lower: ci[0], upper: ci[1], p: t.p },
            };
          }),
      );
      const orTable = tag('combined-odds-ratios', {
            caption: caption(`Combined models: odds ratios, ${trainingName.toLowerCase()} split`),
            columns: [
              { key: 'model', label: 'Model' },
              { key: 'term', label: 'Variable', align: 'left' },
              { key: 'or', label: 'OR (95% CI)' },
              { key: 'p', label: 'P' },
            ],
            rows: orRows,
            footnotes: ['OR, odds ratio; 95% CI by profile likelihood (R confint); P by the Wald test (R summary.glm).'],
          });
      const combinedPerf = tag('combined-performance', computePerformanceTable(combinedSplits, { trainingSplit: trainingName, aucCI: aucOptions, ratioCI: true, caption: caption('Clinical and combined models: performance by data split') }));
      const comparisons = combinedSplits.map((s) =>
        tag(`combined-delong-${fig(s.key || 'all')}`, computeDelongTable(s.labels, s.scores, { split: s.name, reference: clinName, showN: true, caption: caption(`Each combined model against the clinical model, ${s.name.toLowerCase()} split (DeLong, Holm-adjusted)`) })),
      );
      sections.push({
        heading: 'Combined clinical and deep-learning models',
        paragraphs: [
          `The clinical model is the multivariable logistic regression of ${regressionNote}, fitted on ${fittedOn}; each combined model adds one deep-learning score (odds ratio per ${per} of predicted probability). Both are fitted on the ${trainingName.toLowerCase()} cases they can score and applied unchanged (R predict.glm) to the other splits. Comparisons use the cases both models can score.`,
        ],
        tables: [
          orTable,
          combinedPerf,
          ...comparisons,
        ],
        figures: combinedSplits.map((s) => {
          const c = complete(s, s.scores);
          return {
            id: `decision-curves-combined-${fig(s.key || 'all')}`,
            caption: `Decision curves of the clinical and combined models, ${s.name.toLowerCase()} split (n = ${c.k.length}).`,
            svg: decisionCurveFigure(decisionCurveInputFrom(decisionCurve(c.labels, c.scores)), dcaLayout(`Combined models (${s.name})`, Object.keys(c.scores).length)),
          };
        }),
      });
    }
  }

  // --- subgroups -------------------------------------------------------------------------------------
  if (study.subgroups?.length && vars.length > 0) {
    sections.push({
      heading: 'Subgroup analysis',
      paragraphs: ['AUC with 95% CI per subgroup, model and split, as TRIPOD+AI asks for to judge fairness; subgroups with one outcome class only print NA.'],
      tables: [
        tag(
          'subgroups',
          subgroupTable({
            subgroups: study.subgroups,
            vars,
            splits: splits.map((s) => ({ name: s.name, labels: s.labels, scores: s.scores, covariates: s.indices.map((i) => rowOf.get(i) ?? {}) })),
            aucCI: aucOptions,
            caption: caption('AUC by subgroup'),
          }),
        ),
      ],
    });
  }

  // --- methods ---------------------------------------------------------------------------------------------
  const methods: string[] = [];
  methods.push(
    `Cohort and flow: ${options.cases ? `${options.cases.length} cases in the cohort manifest` : `${n} cases in the predictions table`}; ${keep.length} with a known outcome were analysed (${splits.map((s) => `${s.name.toLowerCase()} ${s.indices.length}, ${s.indices.filter((i) => table.outcome[i] === 1).length} events`).join('; ')}). ${
      anyMissing ? 'Cases without a prediction of a model were left out of that model’s analyses only (complete-case analysis per model); the patient-flow table names them and the failure codes.' : 'Every model had a prediction for every case.'
    }`,
  );
  if (!options.models?.length) methods.push('Models: the model manifests were not given (evaluate --models), so clip windows, frame selection and manifest hashes are not reported here.');
  for (const info of options.models ?? []) {
    const parts = [info.clip && `clip ${info.clip}`, info.frames && `frame selection ${info.frames}`, info.sha256 && `manifest SHA-256 ${info.sha256}`].filter(Boolean);
    if (parts.length) methods.push(`Model ${modelName(info.id)}: ${parts.join('; ')}.`);
  }
  methods.push(
    `Thresholds: for each model the Youden threshold (maximum sensitivity + specificity − 1, as R pROC coords(best.method = "youden")) was chosen on ${fittedOn} and applied unchanged to every split; a case is positive when its probability is at or above it.`,
    `Discrimination: AUC (R pROC auc) with 95% CI by ${aucMethodText}; paired DeLong tests between models (pROC roc.test) on the cases both have, P values Holm-adjusted (R p.adjust). Accuracy, sensitivity, specificity, PPV and NPV with Wilson score 95% CIs (R prop.test(correct = FALSE)).`,
    'Calibration: calibration intercept and slope by logistic recalibration (R glm on the logit of the prediction), Brier score, lowess-smoothed calibration curve and E-avg (rms val.prob), grouped observed rates with Wilson CIs, Hosmer–Lemeshow test.',
    'Clinical utility: net benefit = TP/n − FP/n × pt/(1 − pt) at threshold probabilities pt from 0 to 0.99 (as R dcurves::dca).',
  );
  if (vars.length > 0) {
    methods.push(
      `${typingSentence(vars)} Baseline characteristics: mean ± SD with Welch's t test when Shapiro–Wilk P ≥ 0.05 in both groups, otherwise median (P25, P75) with the Mann–Whitney U test (R t.test, wilcox.test); categorical variables with Pearson's χ² test (R chisq.test) or Fisher's exact test (fisher.test) when an expected count is below 5. Split balance by standardised differences (tableone's formulas). Logistic regression as R glm(family = binomial) with profile-likelihood CIs (confint); missing covariates: complete cases per model.`,
    );
  }
  if (clinical) methods.push(`Combined models: the clinical model of ${regressionNote} and each deep-learning score added to it, fitted on ${fittedOn}, applied to the other splits as R predict.glm(type = "response"); AUCs compared with the clinical model's by the paired DeLong test.`);
  if (study.subgroups?.length) methods.push(`Subgroups: ${study.subgroups.map((g) => g.label ?? vars.find((v) => v.key === g.variable)?.label ?? g.variable).join(', ')}; AUC with 95% CI per subgroup (${aucOptions.method === 'bootstrap' ? 'bootstrap' : 'DeLong'}).`);
  methods.push(...(study.methods ?? []), ...(options.methods ?? []));

  // --- appendix --------------------------------------------------------------------------------------------
  sections.push({
    heading: 'Appendix: TRIPOD+AI checklist',
    tables: [
      tag(
        'tripod-ai',
        tripodAiChecklist({
          flow: true,
          splitBalance: vars.length > 0 && splits.length > 1,
          baseline: vars.length > 0,
          regression: vars.length > 0,
          combined: combinedDone,
          subgroups: Boolean(study.subgroups?.length && vars.length > 0),
          calibration: true,
          decisionCurves: true,
        }),
      ),
    ],
  });

  const demo = (options.models ?? []).some((m) => m.demonstration);
  const banner = options.banner ?? study.banner ?? (demo ? DEMO_BANNER : undefined);
  // Methods first, as a paper reads; the checklist stays last
  sections.unshift({ heading: 'Methods', paragraphs: methods });
  const report = studyReport({
    title: options.title ?? study.title ?? 'Prediction model evaluation',
    ...(study.subtitle ? { subtitle: study.subtitle } : {}),
    ...(banner ? { banner } : {}),
    ...(study.note ? { note: study.note } : {}),
    sections,
    ...(options.software ? { software: options.software } : {}),
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
  });
  const tables = sections.flatMap((sec) => sec.tables ?? []);
  return { ...report, tables, tableIds: tables.map((t, k) => tagged.get(t) ?? `table-${k + 1}`) };
}

