import { expect } from 'vitest';
import { isSonoriskError, isSonoriskErrorCode } from '../../src/errors.js';

/**
 * Asserts that each promise rejects (or each function throws) a SonoriskError with the paired code,
 * and that the code is one of SONORISK_ERROR_CODES (a misspelt expected code fails, not passes).
 */
export async function expectCodes(cases: [Promise<unknown> | (() => unknown), string][]): Promise<void> {
  for (const [p, code] of cases) {
    expect(isSonoriskErrorCode(code), `${code} is not in SONORISK_ERROR_CODES`).toBe(true);
    if (!isSonoriskErrorCode(code)) continue;
    let err: unknown = null;
    try {
      await (typeof p === 'function' ? p() : p);
    } catch (e) {
      err = e;
    }
    expect(isSonoriskError(err, code), `expected ${code}, got ${String(err)}`).toBe(true);
  }
}
