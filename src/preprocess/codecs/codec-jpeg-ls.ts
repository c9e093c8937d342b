/**
 * JPEG-LS (lossless and near-lossless) via CharLS (@cornerstonejs/codec-charls). CharLS returns
 * planar samples for non-interleaved (ILV none) colour codestreams.
 * @module
 */
import type { CodecInput, CodecOutput } from './codec-registry.js';
import { checkFrameInfo, emscriptenModule, samplesFromBytes } from './emscripten-codec.js';
import { checkDeclaredSize, scanJpegMarkers } from './jpeg-markers.js';

const run = emscriptenModule(
  () => import('@cornerstonejs/codec-charls/decodewasmjs'),
  () => import('@cornerstonejs/codec-charls/decode'),
  'JpegLSDecoder',
);

/** Decodes one JPEG-LS frame. */
export async function decodeJpegLs(input: CodecInput): Promise<CodecOutput> {
  checkDeclaredSize(scanJpegMarkers(input.encoded), input.rows, input.columns, 'JPEG-LS');
  let out: CodecOutput | undefined;
  await run(input.encoded, (d) => {
    const info = d.getFrameInfo();
    checkFrameInfo(info, input.rows, input.columns, input.samplesPerPixel, 'JPEG-LS');
    const planar = info.componentCount > 1 && d.getInterleaveMode?.() === 0;
    out = { data: samplesFromBytes(d.getDecodedBuffer(), info.bitsPerSample, input.pixelRepresentation === 1), planar };
  });
  return out!;
}
