/**
 * JPEG 2000 (lossless and lossy) via OpenJPEG (@cornerstonejs/codec-openjpeg). OpenJPEG applies the
 * inverse RCT/ICT itself, so YBR_RCT/YBR_ICT come back as RGB. Unsigned codestreams in signed
 * (Pixel Representation 1) images are sign-extended, as pydicom does.
 * @module
 */
import { SonoriskError } from '../../errors.js';
import type { CodecInput, CodecOutput } from './codec-registry.js';
import { checkFrameInfo, emscriptenModule, samplesFromBytes } from './emscripten-codec.js';
import { checkDeclaredSize, j2kSize } from './jpeg-markers.js';

const run = emscriptenModule(
  () => import('@cornerstonejs/codec-openjpeg/decodewasmjs'),
  () => import('@cornerstonejs/codec-openjpeg/decode'),
  'J2KDecoder',
);

/** Decodes one JPEG 2000 frame. */
export async function decodeJpeg2000(input: CodecInput): Promise<CodecOutput> {
  const size = j2kSize(input.encoded);
  // Without a SIZ there is nothing to bound OpenJPEG's allocation by: refuse rather than trust it.
  if (!size) throw new SonoriskError('CODEC_FAILED', 'The JPEG 2000 frame is neither a codestream starting with SOC + SIZ nor a JP2 file with a jp2c box.');
  checkDeclaredSize(size, input.rows, input.columns, 'JPEG 2000');
  let out: CodecOutput | undefined;
  await run(input.encoded, (d) => {
    const info = d.getFrameInfo();
    checkFrameInfo(info, input.rows, input.columns, input.samplesPerPixel, 'JPEG 2000');
    const bytes = d.getDecodedBuffer();
    const bits = input.bitsAllocated > 8 || info.bitsPerSample > 8 ? 16 : 8;
    const data = samplesFromBytes(bytes, bits, false);
    if (input.pixelRepresentation === 1 && !info.isSigned && data instanceof Uint16Array && info.bitsPerSample < 16) {
      const shift = 16 - info.bitsPerSample;
      for (let i = 0; i < data.length; i++) data[i] = (((data[i]! << shift) << 16) >> 16 >> shift) & 0xffff;
    }
    const rgb = input.photometricInterpretation === 'YBR_RCT' || input.photometricInterpretation === 'YBR_ICT';
    out = { data, colorSpace: rgb ? 'rgb' : 'stored' };
  });
  return out!;
}
