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

/** Decodes one JPEG Baseline/Extended (8-bit) frame. */
export async function decodeJpeg(input: CodecInput): Promise<CodecOutput> {
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
  let encoded = input.encoded;
  // GDCM trusts Photometric Interpretation RGB: libjpeg would assume YCbCr for 3 components
  // without JFIF/Adobe markers and convert; an Adobe transform-0 marker keeps the samples as stored.
  const rgbIds = markers.componentIds.length === 3 && markers.componentIds[0] === 0x52 && markers.componentIds[1] === 0x47;
  if (input.photometricInterpretation === 'RGB' && markers.componentIds.length === 3 && !markers.jfif && !markers.adobe && !rgbIds) {
    encoded = withAdobeNoTransform(encoded);
  }
  let out: CodecOutput | undefined;
  await run(encoded, (d) => {
    const info = d.getFrameInfo();
    checkFrameInfo(info, input.rows, input.columns, input.samplesPerPixel, 'JPEG');
    out = { data: samplesFromBytes(d.getDecodedBuffer(), info.bitsPerSample, false), colorSpace: 'rgb' };
  });
  return out!;
}
