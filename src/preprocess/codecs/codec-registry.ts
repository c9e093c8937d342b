import { SonoriskError } from '../../errors.js';
import { TS } from '../dicom/transfer-syntax.js';

/**
 * What a {@link PixelDecoder} gets: one frame's encoded bytes (all its fragments joined) and the
 * image attributes from the data set.
 *
 * @example
 * ```ts
 * const decoder: PixelDecoder = (input: CodecInput) => ({ data: myDecode(input.encoded, input.columns, input.rows) });
 * ```
 */
export interface CodecInput {
  transferSyntaxUid: string;
  encoded: Uint8Array;
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  /** 0 unsigned, 1 two's complement. */
  pixelRepresentation: number;
  photometricInterpretation: string;
  planarConfiguration: number;
}

/**
 * What a {@link PixelDecoder} returns: `rows × columns × samplesPerPixel` samples.
 *
 * @example
 * ```ts
 * const out: CodecOutput = { data: new Uint8Array(640 * 480 * 3), colorSpace: 'rgb' };
 * ```
 */
export interface CodecOutput {
  /** Samples; 16-bit signed data may come as Int16Array or as its Uint16Array bit pattern. */
  data: Uint8Array | Uint16Array | Int16Array;
  /**
   * `'rgb'` when the codec already converted colour to RGB (libjpeg's YCbCr→RGB, JPEG 2000's
   * inverse RCT/ICT); `'stored'` (default) when samples are in the photometric interpretation's space.
   */
  colorSpace?: 'rgb' | 'stored';
  /** True when colour samples are planar (all R, then all G, then all B). Default interleaved. */
  planar?: boolean;
}

/**
 * Decodes one encapsulated frame. Throw (anything) on bad data; sonorisk wraps it as `CODEC_FAILED`.
 *
 * @example
 * ```ts
 * const passthrough: PixelDecoder = ({ encoded }) => ({ data: encoded.slice() });
 * ```
 */
export type PixelDecoder = (input: CodecInput) => CodecOutput | Promise<CodecOutput>;

type Loader = () => Promise<PixelDecoder>;

const jpeg: Loader = async () => (await import('./codec-jpeg.js')).decodeJpeg;
const jpeg2000: Loader = async () => (await import('./codec-jpeg2000.js')).decodeJpeg2000;
const jpegLs: Loader = async () => (await import('./codec-jpeg-ls.js')).decodeJpegLs;
const jpegLossless: Loader = async () => (await import('./codec-jpeg-lossless.js')).decodeJpegLossless;
const rle: Loader = async () => (await import('./codec-rle.js')).decodeRle;
const htj2k: Loader = async () => (await import('./codec-htj2k.js')).decodeHtj2k;

const BUILTIN: Record<string, Loader> = {
  [TS.jpegBaseline]: jpeg,
  [TS.jpegExtended]: jpeg,
  [TS.jpegLossless]: jpegLossless,
  [TS.jpegLosslessSV1]: jpegLossless,
  [TS.jpegLsLossless]: jpegLs,
  [TS.jpegLsNearLossless]: jpegLs,
  [TS.jpeg2000Lossless]: jpeg2000,
  [TS.jpeg2000]: jpeg2000,
  [TS.rleLossless]: rle,
  [TS.htj2kLossless]: htj2k,
  [TS.htj2kLosslessRpcl]: htj2k,
  [TS.htj2k]: htj2k,
};

const user = new Map<string, PixelDecoder>();
const loaded = new Map<string, Promise<PixelDecoder>>();

/**
 * Loads a runtime-specific replacement of a built-in decoder (e.g. native libjpeg through sharp in
 * `sonorisk/node`); resolves to `undefined` when it is unavailable, and the built-in one is used.
 */
export type PlatformCodecLoader = () => Promise<PixelDecoder | undefined>;

const platform = new Map<string, PlatformCodecLoader>();

/**
 * Sets (or, with `undefined`, clears) the platform decoder tried before the built-in one for a
 * syntax; a decoder given to {@link registerCodec} still wins over both. Internal: used by
 * `sonorisk/node` to put native libjpeg-turbo in front of the WASM build, and to switch it off.
 *
 * @example
 * ```ts
 * setPlatformCodec(TS.jpegBaseline, async () => (await tryLoadNative()) ?? undefined);
 * ```
 */
export function setPlatformCodec(transferSyntaxUid: string, loader: PlatformCodecLoader | undefined): void {
  if (loader) platform.set(transferSyntaxUid, loader);
  else platform.delete(transferSyntaxUid);
  loaded.delete(transferSyntaxUid);
}

/**
 * Registers (or replaces) the decoder for an encapsulated transfer syntax. A registered decoder
 * wins over the built-in one; pass `undefined` to remove yours and restore the built-in.
 *
 * @example
 * ```ts
 * import { registerCodec } from 'sonorisk/preprocess';
 * registerCodec('1.2.840.10008.1.2.4.201', async ({ encoded, rows, columns }) => ({
 *   data: await myHtj2kDecode(encoded, rows, columns),
 * }));
 * ```
 */
export function registerCodec(transferSyntaxUid: string, decoder: PixelDecoder | undefined): void {
  if (typeof transferSyntaxUid !== 'string' || !/^[0-9.]+$/.test(transferSyntaxUid)) {
    throw new SonoriskError('INVALID_ARGUMENT', `registerCodec: "${String(transferSyntaxUid)}" is not a transfer syntax UID (digits and dots).`);
  }
  if (decoder === undefined) {
    user.delete(transferSyntaxUid);
    return;
  }
  if (typeof decoder !== 'function') throw new SonoriskError('INVALID_ARGUMENT', 'registerCodec: decoder must be a function (input) => { data }.');
  user.set(transferSyntaxUid, decoder);
}

/** True when a decoder (user or built-in) exists for the syntax. */
export function hasCodec(transferSyntaxUid: string): boolean {
  return user.has(transferSyntaxUid) || transferSyntaxUid in BUILTIN;
}

/** True when the caller registered a decoder for the syntax. */
export function hasUserCodec(transferSyntaxUid: string): boolean {
  return user.has(transferSyntaxUid);
}

/** The decoder for a syntax, loading a built-in one lazily. */
export async function getCodec(transferSyntaxUid: string): Promise<PixelDecoder> {
  const u = user.get(transferSyntaxUid);
  if (u) return u;
  const builtin = BUILTIN[transferSyntaxUid];
  const preferred = platform.get(transferSyntaxUid);
  const load: Loader | undefined = preferred && builtin ? async () => (await preferred()) ?? (await builtin()) : builtin;
  if (!load) {
    throw new SonoriskError('UNSUPPORTED_TRANSFER_SYNTAX', `No decoder for transfer syntax ${transferSyntaxUid}; register one with registerCodec(uid, decoder).`, { transferSyntaxUid });
  }
  let p = loaded.get(transferSyntaxUid);
  if (!p) {
    const q = load();
    p = q;
    loaded.set(transferSyntaxUid, q);
    q.catch(() => {
      if (loaded.get(transferSyntaxUid) === q) loaded.delete(transferSyntaxUid);
    });
  }
  try {
    return await p;
  } catch (e) {
    throw new SonoriskError('CODEC_FAILED', `The decoder for ${transferSyntaxUid} could not be loaded: ${String((e as Error)?.message ?? e)}`, { transferSyntaxUid }, { cause: e });
  }
}
