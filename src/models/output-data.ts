import { SonoriskError } from '../errors.js';

/** Copies a runtime's numeric output into a Float32Array (no copy when it already is one). */
export function toFloat32(data: unknown, what: string): Float32Array {
  if (data instanceof Float32Array) return data;
  if (ArrayBuffer.isView(data) && !(data instanceof DataView) && !(data instanceof BigInt64Array) && !(data instanceof BigUint64Array)) {
    return Float32Array.from(data as unknown as ArrayLike<number>);
  }
  throw new SonoriskError('INVALID_ARGUMENT', `${what} is not a numeric tensor; the model must output float logits.`, { what });
}
