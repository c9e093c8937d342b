import { SonoriskError } from '../errors.js';
import { formatEstimateCI, formatP } from './format.js';
import type { Table, TableRow } from './table.js';
import { finite, finiteOrNA, intervalOrNA, label, nonEmpty, valueOrNull } from './table-input.js';

/** An odds ratio with its 95% CI and P (e.g. `exp(coef)` of a logistic regression). */
export interface OddsRatio {
  or: number;
  ci: readonly [number, number];
  p: number;
}

/** A level of a categorical risk factor; the reference level has no estimates. */
export interface RiskFactorLevel {
  label: string;
  reference?: boolean;
  univariable?: OddsRatio;
  multivariable?: OddsRatio;
}

/**
 * A risk factor: either continuous/binary with its own estimates, or categorical with
 * `levels` (one marked `reference`). A missing `multivariable` means the factor was not entered
 * into the multivariable model (printed as an em dash).
 */
export interface RiskFactor {
  label: string;
  univariable?: OddsRatio;
  multivariable?: OddsRatio;
  levels?: readonly RiskFactorLevel[];
}

/**
 * Input to {@link riskFactorTable}.
 *
 * @example
 * ```ts
 * const input: RiskFactorInput = {
 *   factors: [
 *     { label: 'Tumour size (per cm)', univariable: { or: 1.8, ci: [1.2, 2.7], p: 0.004 }, multivariable: { or: 1.6, ci: [1.05, 2.4], p: 0.03 } },
 *     { label: 'Margin', levels: [
 *       { label: 'Smooth', reference: true },
 *       { label: 'Irregular', univariable: { or: 3.1, ci: [1.4, 6.9], p: 0.005 } },
 *     ] },
 *   ],
 * };
 * ```
 */
export interface RiskFactorInput {
  factors: readonly RiskFactor[];
  caption?: string;
  /** Decimals for ORs and CIs; default 2. */
  digits?: number;
  /** How the CIs were computed, for the footnote; default `'wald'`. */
  ciMethod?: 'wald' | 'profile';
  /** Extra footnotes (e.g. how factors entered the multivariable model). */
  footnotes?: readonly string[];
}


function orCells(or: OddsRatio | undefined, what: string, digits: number): { est: string; p: string; values: Record<string, number | null> } {
  if (or === undefined) return { est: '\u2014', p: '', values: {} };
  const est = finite(or.or, `${what}.or`, 0);
  const ci = intervalOrNA(or.ci, `${what}.ci`, 0, Infinity);
  const p = finiteOrNA(or.p, `${what}.p`, 0, 1);
  return {
    est: formatEstimateCI(est, ci, { digits }),
    p: formatP(p),
    values: { or: est, lower: valueOrNull(ci[0]), upper: valueOrNull(ci[1]), p: valueOrNull(p) },
  };
}

/**
 * Builds the risk factor table ("Table 3"): univariable and multivariable odds ratios with 95% CI
 * and P for each factor; categorical factors list their levels, the reference level printed as
 * `1.00 (Reference)`; factors not entered into the multivariable model show an em dash.
 *
 * @example
 * ```ts
 * toHtml(riskFactorTable(input)); // see RiskFactorInput
 * ```
 */
export function riskFactorTable(input: RiskFactorInput): Table {
  if (typeof input !== 'object' || input === null) throw new SonoriskError('INVALID_ARGUMENT', 'riskFactorTable expects { factors }.');
  const factors = nonEmpty<RiskFactor>(input.factors, 'factors');
  const digits = input.digits ?? 2;
  const reference = `${(1).toFixed(digits)} (Reference)`;
  const rows: TableRow[] = [];
  let notEntered = false;
  const row = (text: string, level: number, u: OddsRatio | undefined, m: OddsRatio | undefined, what: string): TableRow => {
    const a = orCells(u, `${what}.univariable`, digits);
    const b = orCells(m, `${what}.multivariable`, digits);
    if (m === undefined) notEntered = true;
    const values: Record<string, number | null> = {};
    for (const [k, v] of Object.entries(a.values)) values[`uni${k[0]!.toUpperCase()}${k.slice(1)}`] = v;
    for (const [k, v] of Object.entries(b.values)) values[`multi${k[0]!.toUpperCase()}${k.slice(1)}`] = v;
    return { cells: { factor: text, uni: a.est, uniP: a.p, multi: b.est, multiP: b.p }, level, values };
  };
  factors.forEach((f, i) => {
    const what = `factors[${i}]`;
    label(f?.label, `${what}.label`);
    if (f.levels === undefined) {
      rows.push(row(f.label, 0, f.univariable, f.multivariable, what));
      return;
    }
    const levels = nonEmpty<RiskFactorLevel>(f.levels, `${what}.levels`, 100);
    const refs = levels.filter((l) => l?.reference);
    if (refs.length !== 1) throw new SonoriskError('INVALID_ARGUMENT', `${what} (${f.label}): mark exactly one level as reference, found ${refs.length}.`);
    const inMulti = levels.some((l) => l.multivariable !== undefined);
    rows.push({ cells: { factor: f.label } });
    levels.forEach((l, j) => {
      const lw = `${what}.levels[${j}]`;
      label(l.label, `${lw}.label`);
      if (l.reference) {
        if (l.univariable || l.multivariable) throw new SonoriskError('INVALID_ARGUMENT', `${lw}: the reference level carries no estimate.`);
        rows.push({ cells: { factor: l.label, uni: reference, multi: inMulti ? reference : '\u2014' }, level: 1, values: { reference: 1 } });
      } else {
        rows.push(row(l.label, 1, l.univariable, inMulti ? l.multivariable : undefined, lw));
      }
    });
  });
  const ciText = input.ciMethod === 'profile' ? 'profile-likelihood CI, Wald P' : 'Wald CI and P';
  const footnotes = [`OR, odds ratio; CI, confidence interval. Logistic regression (${ciText}). The reference level of each categorical factor has OR 1.`];
  if (notEntered) footnotes.push('\u2014, not entered into the multivariable model (or not estimable).');
  for (const f of input.footnotes ?? []) footnotes.push(label(f, 'footnotes[]'));
  return {
    caption: input.caption ?? 'Table 3. Univariable and multivariable logistic regression of risk factors',
    columns: [
      { key: 'factor', label: 'Factor' },
      { key: 'uni', label: 'Univariable OR (95% CI)' },
      { key: 'uniP', label: 'P' },
      { key: 'multi', label: 'Multivariable OR (95% CI)' },
      { key: 'multiP', label: 'P' },
    ],
    rows,
    footnotes,
  };
}
