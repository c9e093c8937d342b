/**
 * JPEG-LS (lossless and near-lossless) via CharLS (@cornerstonejs/codec-charls). CharLS returns
 * planar samples for non-interleaved (ILV none) colour codestreams.
 * @module
 */
import { SonoriskError } from '../../errors.js';
import type { CodecInput, CodecOutput } from './codec-registry.js';
import { checkFrameInfo, emscriptenModule, samplesFromBytes } from './emscripten-codec.js';
import { checkDeclaredSize, endsWithEoi, scanJpegMarkers } from './jpeg-markers.js';

const run = emscriptenModule(
  () => import('@cornerstonejs/codec-charls/decodewasmjs'),
  () => import('@cornerstonejs/codec-charls/decode'),
  'JpegLSDecoder',
);

/**
 * Decodes one JPEG-LS frame. A codestream that does not end with EOI is refused before CharLS
 * sees it: CharLS spins for seconds on a truncated scan (8–17 s for a 640×480 frame cut by 100
 * bytes). With EOI present its work is linear in the frame's pixels, which `maxPixelsPerFrame` caps.
 */
export async function decodeJpegLs(input: CodecInput): Promise<CodecOutput> {
  const markers = scanJpegMarkers(input.encoded);
  if (markers.sof !== 0xf7) throw new SonoriskError('CODEC_FAILED', 'The JPEG-LS frame has no SOI + SOF55 (JPEG-LS) frame header.');
  if (!endsWithEoi(input.encoded)) {
    throw new SonoriskError('CODEC_FAILED', 'The JPEG-LS frame does not end with an EOI marker (FFD9): its codestream is truncated.', { bytes: input.encoded.length });
  }
  checkDeclaredSize(markers, input.rows, input.columns, 'JPEG-LS');
  let out: CodecOutput | undefined;
  await run(input.encoded, (d) => {
    const info = d.getFrameInfo();
    checkFrameInfo(info, input.rows, input.columns, input.samplesPerPixel, 'JPEG-LS');
    const planar = info.componentCount > 1 && d.getInterleaveMode?.() === 0;
    out = { data: samplesFromBytes(d.getDecodedBuffer(), info.bitsPerSample, input.pixelRepresentation === 1), planar };
  });
  return out!;
}
