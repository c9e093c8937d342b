import { SonoriskError } from '../errors.js';

/**
 * Encodes a Float32 tensor as a NumPy `.npy` file (format 1.0, little-endian `<f4`, C order), so
 * `numpy.load` gives exactly the same array.
 *
 * @example
 * ```ts
 * const bytes = encodeNpy(clip.data, clip.shape); // then numpy.load('clip.npy').shape == (1, 1, 16, 112, 112)
 * ```
 */
export function encodeNpy(data: Float32Array, shape: readonly number[]): Uint8Array {
  if (!(data instanceof Float32Array)) throw new SonoriskError('INVALID_ARGUMENT', 'encodeNpy: data must be a Float32Array.');
  const count = shape.reduce((a, b) => a * b, 1);
  if (!shape.every((d) => Number.isInteger(d) && d >= 0) || count !== data.length) {
    throw new SonoriskError('INPUT_SHAPE_MISMATCH', `encodeNpy: shape [${shape.join(', ')}] holds ${count} values but data has ${data.length}.`);
  }
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.length * 4);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0); // \x93NUMPY v1.0
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const body = new DataView(out.buffer, 10 + header.length);
  for (let i = 0; i < data.length; i++) body.setFloat32(i * 4, data[i]!, true);
  return out;
}

/**
 * Decodes a `.npy` file holding little-endian float32 in C order (what {@link encodeNpy} writes).
 *
 * @example
 * ```ts
 * const { data, shape } = decodeNpy(bytes);
 * ```
 */
export function decodeNpy(bytes: Uint8Array): { data: Float32Array; shape: number[] } {
  const bad = (why: string): never => {
    throw new SonoriskError('INVALID_ARGUMENT', `decodeNpy: ${why}`);
  };
  if (!(bytes instanceof Uint8Array) || bytes.length < 12 || bytes[0] !== 0x93 || String.fromCharCode(...bytes.subarray(1, 6)) !== 'NUMPY') bad('not an .npy file.');
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  if (start + headerLen > bytes.length) bad('header is truncated.');
  const header = String.fromCharCode(...bytes.subarray(start, start + headerLen));
  if (!/'descr':\s*'<f4'/.test(header)) bad(`only '<f4' arrays are supported (header: ${header.trim()}).`);
  if (/'fortran_order':\s*True/.test(header)) bad('Fortran-order arrays are not supported.');
  const m = /'shape':\s*\(([^)]*)\)/.exec(header);
  const shape = (m?.[1] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (!m || !shape.every((d) => Number.isInteger(d) && d >= 0)) bad('unreadable shape.');
  const count = shape.reduce((a, b) => a * b, 1);
  const offset = start + headerLen;
  if (bytes.length - offset !== count * 4) bad(`body has ${bytes.length - offset} bytes, shape needs ${count * 4}.`);
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = view.getFloat32(offset + i * 4, true);
  return { data, shape };
}
