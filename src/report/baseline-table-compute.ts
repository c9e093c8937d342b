import { isSonoriskError, SonoriskError } from '../errors.js';
import { chiSquareTest, describe, fisherExactTest, kruskalWallis, mannWhitneyU, oneWayAnova, shapiroWilk, tTest } from '../stats/index.js';
import { type BaselineInput, type BaselineTest, type BaselineVariable, baselineTable } from './baseline-table.js';
import type { Table } from './table.js';

/** A value in a data row: numbers for continuous variables; numbers, strings or booleans for categories. */
export type DataValue = number | string | boolean | null | undefined;

/** How one variable of the rows enters the baseline table. */
export interface BaselineVariableSpec {
  /** Field name in each row. */
  key: string;
  /** Display label; default `key`. */
  label?: string;
  kind: 'categorical' | 'continuous';
  unit?: string;
  /** Categorical: the levels and their order; default the distinct values in order of first appearance. */
  levels?: readonly DataValue[];
  /** Categorical: display text per level (keyed by `String(level)`). */
  levelLabels?: Readonly<Record<string, string>>;
  /**
   * Continuous: `'auto'` (default) shows mean ± SD with a t test when Shapiro–Wilk P ≥ `normalityAlpha`
   * in both groups, otherwise median (P25, P75) with the Mann–Whitney U test; or force one.
   */
  summary?: 'auto' | 'mean-sd' | 'median-iqr';
  digits?: number;
}

/** Options for {@link computeBaselineTable}. */
export interface BaselineSpec {
  variables: readonly BaselineVariableSpec[];
  /** The outcome groups (value of `groupVar`; two or more) and their labels, in column order; default the distinct values sorted. */
  groups?: readonly { value: DataValue; label: string }[];
  /** Adds an overall column (all groups together) before the groups; `true` labels it 'Overall'. */
  overall?: boolean | string;
  /** Seed of the Monte-Carlo Fisher P used when an r × c table is too large to enumerate; default 1. */
  seed?: number | string;
  /** Shapiro–Wilk level for `summary: 'auto'`; default 0.05. */
  normalityAlpha?: number;
  /** `'welch'` (default, R's `t.test`) or `'student'` (pooled variance). */
  tTest?: 'welch' | 'student';
  /** Expected count below which Fisher's exact test replaces χ²; default 5. */
  fisherBelow?: number;
  caption?: string;
}

function groupKey(v: DataValue): string {
  return `${typeof v}:${String(v)}`;
}

/**
 * Computes and builds the baseline table from raw data rows with `sonorisk/stats`: per group
 * `describe` (mean, SD, median, P25, P75), `shapiroWilk` to pick the summary, `tTest` (Welch by
 * default) or `mannWhitneyU` for continuous variables, and for categorical ones `chiSquareTest`
 * (R's default: Yates-corrected on 2 × 2) or `fisherExactTest` when any expected count is below 5.
 * With more than two groups: one-way ANOVA (`oneWayAnova`) instead of the t test, Kruskal–Wallis
 * (`kruskalWallis`) instead of Mann–Whitney, and r × c χ²/Fisher (a Fisher table too large to enumerate
 * (over 10⁶ enumeration steps) gets a seeded Monte-Carlo P, 10,000 tables, as R's `simulate.p.value`). `overall` adds a column for
 * all groups together. Missing values (`null`, `undefined`, `NaN`) are left out per variable.
 *
 * @example
 * ```ts
 * const table = computeBaselineTable(patients, 'recurrence', {
 *   groups: [{ value: 0, label: 'No recurrence' }, { value: 1, label: 'Early recurrence' }],
 *   variables: [
 *     { key: 'age', label: 'Age', unit: 'years', kind: 'continuous' },
 *     { key: 'sex', label: 'Sex', kind: 'categorical', levels: ['M', 'F'], levelLabels: { M: 'Male', F: 'Female' } },
 *   ],
 * });
 * ```
 */
