import { expect } from 'vitest';
import { isSonoriskError } from '../../src/errors.js';

/** Asserts that each promise rejects (or each function throws) a SonoriskError with the paired code. */
export async function expectCodes(cases: [Promise<unknown> | (() => unknown), string][]): Promise<void> {
  for (const [p, code] of cases) {
    let err: unknown = null;
    try {
      await (typeof p === 'function' ? p() : p);
    } catch (e) {
      err = e;
    }
    expect(isSonoriskError(err, code), `expected ${code}, got ${String(err)}`).toBe(true);
  }
}
