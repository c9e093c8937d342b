import { SonoriskError } from '../errors.js';
import { formatEstimateCI, formatNumber, formatP } from './format.js';
import type { Table, TableRow } from './table.js';
import { finite, intervalOrNA, label, nonEmpty, valueOrNull } from './table-input.js';

/**
 * One paired DeLong comparison of two correlated AUCs (e.g. `delongTest` on the same cases),
 * with the P value adjusted for the number of comparisons.
 *
 * @example
 * ```ts
 * const c: DelongComparison = { a: 'R-US', b: 'R-CEUS45', aucA: 0.93, aucB: 0.81, difference: 0.12, ci: [0.01, 0.23], z: 2.1, p: 0.036, pAdjusted: 0.21 };
 * ```
 */
export interface DelongComparison {
  a: string;
  b: string;
  aucA?: number;
  aucB?: number;
  /** AUC(a) − AUC(b). */
  difference?: number;
  /** 95% CI of the difference. */
  ci?: readonly [number, number];
  z: number;
  p: number;
  pAdjusted: number;
  /** Cases the comparison used (those both models have), when not every case. */
  n?: number;
}

/** Input to {@link delongTable}. */
export interface DelongInput {
  comparisons: readonly DelongComparison[];
  /** Adjustment method named in the header and footnote, e.g. `'holm'`, `'bonferroni'`, `'BH'`. */
  adjustMethod: string;
  /** Data split the AUCs come from (named in the caption), e.g. `'validation set'`. */
  split?: string;
  caption?: string;
  digits?: number;
}

const METHOD_NAMES: Record<string, string> = {
  holm: 'Holm',
  bonferroni: 'Bonferroni',
  bh: 'Benjamini–Hochberg',
  fdr: 'Benjamini–Hochberg',
  hochberg: 'Hochberg',
  by: 'Benjamini–Yekutieli',
  hommel: 'Hommel',
  none: 'no',
};

/**
 * Builds the pairwise DeLong comparison table: AUCs of both models, their difference with 95% CI,
 * Z, P and the multiplicity-adjusted P (method named in the header). Adjusted P values must be
 * ≥ the raw ones, which is checked. A `NaN` Z or P (R's `NA`) prints as `NA`.
 *
 * @example
 * ```ts
 * toMarkdown(delongTable({ comparisons: [c], adjustMethod: 'holm', split: 'validation set' }));
 * ```
 */
export function delongTable(input: DelongInput): Table {
  if (typeof input !== 'object' || input === null) throw new SonoriskError('INVALID_ARGUMENT', 'delongTable expects { comparisons, adjustMethod }.');
  const comps = nonEmpty<DelongComparison>(input.comparisons, 'comparisons', 500);
  const method = label(input.adjustMethod, 'adjustMethod');
  const methodName = METHOD_NAMES[method.toLowerCase()] ?? method;
  const digits = input.digits ?? 3;
  const withN = comps.some((c) => c?.n !== undefined);
  const rows: TableRow[] = comps.map((c, i) => {
    const what = `comparisons[${i}]`;
    if (typeof c !== 'object' || c === null) throw new SonoriskError('INVALID_ARGUMENT', `${what} must be an object.`);
    label(c.a, `${what}.a`);
    label(c.b, `${what}.b`);
    // NaN Z/P (e.g. two identical models: zero variance of the difference) print as NA, as R's NA.
    // ±Inf Z (zero variance, non-zero difference) is what pROC reports too, with P 0
    const z = Number.isNaN(c.z) || c.z === Number.POSITIVE_INFINITY || c.z === Number.NEGATIVE_INFINITY ? c.z : finite(c.z, `${what}.z`);
    const p = Number.isNaN(c.p) ? Number.NaN : finite(c.p, `${what}.p`, 0, 1);
    const pAdj = Number.isNaN(c.pAdjusted) ? Number.NaN : finite(c.pAdjusted, `${what}.pAdjusted`, 0, 1);
    if (pAdj < p - 1e-12) throw new SonoriskError('INVALID_ARGUMENT', `${what}: adjusted P ${pAdj} is smaller than the raw P ${p}.`, { p, pAdjusted: pAdj });
    const aucA = c.aucA === undefined ? undefined : finite(c.aucA, `${what}.aucA`, 0, 1);
    const aucB = c.aucB === undefined ? undefined : finite(c.aucB, `${what}.aucB`, 0, 1);
    const diff = c.difference ?? (aucA !== undefined && aucB !== undefined ? aucA - aucB : undefined);
    // diff ± z·SE is not clipped to [-1, 1] (pROC's roc.test neither), so only finiteness and order are checked
    const ci = c.ci === undefined ? undefined : intervalOrNA(c.ci, `${what}.ci`);
    return {
      cells: {
        comparison: `${c.a} vs ${c.b}`,
        n: c.n === undefined ? '' : String(c.n),
        aucs: aucA !== undefined && aucB !== undefined ? `${formatNumber(aucA, { digits })} vs ${formatNumber(aucB, { digits })}` : '',
        difference: diff === undefined ? '' : formatEstimateCI(finite(diff, `${what}.difference`, -1, 1), ci, { digits }),
        z: Number.isFinite(z) || Number.isNaN(z) ? formatNumber(z, { digits: 2 }) : z > 0 ? 'Inf' : '-Inf',
        p: formatP(p),
        pAdjusted: formatP(pAdj),
      },
      values: { a: c.a, b: c.b, n: c.n ?? null, aucA: aucA ?? null, aucB: aucB ?? null, difference: diff ?? null, lower: valueOrNull(ci?.[0]), upper: valueOrNull(ci?.[1]), z: Number.isFinite(z) ? z : null, p: valueOrNull(p), pAdjusted: valueOrNull(pAdj) },
    };
  });
  return {
    caption: input.caption ?? `Pairwise comparison of AUCs (DeLong test)${input.split ? `, ${input.split}` : ''}`,
    columns: [
      { key: 'comparison', label: 'Comparison' },
      ...(withN ? [{ key: 'n', label: 'n (both)' }] : []),
      { key: 'aucs', label: 'AUCs' },
      { key: 'difference', label: 'ΔAUC (95% CI)' },
      { key: 'z', label: 'Z' },
      { key: 'p', label: 'P' },
      { key: 'pAdjusted', label: `Adjusted P (${methodName})` },
    ],
    rows,
    footnotes: [
      withN
        ? 'ΔAUC, difference of the two AUCs on the cases both models have (n (both)); the AUCs shown are on those cases. Z and P from the paired DeLong test.'
        : 'ΔAUC, difference of the two AUCs on the same cases; Z and P from the paired DeLong test.',
      `P values adjusted for ${comps.length} comparison${comps.length > 1 ? 's' : ''} with the ${methodName} method.`,
    ],
  };
}
