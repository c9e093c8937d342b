import { SonoriskError } from '../errors.js';
import type { BaselineVariableSpec } from '../report/index.js';
import type { CategoricalSpec } from '../stats/index.js';
import type { StudyFile, StudyVariable, VariableType } from './study-file.js';

/**
 * Natural order: numbers numerically, text with digit runs compared as numbers (S1 < S2 < S10),
 * then by code point — the same everywhere (no locale).
 *
 * @example
 * ```ts
 * ['S10', 'S2', 'S1'].sort(naturalCompare); // ['S1', 'S2', 'S10']
 * ```
 */
export function naturalCompare(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return pa.length - pb.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** One variable as the report uses it everywhere (tables, regression, subgroups). */
export interface ResolvedVariable {
  key: string;
  label: string;
  unit?: string;
  type: VariableType;
  /** Categorical/ordinal: levels in order (as they appear in the data). */
  levels: (string | number)[];
  levelLabels: Record<string, string>;
  /** Categorical: reference level in regression. */
  reference?: string | number;
  transform?: 'log' | 'log2' | 'log10';
  per?: number;
  digits?: number;
  summary?: 'auto' | 'mean-sd' | 'median-iqr';
  /** True when the typing came from the data (no study file entry). */
  inferred: boolean;
}

const present = (v: unknown): v is string | number => v !== undefined && v !== null && v !== '' && !(typeof v === 'number' && Number.isNaN(v));

/**
 * Resolves the typing of every covariate: from the study file where it declares the variable,
 * otherwise from the data (numbers with more than 10 distinct values → continuous, anything else →
 * categorical with levels in natural order). With a study file that lists `variables`, only those
 * are used, in its order.
 */
export function resolveVariables(rows: readonly Record<string, unknown>[], study: StudyFile | undefined): ResolvedVariable[] {
  const keys = study?.variables ? Object.keys(study.variables) : [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return keys.map((key) => {
    const values = rows.map((r) => r[key]).filter(present);
    const spec: StudyVariable | undefined = study?.variables?.[key];
    if (study?.variables && values.length === 0) throw new SonoriskError('STUDY_INVALID', `Study file, variables.${key}: no case of the cohort manifest has a value for '${key}'.`, { variable: key });
    const distinct = [...new Set(values)];
    const type: VariableType = spec?.type ?? (distinct.every((v) => typeof v === 'number') && distinct.length > 10 ? 'continuous' : 'categorical');
    if (type === 'continuous') {
      const bad = values.find((v) => typeof v !== 'number');
      if (bad !== undefined) throw new SonoriskError('STUDY_INVALID', `Variable '${key}' is declared continuous but has the value '${String(bad)}'.`, { variable: key });
      if (spec?.transform && values.some((v) => (v as number) <= 0)) throw new SonoriskError('STUDY_INVALID', `Variable '${key}' has values ≤ 0; a ${spec.transform} transform needs positive values.`, { variable: key });
    }
    let levels: (string | number)[] = [];
    if (type !== 'continuous') {
      if (spec?.levels) {
        const declared = new Set(spec.levels.map(String));
        const extra = distinct.find((v) => !declared.has(String(v)));
        if (extra !== undefined) throw new SonoriskError('STUDY_INVALID', `Variable '${key}' has the value '${String(extra)}', which its levels (${spec.levels.join(', ')}) do not list.`, { variable: key });
        // the data's own values (number or text) in the declared order
        levels = spec.levels.map((l) => distinct.find((v) => String(v) === String(l)) ?? l);
      } else levels = [...distinct].sort(naturalCompare);
    }
    const out: ResolvedVariable = { key, label: spec?.label ?? key, type, levels, levelLabels: { ...(spec?.levelLabels ?? {}) }, inferred: spec === undefined };
    if (spec?.unit) out.unit = spec.unit;
    if (type === 'categorical') out.reference = spec?.reference !== undefined ? (levels.find((l) => String(l) === String(spec.reference)) ?? spec.reference) : levels[0]!;
    if (spec?.transform) out.transform = spec.transform;
    if (spec?.per !== undefined) out.per = spec.per;
    if (spec?.digits !== undefined) out.digits = spec.digits;
    if (spec?.summary) out.summary = spec.summary;
    return out;
  });
}

/** Label with unit: "Tumour size (mm)". */
export function variableLabel(v: ResolvedVariable): string {
  return v.unit ? `${v.label} (${v.unit})` : v.label;
}

/** Baseline-table spec of a variable (ordinal and categorical both list their levels in order). */
export function baselineSpec(v: ResolvedVariable): BaselineVariableSpec {
  if (v.type === 'continuous') {
    const s: BaselineVariableSpec = { key: v.key, label: variableLabel(v), kind: 'continuous' };
    if (v.digits !== undefined) s.digits = v.digits;
    if (v.summary) s.summary = v.summary;
    return s;
  }
  return { key: v.key, label: variableLabel(v), kind: 'categorical', levels: v.levels, levelLabels: Object.fromEntries(v.levels.map((l) => [String(l), v.levelLabels[String(l)] ?? String(l)])) };
}

/** The regression label: "Tumour size (per 10 mm)", "AFP (log ng/mL)", "Segment (per level)". */
export function regressionLabel(v: ResolvedVariable): string {
  if (v.type === 'ordinal') return `${v.label} (per level step)`;
  if (v.type === 'categorical') return v.label;
  const unit = v.unit ?? 'units';
  if (v.transform === 'log10') return `${v.label} (per 10-fold increase)`;
  if (v.transform === 'log2') return `${v.label} (per doubling)`;
  if (v.transform === 'log') return `${v.label} (per e-fold increase)`;
  return v.per !== undefined ? `${v.label} (per ${v.per} ${unit})` : v.unit ? `${v.label} (per ${v.unit})` : v.label;
}

/** The value a variable takes in regression: transformed / scaled continuous, level index for ordinal, the level for categorical. */
export function regressionValue(v: ResolvedVariable, x: unknown): number | string | undefined {
  if (!present(x)) return undefined;
  if (v.type === 'continuous') {
    let y = x as number;
    if (v.transform === 'log') y = Math.log(y);
    else if (v.transform === 'log2') y = Math.log2(y);
    else if (v.transform === 'log10') y = Math.log10(y);
    return v.per !== undefined ? y / v.per : y;
  }
  if (v.type === 'ordinal') return v.levels.findIndex((l) => String(l) === String(x));
  return String(x);
}

/** Categorical specs for `logisticRegression` / `riskFactorAnalysis` (levels as text, reference first). */
export function categoricalSpecs(vars: readonly ResolvedVariable[]): Record<string, CategoricalSpec> {
  const out: Record<string, CategoricalSpec> = {};
  for (const v of vars) if (v.type === 'categorical') out[v.key] = { levels: v.levels.map(String), reference: String(v.reference) };
  return out;
}

/** Display labels of categorical levels for the regression tables. */
export function levelLabelsOf(vars: readonly ResolvedVariable[]): Record<string, Record<string, string>> {
  return Object.fromEntries(vars.filter((v) => v.type === 'categorical').map((v) => [v.key, Object.fromEntries(v.levels.map((l) => [String(l), v.levelLabels[String(l)] ?? String(l)]))]));
}

/** One sentence per typing for the Methods: which variables were treated as what, and whether the study file said so. */
export function typingSentence(vars: readonly ResolvedVariable[]): string {
  const by = (t: VariableType) => vars.filter((v) => v.type === t).map((v) => v.label + (v.transform ? ` (${v.transform === 'log' ? 'ln' : v.transform}-transformed in regression)` : v.per !== undefined ? ` (per ${v.per} ${v.unit ?? 'units'})` : ''));
  const parts = [
    by('continuous').length ? `continuous: ${by('continuous').join(', ')}` : '',
    by('categorical').length ? `categorical (dummy-coded against the reference level): ${by('categorical').join(', ')}` : '',
    by('ordinal').length ? `ordinal (counts in level order; one odds ratio per level step in regression): ${by('ordinal').join(', ')}` : '',
  ].filter(Boolean);
  const inferred = vars.filter((v) => v.inferred).map((v) => v.key);
  return `Variables were typed as ${parts.join('; ')}.${inferred.length ? ` Without a study-file entry, ${inferred.join(', ')} ${inferred.length > 1 ? 'were' : 'was'} typed from the data (numbers with more than 10 distinct values continuous, anything else categorical, levels in natural order).` : ''}`;
}
