/**
 * Parity with pydicom 2.3 + GDCM on every image file of pydicom's test data and the real
 * ultrasound files in ../shared/data/dicom. Reference: test/fixtures/decode/reference.json,
 * written by scripts/fixtures/decode-reference.py (see its docstring for the comparison rules).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isSonoriskError } from '../../../src/errors.js';
import { openDicomCine } from '../../../src/preprocess/index.js';

interface Sample {
  frame: number;
  shape: number[];
  gzBase64: string;
}
interface Entry {
  file: string;
  transferSyntax: string;
  photometric: string;
  pydicomError?: string;
  shape?: number[];
  dtype?: string;
  frameSha256?: string[];
  lossy?: boolean;
  sampleStep?: number;
  samples?: Sample[];
}

const ref = JSON.parse(readFileSync('test/fixtures/decode/reference.json', 'utf8')) as { files: Entry[] };

/** Files sonorisk refuses, with the documented code (docs/dicom.md, "Refused inputs"). */
const REFUSED: Record<string, string> = {
  'JPEG-lossy.dcm': 'UNSUPPORTED_TRANSFER_SYNTAX', // 12-bit JPEG Extended: no 12-bit libjpeg-turbo on npm
  'JPGExtended.dcm': 'UNSUPPORTED_TRANSFER_SYNTAX',
  'mono16_jpeg_extended_12bit.dcm': 'UNSUPPORTED_TRANSFER_SYNTAX',
  'MR_truncated.dcm': 'DICOM_TRUNCATED',
  'SC_rgb_rle_32bit.dcm': 'UNSUPPORTED_BIT_DEPTH',
  'SC_rgb_rle_32bit_2frame.dcm': 'UNSUPPORTED_BIT_DEPTH',
  'badVR.dcm': 'DICOM_INVALID', // an element with an invalid VR; pydicom fails too
  // Rsiz/Xsiz of the codestream are overwritten by an embedded (FFFE,E0DD): OpenJPEG rejects the
  // header; GDCM logs the same OpenJPEG error and pydicom returns an undefined buffer.
  'JPEG2000-embedded-sequence-delimiter.dcm': 'CODEC_FAILED',
  'liver_1frame.dcm': 'UNSUPPORTED_BIT_DEPTH',
  'liver_expb_1frame.dcm': 'UNSUPPORTED_BIT_DEPTH',
  'rtdose.dcm': 'UNSUPPORTED_BIT_DEPTH',
  'rtdose_1frame.dcm': 'UNSUPPORTED_BIT_DEPTH',
  'rtdose_expb.dcm': 'UNSUPPORTED_BIT_DEPTH',
  'rtdose_expb_1frame.dcm': 'UNSUPPORTED_BIT_DEPTH',
  'rtdose_rle.dcm': 'UNSUPPORTED_BIT_DEPTH',
  'rtdose_rle_1frame.dcm': 'UNSUPPORTED_BIT_DEPTH',
  'meta_missing_tsyntax.dcm': 'DICOM_INVALID', // no Rows/Columns; pydicom fails too
  'nested_priv_SQ.dcm': 'DICOM_INVALID', // Pixel Data without image attributes; pydicom fails too
};

function bytesOf(data: Uint8Array | Uint16Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

async function outcome(path: string): Promise<{ code: string } | { frames: (Uint8Array | Uint16Array)[] }> {
  try {
    const cine = await openDicomCine(new Uint8Array(readFileSync(path)));
    const frames: (Uint8Array | Uint16Array)[] = [];
    for (let i = 0; i < cine.frameCount; i++) frames.push((await cine.frame(i)).data);
    return { frames };
  } catch (e) {
    if (isSonoriskError(e)) return { code: e.code };
    throw e;
  }
}

describe('decode parity with pydicom + GDCM', () => {
  for (const e of ref.files) {
    const name = e.file.split('/').pop()!;
    const present = existsSync(e.file);
    it.runIf(present)(`${name} (${e.transferSyntax || 'no syntax'}, ${e.photometric})`, async () => {
      const got = await outcome(e.file);
      const refused = REFUSED[name];
      if (refused) {
        expect(got).toEqual({ code: refused });
        return;
      }
      expect(e.pydicomError).toBeUndefined();
      if ('code' in got) throw new Error(`${name}: refused with ${got.code}`);
      expect(got.frames.length).toBe(e.shape![0]);
      const hashes = got.frames.map((f) => createHash('sha256').update(bytesOf(f)).digest('hex'));
      if (!e.lossy) {
        expect(hashes).toEqual(e.frameSha256);
        return;
      }
      const step = e.sampleStep!;
      for (const s of e.samples!) {
        const refBytes = gunzipSync(Buffer.from(s.gzBase64, 'base64'));
        const frame = got.frames[s.frame]!;
        const wide = e.dtype === 'uint16';
        const want = wide ? new Uint16Array(refBytes.buffer, refBytes.byteOffset, refBytes.length / 2) : new Uint8Array(refBytes);
        const [h, w] = s.shape as [number, number];
        const c = s.shape[2] ?? 1;
        const fullW = e.shape![2]!;
        let maxDiff = 0;
        for (let y = 0; y < h; y++) {
          for (let x = 0; x < w; x++) {
            for (let k = 0; k < c; k++) {
              const a = frame[(y * step * fullW + x * step) * c + k]!;
              const b = want[(y * w + x) * c + k]!;
              maxDiff = Math.max(maxDiff, Math.abs(a - b));
            }
          }
        }
        expect(maxDiff, `${name} frame ${s.frame}`).toBeLessThanOrEqual(2);
      }
    });
  }
});
