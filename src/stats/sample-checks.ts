import { SonoriskError } from '../errors.js';
import type { Alternative } from './roc/delong.js';

/** Copies a numeric sample into a `Float64Array`, rejecting NaN/Infinity with `NON_FINITE`. Internal. */
export function toFiniteSample(values: ArrayLike<number>, fn: string, name = 'x'): Float64Array {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: ${name} must be an array or typed array of numbers.`);
  }
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new SonoriskError('NON_FINITE', `${fn}: ${name}[${i}] is ${String(v)}; remove or impute missing and infinite values first.`, {
        index: i,
        value: v,
      });
    }
    out[i] = v;
  }
  return out;
}

/** Requires at least `min` observations, else `TOO_FEW_OBSERVATIONS`. Internal. */
export function requireCount(n: number, min: number, fn: string, name = 'x'): void {
  if (n < min) {
    throw new SonoriskError('TOO_FEW_OBSERVATIONS', `${fn}: ${name} has ${n} observation(s); at least ${min} are needed.`, { n, min });
  }
}

/** Checks `alternative` ('two-sided' default; R's 'two.sided' accepted too). Internal. */
export function checkAlternativeOption(a: unknown, fn: string): Alternative {
  if (a === undefined || a === 'two-sided' || a === 'two.sided') return 'two-sided';
  if (a === 'less' || a === 'greater') return a;
  throw new SonoriskError('INVALID_ARGUMENT', `${fn}: alternative must be 'two-sided', 'less' or 'greater', got ${String(a)}.`);
}
