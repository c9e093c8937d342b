import { SonoriskError } from '../../errors.js';

/** One observation: predictor and outcome values by column name. */
export type DataRow = Readonly<Record<string, unknown>>;

/** How a categorical predictor is coded: its reference level (default: the first level in sorted order). */
export interface CategoricalSpec {
  reference?: string | number | boolean;
  /** Level order (default: sorted: numbers ascending, strings by code point). */
  levels?: ReadonlyArray<string | number | boolean>;
}

/** A model column (term) and where it came from. */
export interface DesignTerm {
  /** R-style name: the predictor, or predictor + level for a dummy (e.g. `sexM`). */
  term: string;
  predictor: string;
  /** Level this dummy codes (categorical predictors only). */
  level?: string;
}

/** Coding of one predictor. */
export interface PredictorCoding {
  predictor: string;
  kind: 'numeric' | 'categorical';
  /** Categorical: the reference level and the levels coded by dummies. */
  reference?: string;
  levels?: string[];
}

/** Design matrix with an intercept column first, column-major. Internal. */
export interface Design {
  x: Float64Array;
  y: Uint8Array;
  n: number;
  p: number;
  terms: DesignTerm[];
  codings: PredictorCoding[];
  /** Row indices (into the input) used after dropping incomplete rows. */
  used: number[];
  dropped: number;
}

export function isMissing(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

function levelKey(v: unknown): string {
  return typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
}

function outcomeValue(v: unknown, fn: string, outcome: string, i: number): 0 | 1 {
  if (v === 1 || v === true) return 1;
  if (v === 0 || v === false) return 0;
  throw new SonoriskError('NON_BINARY_LABELS', `${fn}: outcome '${outcome}' in row ${i} is ${String(v)}; use 0/1 or booleans (1 = event).`, {
    row: i,
    value: v,
  });
}

/**
 * Builds the model matrix as R's `model.matrix(y ~ a + b, data)` with treatment contrasts: an
 * intercept, numeric predictors as they are, one 0/1 dummy per non-reference level of a
 * categorical predictor. Rows missing the outcome or any predictor are dropped (R's `na.omit`).
 * Strings are always categorical; numbers are numeric unless listed in `categorical`; booleans are
 * coded as a categorical predictor with reference FALSE (term `nameTRUE`, as R).
 */
export function buildDesign(
  rows: ReadonlyArray<DataRow>,
  outcome: string,
  predictors: ReadonlyArray<string>,
  categorical: Readonly<Record<string, CategoricalSpec>>,
  fn: string,
): Design {
  if (!Array.isArray(rows)) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: rows must be an array of objects.`);
  if (typeof outcome !== 'string') throw new SonoriskError('INVALID_ARGUMENT', `${fn}: outcome must be a column name.`);
  if (!Array.isArray(predictors)) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: predictors must be an array of column names.`);
  for (const name of Object.keys(categorical)) {
    if (!predictors.includes(name)) {
      throw new SonoriskError('INVALID_ARGUMENT', `${fn}: categorical '${name}' is not among the predictors.`);
    }
  }
  if (new Set(predictors).size !== predictors.length) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: predictors are repeated.`);
  const used: number[] = [];
  const np = predictors.length;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r === null || typeof r !== 'object') throw new SonoriskError('INVALID_ARGUMENT', `${fn}: row ${i} is not an object.`);
    if (isMissing(r[outcome])) continue;
    let complete = true;
    for (let k = 0; k < np && complete; k++) complete = !isMissing(r[predictors[k]!]);
    if (complete) used.push(i);
  }
  const n = used.length;
  const y = new Uint8Array(n);
  for (let k = 0; k < n; k++) y[k] = outcomeValue(rows[used[k]!]![outcome], fn, outcome, used[k]!);
  const codings: PredictorCoding[] = [];
  const terms: DesignTerm[] = [{ term: '(Intercept)', predictor: '(Intercept)' }];
  const columns: Float64Array[] = [new Float64Array(n).fill(1)];
  for (const pr of predictors) {
    const values = used.map((i) => rows[i]![pr]);
    const spec = categorical[pr];
    const isCat = spec !== undefined || values.some((v) => typeof v === 'string' || typeof v === 'boolean');
    if (!isCat) {
      const col = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        const v = values[k];
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          throw new SonoriskError('NON_FINITE', `${fn}: predictor '${pr}' in row ${used[k]} is ${String(v)}; numeric predictors need finite numbers.`, {
            row: used[k],
            predictor: pr,
            value: v,
          });
        }
        col[k] = v;
      }
      codings.push({ predictor: pr, kind: 'numeric' });
      terms.push({ term: pr, predictor: pr });
      columns.push(col);
      continue;
    }
    const keys = values.map(levelKey);
    let levels: string[];
    if (spec?.levels) levels = spec.levels.map(levelKey);
    else {
      const uniq = [...new Set(values)];
      const allNum = uniq.every((v) => typeof v === 'number');
      uniq.sort((a, b) =>
        allNum ? (a as number) - (b as number) : levelKey(a) < levelKey(b) ? -1 : levelKey(a) > levelKey(b) ? 1 : 0,
      );
      levels = uniq.map(levelKey);
    }
    const levelIndex = new Map(levels.map((l, k) => [l, k]));
    const codes = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const c = levelIndex.get(keys[k]!);
      if (c === undefined) {
        throw new SonoriskError('INVALID_ARGUMENT', `${fn}: predictor '${pr}' has value '${keys[k]}' (row ${used[k]}) that is not among its levels.`);
      }
      codes[k] = c;
    }
    const ref = spec?.reference === undefined ? levels[0] : levelKey(spec.reference);
    if (ref === undefined || !levels.includes(ref)) {
      throw new SonoriskError('INVALID_ARGUMENT', `${fn}: reference '${String(spec?.reference)}' of '${pr}' is not one of its levels (${levels.join(', ')}).`);
    }
    const coded = levels.filter((l) => l !== ref);
    codings.push({ predictor: pr, kind: 'categorical', reference: ref, levels: coded });
    for (const l of coded) {
      const col = new Float64Array(n);
      const target = levelIndex.get(l)!;
      for (let k = 0; k < n; k++) col[k] = codes[k] === target ? 1 : 0;
      terms.push({ term: pr + l, predictor: pr, level: l });
      columns.push(col);
    }
  }
  const p = columns.length;
  const x = new Float64Array(n * p);
  columns.forEach((c, j) => {
    x.set(c, j * n);
  });
  return { x, y, n, p, terms, codings, used, dropped: rows.length - n };
}
