import { describe, expect, it } from 'vitest';
import { US_MULTIFRAME_IMAGE_STORAGE, encodeJpegBaseline, writeUltrasoundDicom } from '../../src/simulate/index.js';
import { deriveUid } from '../../src/simulate/uid.js';
import type { UltrasoundDicomInput } from '../../src/simulate/index.js';
import { readUs } from './read-dicom.js';
import { expectCode } from '../helpers/expect-code.js';

const w = 17;
const h = 9;
const frames = [0, 1, 2].map((k) => Uint8Array.from({ length: w * h }, (_, i) => (i * 7 + k * 31) & 255));
const base: UltrasoundDicomInput = {
  width: w,
  height: h,
  frames,
  frameTimeMs: 333.3333333,
  uidSeed: [1, 'case-001', 'bmode'],
  regions: [{ x0: 0, y0: 2, x1: w, y1: h, physicalDeltaXCm: 0.0862, physicalDeltaYCm: 0.0431 }],
  patientName: 'SYNTHETIC^CASE-001',
};


describe('writeUltrasoundDicom', () => {
  it('writes a Part-10 file whose meta group length ends group 0002', () => {
    const bytes = writeUltrasoundDicom(base);
    expect(Array.from(bytes.subarray(0, 128)).every((b) => b === 0)).toBe(true);
    expect(String.fromCharCode(...bytes.subarray(128, 132))).toBe('DICM');
    const v = new DataView(bytes.buffer, bytes.byteOffset);
    // (0002,0000) UL: tag at 132, VR at 136, 2-byte length at 138, value at 140.
    expect([v.getUint16(132, true), v.getUint16(134, true)]).toEqual([0x0002, 0x0000]);
    const groupLength = v.getUint32(140, true);
    const end = 144 + groupLength;
    expect(v.getUint16(end - 0, true)).toBe(0x0008); // the data set starts right after the meta group
    // The last meta element ends exactly at `end`: walk the group.
    let o = 144;
    while (o < end) {
      expect(v.getUint16(o, true)).toBe(0x0002);
      const vr = String.fromCharCode(bytes[o + 4]!, bytes[o + 5]!);
      o += vr === 'OB' ? 12 + v.getUint32(o + 8, true) : 8 + v.getUint16(o + 6, true);
    }
    expect(o).toBe(end);
  });

  it('is parsed by dicom-parser with the right frames, timing, regions and pixels', () => {
    const r = readUs(writeUltrasoundDicom(base));
    expect(r.transferSyntax).toBe('1.2.840.10008.1.2.1');
    expect(r.ds.string('x00080016')).toBe(US_MULTIFRAME_IMAGE_STORAGE);
    expect(r.ds.string('x00080060')).toBe('US');
    expect(r.ds.string('x00080070')).toBe('sonorisk-simulator');
    expect(r.ds.string('x00100010')).toBe('SYNTHETIC^CASE-001');
    expect([r.rows, r.columns, r.samplesPerPixel, r.photometric, r.frames]).toEqual([h, w, 1, 'MONOCHROME2', 3]);
    expect(r.frameTimeMs).toBeCloseTo(333.3333333, 6);
    expect(r.cineRate).toBe(3);
    expect(r.frameIncrementPointer).toBe('x00181063');
    expect(r.regions).toEqual([{ x0: 0, y0: 2, x1: w - 1, y1: h - 1, dx: 0.0862, dy: 0.0431, ux: 3, uy: 3, format: 1, type: 1, vrs: ['UL', 'UL', 'UL', 'UL', 'FD', 'FD', 'US', 'US', 'US', 'US'] }]);
    // 3 × 153 = 459 bytes of pixels, padded to an even length.
    expect(r.ds.elements['x7fe00010']!.length).toBe(460);
    for (const [i, f] of r.frameBytes.entries()) expect(Array.from(f)).toEqual(Array.from(frames[i]!));
    // UIDs are valid and the study UID is shared by objects with the same study seed.
    const sop = r.ds.string('x00080018')!;
    expect(sop).toMatch(/^2\.25\.[1-9][0-9]*$/);
    const other = readUs(writeUltrasoundDicom({ ...base, uidSeed: [1, 'case-001', 'ceus'] }));
    expect(other.ds.string('x0020000d')).toBe(r.ds.string('x0020000d'));
    expect(other.ds.string('x00080018')).not.toBe(sop);
  });

  it('writes RGB and encapsulated JPEG with a Basic Offset Table', () => {
    const rgb = Uint8Array.from({ length: 4 * 3 * 3 }, (_, i) => i * 5);
    const r = readUs(writeUltrasoundDicom({ ...base, width: 4, height: 3, samplesPerPixel: 3, frames: [rgb], regions: [] }));
    expect([r.photometric, r.samplesPerPixel, r.ds.uint16('x00280006')]).toEqual(['RGB', 3, 0]);
    expect(Array.from(r.frameBytes[0]!)).toEqual(Array.from(rgb));

    const fragments = frames.map((f) => encodeJpegBaseline(f, w, h, 90));
    const bytes = writeUltrasoundDicom({ ...base, encapsulated: { transferSyntaxUid: '1.2.840.10008.1.2.4.50', fragments, photometric: 'MONOCHROME2', lossyMethod: 'ISO_10918_1', lossyRatio: 2.5 } });
    const j = readUs(bytes);
    expect(j.transferSyntax).toBe('1.2.840.10008.1.2.4.50');
    expect(j.ds.string('x00282110')).toBe('01');
    const pixel = j.ds.elements['x7fe00010']!;
    expect(pixel.basicOffsetTable).toHaveLength(3);
    expect(pixel.basicOffsetTable![0]).toBe(0);
    for (const [i, f] of j.frameBytes.entries()) expect(Array.from(f.subarray(0, fragments[i]!.length))).toEqual(Array.from(fragments[i]!));
    // Offsets point at each fragment's item tag, relative to the first fragment.
    const first = pixel.fragments![0]!.position - 8;
    for (const [i, f] of pixel.fragments!.entries()) expect(f.position - 8 - first).toBe(pixel.basicOffsetTable![i]);
  });

  it('rejects bad input with SonoriskError', () => {
    expectCode(() => writeUltrasoundDicom({ ...base, frames: [] }), 'EMPTY_INPUT');
    expectCode(() => writeUltrasoundDicom({ ...base, frames: [new Uint8Array(3)] }), 'INPUT_SHAPE_MISMATCH');
    expectCode(() => writeUltrasoundDicom({ ...base, frameTimeMs: 0 }), 'INVALID_ARGUMENT');
    expectCode(() => writeUltrasoundDicom({ ...base, width: 0 }), 'INVALID_ARGUMENT');
    expectCode(() => writeUltrasoundDicom({ ...base, samplesPerPixel: 2 as 1 }), 'INVALID_ARGUMENT');
    expectCode(() => writeUltrasoundDicom({ ...base, regions: [{ x0: 0, y0: 0, x1: w + 1, y1: h, physicalDeltaXCm: 0.1, physicalDeltaYCm: 0.1 }] }), 'BOX_OUT_OF_BOUNDS');
    expectCode(() => writeUltrasoundDicom({ ...base, regions: [{ x0: 0, y0: 0, x1: w, y1: h, physicalDeltaXCm: -1, physicalDeltaYCm: 0.1 }] }), 'INVALID_ARGUMENT');
    expectCode(() => writeUltrasoundDicom({ ...base, patientName: 'Müller' }), 'INVALID_ARGUMENT');
    expectCode(() => writeUltrasoundDicom({ ...base, uidSeed: [] }), 'INVALID_ARGUMENT');
    expectCode(() => writeUltrasoundDicom({ ...base, encapsulated: { transferSyntaxUid: '1.2.840.10008.1.2.4.50', fragments: [], photometric: 'MONOCHROME2' } }), 'INPUT_SHAPE_MISMATCH');
    expectCode(() => writeUltrasoundDicom(null as unknown as UltrasoundDicomInput), 'INVALID_ARGUMENT');
  });
});

describe('deriveUid', () => {
  it('gives stable, valid UIDs of at most 64 characters', () => {
    const a = deriveUid('2.25', 42, 'case-007', 'ceus');
    expect(a).toBe(deriveUid('2.25', 42, 'case-007', 'ceus'));
    expect(a).not.toBe(deriveUid('2.25', 43, 'case-007', 'ceus'));
    // UUID-derived: the 128-bit value has version 8 and variant 10 bits.
    const n = BigInt(a.slice(5));
    expect((n >> 76n) & 0xfn).toBe(8n);
    expect((n >> 62n) & 0x3n).toBe(2n);
    const long = deriveUid('1.2.826.0.1.3680043.9.9999.123456789', 'x');
    for (const uid of [a, long]) {
      expect(uid.length).toBeLessThanOrEqual(64);
      expect(uid).toMatch(/^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))+$/);
    }
    expect(long.startsWith('1.2.826.0.1.3680043.9.9999.123456789.')).toBe(true);
    expectCode(() => deriveUid('1.02', 'x'), 'INVALID_ARGUMENT');
    expectCode(() => deriveUid('abc', 'x'), 'INVALID_ARGUMENT');
  });
});