export function computeBaselineTable(rows: readonly Readonly<Record<string, unknown>>[], groupVar: string, spec: BaselineSpec): Table {
  if (!Array.isArray(rows) || rows.length === 0) throw new SonoriskError('EMPTY_INPUT', 'computeBaselineTable: no data rows.');
  if (typeof spec !== 'object' || spec === null || !Array.isArray(spec.variables) || spec.variables.length === 0) {
    throw new SonoriskError('EMPTY_INPUT', 'computeBaselineTable: spec.variables must list at least one variable.');
  }
  const alpha = spec.normalityAlpha ?? 0.05;
  const fisherBelow = spec.fisherBelow ?? 5;
  let groups = spec.groups;
  if (!groups) {
    const seen = new Map<string, DataValue>();
    for (const r of rows) {
      const v = r?.[groupVar] as DataValue;
      if (v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v))) seen.set(groupKey(v), v);
    }
    groups = [...seen.values()].sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0)).map((value) => ({ value, label: `${groupVar} = ${String(value)}` }));
  }
  if (groups.length < 2) throw new SonoriskError('INVALID_ARGUMENT', `computeBaselineTable: needs at least two outcome groups, found ${groups.length} in "${groupVar}".`, { groups: groups.map((g) => g.value) });
  const k = groups.length;
  const members = groups.map((g) => rows.filter((r) => groupKey(r?.[groupVar] as DataValue) === groupKey(g.value)));
  members.forEach((m, i) => {
    if (m.length === 0) throw new SonoriskError('INVALID_ARGUMENT', `computeBaselineTable: no row has ${groupVar} = ${String(groups[i]!.value)}.`);
  });
  let usedAuto = false;
  let usedFisherRule = false;
  let undefinedTest = false;
  let simulatedFisher = 0;
  const variables: BaselineVariable[] = spec.variables.map((v) => {
    const label = v.label ?? v.key;
    if (v.kind === 'continuous') {
      const samples = members.map((m) =>
        m.map((r) => r[v.key]).filter((x): x is number => {
          if (x === null || x === undefined || (typeof x === 'number' && Number.isNaN(x))) return false;
          if (typeof x !== 'number' || !Number.isFinite(x)) throw new SonoriskError('NON_FINITE', `computeBaselineTable: "${v.key}" has a non-numeric value ${String(x)}.`);
          return true;
        }),
      );
      const d = samples.map((x) => describe(x));
      let summary = v.summary ?? 'auto';
      if (summary === 'auto') {
        usedAuto = true;
        const normal = samples.every((x) => {
          try {
            return shapiroWilk(x).p >= alpha;
          } catch {
            return false; // fewer than 3 values or constant data: not shown to be normal
          }
        });
        summary = normal ? 'mean-sd' : 'median-iqr';
      }
      let test: BaselineTest;
      if (summary === 'mean-sd' && k > 2) {
        try {
          const r = oneWayAnova(samples, { varEqual: true });
          test = { name: 'anova', statistic: r.statistic, p: r.p };
        } catch (e) {
          if (!isSonoriskError(e, 'TOO_FEW_OBSERVATIONS')) throw e;
          undefinedTest = true;
          test = { name: 'anova', statistic: Number.NaN, p: Number.NaN };
        }
      } else if (summary === 'mean-sd') {
        const name = spec.tTest === 'student' ? 't-test' : 'welch';
        try {
          const r = tTest(samples[0]!, samples[1]!, { varEqual: spec.tTest === 'student' });
          test = { name, statistic: r.statistic, p: r.p };
        } catch (e) {
          // R's t.test stops here (a group with < 2 values, or constant data): the row prints NA
          if (!isSonoriskError(e, 'TOO_FEW_OBSERVATIONS') && !isSonoriskError(e, 'CONSTANT_DATA')) throw e;
          undefinedTest = true;
          test = { name, statistic: Number.NaN, p: Number.NaN };
        }
      } else if (k > 2) {
        const r = kruskalWallis(samples);
        test = { name: 'kruskal-wallis', statistic: r.statistic, p: r.p };
      } else {
        const r = mannWhitneyU(samples[0]!, samples[1]!);
        test = r.z === null ? { name: 'mann-whitney', statistic: r.w, symbol: 'W', p: r.p } : { name: 'mann-whitney', statistic: r.z, p: r.p };
      }
      const out: BaselineVariable = {
        kind: 'continuous',
        label,
        summary,
        groups: d.map((g) => ({ n: g.n, mean: g.mean, sd: g.sd, median: g.median, q1: g.q1, q3: g.q3 })),
        test,
      };
      if (spec.overall) {
        const all = describe(samples.flat());
        out.overall = { n: all.n, mean: all.mean, sd: all.sd, median: all.median, q1: all.q1, q3: all.q3 };
      }
      if (v.unit !== undefined) out.unit = v.unit;
      if (v.digits !== undefined) out.digits = v.digits;
      return out;
    }
    if (v.kind !== 'categorical') throw new SonoriskError('INVALID_ARGUMENT', `computeBaselineTable: "${v.key}" kind must be 'categorical' or 'continuous'.`);
    const present = (x: unknown): x is DataValue => x !== null && x !== undefined && !(typeof x === 'number' && Number.isNaN(x));
    let levels: readonly DataValue[] | undefined = v.levels;
    if (!levels) {
      const seen = new Map<string, DataValue>();
      for (const r of rows) if (present(r[v.key])) seen.set(groupKey(r[v.key] as DataValue), r[v.key] as DataValue);
      levels = [...seen.values()];
    }
    if (levels.length === 0) throw new SonoriskError('EMPTY_INPUT', `computeBaselineTable: "${v.key}" has no non-missing values.`);
    const counts = levels.map((lv) => members.map((m) => m.filter((r) => groupKey(r[v.key] as DataValue) === groupKey(lv)).length));
    const used = counts.filter((c) => c.some((x) => x > 0));
    let test: BaselineTest | undefined;
    if (used.length >= 2) {
      const chi = chiSquareTest(used);
      if (chi.minExpected < fisherBelow) {
        usedFisherRule = true;
        try {
          test = { name: 'fisher', p: fisherExactTest(used, { maxTables: 1_000_000 }).p };
        } catch (e) {
          if (!isSonoriskError(e, 'LIMIT_EXCEEDED')) throw e;
          simulatedFisher++;
          test = { name: 'fisher', p: fisherExactTest(used, { simulatePValue: true, replicates: 10_000, seed: spec.seed ?? 1 }).p };
        }
      } else test = { name: 'chi-square', statistic: chi.statistic, p: chi.p };
    }
    const out: BaselineVariable = {
      kind: 'categorical',
      label,
      levels: levels.map((lv, i) => ({ label: v.levelLabels?.[String(lv)] ?? String(lv), counts: counts[i]! })),
    };
    if (test) out.test = test;
    return out;
  });
  const footnotes: string[] = [];
  if (usedAuto) {
    footnotes.push(
      k > 2
        ? `Continuous variables shown as mean ± SD (one-way ANOVA) when the Shapiro–Wilk test gave P ≥ ${alpha} in every group, otherwise as median (P25, P75) (Kruskal–Wallis test).`
        : `Continuous variables shown as mean ± SD (t test) when the Shapiro–Wilk test gave P ≥ ${alpha} in both groups, otherwise as median (P25, P75) (Mann–Whitney U test).`,
    );
  }
  footnotes.push(`Categorical variables compared with Pearson's χ² test (Yates-corrected for 2 × 2 tables), or Fisher's exact test when an expected count is below ${fisherBelow}${usedFisherRule ? '' : ' (not needed here)'}.`);
  if (simulatedFisher) footnotes.push("Fisher's exact P from 10,000 simulated tables (seeded) where the table was too large to enumerate.");
  if (undefinedTest) footnotes.push(`NA: the ${k > 2 ? 'ANOVA' : 't test'} is undefined (a group with fewer than 2 values, or constant data).`);
  const input: BaselineInput = { groups: groups.map((g, i) => ({ label: g.label, n: members[i]!.length })), variables, footnotes };
  if (spec.overall) input.overall = { label: typeof spec.overall === 'string' ? spec.overall : 'Overall', n: members.reduce((s, m) => s + m.length, 0) };
  if (spec.caption !== undefined) input.caption = spec.caption;
  return baselineTable(input);
}
