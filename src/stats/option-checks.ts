import { editDistance } from '../closest-name.js';
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

/** Former names and R's names of options, mapped to sonorisk's one name for the concept. */
const RENAMED: Readonly<Record<string, string>> = {
  confLevel: 'level',
  'conf.level': 'level',
  bootstrap: 'replicates',
  n: 'replicates',
  'boot.n': 'replicates',
  nboot: 'replicates',
  B: 'replicates',
  'boot.stratified': 'stratified',
};

/**
 * Rejects option keys a function does not know (a typo or another function's option would otherwise be
 * ignored silently), naming the key and the nearest valid one. Returns the options (`{}` when undefined). Internal.
 */
export function checkOptionKeys<T extends object>(options: T | undefined, allowed: readonly string[], fn: string): T {
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: options must be an object, got ${options === null ? 'null' : typeof options}.`);
  }
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    // the nearest allowed name, always (case-insensitive; the one edit distance of closest-name.ts)
    const lower = key.toLowerCase();
    let best = allowed[0] ?? '';
    for (const a of allowed) if (editDistance(lower, a.toLowerCase()) < editDistance(lower, best.toLowerCase())) best = a;
    const renamed = RENAMED[key];
    if (renamed !== undefined && allowed.includes(renamed)) best = renamed;
    throw new SonoriskError(
      'INVALID_ARGUMENT',
      `${fn}: unknown option '${key}'${best ? `; did you mean '${best}'?` : ''} Valid options: ${allowed.join(', ') || 'none'}.`,
      { option: key, suggestion: best, valid: [...allowed] },
    );
  }
  return options;
}
