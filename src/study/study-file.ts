import * as v from 'valibot';
import { SonoriskError } from '../errors.js';
import { closestName } from '../closest-name.js';
import { knownKeysAt } from '../schema-problems.js';

/** How a variable is typed — one typing used in every table and model of the report. */
export type VariableType = 'continuous' | 'categorical' | 'ordinal';

/** One variable of the study file. */
export interface StudyVariable {
  /** Display label, e.g. "Tumour size". */
  label?: string;
  /** Unit, e.g. "mm" (printed after the label). */
  unit?: string;
  /** continuous: mean/median and a slope; categorical: counts and one dummy per non-reference level; ordinal: counts in level order and one slope per level step. */
  type: VariableType;
  /** Level order (categorical/ordinal); values as they appear in the manifest. */
  levels?: (string | number)[];
  /** Display text per level (keyed by the level as text). */
  levelLabels?: Record<string, string>;
  /** Reference level of a categorical variable in regression (default: the first level). */
  reference?: string | number;
  /** Continuous: enter regression as log(x) (`'log'` natural, `'log2'`, `'log10'`). */
  transform?: 'log' | 'log2' | 'log10';
  /** Continuous: odds ratio per this many units (e.g. 10 for "per 10 mm"). */
  per?: number;
  /** Decimals in the baseline tables. */
  digits?: number;
  /** Continuous: `'auto'` (Shapiro–Wilk decides), `'mean-sd'` or `'median-iqr'`. */
  summary?: 'auto' | 'mean-sd' | 'median-iqr';
}

/** A subgroup analysis: AUC per level of a variable (or per band of a continuous one). */
export interface StudySubgroup {
  variable: string;
  /** Heading text; default the variable's label. */
  label?: string;
  /** Continuous variables: cut points; bands are [−∞, c₁), [c₁, c₂), … [cₖ, ∞). */
  cuts?: number[];
}

/**
 * A study file: how the report names and types the study's variables, and what it adds. JSON; see
 * docs/report.md. Every key is checked: an unknown key is an error naming the nearest known one.
 */
export interface StudyFile {
  title?: string;
  subtitle?: string;
  /** A notice in a box under the title and in the footer (e.g. "Demonstration only — not for clinical use"). None by default. */
  banner?: string;
  /** The short line under the title; default "For research use. Not validated for clinical decisions.". */
  note?: string;
  /** Outcome names: `label` (e.g. "Early recurrence"), `event` and `noEvent` (column headings). */
  outcome?: { label?: string; event?: string; noEvent?: string };
  /** Display names of the split values, e.g. `{ "train": "Training", "validation": "Validation" }`. */
  splits?: Record<string, string>;
  /** Display names of the model ids. */
  models?: Record<string, { label?: string }>;
  /** The covariates in report order, with their typing. Covariates not listed are left out of the tables. */
  variables?: Record<string, StudyVariable>;
  /** Variables of the multivariable clinical model (default: those with univariable P < 0.05 on the training split). */
  clinicalModel?: string[];
  /** Score scaling for the combined models' odds ratios: OR per this many units of the DL probability; default 0.1. */
  scorePer?: number;
  subgroups?: StudySubgroup[];
  /** Extra Methods paragraphs. */
  methods?: string[];
}

const text = v.pipe(v.string(), v.nonEmpty());
const level = v.union([v.string(), v.number()]);
const VariableSchema = v.strictObject({
  label: v.optional(text),
  unit: v.optional(v.string()),
  type: v.picklist(['continuous', 'categorical', 'ordinal']),
  levels: v.optional(v.pipe(v.array(level), v.minLength(1))),
  levelLabels: v.optional(v.record(v.string(), v.string())),
  reference: v.optional(level),
  transform: v.optional(v.picklist(['log', 'log2', 'log10'])),
  per: v.optional(v.pipe(v.number(), v.finite(), v.gtValue(0))),
  digits: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6))),
  summary: v.optional(v.picklist(['auto', 'mean-sd', 'median-iqr'])),
});
const StudySchema = v.strictObject({
  title: v.optional(text),
  subtitle: v.optional(text),
  banner: v.optional(text),
  note: v.optional(text),
  outcome: v.optional(v.strictObject({ label: v.optional(text), event: v.optional(text), noEvent: v.optional(text) })),
  splits: v.optional(v.record(v.string(), text)),
  models: v.optional(v.record(v.string(), v.strictObject({ label: v.optional(text) }))),
  variables: v.optional(v.record(v.string(), VariableSchema)),
  clinicalModel: v.optional(v.array(text)),
  scorePer: v.optional(v.pipe(v.number(), v.finite(), v.gtValue(0))),
  subgroups: v.optional(v.array(v.strictObject({ variable: text, label: v.optional(text), cuts: v.optional(v.pipe(v.array(v.pipe(v.number(), v.finite())), v.minLength(1))) }))),
  methods: v.optional(v.array(text)),
});

