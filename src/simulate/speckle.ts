import type { Rng } from '../stats/index.js';

/**
 * A fully developed speckle field: the magnitude of a complex Gaussian field blurred laterally by
 * [¼ ½ ¼] (lateral resolution coarser than axial), so its values are Rayleigh-distributed with
 * mean 1. Row-major, `width × height`.
 *
 * @example
 * ```ts
 * const s = rayleighField(createRng(1), 64, 48); // mean ≈ 1
 * ```
 */
export function rayleighField(rng: Rng, width: number, height: number): Float32Array {
  const re = new Float32Array(width * height);
  const im = new Float32Array(width * height);
  for (let i = 0; i < re.length; i++) {
    re[i] = rng.normal();
    im[i] = rng.normal();
  }
  const out = new Float32Array(width * height);
  // Blurred components have variance 0.375; a Rayleigh(σ) mean is σ·√(π/2).
  const norm = 1 / (Math.sqrt(0.375) * Math.sqrt(Math.PI / 2));
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const l = row + (x > 0 ? x - 1 : x + 1);
      const r = row + (x < width - 1 ? x + 1 : x - 1);
      const c = row + x;
      const a = 0.25 * re[l]! + 0.5 * re[c]! + 0.25 * re[r]!;
      const b = 0.25 * im[l]! + 0.5 * im[c]! + 0.25 * im[r]!;
      out[c] = Math.sqrt(a * a + b * b) * norm;
    }
  }
  return out;
}

/**
 * A smooth random field in about [−1, 1]: the mean of `waves` plane cosines with random
 * directions, wavelengths in [minWavelength, maxWavelength] (same units as x, y) and phases.
 * Returns a function of position.
 */
export function smoothField(rng: Rng, waves: number, minWavelength: number, maxWavelength: number): (x: number, y: number) => number {
  const kx: number[] = [];
  const ky: number[] = [];
  const ph: number[] = [];
  for (let k = 0; k < waves; k++) {
    const dir = rng.next() * Math.PI * 2;
    const lambda = minWavelength + (maxWavelength - minWavelength) * rng.next();
    kx.push((Math.cos(dir) * 2 * Math.PI) / lambda);
    ky.push((Math.sin(dir) * 2 * Math.PI) / lambda);
    ph.push(rng.next() * Math.PI * 2);
  }
  const scale = Math.sqrt(2 / waves);
  return (x, y) => {
    let s = 0;
    for (let k = 0; k < waves; k++) s += Math.cos(kx[k]! * x + ky[k]! * y + ph[k]!);
    return Math.max(-1, Math.min(1, s * scale * 0.7));
  };
}
