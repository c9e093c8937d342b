import { SonoriskError } from '../errors.js';

/** Checks a confidence level in (0, 1); default 0.95. Internal. */
export function checkLevel(level: unknown, fn: string): number {
  if (level === undefined) return 0.95;
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: level must be a number between 0 and 1 (e.g. 0.95), got ${String(level)}.`);
  }
  return level;
}

/** Checks an integer option within [min, max]; `LIMIT_EXCEEDED` above max. Internal. */
export function checkInteger(value: unknown, fallback: number, min: number, max: number, fn: string, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: ${name} must be an integer >= ${min}, got ${String(value)}.`);
  }
  if (value > max) {
    throw new SonoriskError('LIMIT_EXCEEDED', `${fn}: ${name} = ${value} exceeds the limit ${max}.`, { [name]: value, limit: max });
  }
  return value;
}

/** Checks a seed (non-negative safe integer or string); default 1. Internal. */
export function checkSeed(seed: unknown, fn: string): number | string {
  if (seed === undefined) return 1;
  if (typeof seed === 'string' || (typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0)) return seed;
  throw new SonoriskError('INVALID_ARGUMENT', `${fn}: seed must be a non-negative safe integer or a string, got ${String(seed)}.`);
}

/** R's `quantile(x, p, type = 7)` of an ascending-sorted sample. Internal. */
export function sortedQuantile7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const index = (n - 1) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const qs = sorted[lo]!;
  const h = index - lo;
  const xhi = sorted[hi]!;
  return h > 0 && xhi !== qs ? (1 - h) * qs + h * xhi : qs;
}

/**
 * Rejects option keys a function does not know (`INVALID_ARGUMENT`), so a typo such as
 * `{ replicate: 500 }` fails loudly instead of silently running the default. Internal.
 */
export function checkOptionKeys(options: unknown, known: readonly string[], fn: string): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: options must be an object, got ${String(options)}.`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new SonoriskError('INVALID_ARGUMENT', `${fn}: unknown option '${key}'; known options: ${known.join(', ')}.`, { option: key });
    }
  }
}
