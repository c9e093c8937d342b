import { SonoriskError } from '../../errors.js';
import { checkOptionKeys } from '../option-checks.js';
import { type CategoricalSpec, type DataRow, buildDesign } from './design-matrix.js';
import { type LogisticRegressionResult, type LogisticTerm, fitLogistic } from './logistic-regression.js';

/** Options of {@link riskFactorAnalysis}. */
export interface RiskFactorOptions {
  predictors: ReadonlyArray<string>;
  categorical?: Readonly<Record<string, CategoricalSpec>>;
  /** Predictors enter the multivariable model when a univariable P is below this; 'all' enters all. Default 0.05. */
  multivariableThreshold?: number | 'all';
  /** Interval shown in the table: profile likelihood (default, R's `confint`) or Wald. */
  ci?: 'profile' | 'wald';
  level?: number;
  /** Fit every model with Firth's penalised likelihood. */
  firth?: boolean;
}

/** One estimate in the table. */
export interface RiskFactorEstimate {
  oddsRatio: number;
  ci: [number, number];
  p: number;
}

/** One table row: a numeric predictor, a level of a categorical one, or its reference level. */
export interface RiskFactorRow {
  predictor: string;
  /** Coefficient name (`sexM`); for a reference row, predictor + level. */
  term: string;
  level?: string;
  /** Reference level of a categorical predictor (OR 1 by definition; estimates null). */
  reference: boolean;
  univariable: RiskFactorEstimate | null;
  /** null when the predictor did not enter the multivariable model. */
  multivariable: RiskFactorEstimate | null;
}

/** Result of {@link riskFactorAnalysis}. */
export interface RiskFactorAnalysis {
  rows: RiskFactorRow[];
  /** Predictors in the multivariable model. */
  selected: string[];
  threshold: number | 'all';
  univariable: Record<string, LogisticRegressionResult>;
  multivariable: LogisticRegressionResult | null;
  /** Separation or convergence warnings from any model, prefixed by the model. */
  warnings: string[];
}

function estimate(t: LogisticTerm | undefined, ci: 'profile' | 'wald'): RiskFactorEstimate | null {
  if (!t || t.aliased) return null;
  return { oddsRatio: t.oddsRatio, ci: ci === 'profile' && t.ciProfile ? t.ciProfile : t.ciWald, p: t.p };
}

/**
 * The usual clinical risk-factor table: a univariable logistic regression per predictor, then one
 * multivariable model with the predictors whose univariable P (any level) is below
 * `multivariableThreshold` (or all of them), merged into one row per term with the reference levels
 * listed. Each univariable model uses the rows complete for its predictor; the multivariable model
 * the rows complete for all its predictors (as separate `glm` calls in R would).
 *
 * @throws SonoriskError as {@link logisticRegression}.
 * @example
 * ```ts
 * import { riskFactorAnalysis } from 'sonorisk/stats';
 * const t = riskFactorAnalysis(patients, 'recurrence', {
 *   predictors: ['age', 'size', 'echo'],
 *   categorical: { echo: { reference: 'iso' } },
 * });
 * t.rows; // [{ term: 'age', univariable: { oddsRatio, ci, p }, multivariable: … }, { term: 'echoiso', reference: true }, …]
 * ```
 */
export function riskFactorAnalysis(rows: ReadonlyArray<DataRow>, outcome: string, options: RiskFactorOptions): RiskFactorAnalysis {
  const fn = 'riskFactorAnalysis';
  checkOptionKeys(options, ['predictors', 'categorical', 'multivariableThreshold', 'ci', 'level', 'firth'], fn);
  if (!options || !Array.isArray(options.predictors) || options.predictors.length === 0) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: options.predictors must list at least one predictor column.`);
  }
  const threshold = options.multivariableThreshold ?? 0.05;
  if (threshold !== 'all' && !(typeof threshold === 'number' && threshold > 0 && threshold <= 1)) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: multivariableThreshold must be in (0, 1] or 'all', got ${String(threshold)}.`);
  }
  const ci = options.ci ?? 'profile';
  const categorical = options.categorical ?? {};
  const fitOpts = {
    profile: ci === 'profile',
    ...(options.level !== undefined ? { level: options.level } : {}),
    ...(options.firth ? { firth: true } : {}),
  };
  const warnings: string[] = [];
  const univariable: Record<string, LogisticRegressionResult> = {};
  const selected: string[] = [];
  for (const pr of options.predictors) {
    const cat = categorical[pr];
    const d = buildDesign(rows, outcome, [pr], cat ? { [pr]: cat } : {}, fn);
    const r = fitLogistic(d, fitOpts, fn);
    univariable[pr] = r;
    for (const w of r.warnings) warnings.push(`univariable ${pr}: ${w}`);
    if (r.separation.detected) warnings.push(`univariable ${pr}: ${r.separation.message}`);
    const minP = Math.min(...r.terms.filter((t) => t.predictor === pr).map((t) => t.p));
    if (threshold === 'all' || minP < threshold) selected.push(pr);
  }
  let multivariable: LogisticRegressionResult | null = null;
  if (selected.length > 0) {
    const cats = Object.fromEntries(Object.entries(categorical).filter(([k]) => selected.includes(k)));
    multivariable = fitLogistic(buildDesign(rows, outcome, selected, cats, fn), fitOpts, fn);
    for (const w of multivariable.warnings) warnings.push(`multivariable: ${w}`);
    if (multivariable.separation.detected) warnings.push(`multivariable: ${multivariable.separation.message}`);
  }
  const out: RiskFactorRow[] = [];
  for (const pr of options.predictors) {
    const uni = univariable[pr]!;
    const coding = uni.codings[0]!;
    if (coding.kind === 'categorical') {
      out.push({ predictor: pr, term: pr + coding.reference, level: coding.reference!, reference: true, univariable: null, multivariable: null });
    }
    for (const t of uni.terms) {
      if (t.predictor !== pr) continue;
      const m = multivariable?.terms.find((x) => x.term === t.term);
      out.push({
        predictor: pr,
        term: t.term,
        ...(t.level !== undefined ? { level: t.level } : {}),
        reference: false,
        univariable: estimate(t, ci),
        multivariable: estimate(m, ci),
      });
    }
  }
  return { rows: out, selected, threshold, univariable, multivariable, warnings };
}
