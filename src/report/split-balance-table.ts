import { SonoriskError } from '../errors.js';
import { describe, standardizedCategoricalDifference, standardizedMeanDifference } from '../stats/index.js';
import type { BaselineVariableSpec, DataValue } from './baseline-table-compute.js';
import { formatNumber } from './format.js';
import type { Table, TableRow } from './table.js';

/** Options of {@link computeSplitBalanceTable}. */
export interface SplitBalanceSpec {
  variables: readonly BaselineVariableSpec[];
  /** The splits (values of the split field) in column order; the first is the reference of the SMDs. */
  groups: readonly { value: DataValue; label: string }[];
  caption?: string;
}

const missing = (v: unknown): boolean => v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));

/**
 * Computes and builds the split-balance table papers show to argue that training and validation
 * were comparable: per variable and split the non-missing n, mean ± SD (continuous) or n (%) per
 * level (categorical), and the standardised difference of each split against the first
 * (`standardizedMeanDifference`, `standardizedCategoricalDifference`, as R's tableone). No P values:
 * with a random split they test nothing (CONSORT/TRIPOD advise against them).
 *
 * @example
 * ```ts
 * const t = computeSplitBalanceTable(patients, 'split', {
 *   groups: [{ value: 'train', label: 'Training' }, { value: 'validation', label: 'Validation' }],
 *   variables: [{ key: 'age', label: 'Age (years)', kind: 'continuous' }],
 * });
 * ```
 */
export function computeSplitBalanceTable(rows: readonly Readonly<Record<string, unknown>>[], splitVar: string, spec: SplitBalanceSpec): Table {
  if (!Array.isArray(rows) || rows.length === 0) throw new SonoriskError('EMPTY_INPUT', 'computeSplitBalanceTable: no data rows.');
  if (!spec || !Array.isArray(spec.groups) || spec.groups.length < 2) throw new SonoriskError('INVALID_ARGUMENT', 'computeSplitBalanceTable: give at least two splits.');
  const members = spec.groups.map((g) => rows.filter((r) => String(r[splitVar]) === String(g.value)));
  const out: TableRow[] = [];
  const key = (g: number) => `g${g}`;
  for (const v of spec.variables) {
    const label = v.label ?? v.key;
    const values = members.map((m) => m.map((r) => r[v.key]).filter((x) => !missing(x)));
    const nCells = Object.fromEntries(values.map((x, g) => [`n${g}`, String(x.length)]));
    const nValues = Object.fromEntries(values.map((x, g) => [`n${g}`, x.length]));
    if (v.kind === 'continuous') {
      const d = values.map((x) => (x.length ? describe(x as number[]) : undefined));
      const smd = values.map((x, g) => (g === 0 || values[0]!.length < 2 || x.length < 2 ? Number.NaN : standardizedMeanDifference(values[0] as number[], x as number[])));
      const digits = v.digits ?? 1;
      out.push({
        cells: {
          variable: `${label}, mean ± SD`,
          ...nCells,
          ...Object.fromEntries(d.map((s, g) => [key(g), s ? `${formatNumber(s.mean, { digits })} ± ${formatNumber(s.sd, { digits })}` : '—'])),
          ...Object.fromEntries(smd.slice(1).map((x, g) => [`smd${g + 1}`, formatNumber(x, { digits: 3 })])),
        },
        values: { variable: v.key, ...nValues, ...Object.fromEntries(d.flatMap((s, g) => [[`mean${g}`, s?.mean ?? null], [`sd${g}`, s?.sd ?? null]])), ...Object.fromEntries(smd.slice(1).map((x, g) => [`smd${g + 1}`, Number.isNaN(x) ? null : x])) },
      });
      continue;
    }
    const levels = v.levels ?? [...new Set(values.flat().map(String))];
    const keys = levels.map(String);
    const smd = values.map((x, g) => (g === 0 || values[0]!.length === 0 || x.length === 0 ? Number.NaN : standardizedCategoricalDifference(values[0]!.map(String), x.map(String), keys)));
    out.push({
      cells: { variable: `${label}, n (%)`, ...nCells, ...Object.fromEntries(smd.slice(1).map((x, g) => [`smd${g + 1}`, formatNumber(x, { digits: 3 })])) },
      values: { variable: v.key, ...nValues, ...Object.fromEntries(smd.slice(1).map((x, g) => [`smd${g + 1}`, Number.isNaN(x) ? null : x])) },
    });
    keys.forEach((lv) => {
      const counts = values.map((x) => x.filter((y) => String(y) === lv).length);
      out.push({
        level: 1,
        cells: { variable: v.levelLabels?.[lv] ?? lv, ...Object.fromEntries(counts.map((c, g) => [key(g), `${c} (${values[g]!.length ? formatNumber((100 * c) / values[g]!.length, { digits: 1 }) : '—'})`])) },
        values: { variable: v.key, level: lv, ...Object.fromEntries(counts.map((c, g) => [`count${g}`, c])) },
      });
    });
  }
  return {
    caption: spec.caption ?? 'Characteristics by data split',
    columns: [
      { key: 'variable', label: 'Variable' },
      ...spec.groups.flatMap((g, i) => [
        { key: `n${i}`, label: `${g.label} n` },
        { key: key(i), label: `${g.label} (N = ${members[i]!.length})` },
      ]),
      ...spec.groups.slice(1).map((g, i) => ({ key: `smd${i + 1}`, label: spec.groups.length > 2 ? `SMD ${g.label} vs ${spec.groups[0]!.label}` : 'SMD' })),
    ],
    rows: out,
    footnotes: [
      `n: cases with a value (missing values left out). SMD, standardised mean difference against ${spec.groups[0]!.label}: (mean₁ − mean₂)/√((SD₁² + SD₂²)/2) for continuous variables; Yang and Dalton's multivariate form for categorical ones (as R's tableone). |SMD| < 0.1 is commonly read as balanced.`,
    ],
  };
}
