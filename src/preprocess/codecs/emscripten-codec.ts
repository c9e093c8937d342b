/**
 * Loads an Emscripten codec build (the @cornerstonejs codec packages) once and runs its decoder
 * class. In Node it loads the WASM build (read from the package folder, offline). Elsewhere it
 * loads the WASM build from {@link configureCodecs}' `wasmBaseUrl` when set, else the pure-JS
 * build, which needs no .wasm file to be served (about 10× slower). Internal to sonorisk except
 * {@link configureCodecs}.
 * @module
 */
import { SonoriskError } from '../../errors.js';

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

let wasmBaseUrl: string | undefined;

/**
 * Options for {@link configureCodecs}.
 *
 * @example
 * ```ts
 * const config: CodecConfig = { wasmBaseUrl: 'https://cdn.example.org/sonorisk-codecs/' };
 * ```
 */
export interface CodecConfig {
  /**
   * Where the codec `.wasm` files are served from in browsers (a URL ending in `/`). Serve
   * `libjpegturbowasm_decode.wasm`, `openjpegwasm_decode.wasm` and `charlswasm_decode.wasm` from
   * the `dist/` folders of the @cornerstonejs codec packages there. Unset (default): browsers
   * use the pure-JS builds. Ignored in Node, which always reads the WASM from node_modules.
   */
  wasmBaseUrl?: string | undefined;
}

/**
 * Configures how the built-in codecs load. Call before the first frame is decoded.
 *
 * @example
 * ```ts
 * import { configureCodecs } from 'sonorisk';
 * configureCodecs({ wasmBaseUrl: '/static/codecs/' }); // browsers: fast WASM instead of pure JS
 * ```
 */
export function configureCodecs(config: CodecConfig): void {
  if (typeof config !== 'object' || config === null) throw new SonoriskError('INVALID_ARGUMENT', 'configureCodecs: config must be an object.');
  const url = config.wasmBaseUrl;
  if (url !== undefined && (typeof url !== 'string' || url.length === 0)) {
    throw new SonoriskError('INVALID_ARGUMENT', 'configureCodecs: wasmBaseUrl must be a non-empty string (a URL ending in "/") or undefined.');
  }
  wasmBaseUrl = url === undefined || url.endsWith('/') ? url : `${url}/`;
}

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

/**
 * A lazily initialised codec module with one reusable decoder object. After a trap or abort the
 * instance is discarded and re-created on the next call (an aborted WASM instance is unusable).
 */
export function emscriptenModule(wasm: Factory, js: Factory, className: string) {
  let instance: Promise<Record<string, unknown>> | undefined;
  let decoder: EmscriptenDecoder | undefined;
  const get = () => {
    if (!instance) {
      instance = (async () => {
        const node = isNode();
        const base = node ? undefined : wasmBaseUrl;
        const mod = await (node || base ? wasm() : js());
        const factory = (mod.default ?? mod) as (o?: Record<string, unknown>) => Promise<unknown>;
        // Silence the codecs' own console output; failures surface as CODEC_FAILED.
        const options: Record<string, unknown> = { print: () => {}, printErr: () => {} };
        if (base) options['locateFile'] = (file: string) => base + file;
        return (await factory(options)) as Record<string, unknown>;
      })();
      instance.catch(() => {
        instance = undefined;
      });
    }
    return instance;
  };
  const discard = () => {
    try {
      decoder?.delete();
    } catch {
      // the instance is discarded anyway
    }
    decoder = undefined;
  };
  return async (encoded: Uint8Array, use: (d: EmscriptenDecoder) => void): Promise<void> => {
    const m = await get();
    const Cls = m[className] as (new () => EmscriptenDecoder) | undefined;
    if (typeof Cls !== 'function') throw new SonoriskError('CODEC_FAILED', `The codec module has no ${className}.`);
    try {
      decoder ??= new Cls();
      decoder.getEncodedBuffer(encoded.length).set(encoded);
      decoder.decode();
      use(decoder);
    } catch (e) {
      discard();
      // A C++ exception (thrown as a number) leaves the instance usable; an abort or trap does not.
      if (typeof e !== 'number') instance = undefined;
      if (e instanceof SonoriskError) throw e;
      const msg = typeof e === 'number' ? `native error ${e}` : String((e as Error)?.message ?? e);
      throw new SonoriskError('CODEC_FAILED', `${className} failed: ${msg}`, undefined, { cause: e });
    }
  };
}

/** Copies decoder output bytes into a typed array of the right sample width. */
export function samplesFromBytes(bytes: Uint8Array, bitsPerSample: number, signed: boolean): Uint8Array | Uint16Array | Int16Array {
  // Copy into a fresh Uint8Array: some builds return a Uint8ClampedArray view of WASM memory.
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  if (bitsPerSample <= 8) return copy;
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
