/**
 * JPEG 2000 (lossless and lossy) via OpenJPEG (@cornerstonejs/codec-openjpeg). OpenJPEG applies the
 * inverse RCT/ICT itself, so YBR_RCT/YBR_ICT come back as RGB. Unsigned codestreams in signed
 * (Pixel Representation 1) images are sign-extended, as pydicom does. The size check and the output
 * conversion are shared with HTJ2K (codec-htj2k.ts).
 * @module
 */
import { SonoriskError } from '../../errors.js';
import type { CodecInput, CodecOutput } from './codec-registry.js';
import { checkFrameInfo, type EmscriptenDecoder, emscriptenModule, samplesFromBytes } from './emscripten-codec.js';
import { checkDeclaredSize, j2kSize } from './jpeg-markers.js';

const run = emscriptenModule(
  () => import('@cornerstonejs/codec-openjpeg/decodewasmjs'),
  () => import('@cornerstonejs/codec-openjpeg/decode'),
  'J2KDecoder',
);

/**
 * Refuses a (HT)J2K frame whose codestream SIZ is missing or differs from Rows × Columns, before
 * the decoder allocates for it.
 */
export function checkJ2kSize(input: CodecInput, what: string): void {
  const size = j2kSize(input.encoded);
  // Without a SIZ there is nothing to bound the decoder's allocation by: refuse rather than trust it.
  if (!size) throw new SonoriskError('CODEC_FAILED', `The ${what} frame is neither a codestream starting with SOC + SIZ nor a JP2 file with a jp2c box.`);
  checkDeclaredSize(size, input.rows, input.columns, what);
}

/** The decoded (HT)J2K frame as sonorisk samples: sign-extended where needed, RGB for RCT/ICT. */
export function j2kOutput(d: EmscriptenDecoder, input: CodecInput, what: string): CodecOutput {
  const info = d.getFrameInfo();
  checkFrameInfo(info, input.rows, input.columns, input.samplesPerPixel, what);
  const bits = input.bitsAllocated > 8 || info.bitsPerSample > 8 ? 16 : 8;
  const data = samplesFromBytes(d.getDecodedBuffer(), bits, false);
  if (input.pixelRepresentation === 1 && !info.isSigned && data instanceof Uint16Array && info.bitsPerSample < 16) {
    const shift = 16 - info.bitsPerSample;
    for (let i = 0; i < data.length; i++) data[i] = (((data[i]! << shift) << 16) >> 16 >> shift) & 0xffff;
  }
  const rgb = input.photometricInterpretation === 'YBR_RCT' || input.photometricInterpretation === 'YBR_ICT';
  return { data, colorSpace: rgb ? 'rgb' : 'stored' };
}

/** Decodes one JPEG 2000 frame. */
export async function decodeJpeg2000(input: CodecInput): Promise<CodecOutput> {
  checkJ2kSize(input, 'JPEG 2000');
  let out: CodecOutput | undefined;
  await run(input.encoded, (d) => {
    out = j2kOutput(d, input, 'JPEG 2000');
  });
  return out!;
}
