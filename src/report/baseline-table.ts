import { SonoriskError } from '../errors.js';
import { formatCountPercent, formatNumber, formatP } from './format.js';
import type { Table, TableColumn, TableRow } from './table.js';
import { count, finite, finiteOrNA, label, nonEmpty, valueOrNull } from './table-input.js';

/** Summary statistics of one continuous variable within one group (e.g. from `describe`). */
export interface GroupSummary {
  n: number;
  mean?: number;
  sd?: number;
  median?: number;
  q1?: number;
  q3?: number;
}

/**
 * A hypothesis test result as the baseline table prints it. `name` picks the statistic's
 * symbol: `t-test` → t, `chi-square` → χ², `mann-whitney` → Z (normal approximation), `fisher`
 * → no statistic (exact test), `anova` → F, `kruskal-wallis` → H (more than two groups). `symbol`
 * overrides the symbol.
 */
export interface BaselineTest {
  name: 't-test' | 'welch' | 'mann-whitney' | 'chi-square' | 'fisher' | 'anova' | 'kruskal-wallis';
  statistic?: number;
  /** Overrides the statistic's symbol, e.g. `'W'` for an exact Mann–Whitney test (no Z). */
  symbol?: string;
  p: number;
}

/** A categorical variable: counts per level and group, in the order of `BaselineInput.groups`. */
export interface CategoricalBaselineVariable {
  kind: 'categorical';
  label: string;
  levels: readonly { label: string; counts: readonly number[] }[];
  test?: BaselineTest;
}

/**
 * A continuous variable: one summary per group. The display is mean ± SD or median (P25, P75):
 * `summary` forces it; otherwise `normal` (e.g. Shapiro–Wilk P ≥ 0.05 in every group) picks
 * mean ± SD when true and median (P25, P75) when false; with neither, mean ± SD.
 */
export interface ContinuousBaselineVariable {
  kind: 'continuous';
  label: string;
  unit?: string;
  groups: readonly GroupSummary[];
  /** Summary of all groups together (needed when `BaselineInput.overall` is given). */
  overall?: GroupSummary;
  normal?: boolean;
  summary?: 'mean-sd' | 'median-iqr';
  /** Decimals for the summary; default 1. */
  digits?: number;
  test?: BaselineTest;
}

/** One row block of the baseline table. */
export type BaselineVariable = CategoricalBaselineVariable | ContinuousBaselineVariable;

/**
 * Input to {@link baselineTable}: the outcome groups (column order) and the variables.
 *
 * @example
 * ```ts
 * const input: BaselineInput = {
 *   groups: [{ label: 'No recurrence', n: 97 }, { label: 'Early recurrence', n: 42 }],
 *   variables: [
 *     { kind: 'continuous', label: 'Age', unit: 'years', normal: true,
 *       groups: [{ n: 97, mean: 58.1, sd: 9.8 }, { n: 42, mean: 60.2, sd: 10.4 }],
 *       test: { name: 't-test', statistic: -1.13, p: 0.26 } },
 *     { kind: 'categorical', label: 'Sex',
 *       levels: [{ label: 'Male', counts: [80, 36] }, { label: 'Female', counts: [17, 6] }],
 *       test: { name: 'chi-square', statistic: 0.21, p: 0.65 } },
 *   ],
 * };
 * ```
 */
export interface BaselineInput {
  groups: readonly { label: string; n: number }[];
  variables: readonly BaselineVariable[];
  /** Adds an overall column before the groups (categorical counts are summed; continuous variables need `overall`). */
  overall?: { label: string; n: number };
  caption?: string;
  /** Decimals of percentages; default 1. */
  percentDigits?: number;
  /** Extra footnotes, e.g. how tests were chosen. */
  footnotes?: readonly string[];
}

const TEST_NAMES: Record<BaselineTest['name'], string> = {
  't-test': 't test',
  welch: 'Welch t test',
  'mann-whitney': 'Mann–Whitney U',
  'chi-square': 'χ²',
  fisher: 'Fisher exact',
  anova: 'One-way ANOVA',
  'kruskal-wallis': 'Kruskal–Wallis',
};
const STAT_SYMBOL: Record<BaselineTest['name'], string> = {
  't-test': 't',
  welch: 't',
  'mann-whitney': 'Z',
  'chi-square': 'χ²',
  fisher: '',
  anova: 'F',
  'kruskal-wallis': 'H',
};

