/**
 * Seeded mutations of real and fixture DICOM files for fuzz.test.ts (a slice in `npm test`) and
 * `npm run test:fuzz` (≥ 50 000 cases): truncations, bit flips, extreme length-like bytes, deleted or
 * duplicated ranges, and targeted corruptions of element lengths, sequence/fragment items and the
 * Basic Offset Table, found by scanning the original for their byte patterns.
 */
import type { createRng } from '../../../src/stats/index.js';

export type Rng = ReturnType<typeof createRng>;

/** [file, cases in the `npm test` slice]: fewer where one decode is slow (640×480 JPEG 2000 ≈ 0.2 s). */
export const FUZZ_FILES: [string, number][] = [
  ['../shared/data/dicom/examples_ybr_color.dcm', 300],
  ['../shared/data/dicom/examples_palette.dcm', 200],
  ['../shared/data/dicom/examples_jpeg2k.dcm', 15],
  ['../shared/data/dicom/examples_rgb_color.dcm', 200],
  ['test/fixtures/decode/pydicom/MR_small_RLE.dcm', 300],
  ['test/fixtures/decode/pydicom/MR_small_jpeg_ls_lossless.dcm', 250],
  ['test/fixtures/decode/pydicom/SC_rgb_jpeg_gdcm.dcm', 250],
  ['test/fixtures/decode/pydicom/image_dfl.dcm', 250],
  ['test/fixtures/decode/pydicom/MR_small_bigendian.dcm', 250],
  ['test/fixtures/decode/pydicom/MR_small_implicit.dcm', 250],
  ['test/fixtures/decode/transcode/rgb8_jpeg_sv1_fragments_no_bot.dcm', 250],
  ['test/fixtures/decode/transcode/mono16_jpegls_fragments_no_bot.dcm', 250],
  ['test/fixtures/decode/transcode/rgb8_rle_no_bot.dcm', 250],
  ['test/fixtures/decode/transcode/mono8_gdcm_j2k.dcm', 250],
  ['test/fixtures/decode/transcode/mono8_jpegls_near2.dcm', 100],
  ['test/fixtures/decode/palette/pal8_segmented_bigendian.dcm', 100],
  ['test/fixtures/decode/palette/pal16_lut16_implicit.dcm', 100],
  ['test/fixtures/decode/htj2k/rgb8_htj2k_lossless.dcm', 100],
  ['test/fixtures/decode/hostile/jp2_wrapped.dcm', 50],
];

/** Byte offsets in the original worth corrupting on purpose. */
export interface Targets {
  /** Where an item header (FFFE,E000 / E00D / E0DD) starts. */
  items: number[];
  /** Where an explicit-VR element's 2- or 4-byte length field starts, with its width. */
  lengths: [offset: number, width: 2 | 4][];
  /** Where the Basic Offset Table's first entry starts and how many bytes it has (encapsulated files). */
  bot?: [offset: number, bytes: number];
}

const LONG_VR = new Set(['OB', 'OW', 'OF', 'OD', 'OL', 'OV', 'SQ', 'UN', 'UT', 'UC', 'UR', 'SV', 'UV']);
const VR = /^[A-Z]{2}$/;

/** Finds item headers, element length fields and the Basic Offset Table by their byte patterns. */
export function findTargets(b: Uint8Array): Targets {
  const t: Targets = { items: [], lengths: [] };
  for (let p = 0; p + 8 <= b.length; p++) {
    if (b[p] === 0xfe && b[p + 1] === 0xff && (b[p + 2] === 0x00 || b[p + 2] === 0x0d || b[p + 2] === 0xdd) && b[p + 3] === 0xe0) t.items.push(p);
    const vr = String.fromCharCode(b[p + 4]!, b[p + 5]!);
    if (p < 8192 && VR.test(vr) && b[p + 1]! < 0x80) {
      if (LONG_VR.has(vr) && b[p + 6] === 0 && b[p + 7] === 0) t.lengths.push([p + 8, 4]);
      else if (!LONG_VR.has(vr)) t.lengths.push([p + 6, 2]);
    }
    if (b[p] === 0xe0 && b[p + 1] === 0x7f && b[p + 2] === 0x10 && b[p + 3] === 0x00 && b[p + 8] === 0xff && b[p + 9] === 0xff && b[p + 10] === 0xff && b[p + 11] === 0xff) {
      const botLen = b[p + 16]! | (b[p + 17]! << 8) | (b[p + 18]! << 16) | (b[p + 19]! << 24);
      t.bot = [p + 20, botLen >>> 0];
    }
  }
  return t;
}

