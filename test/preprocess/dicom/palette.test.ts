/**
 * Palette Color images: plain and segmented LUTs in little endian, big endian and implicit VR decode
 * to pydicom's `apply_color_lut` on the little-endian originals. Fixtures: test/fixtures/decode/palette/,
 * written by scripts/fixtures/decode-palette.py (pydicom originals, dcmconv transcodes).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDicomCine } from '../../../src/preprocess/index.js';
import { expandSegmentedLut } from '../../../src/preprocess/dicom/palette.js';
import { expectCodes } from '../../helpers/expect-code.js';
import { dicomFile, element } from './dicom-builder.js';

interface Manifest {
  originals: Record<string, { file: string; frameSha256: string[] }>;
  transcodes: { file: string; original: string; tool: string }[];
}
const manifest = JSON.parse(readFileSync('test/fixtures/decode/palette/manifest.json', 'utf8')) as Manifest;
const sha = (d: Uint8Array | Uint16Array) => createHash('sha256').update(new Uint8Array(d.buffer, d.byteOffset, d.byteLength)).digest('hex');

async function frameHashes(file: string): Promise<string[]> {
  const cine = await openDicomCine(new Uint8Array(readFileSync(file)));
  const out: string[] = [];
  for (let i = 0; i < cine.frameCount; i++) {
    const f = await cine.frame(i);
    expect(f.channels).toBe(3);
    // pydicom's output is uint16 for 16-bit LUTs; compare the same sample width.
    out.push(sha(f.data instanceof Uint16Array ? f.data : Uint16Array.from(f.data)));
  }
  return out;
}

describe('Palette Color against pydicom apply_color_lut', () => {
  for (const [name, o] of Object.entries(manifest.originals)) {
    it(`${name} (little endian original)`, async () => {
      expect(await frameHashes(o.file)).toEqual(o.frameSha256);
    });
  }
  for (const t of manifest.transcodes) {
    it(`${t.file.split('/').pop()} (${t.tool}) decodes like its original`, async () => {
      expect(await frameHashes(t.file)).toEqual(manifest.originals[t.original]!.frameSha256);
    });
  }
});

describe('expandSegmentedLut', () => {
  const w = (a: number[]) => new Uint16Array(a);
  it('expands discrete, linear and indirect segments', () => {
    // discrete [5, 9], linear to 21 over 4 (12, 15, 18, 21), indirect: copy the first segment again
    expect(Array.from(expandSegmentedLut(w([0, 2, 5, 9, 1, 4, 21, 2, 1, 0, 0]), 2, 100))).toEqual([5, 9, 12, 15, 18, 21, 5, 9]);
  });
  it('indirect offsets are byte offsets (PS3.3 C.7.9.2.3)', () => {
    // segment 2 (linear) starts at word 4 = byte 8
    expect(Array.from(expandSegmentedLut(w([0, 2, 0, 10, 1, 2, 30, 2, 1, 8, 0]), 2, 100))).toEqual([0, 10, 20, 30, 30, 30]);
  });
  it('refuses loops, bad segments and oversized tables', async () => {
    await expectCodes([
      [() => expandSegmentedLut(w([0, 1, 7, 2, 1, 6, 0]), 2, 1_000_000), 'DICOM_INVALID'], // an indirect segment pointing at itself
      [() => expandSegmentedLut(w([1, 3, 9]), 2, 100), 'DICOM_INVALID'], // linear first
      [() => expandSegmentedLut(w([0, 9, 1, 2]), 2, 100), 'DICOM_INVALID'], // discrete past the end
      [() => expandSegmentedLut(w([0, 1, 0, 1, 200, 9]), 2, 100), 'DICOM_INVALID'], // more entries than allowed
      [() => expandSegmentedLut(w([0, 1, 0, 7, 1, 0]), 2, 100), 'DICOM_INVALID'], // unknown opcode
      [() => expandSegmentedLut(w([0, 1, 0, 2, 1, 0xffff, 0xffff]), 2, 100), 'DICOM_INVALID'], // offset outside
    ]);
  });
  it('a segmented palette shorter than its descriptor is DICOM_INVALID', async () => {
    const seg = new Uint8Array(new Uint16Array([0, 2, 1, 2]).buffer);
    const f = dicomFile([
      element(0x00280002, 'US', [1]),
      element(0x00280004, 'CS', 'PALETTE COLOR'),
      element(0x00280010, 'US', [2]),
      element(0x00280011, 'US', [2]),
      element(0x00280100, 'US', [8]),
      element(0x00281101, 'US', [256, 0, 16]),
      element(0x00281221, 'OW', seg),
      element(0x00281222, 'OW', seg),
      element(0x00281223, 'OW', seg),
      element(0x7fe00010, 'OB', new Uint8Array(4)),
    ]);
    await expectCodes([[openDicomCine(f), 'DICOM_INVALID']]);
  });
});
