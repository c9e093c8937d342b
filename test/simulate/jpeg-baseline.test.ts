import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { isSonoriskError } from '../../src/errors.js';
import { encodeJpegBaseline } from '../../src/simulate/index.js';
import { createRng } from '../../src/stats/index.js';

function psnr(a: Uint8Array, b: ArrayLike<number>, step = 1): number {
  let se = 0;
  for (let i = 0; i < a.length; i++) se += (a[i]! - b[i * step]!) ** 2;
  return 10 * Math.log10((255 * 255) / Math.max(se / a.length, 1e-12));
}

describe('encodeJpegBaseline', () => {
  it('round-trips through an independent decoder (jpeg-js) with small error', () => {
    const rng = createRng(5);
    const [w, h] = [37, 21]; // not multiples of 8: edge blocks are padded
    const img = Uint8Array.from({ length: w * h }, (_, i) => Math.max(0, Math.min(255, Math.round(120 + 70 * Math.sin((i % w) / 6) * Math.cos(i / w / 4) + 6 * rng.normal()))));
    for (const [q, minPsnr] of [[95, 38], [75, 32]] as const) {
      const bytes = encodeJpegBaseline(img, w, h, q);
      expect([bytes[0], bytes[1], bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
      const dec = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
      expect([dec.width, dec.height]).toEqual([w, h]);
      expect(psnr(img, dec.data, 4)).toBeGreaterThan(minPsnr);
    }
    // A flat image is a few hundred bytes and decodes exactly.
    const flat = new Uint8Array(64 * 64).fill(77);
    const enc = encodeJpegBaseline(flat, 64, 64, 90);
    expect(enc.length).toBeLessThan(400);
    expect(jpeg.decode(enc, { useTArray: true }).data[0]).toBe(77);
  });

  it('rejects bad arguments', () => {
    for (const fn of [() => encodeJpegBaseline(new Uint8Array(4), 3, 1), () => encodeJpegBaseline(new Uint8Array(4), 2, 2, 0), () => encodeJpegBaseline(new Uint8Array(0), 0, 0)]) {
      let err: unknown;
      try {
        fn();
      } catch (e) {
        err = e;
      }
      expect(isSonoriskError(err)).toBe(true);
    }
  });
});
