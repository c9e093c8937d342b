/**
 * Native JPEG Baseline / Extended (8-bit) decoding in Node through sharp (libvips with mozjpeg's
 * libjpeg-turbo decoder, prebuilt in the @img/sharp-* npm packages). `sonorisk/node` puts it in
 * front of the WASM libjpeg-turbo when the user opts in (`configureNativeJpeg({ enabled: true })` or
 * `SONORISK_NATIVE_JPEG=1`) and sharp is installed; otherwise frames decode with the WASM build.
 * Opt-in, not automatic: sharp is often installed for other reasons, it was slower one frame at a
 * time on the 2-core build machine, and it accepts some corrupt frames the WASM build refuses
 * (docs/dicom.md), so a study's results must not change because a dependency appeared. Pixels are identical to the WASM path: both decode the
 * same codestream ({@link prepareJpeg}) with libjpeg's default islow IDCT, fancy upsampling and
 * YCbCr→RGB conversion; the ICC profile and EXIF orientation are ignored; any libjpeg warning
 * (truncated or corrupt data) fails the frame, as the WASM build does. docs/dicom.md, "Native JPEG
 * in Node", has the comparison.
 * @module
 */
import { SonoriskError } from '../errors.js';
import { checkFrameInfo, decodePreparedJpeg, endsWithEoi, type PlatformCodecLoader, prepareJpeg, setPlatformCodec } from '../preprocess/internal.js';
import { type CodecInput, type CodecOutput, type PixelDecoder, TRANSFER_SYNTAX } from '../preprocess/index.js';

/** The part of sharp's API used here (so sonorisk's types do not depend on sharp being installed). */
interface SharpPipeline {
  toColourspace(space: string): SharpPipeline;
  raw(): SharpPipeline;
  toBuffer(o: { resolveWithObject: true }): Promise<{ data: Buffer; info: { width: number; height: number; channels: number } }>;
}
interface SharpModule {
  (input: Uint8Array, options: Record<string, unknown>): SharpPipeline;
  versions?: Record<string, string | undefined>;
}

/** Where the JPEG decoder stands: {@link nativeJpegStatus}. */
export interface NativeJpegStatus {
  /** True when JPEG Baseline/Extended frames decode natively (sharp); false: the WASM build. */
  active: boolean;
  /** One sentence: the library and versions in use, or why the WASM build is used. */
  reason: string;
}

/**
 * Options for {@link configureNativeJpeg}.
 *
 * @example
 * ```ts
 * const options: NativeJpegOptions = { enabled: true }; // sharp when installed
 * ```
 */
export interface NativeJpegOptions {
  /**
   * Decode JPEG Baseline/Extended (8-bit) frames with sharp when it is installed. Default: off,
   * unless the environment variable `SONORISK_NATIVE_JPEG` is `1`, `on`, `true` or `yes`;
   * `undefined` returns to that default.
   */
  enabled?: boolean;
}

const JPEG_SYNTAXES = [TRANSFER_SYNTAX.jpegBaseline, TRANSFER_SYNTAX.jpegExtended];
let enabled: boolean | undefined;
let state: Promise<{ decoder?: PixelDecoder; reason: string }> | undefined;

function envEnabled(): boolean {
  const v = (process.env['SONORISK_NATIVE_JPEG'] ?? '').trim().toLowerCase();
  return v === '1' || v === 'on' || v === 'true' || v === 'yes';
}

/** The switch as configured in this thread (undefined: the environment decides); the case pool hands it to its workers. @internal */
export function nativeJpegSetting(): boolean | undefined {
  return enabled;
}

/**
 * Decodes one frame with sharp: the same checked codestream as the WASM path, no ICC transform,
 * no EXIF rotation, greyscale kept as one channel, and `failOn: 'warning'` so a truncated or
 * corrupt scan fails like it does in the WASM build instead of being padded with grey. libvips
 * stops after the last scanline and never reads the end of the codestream, where libjpeg reports a
 * missing EOI; a frame without EOI at its end therefore goes to the WASM decoder, which does (and
 * fails it, or decodes it when only trailing bytes follow the EOI), so both paths agree.
 */