function setU32(b: Uint8Array, p: number, v: number): void {
  for (let i = 0; i < 4 && p + i < b.length; i++) b[p + i] = (v >>> (8 * i)) & 0xff;
}

const EXTREMES = [0, 1, 2, 3, 0x7f, 0x80, 0xff, 0xfffe, 0xffff, 0x7fffffff, 0xfffffffe, 0xffffffff];

/** One seeded mutation of `src`. */
export function mutate(src: Uint8Array, targets: Targets, rng: Rng): Uint8Array {
  const kind = rng.int(7);
  if (kind === 0) return src.slice(0, rng.int(src.length)); // truncation
  const b = src.slice();
  // Untargeted mutations concentrate on the first 4 KiB (the header, where lengths live) half the time.
  const pos = () => (rng.next() < 0.5 ? rng.int(Math.min(4096, b.length)) : rng.int(b.length));
  const pick = <T>(a: T[]) => a[rng.int(a.length)]!;
  if (kind === 1) {
    const flips = 1 + rng.int(8);
    for (let i = 0; i < flips; i++) {
      const p = pos();
      b[p] = b[p]! ^ (1 << rng.int(8));
    }
    return b;
  }
  if (kind === 2) {
    // a length-like field: 2 or 4 bytes set to an extreme or random value
    const p = pos();
    const v = pick([0xff, 0x00, 0x7f, 0x80, rng.int(256)]);
    for (let i = 0; i < 2 + 2 * rng.int(2) && p + i < b.length; i++) b[p + i] = v;
    return b;
  }
  if (kind === 3) {
    // delete or duplicate a byte range (shifts everything after it)
    const p = pos();
    const n = 1 + rng.int(64);
    return rng.next() < 0.5 ? new Uint8Array([...b.subarray(0, p), ...b.subarray(Math.min(b.length, p + n))]) : new Uint8Array([...b.subarray(0, p + n), ...b.subarray(p)]);
  }
  if (kind === 4 && targets.lengths.length > 0) {
    // an element's length: extreme, off by a little, or odd
    const [p, w] = pick(targets.lengths);
    const old = w === 2 ? b[p]! | (b[p + 1]! << 8) : (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
    const v = rng.next() < 0.5 ? pick(EXTREMES) : old + pick([-2, -1, 1, 2, 4, 1024, -1024]);
    if (w === 2) {
      b[p] = v & 0xff;
      b[p + 1] = (v >>> 8) & 0xff;
    } else setU32(b, p, v >>> 0);
    return b;
  }
  if (kind === 5 && targets.items.length > 0) {
    // an item header: its length (extreme / ±small), or its tag turned into another delimiter
    const p = pick(targets.items);
    if (rng.next() < 0.6) setU32(b, p + 4, rng.next() < 0.5 ? pick(EXTREMES) : ((b[p + 4]! | (b[p + 5]! << 8) | (b[p + 6]! << 16) | (b[p + 7]! << 24)) >>> 0) + pick([-2, -1, 1, 2, 8]));
    else b[p + 2] = pick([0x00, 0x0d, 0xdd, 0x01]);
    return b;
  }
  if (kind === 6 && targets.bot && targets.bot[1] > 0) {
    // a Basic Offset Table entry: out of order, past the end, unaligned, or duplicated
    const [start, bytes] = targets.bot;
    const e = start + 4 * rng.int(bytes / 4);
    const cur = (b[e]! | (b[e + 1]! << 8) | (b[e + 2]! << 16) | (b[e + 3]! << 24)) >>> 0;
    setU32(b, e, pick([0, cur + 1, cur - 8, cur * 2, 0xffffffff, src.length, cur + 4096]) >>> 0);
    return b;
  }
  // no target of that kind in this file: a random bit flip instead
  const p = pos();
  b[p] = b[p]! ^ (1 << rng.int(8));
  return b;
}