function testCells(test: BaselineTest | undefined, what: string): { stat: string; p: string; test: string; values: Record<string, number | string | null> } {
  if (!test) return { stat: '', p: '', test: '', values: {} };
  if (!(test.name in TEST_NAMES)) throw new SonoriskError('INVALID_ARGUMENT', `${what}: unknown test "${String(test.name)}"; use ${Object.keys(TEST_NAMES).join(', ')}.`);
  // NaN (R's NA, e.g. a test on constant data) prints as NA
  const p = finiteOrNA(test.p, `${what}: test.p`, 0, 1);
  let stat = '';
  if (test.name !== 'fisher') {
    const s = finiteOrNA(test.statistic, `${what}: test.statistic`);
    stat = `${test.symbol ?? STAT_SYMBOL[test.name]} = ${formatNumber(s, { digits: 2 })}`;
  }
  return { stat, p: formatP(p), test: TEST_NAMES[test.name], values: { statistic: valueOrNull(test.statistic), p: valueOrNull(p), test: test.name } };
}

/**
 * Builds the baseline characteristics table ("Table 1"): one column per outcome group with its
 * n, categorical variables as n (%) per level (column percentages), continuous variables as
 * mean ± SD or median (P25, P75), then the test statistic, P and the test used. Builders take
 * precomputed statistics; `computeBaselineTable` computes them from raw rows.
 *
 * @example
 * ```ts
 * const table = baselineTable(input); // see BaselineInput
 * toMarkdown(table);
 * ```
 */
