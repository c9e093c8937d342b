import { SonoriskError } from '../errors.js';
import { type LogisticRegressionOptions, type LogisticRegressionResult, type LogisticTerm, logisticRegression } from '../stats/index.js';
import { type OddsRatio, type RiskFactor, type RiskFactorInput, riskFactorTable } from './risk-factor-table.js';
import type { Table } from './table.js';

/** Options for {@link riskFactorTableFrom}. */
export interface RiskFactorSpec {
  /** Candidate predictors (row fields), in table order. */
  predictors: readonly string[];
  /** Categorical predictors with their reference level / level order (as `logisticRegression`). */
  categorical?: LogisticRegressionOptions['categorical'];
  /** Display labels per predictor. */
  labels?: Readonly<Record<string, string>>;
  /** Display labels per predictor and level (level keys as `String(level)`). */
  levelLabels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * Which predictors enter the multivariable model: a list, or `{ alpha }` (default `{ alpha: 0.05 }`):
   * those with a univariable Wald P < alpha on any of their terms.
   */
  multivariable?: readonly string[] | { alpha: number };
  /** `'profile'` (default, R's `confint`) or `'wald'` (R's `confint.default`) intervals. */
  ci?: 'profile' | 'wald';
  /** Passed to every `logisticRegression` call (e.g. `firth: true`). */
  fit?: Omit<LogisticRegressionOptions, 'predictors' | 'categorical' | 'profile'>;
  caption?: string;
  digits?: number;
}

function odds(t: LogisticTerm | undefined, ci: 'profile' | 'wald'): OddsRatio | undefined {
  if (!t || t.aliased || !Number.isFinite(t.oddsRatio)) return undefined;
  const interval = ci === 'profile' && t.ciProfile ? t.ciProfile : t.ciWald;
  if (!interval.every(Number.isFinite)) return undefined;
  return { or: t.oddsRatio, ci: interval, p: t.p };
}

/**
 * Builds the risk factor input from fitted logistic regressions: one univariable fit per predictor
 * and an optional multivariable fit. Categorical predictors list their reference level first,
 * then the dummy-coded levels, in the fit's coding order.
 *
 * @example
 * ```ts
 * const uni = { size: logisticRegression(rows, 'y', { predictors: ['size'] }) };
 * riskFactorTable(riskFactorInputFrom(['size'], uni));
 * ```
 */
export function riskFactorInputFrom(
  predictors: readonly string[],
  univariable: Readonly<Record<string, LogisticRegressionResult>>,
  multivariable?: LogisticRegressionResult,
  options: Pick<RiskFactorSpec, 'labels' | 'levelLabels' | 'ci'> = {},
): RiskFactorInput {
  const ci = options.ci ?? 'profile';
  const factors: RiskFactor[] = predictors.map((pr) => {
    const uni = univariable[pr];
    if (!uni) throw new SonoriskError('INVALID_ARGUMENT', `riskFactorInputFrom: no univariable fit for "${pr}".`);
    const coding = uni.codings.find((c) => c.predictor === pr);
    if (!coding) throw new SonoriskError('INVALID_ARGUMENT', `riskFactorInputFrom: the univariable fit for "${pr}" does not contain it.`);
    const label = options.labels?.[pr] ?? pr;
    const inMulti = multivariable?.codings.some((c) => c.predictor === pr) ?? false;
    const term = (fit: LogisticRegressionResult | undefined, level?: string) => fit?.terms.find((t) => t.predictor === pr && (level === undefined || t.level === level));
    if (coding.kind === 'numeric') {
      const f: RiskFactor = { label };
      const u = odds(term(uni), ci);
      const m = inMulti ? odds(term(multivariable), ci) : undefined;
      if (u) f.univariable = u;
      if (m) f.multivariable = m;
      return f;
    }
    const lvLabel = (lv: string) => options.levelLabels?.[pr]?.[lv] ?? lv;
    const levels: RiskFactor['levels'] = [
      { label: lvLabel(coding.reference ?? ''), reference: true },
      ...(coding.levels ?? [])
        .filter((lv) => lv !== coding.reference)
        .map((lv) => {
          const u = odds(term(uni, lv), ci);
          const m = inMulti ? odds(term(multivariable, lv), ci) : undefined;
          return { label: lvLabel(lv), ...(u ? { univariable: u } : {}), ...(m ? { multivariable: m } : {}) };
        }),
    ];
    return { label, levels };
  });
  return { factors, ciMethod: ci };
}