function sharpDecoder(sharp: SharpModule): PixelDecoder {
  return async (input: CodecInput): Promise<CodecOutput> => {
    const encoded = prepareJpeg(input);
    if (!endsWithEoi(encoded)) return decodePreparedJpeg(encoded, input);
    let pipeline = sharp(encoded, {
      failOn: 'warning',
      ignoreIcc: true,
      autoOrient: false,
      limitInputPixels: input.rows * input.columns,
      sequentialRead: true,
    });
    if (input.samplesPerPixel === 1) pipeline = pipeline.toColourspace('b-w');
    const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
    checkFrameInfo({ width: info.width, height: info.height, componentCount: info.channels }, input.rows, input.columns, input.samplesPerPixel, 'JPEG');
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), colorSpace: 'rgb' };
  };
}

async function loadSharp(): Promise<{ decoder?: PixelDecoder; reason: string }> {
  if (enabled === false) return { reason: 'Native JPEG decoding is switched off (configureNativeJpeg({ enabled: false })); the WASM libjpeg-turbo decodes.' };
  if (enabled === undefined && !envEnabled()) {
    return { reason: 'Native JPEG decoding is off (the default; opt in with configureNativeJpeg({ enabled: true }) or SONORISK_NATIVE_JPEG=1); the WASM libjpeg-turbo decodes.' };
  }
  let mod: unknown;
  try {
    mod = await import('sharp');
  } catch (e) {
    const why = String((e as Error)?.message ?? e).split('\n')[0];
    return { reason: `sharp is not installed or does not load (${why}); the WASM libjpeg-turbo decodes. Install it with "npm install sharp" for native speed.` };
  }
  const sharp = ((mod as { default?: unknown }).default ?? mod) as SharpModule;
  if (typeof sharp !== 'function') return { reason: 'The sharp module has no default export function; the WASM libjpeg-turbo decodes.' };
  const v = sharp.versions ?? {};
  const [major = 0, minor = 0] = String(v['sharp'] ?? '0.0').split('.').map(Number);
  if (major === 0 && minor < 33) {
    // ignoreIcc (0.32) and the libvips builds compared in docs/dicom.md; older ones may convert colours
    return { reason: `sharp ${v['sharp'] ?? '(unknown version)'} is older than 0.33; the WASM libjpeg-turbo decodes.` };
  }
  return { decoder: sharpDecoder(sharp), reason: `sharp ${v['sharp'] ?? '?'} (libvips ${v['vips'] ?? '?'}, mozjpeg ${v['mozjpeg'] ?? '?'}) decodes JPEG Baseline/Extended frames natively.` };
}

function loadState(): Promise<{ decoder?: PixelDecoder; reason: string }> {
  state ??= loadSharp();
  return state;
}

const loader: PlatformCodecLoader = async () => (await loadState()).decoder;

/** Puts the native decoder (loaded lazily, on the first JPEG frame) in front of the WASM one. */
function register(): void {
  for (const ts of JPEG_SYNTAXES) setPlatformCodec(ts, loader);
}

/**
 * Switches native JPEG decoding (sharp) on or off for frames decoded from now on; off (the
 * default) means the WASM libjpeg-turbo, whose pixels on valid frames are the same. A decoder given
 * to `registerCodec` wins over both. Overrides the `SONORISK_NATIVE_JPEG` environment variable in
 * this thread and in the cohort pipeline's worker threads started afterwards.
 *
 * @example
 * ```ts
 * import { configureNativeJpeg } from 'sonorisk/node';
 * configureNativeJpeg({ enabled: true }); // needs `npm install sharp`; nativeJpegStatus() says whether it loaded
 * ```
 */
export function configureNativeJpeg(options: NativeJpegOptions): void {
  if (typeof options !== 'object' || options === null || (options.enabled !== undefined && typeof options.enabled !== 'boolean')) {
    throw new SonoriskError('INVALID_ARGUMENT', 'configureNativeJpeg: options must be { enabled?: boolean }.');
  }
  enabled = options.enabled;
  state = undefined;
  register();
}

/**
 * Which JPEG decoder `sonorisk/node` uses (loading sharp if it is installed and enabled), and why.
 *
 * @example
 * ```ts
 * import { nativeJpegStatus } from 'sonorisk/node';
 * const s = await nativeJpegStatus();
 * console.log(s.active, s.reason); // e.g. true 'sharp 0.35.6 (libvips 8.18.8, mozjpeg …) decodes …'
 * ```
 */
export async function nativeJpegStatus(): Promise<NativeJpegStatus> {
  const s = await loadState();
  return { active: s.decoder !== undefined, reason: s.reason };
}

register();