export function baselineTable(input: BaselineInput): Table {
  if (typeof input !== 'object' || input === null) throw new SonoriskError('INVALID_ARGUMENT', 'baselineTable expects { groups, variables }.');
  const groups = nonEmpty<{ label: string; n: number }>(input.groups, 'groups', 8);
  const variables = nonEmpty<BaselineVariable>(input.variables, 'variables');
  const pd = input.percentDigits ?? 1;
  const overall = input.overall;
  const columns: TableColumn[] = [
    { key: 'variable', label: 'Characteristic' },
    ...(overall ? [{ key: 'overall', label: `${label(overall.label, 'overall.label')} (n = ${count(overall.n, 'overall.n')})` }] : []),
    ...groups.map((g, i) => ({ key: `g${i}`, label: `${label(g.label, `groups[${i}].label`)} (n = ${count(g.n, `groups[${i}].n`)})` })),
    { key: 'statistic', label: 'Statistic' },
    { key: 'p', label: 'P' },
    { key: 'test', label: 'Test', align: 'left' },
  ];
  const rows: TableRow[] = [];
  let usedMean = false;
  let usedMedian = false;
  for (const [vi, v] of variables.entries()) {
    const what = `variables[${vi}] (${String(v?.label)})`;
    label(v?.label, `variables[${vi}].label`);
    const t = testCells(v.test, what);
    if (v.kind === 'categorical') {
      const levels = nonEmpty<{ label: string; counts: readonly number[] }>(v.levels, `${what}.levels`, 100);
      const totals = groups.map(() => 0);
      for (const lv of levels) {
        if (!Array.isArray(lv?.counts) || lv.counts.length !== groups.length) {
          throw new SonoriskError('LENGTH_MISMATCH', `${what}: level "${String(lv?.label)}" needs one count per group (${groups.length}).`);
        }
        lv.counts.forEach((c, gi) => {
          totals[gi]! += count(c, `${what}: count`);
        });
      }
      rows.push({ cells: { variable: v.label, statistic: t.stat, p: t.p, test: t.test }, values: t.values });
      for (const lv of levels) {
        const cells: Record<string, string> = { variable: label(lv.label, `${what}: level label`) };
        const values: Record<string, number> = {};
        lv.counts.forEach((c, gi) => {
          cells[`g${gi}`] = formatCountPercent(c, totals[gi]!, { digits: pd });
          values[`g${gi}`] = c;
          values[`g${gi}Percent`] = totals[gi]! > 0 ? (100 * c) / totals[gi]! : Number.NaN;
        });
        if (overall) {
          const all = totals.reduce((a, b) => a + b, 0);
          const c = lv.counts.reduce((a, b) => a + b, 0);
          cells.overall = formatCountPercent(c, all, { digits: pd });
          values.overall = c;
          values.overallPercent = all > 0 ? (100 * c) / all : Number.NaN;
        }
        rows.push({ cells, level: 1, values });
      }
    } else if (v.kind === 'continuous') {
      const gs = v.groups;
      if (!Array.isArray(gs) || gs.length !== groups.length) throw new SonoriskError('LENGTH_MISMATCH', `${what}: needs one summary per group (${groups.length}).`);
      const summary = v.summary ?? (v.normal === false ? 'median-iqr' : 'mean-sd');
      if (summary !== 'mean-sd' && summary !== 'median-iqr') throw new SonoriskError('INVALID_ARGUMENT', `${what}: summary must be 'mean-sd' or 'median-iqr'.`);
      const digits = v.digits ?? 1;
      const cells: Record<string, string> = { variable: `${v.label}${v.unit ? ` (${v.unit})` : ''}, ${summary === 'mean-sd' ? 'mean ± SD' : 'median (P25, P75)'}`, statistic: t.stat, p: t.p, test: t.test };
      const values: Record<string, number | string | null> = { ...t.values, summary };
      if (overall && !v.overall) throw new SonoriskError('INVALID_ARGUMENT', `${what}: an overall column needs the variable's overall summary.`);
      const summaries: [string, GroupSummary, string][] = gs.map((g, gi) => [`g${gi}`, g, `groups[${gi}]`]);
      if (overall && v.overall) summaries.unshift(['overall', v.overall, 'overall']);
      for (const [key, g, where] of summaries) {
        const f = (x: number | undefined, name: string): string => formatNumber(finite(x, `${what}: ${where}.${name}`), { digits });
        if (summary === 'mean-sd') {
          // the SD of a single value is NA in R (n − 1 = 0): printed as NA
          const sd = finiteOrNA(g.sd, `${what}: ${where}.sd`, 0);
          cells[key] = `${f(g.mean, 'mean')} ± ${formatNumber(sd, { digits })}`;
          values[`${key}Mean`] = g.mean!;
          values[`${key}Sd`] = valueOrNull(sd);
        } else {
          cells[key] = `${f(g.median, 'median')} (${f(g.q1, 'q1')}, ${f(g.q3, 'q3')})`;
          values[`${key}Median`] = g.median!;
          values[`${key}Q1`] = g.q1!;
          values[`${key}Q3`] = g.q3!;
        }
      }
      if (summary === 'mean-sd') usedMean = true;
      else usedMedian = true;
      rows.push({ cells, values });
    } else {
      throw new SonoriskError('INVALID_ARGUMENT', `${what}: kind must be 'categorical' or 'continuous'.`);
    }
  }
  const tests = new Set(variables.map((v) => v.test?.name).filter((n): n is BaselineTest['name'] => n !== undefined));
  const summaries = [usedMean ? 'mean ± SD' : '', usedMedian ? 'median (P25, P75)' : ''].filter(Boolean).join(' or ');
  const footnotes = [`Categorical variables: n (%), column percentages.${summaries ? ` Continuous variables: ${summaries}.` : ''}`];
  if (tests.size) {
    const order: BaselineTest['name'][] = ['t-test', 'welch', 'mann-whitney', 'anova', 'kruskal-wallis', 'chi-square', 'fisher'];
    const text: Record<BaselineTest['name'], string> = {
      't-test': 't, Student t test',
      welch: 't, Welch t test',
      'mann-whitney': 'Z, Mann–Whitney U test (normal approximation)',
      anova: 'F, one-way analysis of variance',
      'kruskal-wallis': 'H, Kruskal–Wallis rank-sum test',
      'chi-square': 'χ², Pearson χ² test',
      fisher: 'Fisher exact test (no statistic)',
    };
    footnotes.push(`Tests: ${order.filter((n) => tests.has(n)).map((n) => text[n]).join('; ')}. P values: <0.001 when below 0.001, otherwise three decimals.`);
  }
  for (const f of input.footnotes ?? []) footnotes.push(label(f, 'footnotes[]'));
  return { caption: input.caption ?? 'Table 1. Baseline characteristics by outcome', columns, rows, footnotes };
}
