import { SonoriskError } from '../errors.js';
import { type RiskFactorAnalysis, type RiskFactorOptions, riskFactorAnalysis } from '../stats/index.js';
import { type OddsRatio, type RiskFactor, type RiskFactorInput, riskFactorTable } from './risk-factor-table.js';
import type { Table } from './table.js';

/** Display labels for {@link riskFactorInputFrom} and {@link computeRiskFactorTable}. */
export interface RiskFactorLabels {
  /** Display label per predictor. */
  labels?: Readonly<Record<string, string>>;
  /** Display label per predictor and level (level keys as `String(level)`). */
  levelLabels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** Options for {@link computeRiskFactorTable}: `riskFactorAnalysis` options plus labels and layout. */
export interface RiskFactorSpec extends RiskFactorOptions, RiskFactorLabels {
  caption?: string;
  digits?: number;
}

type Estimate = { oddsRatio: number; ci: readonly [number, number]; p: number } | null;

/** A bound R prints as NA or ±Inf (profile never reaching the cutoff, exp overflow) prints as NA. */
const bound = (v: number): number => (Number.isFinite(v) ? v : Number.NaN);

function odds(e: Estimate): OddsRatio | undefined {
  if (!e || !Number.isFinite(e.oddsRatio)) return undefined;
  return { or: e.oddsRatio, ci: [bound(e.ci[0]), bound(e.ci[1])], p: e.p };
}

/**
 * Turns a `riskFactorAnalysis()` result into a {@link RiskFactorInput}: one factor per predictor,
 * categorical predictors with their reference level first. Odds ratios that are missing or not
 * finite (aliased terms) print as an em dash; CI bounds or P values that R reports as NA (a profile
 * that never reaches the cutoff, an overflowing bound) print as `NA`.
 *
 * @example
 * ```ts
 * import { riskFactorAnalysis } from 'sonorisk/stats';
 * const a = riskFactorAnalysis(rows, 'recurrence', { predictors: ['size', 'margin'], categorical: { margin: { reference: 'Smooth' } } });
 * const table = riskFactorTable(riskFactorInputFrom(a, { labels: { size: 'Tumour size (per cm)' } }));
 * ```
 */
export function riskFactorInputFrom(analysis: RiskFactorAnalysis, options: RiskFactorLabels & { ci?: 'profile' | 'wald' } = {}): RiskFactorInput {
  if (typeof analysis !== 'object' || analysis === null || !Array.isArray(analysis.rows)) {
    throw new SonoriskError('INVALID_ARGUMENT', 'riskFactorInputFrom: expected a riskFactorAnalysis() result.');
  }
  const factors: RiskFactor[] = [];
  const byPredictor = new Map<string, RiskFactor>();
  for (const r of analysis.rows) {
    let f = byPredictor.get(r.predictor);
    if (!f) {
      f = { label: options.labels?.[r.predictor] ?? r.predictor };
      byPredictor.set(r.predictor, f);
      factors.push(f);
    }
    if (r.level === undefined && !r.reference) {
      const u = odds(r.univariable);
      const m = odds(r.multivariable);
      if (u) f.univariable = u;
      if (m) f.multivariable = m;
      continue;
    }
    const level = r.level ?? '';
    const label = options.levelLabels?.[r.predictor]?.[level] ?? level;
    const levels = [...(f.levels ?? [])];
    if (r.reference) levels.push({ label, reference: true });
    else {
      const u = odds(r.univariable);
      const m = odds(r.multivariable);
      levels.push({ label, ...(u ? { univariable: u } : {}), ...(m ? { multivariable: m } : {}) });
    }
    f.levels = levels;
  }
  if (factors.length === 0) throw new SonoriskError('EMPTY_INPUT', 'riskFactorInputFrom: the analysis has no rows.');
  return { factors, ciMethod: options.ci ?? 'profile' };
}

/**
 * Runs `riskFactorAnalysis` (univariable logistic regression per predictor, then one multivariable
 * model with the predictors whose univariable P is below `multivariableThreshold`, default 0.05;
 * profile-likelihood CIs by default) and builds the risk factor table. The selection rule and any
 * warnings of the fits (separation, non-convergence) become footnotes.
 *
 * @example
 * ```ts
 * const table = computeRiskFactorTable(patients, 'recurrence', {
 *   predictors: ['size', 'afpHigh', 'margin'],
 *   categorical: { margin: { reference: 'Smooth' } },
 *   labels: { size: 'Tumour size (per cm)', afpHigh: 'AFP > 20 ng/mL', margin: 'Margin' },
 * });
 * ```
 */
export function computeRiskFactorTable(rows: readonly Readonly<Record<string, unknown>>[], outcome: string, spec: RiskFactorSpec): Table {
  if (typeof spec !== 'object' || spec === null || !Array.isArray(spec.predictors) || spec.predictors.length === 0) {
    throw new SonoriskError('EMPTY_INPUT', 'computeRiskFactorTable: spec.predictors must list at least one predictor.');
  }
  const { labels, levelLabels, caption, digits, ...options } = spec;
  const analysis = riskFactorAnalysis(rows, outcome, options);
  const input = riskFactorInputFrom(analysis, { ...(labels ? { labels } : {}), ...(levelLabels ? { levelLabels } : {}), ci: spec.ci ?? 'profile' });
  const footnotes = [
    analysis.threshold === 'all'
      ? 'All factors entered the multivariable model.'
      : `Factors with univariable P < ${analysis.threshold} entered the multivariable model.`,
    ...analysis.warnings.map((w) => `Warning (${w}).`),
  ];
  const out: RiskFactorInput = { ...input, footnotes };
  if (caption !== undefined) out.caption = caption;
  if (digits !== undefined) out.digits = digits;
  return riskFactorTable(out);
}
