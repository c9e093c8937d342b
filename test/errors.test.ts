import { describe, expect, it } from 'vitest';
import { SonoriskError, isSonoriskError } from '../src/errors.js';

describe('SonoriskError', () => {
  it('carries a stable code, message and details', () => {
    const e = new SonoriskError('BOX_OUT_OF_BOUNDS', 'x1 exceeds width', { x1: 700 });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('SonoriskError');
    expect(e.code).toBe('BOX_OUT_OF_BOUNDS');
    expect(e.details).toEqual({ x1: 700 });
    expect(e.message).toBe('x1 exceeds width');
  });

  it('keeps a cause', () => {
    const cause = new RangeError('inner');
    const e = new SonoriskError('CODEC_FAILED', 'decode failed', undefined, { cause });
    expect(e.cause).toBe(cause);
  });

  it('isSonoriskError recognises by name and code, not by identity', () => {
    const e = new SonoriskError('SINGLE_CLASS', 'one class');
    expect(isSonoriskError(e)).toBe(true);
    expect(isSonoriskError(e, 'SINGLE_CLASS')).toBe(true);
    expect(isSonoriskError(e, 'NON_FINITE')).toBe(false);
    expect(isSonoriskError({ name: 'SonoriskError', code: 'X' })).toBe(true);
    expect(isSonoriskError(new Error('x'))).toBe(false);
    expect(isSonoriskError(null)).toBe(false);
    expect(isSonoriskError('SonoriskError')).toBe(false);
  });
});
