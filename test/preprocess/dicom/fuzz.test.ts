/**
 * Seeded mutation fuzzing of the cine parser and decoders over real files: truncations, bit
 * flips, overwritten length-like fields and byte-range deletions. Every outcome must be a decoded
 * frame or a SonoriskError — never another exception, never a hang (the vitest timeout bounds it).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSonoriskError } from '../../../src/errors.js';
import { openDicomCine } from '../../../src/preprocess/index.js';
import { createRng } from '../../../src/stats/index.js';
import { present } from '../../helpers/shared-data.js';

/** [file, cases]: fewer cases where one decode is slow (640×480 JPEG 2000 ≈ 0.2 s in WASM). */
const FILES: [string, number][] = [
  ['../shared/data/dicom/examples_ybr_color.dcm', 400],
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
].filter(([file]) => present(file as string)) as [string, number][]; // ../shared is absent in a plain clone: fuzz the fixtures only
const TOTAL = FILES.reduce((s, [, n]) => s + n, 0);

type Rng = ReturnType<typeof createRng>;

function mutate(src: Uint8Array, rng: Rng): Uint8Array {
  const kind = rng.int(4);
  if (kind === 0) return src.slice(0, rng.int(src.length)); // truncation
  const b = src.slice();
  // Mutations concentrate on the first 4 KiB (the header, where lengths live) half the time.
  const pos = () => (rng.next() < 0.5 ? rng.int(Math.min(4096, b.length)) : rng.int(b.length));
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
    const values = [0xff, 0x00, 0x7f, 0x80, rng.int(256)];
    const v = values[rng.int(values.length)]!;
    for (let i = 0; i < 2 + 2 * rng.int(2) && p + i < b.length; i++) b[p + i] = v;
    return b;
  }
  // delete or duplicate a byte range (shifts everything after it)
  const p = pos();
  const n = 1 + rng.int(64);
  return rng.next() < 0.5 ? new Uint8Array([...b.subarray(0, p), ...b.subarray(Math.min(b.length, p + n))]) : new Uint8Array([...b.subarray(0, p + n), ...b.subarray(p)]);
}

describe('fuzz: mutated real files give frames or SonoriskErrors only', () => {
  it(`${TOTAL} seeded cases`, async () => {
    const rng = createRng('sonorisk-decode-fuzz');
    const codes = new Map<string, number>();
    let decoded = 0;
    for (const [file, cases] of FILES) {
      const original = new Uint8Array(readFileSync(file));
      for (let c = 0; c < cases; c++) {
        const bytes = mutate(original, rng);
        try {
          const cine = await openDicomCine(bytes, { maxBytes: 64 * 1024 * 1024 });
          const last = cine.frameCount - 1;
          for (const i of last > 0 ? [0, last] : [0]) {
            const f = await cine.frame(i);
            expect(f.data.length).toBe(f.width * f.height * f.channels);
          }
          decoded++;
        } catch (e) {
          if (!isSonoriskError(e)) throw new Error(`${file} case ${c}: non-Sonorisk error ${String((e as Error)?.stack ?? e)}`);
          codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
        }
      }
    }
    // Both outcomes occur, and the errors span several codes (the mutations reach different checks).
    expect(decoded).toBeGreaterThan(0);
    expect(codes.size).toBeGreaterThanOrEqual(4);
  }, 60_000);
});
