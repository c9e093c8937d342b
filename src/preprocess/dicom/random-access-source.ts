import { SonoriskError } from '../../errors.js';

/**
 * A byte source that can be read at any offset, so a large file is never read whole.
 * `read` must resolve to exactly `length` bytes (fewer only at the end of the source).
 *
 * @example
 * ```ts
 * const bytes = new Uint8Array(1024);
 * const source: RandomAccessSource = {
 *   size: bytes.length,
 *   read: async (offset, length) => bytes.subarray(offset, offset + length),
 * };
 * ```
 */
export interface RandomAccessSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Reads `length` bytes starting at `offset`. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/**
 * Anything {@link openDicomCine} accepts. A browser `File` is a `Blob`.
 *
 * @example
 * ```ts
 * const source: DicomSource = fileInput.files[0]; // or a Uint8Array, an ArrayBuffer, a RandomAccessSource
 * ```
 */
export type DicomSource = Uint8Array | ArrayBuffer | Blob | RandomAccessSource;

function isBlob(v: unknown): v is Blob {
  return typeof Blob !== 'undefined' && v instanceof Blob;
}

function isRandomAccess(v: unknown): v is RandomAccessSource {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as { size?: unknown; read?: unknown };
  return typeof r.size === 'number' && typeof r.read === 'function';
}

/**
 * Wraps bytes, a Blob or a random-access source into a checked {@link RandomAccessSource}:
 * reads are bounds-checked, and a source that returns too few bytes gives `DICOM_TRUNCATED`.
 *
 * @example
 * ```ts
 * const src = toRandomAccessSource(new Uint8Array([1, 2, 3]));
 * await src.read(1, 2); // Uint8Array [2, 3]
 * ```
 */
export function toRandomAccessSource(source: DicomSource): RandomAccessSource {
  let inner: RandomAccessSource;
  if (source instanceof Uint8Array) {
    inner = { size: source.length, read: async (o, l) => source.subarray(o, o + l) };
  } else if (source instanceof ArrayBuffer) {
    const u8 = new Uint8Array(source);
    inner = { size: u8.length, read: async (o, l) => u8.subarray(o, o + l) };
  } else if (isBlob(source)) {
    inner = { size: source.size, read: async (o, l) => new Uint8Array(await source.slice(o, o + l).arrayBuffer()) };
  } else if (isRandomAccess(source)) {
    inner = source;
  } else {
    throw new SonoriskError(
      'INVALID_ARGUMENT',
      'openDicomCine: source must be a Uint8Array, ArrayBuffer, Blob or { size, read(offset, length) }.',
    );
  }
  const size = inner.size;
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new SonoriskError('INVALID_ARGUMENT', `openDicomCine: source size ${String(size)} is not a non-negative integer.`);
  }
  return {
    size,
    async read(offset: number, length: number): Promise<Uint8Array> {
      if (offset < 0 || length < 0 || offset + length > size) {
        throw new SonoriskError('DICOM_TRUNCATED', `The file ends at byte ${size} but ${length} bytes were needed at byte ${offset}.`, { offset, length, size });
      }
      if (length === 0) return new Uint8Array(0);
      let out: unknown;
      try {
        out = await inner.read(offset, length);
      } catch (e) {
        if (e instanceof SonoriskError) throw e;
        throw new SonoriskError('DICOM_TRUNCATED', `Reading ${length} bytes at byte ${offset} failed: ${String((e as Error)?.message ?? e)}`, { offset, length }, { cause: e });
      }
      if (!(out instanceof Uint8Array) || out.length < length) {
        throw new SonoriskError('DICOM_TRUNCATED', `The source returned fewer than the ${length} bytes asked for at byte ${offset}.`, { offset, length });
      }
      return out.length === length ? out : out.subarray(0, length);
    },
  };
}

/** Joins byte arrays into one new array. Internal to sonorisk. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
