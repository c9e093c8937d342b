// Synthetic speckle-like frames with known motion, for tracking tests.
import type { Frame } from '../../../src/preprocess/index.js';
import { createRng } from '../../../src/stats/index.js';

/** A smooth random texture (uniform noise box-blurred twice, radius 2), values 0..255, float. */
export function texture(width: number, height: number, seed: string): Float64Array {
  const rng = createRng(seed);
  let a = Float64Array.from({ length: width * height }, () => rng.next());
  for (let pass = 0; pass < 2; pass++) {
    const b = new Float64Array(width * height);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        let s = 0;
        let c = 0;
        for (let dy = -2; dy <= 2; dy++)
          for (let dx = -2; dx <= 2; dx++) {
            const xx = x + dx;
            const yy = y + dy;
            if (xx >= 0 && yy >= 0 && xx < width && yy < height) {
              s += a[yy * width + xx]!;
              c++;
            }
          }
        b[y * width + x] = s / c;
      }
    a = b;
  }
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of a) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  return a.map((v) => ((v - lo) / (hi - lo)) * 255);
}

/**
 * A grey frame showing `tex` (texW wide) moved by (dx, dy): frame(x, y) = tex(x − dx + margin,
 * y − dy + margin), bilinear for fractional shifts, plus uniform noise of ±noise.
 */
export function shiftedFrame(tex: Float64Array, texW: number, margin: number, w: number, h: number, dx: number, dy: number, noise: number, rng: { next(): number }): Frame {
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const sx = x - dx + margin;
      const sy = y - dy + margin;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const at = (xx: number, yy: number) => tex[yy * texW + xx]!;
      const v = (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0)) + fy * ((1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1));
      data[y * w + x] = Math.max(0, Math.min(255, Math.round(v + noise * (2 * rng.next() - 1))));
    }
  return { width: w, height: h, channels: 1, data };
}
