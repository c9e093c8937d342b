/**
 * The one way tests assert error codes: every bad input must throw a SonoriskError with a code
 * (src/errors.ts). Sync functions, promises, tables of cases, and a matcher for `toThrow` /
 * `rejects.toMatchObject`.
 */
import { expect } from 'vitest';
import { isSonoriskError, isSonoriskErrorCode, type SonoriskErrorCode } from '../../src/errors.js';

/** Asserts that `fn` throws a SonoriskError with `code`. */
export function expectCode(fn: () => unknown, code: SonoriskErrorCode): void {
  let err: unknown = null;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(isSonoriskError(err, code), `expected SonoriskError ${code}, got ${String(err)}`).toBe(true);
}

/** Asserts that `p` rejects with a SonoriskError with `code`. */
export async function expectRejectCode(p: Promise<unknown>, code: SonoriskErrorCode): Promise<void> {
  let err: unknown = null;
  try {
    await p;
  } catch (e) {
    err = e;
  }
  expect(isSonoriskError(err, code), `expected SonoriskError ${code}, got ${String(err)}`).toBe(true);
}

/** Asserts that each promise rejects (or each function throws) a SonoriskError with the paired code. */
export async function expectCodes(cases: [Promise<unknown> | (() => unknown), string][]): Promise<void> {
  for (const [p, given] of cases) {
    // a misspelt expected code fails here instead of silently never matching
    expect(isSonoriskErrorCode(given), `${given} is not in SONORISK_ERROR_CODES`).toBe(true);
    const code = given as SonoriskErrorCode;
    if (typeof p === 'function') {
      let err: unknown = null;
      try {
        await p();
      } catch (e) {
        err = e;
      }
      expect(isSonoriskError(err, code), `expected ${code}, got ${String(err)}`).toBe(true);
    } else {
      await expectRejectCode(p, code);
    }
  }
}

/** Matcher for `toThrow(...)` / `rejects.toMatchObject(...)`: a SonoriskError with `code`. */
export function sonoriskError(code: SonoriskErrorCode): unknown {
  return expect.objectContaining({ name: 'SonoriskError', code });
}

/** The code `fn` throws (`'no error'` when it returns; the message of a non-SonoriskError). */
export function thrownCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return isSonoriskError(e) ? e.code : String(e);
  }
  return 'no error';
}

/** The code `p` rejects with (`'no error'` when it resolves); rethrows anything but a SonoriskError. */
export async function rejectedCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isSonoriskError(e)) return e.code;
    throw e;
  }
  return 'no error';
}
