// Helpers for the stats-roc fixtures written by scripts/fixtures/stats-roc.R ("Inf"/"-Inf" strings, null = NA).
import { expect } from 'vitest';
import { isSonoriskError, type SonoriskErrorCode } from '../../src/errors.js';

export type FixNum = number | string | null;

export function num(v: FixNum | undefined): number {
  if (v === 'Inf') return Number.POSITIVE_INFINITY;
  if (v === '-Inf') return Number.NEGATIVE_INFINITY;
  if (v === null || v === undefined) return Number.NaN;
  return Number(v);
}

export function nums(a: FixNum[]): number[] {
  return a.map(num);
}

/** |actual − expected| ≤ rel·max(|expected|, floor); NaN matches NaN (R's NA); infinities must match exactly. */
export function expectClose(actual: number, expected: number, rel: number, what: string, floor = 1): void {
  if (Number.isNaN(expected)) {
    expect(actual, what).toBeNaN();
    return;
  }
  if (!Number.isFinite(expected)) {
    expect(actual, what).toBe(expected);
    return;
  }
  const tol = rel * Math.max(Math.abs(expected), floor);
  if (!(Math.abs(actual - expected) <= tol)) {
    expect.fail(`${what}: got ${actual}, expected ${expected} (tolerance ${tol})`);
  }
}

export function expectAllClose(actual: ArrayLike<number>, expected: number[], rel: number, what: string, floor = 1): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i]!, expected[i]!, rel, `${what}[${i}]`, floor);
}

/** Asserts that `f` throws a SonoriskError with `code`. */
export function throwsCode(f: () => unknown, code: SonoriskErrorCode): void {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(isSonoriskError(caught, code), `expected ${code}, got ${String(caught)}`).toBe(true);
}
