import { SonoriskError } from '../errors.js';

/**
 * Binary outcome labels: 0/1 numbers or booleans (`true` = event / positive class), or any two values
 * (e.g. `'Good'`/`'Poor'`) where the function takes a `positive` option naming the event level.
 */
export type BinaryLabels = ArrayLike<number> | ArrayLike<boolean> | ArrayLike<string>;

/** A label value that names the positive (event) class, e.g. `'Poor'`. */
export type LabelValue = number | string | boolean;

/** Numeric scores or probabilities, as a plain array or any typed array. */
export type NumericArray = ArrayLike<number>;

/**
 * Copies binary labels into a `Uint8Array` of 0/1, rejecting anything else with `NON_BINARY_LABELS`.
 * Internal to src/stats.
 */
export function toBinaryLabels(labels: BinaryLabels, fn: string, name = 'labels', positive?: LabelValue): Uint8Array {
  if (labels === null || typeof labels !== 'object' || typeof (labels as ArrayLike<unknown>).length !== 'number') {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: ${name} must be an array of 0/1 or booleans.`);
  }
  if (positive !== undefined) return labelsWithPositive(labels as ArrayLike<unknown>, positive, fn, name);
  const n = labels.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = (labels as ArrayLike<unknown>)[i];
    if (v === 1 || v === true) out[i] = 1;
    else if (v !== 0 && v !== false) {
      throw new SonoriskError(
        'NON_BINARY_LABELS',
        `${fn}: ${name}[${i}] is ${String(v)}; labels must be 0/1 or booleans (1 = event), or name the event level with the \`positive\` option (e.g. positive: 'Poor').`,
        { index: i, value: v },
      );
    }
  }
  return out;
}

/** Any two label values, `positive` naming the event; a third value is `NON_BINARY_LABELS`. Internal. */
function labelsWithPositive(labels: ArrayLike<unknown>, positive: LabelValue, fn: string, name: string): Uint8Array {
  if (!['number', 'string', 'boolean'].includes(typeof positive) || (typeof positive === 'number' && !Number.isFinite(positive))) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: positive must be a label value (number, string or boolean), got ${String(positive)}.`);
  }
  const n = labels.length;
  const out = new Uint8Array(n);
  let other: unknown;
  let hasOther = false;
  let hasPositive = false;
  for (let i = 0; i < n; i++) {
    const v = labels[i];
    if (!(typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) {
      throw new SonoriskError('NON_BINARY_LABELS', `${fn}: ${name}[${i}] is ${String(v)}; remove cases with a missing outcome first.`, { index: i, value: v });
    }
    if (v === positive) {
      out[i] = 1;
      hasPositive = true;
    } else if (!hasOther) {
      other = v;
      hasOther = true;
    } else if (v !== other) {
      throw new SonoriskError(
        'NON_BINARY_LABELS',
        `${fn}: ${name}[${i}] is ${String(v)}, a third value besides ${JSON.stringify(positive)} (positive) and ${JSON.stringify(other)}; binary outcomes need exactly two levels.`,
        { index: i, value: v },
      );
    }
  }
  if (!hasPositive && n > 0) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: positive = ${JSON.stringify(positive)} does not occur in ${name} (values: ${JSON.stringify(other)}).`, {
      positive,
    });
  }
  return out;
}

/** Copies finite scores into a `Float64Array` (−0 becomes +0), checking the length. Internal. */
export function toFiniteScores(scores: NumericArray, n: number, fn: string, name = 'scores'): Float64Array {
  if (scores === null || typeof scores !== 'object' || typeof scores.length !== 'number') {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: ${name} must be an array or typed array of numbers.`);
  }
  if (scores.length !== n) {
    throw new SonoriskError('LENGTH_MISMATCH', `${fn}: ${name} has ${scores.length} values but labels has ${n}; pass one score per label.`, {
      expected: n,
      actual: scores.length,
    });
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = scores[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new SonoriskError('NON_FINITE', `${fn}: ${name}[${i}] is ${String(v)}; remove or impute missing and infinite values first.`, {
        index: i,
        value: v,
      });
    }
    out[i] = v + 0;
  }
  return out;
}

/** Counts events (1s); throws `SINGLE_CLASS` unless both classes are present. Internal. */
export function requireBothClasses(y: Uint8Array, fn: string): { nCases: number; nControls: number } {
  let nCases = 0;
  for (let i = 0; i < y.length; i++) nCases += y[i]!;
  const nControls = y.length - nCases;
  if (y.length === 0) throw new SonoriskError('EMPTY_INPUT', `${fn}: no observations.`);
  if (nCases === 0 || nControls === 0) {
    throw new SonoriskError(
      'SINGLE_CLASS',
      `${fn}: need both outcomes, got ${nCases} events and ${nControls} non-events; ROC analysis is undefined with one class.`,
      { nCases, nControls },
    );
  }
  return { nCases, nControls };
}
