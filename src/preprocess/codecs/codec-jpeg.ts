/**
 * JPEG Baseline (8-bit) and JPEG Extended with 8-bit samples, via libjpeg-turbo
 * (@cornerstonejs/codec-libjpeg-turbo-8bit). Colour comes back as RGB: libjpeg converts YCbCr
 * (YBR_FULL, YBR_FULL_422) itself, so no second conversion is applied.
 * @module
 */
import { SonoriskError } from '../../errors.js';
import type { CodecInput, CodecOutput } from './codec-registry.js';
import { checkFrameInfo, emscriptenModule, samplesFromBytes } from './emscripten-codec.js';
import { checkDeclaredSize, scanJpegMarkers, withAdobeNoTransform } from './jpeg-markers.js';

const run = emscriptenModule(
  () => import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs'),
  () => import('@cornerstonejs/codec-libjpeg-turbo-8bit/decode'),
  'JPEGDecoder',
);

/**
 * Checks one JPEG Baseline/Extended frame against the DICOM attributes before any decoder sees it
 * and returns the codestream to decode: 8-bit samples, the SOF's size equal to Rows × Columns, its
 * component count equal to Samples per Pixel, and — for Photometric Interpretation RGB without
 * JFIF/Adobe markers or 'R','G','B' component ids — an Adobe "no transform" marker inserted, so
 * libjpeg keeps the samples as stored (as GDCM does) instead of converting them as YCbCr. Shared by
 * the WASM decoder and the native one in `sonorisk/node`, so both decode the same bytes.
 *
 * @example
 * ```ts
 * const codestream = prepareJpeg(input); // throws CODEC_FAILED / UNSUPPORTED_TRANSFER_SYNTAX
 * ```
 */
export function prepareJpeg(input: CodecInput): Uint8Array {
  const markers = scanJpegMarkers(input.encoded);
  if (markers.sof === undefined) throw new SonoriskError('CODEC_FAILED', 'The JPEG frame has no SOI/SOF marker.');
  if (markers.precision !== 8) {
    throw new SonoriskError(
      'UNSUPPORTED_TRANSFER_SYNTAX',
      `This JPEG frame has ${markers.precision}-bit samples; sonorisk decodes 8-bit JPEG only (no 12-bit libjpeg-turbo codec exists on npm). Transcode with "dcmdjpeg in.dcm out.dcm" or register a codec with registerCodec('${input.transferSyntaxUid}', decoder).`,
      { precision: markers.precision },
    );
  }
  checkDeclaredSize(markers, input.rows, input.columns, 'JPEG');
  const components = markers.componentIds.length;
  if (components !== input.samplesPerPixel) {
    throw new SonoriskError('CODEC_FAILED', `The JPEG frame has ${components} component(s) but Samples per Pixel is ${input.samplesPerPixel}.`, { components, samplesPerPixel: input.samplesPerPixel });
  }
  // GDCM trusts Photometric Interpretation RGB: libjpeg would assume YCbCr for 3 components
  // without JFIF/Adobe markers and convert; an Adobe transform-0 marker keeps the samples as stored.
  const rgbIds = components === 3 && markers.componentIds[0] === 0x52 && markers.componentIds[1] === 0x47;
  if (input.photometricInterpretation === 'RGB' && components === 3 && !markers.jfif && !markers.adobe && !rgbIds) return withAdobeNoTransform(input.encoded);
  return input.encoded;
}

/** Decodes one JPEG Baseline/Extended (8-bit) frame with the WASM (or pure-JS) libjpeg-turbo. */
export async function decodeJpeg(input: CodecInput): Promise<CodecOutput> {
  return decodePreparedJpeg(prepareJpeg(input), input);
}

/** Decodes a codestream {@link prepareJpeg} already checked (and marked) for `input`'s frame. */
export async function decodePreparedJpeg(encoded: Uint8Array, input: CodecInput): Promise<CodecOutput> {
  let out: CodecOutput | undefined;
  await run(encoded, (d) => {
    const info = d.getFrameInfo();
    checkFrameInfo(info, input.rows, input.columns, input.samplesPerPixel, 'JPEG');
    out = { data: samplesFromBytes(d.getDecodedBuffer(), info.bitsPerSample, false), colorSpace: 'rgb' };
  });
  return out!;
}
