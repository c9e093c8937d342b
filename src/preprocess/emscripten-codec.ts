/**
 * Loads an Emscripten codec build (the @cornerstonejs codec packages) once and runs its decoder
 * class. In Node it loads the WASM build (read from the package folder, offline); elsewhere the
 * pure-JS build, which needs no .wasm file to be served. Internal to sonorisk.
 * @module
 */
import { SonoriskError } from '../errors.js';

/** The decoder class API shared by the cornerstone codecs. */
export interface EmscriptenDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned: boolean };
  getDecodedBuffer(): Uint8Array;
  getInterleaveMode?(): number;
  delete(): void;
}

type Factory = () => Promise<{ default: (o?: Record<string, unknown>) => Promise<unknown> }>;

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

/** A lazily initialised codec module that re-initialises after a failure (an aborted WASM instance is unusable). */
export function emscriptenModule(wasm: Factory, js: Factory, className: string) {
  let instance: Promise<Record<string, unknown>> | undefined;
  const get = () => {
    if (!instance) {
      instance = (async () => {
        const mod = await (isNode() ? wasm() : js());
        const factory = (mod.default ?? mod) as (o?: Record<string, unknown>) => Promise<unknown>;
        // Silence the codecs' own console output; failures surface as CODEC_FAILED.
        return (await factory({ print: () => {}, printErr: () => {} })) as Record<string, unknown>;
      })();
      instance.catch(() => {
        instance = undefined;
      });
    }
    return instance;
  };
  return async (encoded: Uint8Array, use: (d: EmscriptenDecoder) => void): Promise<void> => {
    const m = await get();
    const Cls = m[className] as (new () => EmscriptenDecoder) | undefined;
    if (typeof Cls !== 'function') throw new SonoriskError('CODEC_FAILED', `The codec module has no ${className}.`);
    let d: EmscriptenDecoder | undefined;
    try {
      d = new Cls();
      d.getEncodedBuffer(encoded.length).set(encoded);
      d.decode();
      use(d);
    } catch (e) {
      // A C++ exception (thrown as a number) leaves the instance usable; an abort or trap does not.
      if (typeof e !== 'number') instance = undefined;
      if (e instanceof SonoriskError) throw e;
      const msg = typeof e === 'number' ? `native error ${e}` : String((e as Error)?.message ?? e);
      throw new SonoriskError('CODEC_FAILED', `${className} failed: ${msg}`, undefined, { cause: e });
    } finally {
      try {
        d?.delete();
      } catch {
        // the instance is discarded anyway
      }
    }
  };
}

/** Copies decoder output bytes into a typed array of the right sample width. */
export function samplesFromBytes(bytes: Uint8Array, bitsPerSample: number, signed: boolean): Uint8Array | Uint16Array | Int16Array {
  if (bitsPerSample <= 8) return bytes.slice();
  const copy = bytes.slice();
  const n = copy.length >> 1;
  return signed ? new Int16Array(copy.buffer, 0, n) : new Uint16Array(copy.buffer, 0, n);
}

/** Checks a decoded frame's size against the DICOM attributes. */
export function checkFrameInfo(
  info: { width: number; height: number; componentCount: number },
  rows: number,
  columns: number,
  samples: number,
  what: string,
): void {
  if (info.width !== columns || info.height !== rows || info.componentCount !== samples) {
    throw new SonoriskError(
      'CODEC_FAILED',
      `The ${what} codestream is ${info.width}×${info.height}×${info.componentCount} but the DICOM attributes say ${columns}×${rows}×${samples}.`,
      { codestream: [info.width, info.height, info.componentCount], dicom: [columns, rows, samples] },
    );
  }
}