/**
 * Fits the univariable logistic regressions (one per predictor) and the multivariable model with
 * `logisticRegression` (R's `glm`), then builds the risk factor table. By default a predictor enters
 * the multivariable model when one of its univariable Wald P values is below 0.05; intervals are
 * profile likelihood (R's `confint`). Separation reported by any fit becomes a footnote.
 *
 * @example
 * ```ts
 * const table = riskFactorTableFrom(patients, 'recurrence', {
 *   predictors: ['size', 'afpHigh', 'margin'],
 *   categorical: { margin: { reference: 'smooth' } },
 *   labels: { size: 'Tumour size (per cm)', afpHigh: 'AFP > 20 ng/mL', margin: 'Margin' },
 * });
 * ```
 */
export function riskFactorTableFrom(rows: readonly Readonly<Record<string, unknown>>[], outcome: string, spec: RiskFactorSpec): Table {
  if (typeof spec !== 'object' || spec === null || !Array.isArray(spec.predictors) || spec.predictors.length === 0) {
    throw new SonoriskError('EMPTY_INPUT', 'riskFactorTableFrom: spec.predictors must list at least one predictor.');
  }
  const ci = spec.ci ?? 'profile';
  const fitFor = (predictors: readonly string[]): LogisticRegressionResult => {
    const categorical = Object.fromEntries(Object.entries(spec.categorical ?? {}).filter(([k]) => predictors.includes(k)));
    return logisticRegression(rows, outcome, { ...spec.fit, predictors, categorical, profile: ci === 'profile' });
  };
  const uni: Record<string, LogisticRegressionResult> = {};
  for (const pr of spec.predictors) uni[pr] = fitFor([pr]);
  const sel = spec.multivariable ?? { alpha: 0.05 };
  let chosen: string[];
  let rule: string;
  if (Array.isArray(sel)) {
    chosen = [...sel];
    for (const pr of chosen) if (!spec.predictors.includes(pr)) throw new SonoriskError('INVALID_ARGUMENT', `riskFactorTableFrom: multivariable predictor "${pr}" is not among the predictors.`);
    rule = `Multivariable model: ${chosen.map((p) => spec.labels?.[p] ?? p).join(', ')}.`;
  } else {
    const alpha = (sel as { alpha: number }).alpha;
    if (!(alpha > 0 && alpha <= 1)) throw new SonoriskError('INVALID_ARGUMENT', `riskFactorTableFrom: multivariable.alpha must lie in (0, 1], got ${String(alpha)}.`);
    chosen = spec.predictors.filter((pr) => uni[pr]!.terms.some((t) => t.predictor === pr && t.p < alpha));
    rule = `Factors with univariable P < ${alpha} entered the multivariable model.`;
  }
  const multi = chosen.length ? fitFor(chosen) : undefined;
  const input = riskFactorInputFrom(spec.predictors, uni, multi, { ...(spec.labels ? { labels: spec.labels } : {}), ...(spec.levelLabels ? { levelLabels: spec.levelLabels } : {}), ci });
  const notes = [rule];
  const separated = [...Object.values(uni), ...(multi ? [multi] : [])].filter((f) => f.separation.detected);
  if (separated.length) notes.push(`Warning: separation detected (${[...new Set(separated.flatMap((f) => f.separation.predictors))].join(', ')}); odds ratios there are unreliable.`);
  const out: RiskFactorInput = { ...input, footnotes: notes };
  if (spec.caption !== undefined) out.caption = spec.caption;
  if (spec.digits !== undefined) out.digits = spec.digits;
  return riskFactorTable(out);
}
