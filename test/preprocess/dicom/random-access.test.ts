/** Random-access sources: only the header, the offset table and the frames asked for are read. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDicomCine, type RandomAccessSource } from '../../../src/preprocess/index.js';
import { concat, dicomFile, element, imageModule, item } from './dicom-builder.js';
import { HAS_SHARED, NEEDS_SHARED } from '../../helpers/shared-data.js';

function counting(bytes: Uint8Array): RandomAccessSource & { bytesRead: number; reads: number } {
  const s = {
    size: bytes.length,
    bytesRead: 0,
    reads: 0,
    async read(offset: number, length: number) {
      s.bytesRead += length;
      s.reads++;
      return bytes.subarray(offset, offset + length);
    },
  };
  return s;
}

const ybr = HAS_SHARED ? new Uint8Array(readFileSync('../shared/data/dicom/examples_ybr_color.dcm')) : new Uint8Array(0);

describe.skipIf(!HAS_SHARED)(`random-access reading${NEEDS_SHARED}`, () => {
  it('opening reads the header and the Basic Offset Table; frame(i) reads one frame', async () => {
    const src = counting(ybr);
    const cine = await openDicomCine(src);
    expect(cine.meta.extra?.['frameIndex']).toBe('bot');
    const afterOpen = src.bytesRead;
    expect(afterOpen).toBeLessThan(ybr.length / 2); // 64 KiB of header + the offset table
    const whole = await openDicomCine(ybr);
    const f = await cine.frame(17);
    expect(f.data).toEqual((await whole.frame(17)).data);
    expect(src.bytesRead - afterOpen).toBeLessThan(ybr.length / 10);
  });

  it('Blob and ArrayBuffer sources give the same frames', async () => {
    const a = await openDicomCine(ybr);
    const b = await openDicomCine(new Blob([ybr]));
    const c = await openDicomCine(ybr.slice().buffer);
    expect((await b.frame(29)).data).toEqual((await a.frame(29)).data);
    expect((await c.frame(0)).data).toEqual((await a.frame(0)).data);
  });

  it('a virtual 2 GB cine is opened and decoded without reading it whole', async () => {
    // Header + encapsulated Pixel Data with a Basic Offset Table; every frame is the same JPEG
    // (frame 0 of examples_ybr_color.dcm) padded to 1 MiB fragments: 2048 frames ≈ 2 GiB.
    const small = await openDicomCine(ybr);
    const want = (await small.frame(0)).data;
    let soi = 0;
    while (!(ybr[soi] === 0xff && ybr[soi + 1] === 0xd8 && ybr[soi + 2] === 0xff)) soi++;
    let eoi = soi;
    while (!(ybr[eoi] === 0xff && ybr[eoi + 1] === 0xd9)) eoi++;
    const jpeg = ybr.slice(soi, eoi + 2);
    const frames = 2048;
    const fragLen = 1 << 20;
    const bot = new Uint8Array(frames * 4);
    const dv = new DataView(bot.buffer);
    for (let i = 0; i < frames; i++) dv.setUint32(i * 4, i * (fragLen + 8), true);
    const head = dicomFile([
      element(0x00181063, 'DS', '33.3'),
      element(0x00280002, 'US', [3]),
      element(0x00280004, 'CS', 'YBR_FULL_422'),
      element(0x00280006, 'US', [0]),
      element(0x00280008, 'IS', String(frames)),
      element(0x00280010, 'US', [240]),
      element(0x00280011, 'US', [320]),
      element(0x00280100, 'US', [8]),
      element(0x00280101, 'US', [8]),
      element(0x00280103, 'US', [0]),
      element(0x7fe00010, 'OB', new Uint8Array(0), 0xffffffff),
      item(0xe000, bot),
    ], '1.2.840.10008.1.2.4.50');
    const fragHeader = item(0xe000, new Uint8Array(0), fragLen);
    const unit = fragLen + 8;
    const size = head.length + frames * unit + 8;
    const tail = item(0xe0dd, new Uint8Array(0), 0);
    const unitBytes = new Uint8Array(unit); // one fragment item: header, the JPEG, zero padding
    unitBytes.set(fragHeader, 0);
    unitBytes.set(jpeg, 8);
    let bytesRead = 0;
    const src: RandomAccessSource = {
      size,
      async read(offset, length) {
        bytesRead += length;
        const out = new Uint8Array(length);
        let o = 0;
        while (o < length) {
          const pos = offset + o;
          let chunk: Uint8Array;
          if (pos < head.length) chunk = head.subarray(pos);
          else if (pos - head.length >= frames * unit) chunk = tail.subarray(pos - head.length - frames * unit);
          else chunk = unitBytes.subarray((pos - head.length) % unit);
          const n = Math.min(chunk.length, length - o);
          out.set(chunk.subarray(0, n), o);
          o += n;
        }
        return out;
      },
    };
    expect(size).toBeGreaterThan(2 ** 31);
    const cine = await openDicomCine(src);
    expect(cine.frameCount).toBe(frames);
    expect(cine.frameTimes[frames - 1]).toBeCloseTo((frames - 1) * 0.0333, 9);
    const f = await cine.frame(2000);
    expect(f.data).toEqual(want);
    expect(bytesRead).toBeLessThan(4 * fragLen); // header + one frame, not 2 GB
  });

  it('without an offset table only fragment headers are read at open', async () => {
    const frames = 50;
    const frag = new Uint8Array(10000);
    const parts = [element(0x7fe00010, 'OB', new Uint8Array(0), 0xffffffff), item(0xe000, new Uint8Array(0))];
    for (let i = 0; i < frames; i++) parts.push(item(0xe000, frag));
    parts.push(item(0xe0dd, new Uint8Array(0)));
    const f = dicomFile([...imageModule(10, 10, frames), concat(parts)], '1.2.840.10008.1.2.5');
    const src = counting(f);
    const cine = await openDicomCine(src);
    expect(cine.meta.extra?.['frameIndex']).toBe('fragments');
    expect(src.bytesRead).toBeLessThan(f.length / 2);
  });

  it('a wrong Basic Offset Table falls back to scanning the fragments', async () => {
    const good = new Uint8Array(readFileSync('test/fixtures/decode/transcode/rgb8_rle.dcm'));
    const bad = good.slice();
    const b = Buffer.from(bad.buffer);
    const pd = b.indexOf(Buffer.from([0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x42]));
    const bot = pd + 12 + 8; // Pixel Data header, then the offset table item header
    expect(b.readUInt32LE(pd + 12 + 4)).toBe(16); // 4 frames
    b.writeUInt32LE(b.readUInt32LE(bot + 8) + 3, bot + 8); // frame 2 now starts mid-fragment
    const a = await openDicomCine(good);
    const c = await openDicomCine(bad);
    expect(c.meta.extra?.['frameIndex']).toBe('bot');
    for (const i of [1, 2, 3, 0]) expect((await c.frame(i)).data).toEqual((await a.frame(i)).data);
  });
});