function fail(where: string, message: string): never {
  throw new SonoriskError('STUDY_INVALID', `Study file, ${where}: ${message}`, { where });
}

/**
 * Parses and validates a study file (JSON text or an already parsed object). Errors name the key
 * path; an unknown key names the nearest known key ("did you mean 'label'?"); level references
 * (reference level, level labels, clinical-model and subgroup variables) are checked against the
 * declared variables.
 *
 * @throws SonoriskError `STUDY_INVALID`.
 * @example
 * ```ts
 * const study = parseStudyFile('{"variables": {"sizeMm": {"label": "Tumour size", "unit": "mm", "type": "continuous", "per": 10}}}');
 * study.variables.sizeMm.per; // 10
 * ```
 */
export function parseStudyFile(input: string | unknown): StudyFile {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      fail('JSON', `not valid JSON (${(e as Error).message}).`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('top level', 'must be a JSON object ({ "variables": …, … }).');
  const parsed = v.safeParse(StudySchema, value);
  if (!parsed.success) {
    // an unknown key (a typo) explains the other issues of its object best: report it first
    const issue = parsed.issues.find((i) => i.type === 'strict_object' && i.expected === 'never') ?? parsed.issues[0];
    const path = (issue.path ?? []).map((p) => p.key as string | number);
    const where = path.length ? path.join('.') : 'top level';
    if (issue.type === 'strict_object' && path.length > 0 && issue.expected === 'never') {
      const key = String(path[path.length - 1]);
      const known = knownKeysAt(StudySchema, path.slice(0, -1));
      const hint = closestName(key, known);
      fail(path.slice(0, -1).join('.') || 'top level', `unknown key '${key}'${hint ? ` — did you mean '${hint}'?` : ` (known: ${known.join(', ')})`}.`);
    }
    fail(where, issue.message);
  }
  const study = parsed.output as StudyFile;
  for (const [key, spec] of Object.entries(study.variables ?? {})) {
    const w = `variables.${key}`;
    const levels = spec.levels?.map(String);
    if (spec.type === 'continuous' && (spec.levels || spec.levelLabels || spec.reference !== undefined)) fail(w, 'levels, levelLabels and reference apply to categorical or ordinal variables.');
    if (spec.type !== 'continuous' && (spec.transform || spec.per !== undefined)) fail(w, 'transform and per apply to continuous variables.');
    if (levels && new Set(levels).size !== levels.length) fail(`${w}.levels`, 'a level is listed twice.');
    if (spec.reference !== undefined) {
      if (spec.type === 'ordinal') fail(`${w}.reference`, 'an ordinal variable enters the models as one slope per level step; it has no reference level.');
      if (levels && !levels.includes(String(spec.reference))) fail(`${w}.reference`, `'${spec.reference}' is not one of the levels (${levels.join(', ')}).`);
    }
    for (const l of Object.keys(spec.levelLabels ?? {})) {
      if (levels && !levels.includes(l)) {
        const hint = closestName(l, levels);
        fail(`${w}.levelLabels`, `'${l}' is not one of the levels${hint ? ` — did you mean '${hint}'?` : ` (${levels.join(', ')})`}.`);
      }
    }
  }
  const declared = Object.keys(study.variables ?? {});
  const checkName = (name: string, where: string) => {
    if (study.variables && !declared.includes(name)) {
      const hint = closestName(name, declared);
      fail(where, `'${name}' is not a declared variable${hint ? ` — did you mean '${hint}'?` : ''}.`);
    }
  };
  for (const [i, name] of (study.clinicalModel ?? []).entries()) checkName(name, `clinicalModel[${i}]`);
  (study.subgroups ?? []).forEach((g, i) => {
    checkName(g.variable, `subgroups[${i}].variable`);
    const t = study.variables?.[g.variable]?.type;
    if (g.cuts && t !== undefined && t !== 'continuous') fail(`subgroups[${i}].cuts`, `cuts apply to continuous variables; '${g.variable}' is ${t}.`);
    if (g.cuts?.some((c, k) => k > 0 && c <= g.cuts![k - 1]!)) fail(`subgroups[${i}].cuts`, 'cut points must increase.');
  });
  return study;
}
