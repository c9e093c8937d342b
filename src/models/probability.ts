import { SonoriskError } from '../errors.js';
import type { OutputKind } from './model-spec.js';

function perClip(logits: ArrayLike<number>, output: OutputKind): number {
  if (typeof logits !== 'object' || logits === null || typeof logits.length !== 'number') {
    throw new SonoriskError('INVALID_ARGUMENT', 'logits must be an array or typed array of numbers.');
  }
  if (output === 'sigmoid') return 1;
  if (output === 'softmax') return 2;
  throw new SonoriskError('INVALID_ARGUMENT', `output must be 'sigmoid' or 'softmax', got ${String(output)}.`);
}

function groups(logits: ArrayLike<number>, output: OutputKind, classes: number | undefined): number {
  let k = perClip(logits, output);
  if (output === 'softmax' && classes !== undefined) {
    if (!Number.isInteger(classes) || classes < 2) throw new SonoriskError('INVALID_ARGUMENT', `classes must be an integer ≥ 2, got ${String(classes)}.`);
    k = classes;
  }
  if (logits.length === 0 || logits.length % k !== 0) {
    throw new SonoriskError('LENGTH_MISMATCH', `${logits.length} logits do not split into clips of ${k} (${output}); check the model's output kind.`, { length: logits.length, perClip: k });
  }
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i]!;
    if (typeof v !== 'number' || Number.isNaN(v)) throw new SonoriskError('NON_FINITE', `logit ${i} is ${String(v)}.`, { at: i });
  }
  return k;
}

/**
 * Turns raw model outputs into the probability of the positive class (recurrence), one per clip.
 * `'sigmoid'`: one logit per clip, p = 1 / (1 + e^−z). `'softmax'`: `classes` logits per clip
 * (default 2), p = softmax(z)[positiveIndex] (default class 1), computed stably.
 *
 * @example
 * ```ts
 * toProbability(new Float32Array([0, 2]), 'sigmoid');       // Float64Array [0.5, 0.8808]
 * toProbability(new Float32Array([0.3, 1.3]), 'softmax');   // Float64Array [0.7311]
 * ```
 */
export function toProbability(
  logits: ArrayLike<number>,
  output: OutputKind,
  options: { classes?: number; positiveIndex?: number } = {},
): Float64Array {
  const z = toLogOdds(logits, output, options);
  // For softmax, p[positive] = sigmoid(z[positive] − log Σ_{c≠positive} e^{z[c]}) exactly.
  for (let i = 0; i < z.length; i++) {
    const x = z[i]!;
    z[i] = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  }
  return z;
}

/**
 * The log-odds of the positive class, one per clip: the logit itself for `'sigmoid'`,
 * z[positive] − log Σ_{c≠positive} e^{z[c]} for `'softmax'` (z1 − z0 with two classes).
 * Sigmoid of the result equals {@link toProbability}.
 *
 * @example
 * ```ts
 * toLogOdds(new Float32Array([0.3, 1.3]), 'softmax'); // Float64Array [1]
 * ```
 */
export function toLogOdds(
  logits: ArrayLike<number>,
  output: OutputKind,
  options: { classes?: number; positiveIndex?: number } = {},
): Float64Array {
  const k = groups(logits, output, options.classes);
  const n = logits.length / k;
  if (k === 1) return Float64Array.from(logits);
  const pos = options.positiveIndex ?? 1;
  if (!Number.isInteger(pos) || pos < 0 || pos >= k) throw new SonoriskError('INVALID_ARGUMENT', `positiveIndex must be in 0..${k - 1}, got ${String(pos)}.`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < k; c++) if (c !== pos) max = Math.max(max, logits[i * k + c]!);
    let sum = 0;
    for (let c = 0; c < k; c++) if (c !== pos) sum += Math.exp(logits[i * k + c]! - max);
    out[i] = logits[i * k + pos]! - (max + Math.log(sum));
  }
  return out;
}
