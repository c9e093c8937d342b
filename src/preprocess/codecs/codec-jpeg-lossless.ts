/**
 * JPEG Lossless (Process 14, .57 and .70) via jpeg-lossless-decoder-js.
 * @module
 */
import { SonoriskError } from '../../errors.js';
import type { CodecInput, CodecOutput } from './codec-registry.js';
import { checkDeclaredSize, scanJpegMarkers } from './jpeg-markers.js';

/** Decodes one JPEG Lossless frame. */
export async function decodeJpegLossless(input: CodecInput): Promise<CodecOutput> {
  const { Decoder } = await import('jpeg-lossless-decoder-js');
  const markers = scanJpegMarkers(input.encoded);
  if (markers.sof !== 0xc3) throw new SonoriskError('CODEC_FAILED', 'The JPEG Lossless frame has no SOF3 (lossless) frame header.');
  if (markers.componentIds.length !== input.samplesPerPixel) {
    throw new SonoriskError('CODEC_FAILED', `The JPEG Lossless frame has ${markers.componentIds.length} components but Samples per Pixel is ${input.samplesPerPixel}.`);
  }
  checkDeclaredSize(markers, input.rows, input.columns, 'JPEG Lossless');
  const copy = input.encoded.slice();
  let buf: ArrayBuffer;
  try {
    buf = new Decoder().decompress(copy.buffer, 0, copy.length);
  } catch (e) {
    throw new SonoriskError('CODEC_FAILED', `JPEG Lossless decoding failed: ${String((e as Error)?.message ?? e)}`, undefined, { cause: e });
  }
  const n = input.rows * input.columns * input.samplesPerPixel;
  const bytesPer = (markers.precision ?? 8) > 8 ? 2 : 1;
  if (!buf || buf.byteLength < n * bytesPer) {
    throw new SonoriskError('CODEC_FAILED', `JPEG Lossless decoding gave ${buf?.byteLength ?? 0} bytes, expected ${n * bytesPer}.`);
  }
  if (bytesPer === 1) return { data: new Uint8Array(buf, 0, n).slice() };
  return { data: input.pixelRepresentation === 1 ? new Int16Array(buf, 0, n).slice() : new Uint16Array(buf, 0, n).slice() };
}
