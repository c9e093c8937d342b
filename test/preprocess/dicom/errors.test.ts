/** Bad input gives a SonoriskError with its code — never a TypeError, a hang or a huge allocation. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isSonoriskError } from '../../../src/errors.js';
import { openDicomCine, registerCodec } from '../../../src/preprocess/index.js';
import { concat, dicomFile, element, imageModule, item, monoCine } from './dicom-builder.js';
import { HAS_SHARED, NEEDS_SHARED } from '../../helpers/shared-data.js';
import { rejectedCode as codeOf } from '../../helpers/expect-code.js';
import { timeVectorBomb } from '../../helpers/runaway-dicom.js';


const PX = (n: number) => element(0x7fe00010, 'OB', new Uint8Array(n));

describe('openDicomCine rejects bad input with codes', () => {
  it('bad sources and options: INVALID_ARGUMENT', async () => {
    expect(await codeOf(openDicomCine('x' as unknown as Uint8Array))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(openDicomCine(null as unknown as Uint8Array))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(openDicomCine({ size: -1, read: async () => new Uint8Array() }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(openDicomCine(monoCine(2, 2, 1), { maxFrames: 0 }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(openDicomCine(monoCine(2, 2, 1), { maxBytes: Number.NaN }))).toBe('INVALID_ARGUMENT');
  });
  it('not DICOM: DICOM_INVALID', async () => {
    expect(await codeOf(openDicomCine(new Uint8Array(0)))).toBe('DICOM_INVALID');
    expect(await codeOf(openDicomCine(new TextEncoder().encode('hello, this is not a DICOM file at all')))).toBe('DICOM_INVALID');
    expect(await codeOf(openDicomCine(new Uint8Array(4096).fill(0x41)))).toBe('DICOM_INVALID');
  });
  it('no Pixel Data: DICOM_NO_PIXEL_DATA', async () => {
    expect(await codeOf(openDicomCine(dicomFile(imageModule(2, 2))))).toBe('DICOM_NO_PIXEL_DATA');
  });
  it('missing or inconsistent image attributes: DICOM_INVALID', async () => {
    expect(await codeOf(openDicomCine(dicomFile([element(0x00280002, 'US', [1]), PX(4)])))).toBe('DICOM_INVALID');
    const rgbMono = dicomFile([
      element(0x00280002, 'US', [1]),
      element(0x00280004, 'CS', 'RGB'),
      element(0x00280010, 'US', [2]),
      element(0x00280011, 'US', [2]),
      element(0x00280100, 'US', [8]),
      PX(12),
    ]);
    expect(await codeOf(openDicomCine(rgbMono))).toBe('DICOM_INVALID');
    const samples2 = dicomFile([element(0x00280002, 'US', [2]), element(0x00280010, 'US', [2]), element(0x00280011, 'US', [2]), element(0x00280100, 'US', [8]), PX(8)]);
    expect(await codeOf(openDicomCine(samples2))).toBe('DICOM_INVALID');
    expect(await codeOf(openDicomCine(dicomFile([...imageModule(2, 2, 0), PX(4)])))).toBe('DICOM_INVALID');
  });
  it('unsupported photometric / bit depth', async () => {
    const cmyk = dicomFile([element(0x00280002, 'US', [4]), element(0x00280004, 'CS', 'CMYK'), element(0x00280010, 'US', [2]), element(0x00280011, 'US', [2]), element(0x00280100, 'US', [8]), PX(16)]);
    expect(await codeOf(openDicomCine(cmyk))).toBe('DICOM_INVALID');
    const hsv = dicomFile([element(0x00280002, 'US', [1]), element(0x00280004, 'CS', 'HSV'), element(0x00280010, 'US', [2]), element(0x00280011, 'US', [2]), element(0x00280100, 'US', [8]), PX(4)]);
    expect(await codeOf(openDicomCine(hsv))).toBe('UNSUPPORTED_PHOTOMETRIC');
    const bits32 = dicomFile([element(0x00280010, 'US', [2]), element(0x00280011, 'US', [2]), element(0x00280100, 'US', [32]), PX(16)]);
    expect(await codeOf(openDicomCine(bits32))).toBe('UNSUPPORTED_BIT_DEPTH');
  });
  it('palette with only a red segmented LUT: UNSUPPORTED_PHOTOMETRIC', async () => {
    const f = dicomFile([
      element(0x00280002, 'US', [1]),
      element(0x00280004, 'CS', 'PALETTE COLOR'),
      element(0x00280010, 'US', [2]),
      element(0x00280011, 'US', [2]),
      element(0x00280100, 'US', [8]),
      element(0x00281101, 'US', [256, 0, 16]),
      element(0x00281221, 'OW', new Uint8Array(8)),
      PX(4),
    ]);
    expect(await codeOf(openDicomCine(f))).toBe('UNSUPPORTED_PHOTOMETRIC');
  });
  it('declared lengths beyond the bytes present: DICOM_TRUNCATED', async () => {
    // Pixel Data too short for 3 frames of 4×4.
    expect(await codeOf(openDicomCine(dicomFile([...imageModule(4, 4, 3), PX(40)])))).toBe('DICOM_TRUNCATED');
    // An element declaring ~4 GB in a 300-byte file: never allocated.
    const lying = dicomFile([...imageModule(2, 2), element(0x00291010, 'OB', new Uint8Array(4), 0xfffffff0)]);
    expect(await codeOf(openDicomCine(lying))).toBe('DICOM_TRUNCATED');
    const file = monoCine(4, 4, 2);
    expect(await codeOf(openDicomCine(file.subarray(0, file.length - 5)))).toBe('DICOM_TRUNCATED');
    expect(await codeOf(openDicomCine(file.subarray(0, 150)))).toBe('DICOM_TRUNCATED');
  });
  it('limits: LIMIT_EXCEEDED', async () => {
    const f = monoCine(4, 4, 3);
    expect(await codeOf(openDicomCine(f, { maxFrames: 2 }))).toBe('LIMIT_EXCEEDED');
    expect(await codeOf(openDicomCine(f, { maxPixelsPerFrame: 15 }))).toBe('LIMIT_EXCEEDED');
    expect(await codeOf(openDicomCine(f, { maxBytes: 40 }))).toBe('LIMIT_EXCEEDED');
    // a 65535×65535 frame is refused before anything is allocated
    const huge = dicomFile([...imageModule(65535, 65535), PX(4)]);
    expect(await codeOf(openDicomCine(huge))).toBe('LIMIT_EXCEEDED');
  });
  it('frame index out of range: FRAME_OUT_OF_RANGE', async () => {
    const c = await openDicomCine(monoCine(2, 2, 3));
    for (const i of [-1, 3, 1.5, Number.NaN, '1' as unknown as number]) expect(await codeOf(c.frame(i))).toBe('FRAME_OUT_OF_RANGE');
    expect((await c.frame(2)).data).toEqual(new Uint8Array([3, 3, 3, 3]));
  });
  it('unknown transfer syntax: UNSUPPORTED_TRANSFER_SYNTAX (until a codec is registered)', async () => {
    const uid = '1.2.840.10008.1.2.4.100'; // MPEG2
    const pixelData = concat([element(0x7fe00010, 'OB', new Uint8Array(0), 0xffffffff), item(0xe000, new Uint8Array(0)), item(0xe000, new Uint8Array([9, 9, 9, 9])), item(0xe0dd, new Uint8Array(0))]);
    const f = dicomFile([...imageModule(2, 2), pixelData], uid);
    expect(await codeOf(openDicomCine(f))).toBe('UNSUPPORTED_TRANSFER_SYNTAX');
    registerCodec(uid, ({ encoded, rows, columns }) => ({ data: encoded.subarray(0, rows * columns) }));
    try {
      const c = await openDicomCine(f);
      expect((await c.frame(0)).data).toEqual(new Uint8Array([9, 9, 9, 9]));
      registerCodec(uid, () => {
        throw new Error('boom');
      });
      expect(await codeOf(c.frame(0))).toBe('CODEC_FAILED');
      registerCodec(uid, () => ({ data: new Uint8Array(1) }));
      expect(await codeOf(c.frame(0))).toBe('CODEC_FAILED');
    } finally {
      registerCodec(uid, undefined);
    }
    expect(await codeOf(openDicomCine(f))).toBe('UNSUPPORTED_TRANSFER_SYNTAX');
    expect(() => registerCodec('not a uid', () => ({ data: new Uint8Array() }))).toThrow(/transfer syntax UID/);
  });
  it.skipIf(!HAS_SHARED)(`a corrupt JPEG frame: CODEC_FAILED, and the codec still works afterwards${NEEDS_SHARED}`, async () => {
    const bytes = new Uint8Array(readFileSync('../shared/data/dicom/examples_ybr_color.dcm'));
    const bad = bytes.slice();
    // Overwrite the start of frame 3's codestream (after its SOI) with garbage.
    const good = await openDicomCine(bytes);
    const f3 = await good.frame(3);
    let soi = -1;
    for (let i = 0, seen = 0; i < bad.length - 2; i++) {
      if (bad[i] === 0xff && bad[i + 1] === 0xd8 && bad[i + 2] === 0xff && seen++ === 3) {
        soi = i;
        break;
      }
    }
    bad.fill(0x13, soi + 2, soi + 400);
    const c = await openDicomCine(bad);
    expect(await codeOf(c.frame(3))).toBe('CODEC_FAILED');
    expect((await c.frame(4)).data).toEqual((await good.frame(4)).data);
    expect((await good.frame(3)).data).toEqual(f3.data);
  });
  it.skipIf(!HAS_SHARED)(`a codestream larger than Rows × Columns is refused before it is decoded${NEEDS_SHARED}`, async () => {
    const bytes = new Uint8Array(readFileSync('../shared/data/dicom/examples_ybr_color.dcm'));
    const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const sof = b.indexOf(Buffer.from([0xff, 0xc0]));
    b.writeUInt16BE(60000, sof + 5); // frame 0's SOF0 now says 60000 lines
    b.writeUInt16BE(60000, sof + 7); // and 60000 samples per line
    const c = await openDicomCine(bytes);
    await expect(c.frame(0)).rejects.toThrow(/declares 60000×60000/);
    expect(await codeOf(c.frame(0))).toBe('CODEC_FAILED');
    const j2k = new Uint8Array(readFileSync('../shared/data/dicom/examples_jpeg2k.dcm'));
    const jb = Buffer.from(j2k.buffer, j2k.byteOffset, j2k.length);
    const siz = jb.indexOf(Buffer.from([0xff, 0x4f, 0xff, 0x51]));
    jb.writeUInt32BE(100000, siz + 8); // Xsiz
    expect(await codeOf((await openDicomCine(j2k)).frame(0))).toBe('CODEC_FAILED');
  });
  it('sequences nested too deep inside a sequence that is read: DICOM_INVALID', async () => {
    let inner = element(0x00100010, 'PN', 'X');
    for (let d = 0; d < 40; d++) inner = element(0x00400275, 'SQ', item(0xe000, inner));
    const regions = element(0x00186011, 'SQ', item(0xe000, inner));
    expect(await codeOf(openDicomCine(dicomFile([...imageModule(2, 2, 1, [regions]), PX(4)])))).toBe('DICOM_INVALID');
  });
  it('sequences never read are skipped, not parsed: deep nesting there does not matter', async () => {
    let inner = element(0x00100010, 'PN', 'X');
    for (let d = 0; d < 40; d++) inner = element(0x00400275, 'SQ', item(0xe000, inner));
    const cine = await openDicomCine(dicomFile([inner, ...imageModule(2, 2), PX(4)]));
    expect((await cine.frame(0)).data.length).toBe(4);
  });
  it('more elements + items than maxElements: LIMIT_EXCEEDED', async () => {
    const items = Array.from({ length: 50 }, () => item(0xe000, new Uint8Array(0)));
    const regions = element(0x00186011, 'SQ', concat(items));
    const f = dicomFile([...imageModule(2, 2, 1, [regions]), PX(4)]);
    expect(await codeOf(openDicomCine(f, { maxElements: 40 }))).toBe('LIMIT_EXCEEDED');
    expect(await codeOf(openDicomCine(f, { maxElements: 100 }))).toBe('no error');
  });
  it('items walked past in a skipped sequence of undefined length count toward maxElements', async () => {
    const items = concat([...Array.from({ length: 50 }, () => item(0xe000, new Uint8Array(0))), item(0xe0dd, new Uint8Array(0))]);
    const flood = concat([element(0x00091010, 'SQ', items, 0xffffffff)]);
    const f = dicomFile([element(0x00090010, 'LO', 'FLOOD'), flood, ...imageModule(2, 2), PX(4)]);
    const e = await openDicomCine(f, { maxElements: 40 }).catch((x: unknown) => x);
    expect(isSonoriskError(e, 'LIMIT_EXCEEDED') && e.details?.['maxElements']).toBe(40);
    expect(await codeOf(openDicomCine(f, { maxElements: 100 }))).toBe('no error');
    // the same items in a defined-length sequence are jumped over unread: nothing counted
    const defined = dicomFile([element(0x00090010, 'LO', 'FLOOD'), element(0x00091010, 'SQ', concat(Array.from({ length: 50 }, () => item(0xe000, new Uint8Array(0))))), ...imageModule(2, 2), PX(4)]);
    expect(await codeOf(openDicomCine(defined, { maxElements: 40 }))).toBe('no error');
  });
  it('a value flood in an element that is read: LIMIT_EXCEEDED naming the tag, at maxValues (default maxFrames)', async () => {
    const ftv = (n: number) => element(0x00181065, 'DS', Array.from({ length: n }, () => '33').join('\\'));
    const f = monoCine(2, 2, 3, [ftv(3000)]);
    const e = await openDicomCine(f, { maxValues: 2999 }).catch((x: unknown) => x);
    expect(isSonoriskError(e, 'LIMIT_EXCEEDED')).toBe(true);
    expect((e as Error).message).toContain('(0018,1065) FrameTimeVector');
    expect((e as { details: Record<string, unknown> }).details).toMatchObject({ values: 3000, maxValues: 2999 });
    expect(await codeOf(openDicomCine(f, { maxFrames: 2999 }))).toBe('LIMIT_EXCEEDED'); // maxValues follows maxFrames
    // within the cap the vector is read (and, having 3000 values for 3 frames, ignored with a warning)
    const ok = await openDicomCine(f, { maxValues: 3000 });
    expect(ok.meta.warnings.some((w) => w.includes('Frame Time Vector'))).toBe(true);
    // a binary vector the Frame Increment Pointer names: counted from its length, nothing built
    const fip = monoCine(2, 2, 3, [element(0x00090010, 'LO', 'FIP'), element(0x00091001, 'OD', new Uint8Array(8 * 5000)), element(0x00280009, 'AT', [0x00091001])]);
    expect(await codeOf(openDicomCine(fip, { maxValues: 4999 }))).toBe('LIMIT_EXCEEDED');
    // elements never read are never decoded, whatever their size
    const unread = monoCine(2, 2, 3, [element(0x00091002, 'OD', new Uint8Array(8 * 5000))]);
    expect(await codeOf(openDicomCine(unread, { maxValues: 10 }))).toBe('no error');
    expect(await codeOf(openDicomCine(f, { maxValues: 0 }))).toBe('INVALID_ARGUMENT');
  });
  it('the Frame Time Vector flood that used to run a worker out of heap (4 000 000 values) is refused', async () => {
    const t0 = performance.now();
    const e = await openDicomCine(new Uint8Array(timeVectorBomb(4_000_000))).catch((x: unknown) => x);
    expect(isSonoriskError(e, 'LIMIT_EXCEEDED') && e.details).toMatchObject({ tag: '(0018,1065)', values: 4_000_000, maxValues: 100_000 });
    console.log(`time vector flood refused in ${(performance.now() - t0).toFixed(0)} ms`);
  });
  it('a Deflated data set inflating more than maxInflateRatio× past 8 MiB: LIMIT_EXCEEDED (fflate and native paths)', async () => {
    const file = (zeros: number, noise: number) => {
      const body = concat([...imageModule(2, 2, 1, [element(0x00090010, 'LO', 'BOMB'), element(0x00091000, 'OB', new Uint8Array(zeros)), element(0x00091001, 'OB', randomBytes(noise))]), PX(4)]);
      const plain = dicomFile([body], '1.2.840.10008.1.2.1.99');
      const metaEnd = 132 + 12 + new DataView(plain.buffer).getUint32(140, true);
      return concat([plain.subarray(0, metaEnd), new Uint8Array(deflateRawSync(plain.subarray(metaEnd)))]);
    };
    for (const f of [file(12 * 2 ** 20, 0), file(12 * 2 ** 20, 300 * 1024)]) {
      // 12 MiB of zeros: ~12 KB compressed (fflate); with 300 KiB of noise: > 256 KiB (DecompressionStream)
      const e = await openDicomCine(f).catch((x: unknown) => x);
      expect(isSonoriskError(e, 'LIMIT_EXCEEDED') && e.details?.['maxInflateRatio']).toBe(100);
      expect(await codeOf(openDicomCine(f, { maxInflateRatio: Number.POSITIVE_INFINITY }))).toBe('no error');
    }
    // under the 8 MiB grace the ratio is not checked (pydicom's image_dfl.dcm inflates 61×)
    expect(await codeOf(openDicomCine(file(4 * 2 ** 20, 0)))).toBe('no error');
    expect(await codeOf(openDicomCine(file(4 * 2 ** 20, 0), { maxInflateRatio: -1 }))).toBe('INVALID_ARGUMENT');
  });
  it('a text value over 64 KiB in an element that is read: LIMIT_EXCEEDED', async () => {
    const f = dicomFile([element(0x00080060, 'CS', 'US'), element(0x00280002, 'US', [1]), element(0x00280004, 'UT', 'M'.repeat(70_000)), ...imageModule(2, 2).slice(3), PX(4)]);
    expect(await codeOf(openDicomCine(f))).toBe('LIMIT_EXCEEDED');
  });
});

describe('photometric handling on hand-built files', () => {
  it('16-bit YBR_FULL is refused when a frame is decoded', async () => {
    const f = dicomFile([
      element(0x00280002, 'US', [3]),
      element(0x00280004, 'CS', 'YBR_FULL'),
      element(0x00280010, 'US', [1]),
      element(0x00280011, 'US', [2]),
      element(0x00280100, 'US', [16]),
      element(0x00280101, 'US', [16]),
      element(0x7fe00010, 'OW', new Uint8Array(12)),
    ]);
    const c = await openDicomCine(f);
    expect(await codeOf(c.frame(0))).toBe('UNSUPPORTED_PHOTOMETRIC');
  });
  it('MONOCHROME1 is inverted (max − v) so that brighter is higher', async () => {
    const f = dicomFile([
      element(0x00280002, 'US', [1]),
      element(0x00280004, 'CS', 'MONOCHROME1'),
      element(0x00280010, 'US', [1]),
      element(0x00280011, 'US', [3]),
      element(0x00280100, 'US', [8]),
      element(0x00280101, 'US', [8]),
      element(0x7fe00010, 'OB', new Uint8Array([0, 100, 255, 0])),
    ]);
    const c = await openDicomCine(f);
    expect(Array.from((await c.frame(0)).data)).toEqual([255, 155, 0]);
  });
});
