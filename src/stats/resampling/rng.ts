import { SonoriskError } from '../../errors.js';

/**
 * A seeded pseudo-random number generator. The same seed always gives the same sequence, in
 * every runtime. Algorithm: sfc32 (Small Fast Counter, 128-bit state), seeded through splitmix32.
 */
export interface Rng {
  /** Uniform float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal deviate (Box–Muller). */
  normal(): number;
  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<T>(array: T[]): T[];
}

/**
 * Creates a seeded random number generator. Seeds are non-negative integers below 2^53 or strings.
 *
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.next();        // 0 <= x < 1, same value for seed 42 everywhere
 * rng.int(10);       // 0..9
 * rng.shuffle([1, 2, 3]);
 * ```
 */
export function createRng(seed: number | string): Rng {
  let h: number;
  if (typeof seed === 'string') {
    h = 2166136261; // FNV-1a over UTF-16 code units
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0;
  } else if (typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0) {
    h = (seed >>> 0) ^ Math.floor(seed / 4294967296);
  } else {
    throw new SonoriskError('INVALID_ARGUMENT', `createRng: seed must be a non-negative safe integer or a string, got ${String(seed)}.`);
  }
  let s = h >>> 0;
  const splitmix32 = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix32();
  let b = splitmix32();
  let c = splitmix32();
  let d = splitmix32();
  const u32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32();
  const next = (): number => u32() / 4294967296;
  let spare: number | undefined;
  return {
    next,
    int(n: number): number {
      if (!Number.isInteger(n) || n <= 0 || n > 4294967296) {
        throw new SonoriskError('INVALID_ARGUMENT', `rng.int: n must be an integer in 1..2^32, got ${String(n)}.`);
      }
      // Rejection sampling keeps the distribution exactly uniform.
      const limit = 4294967296 - (4294967296 % n);
      let x = u32();
      while (x >= limit) x = u32();
      return x % n;
    },
    normal(): number {
      if (spare !== undefined) {
        const v = spare;
        spare = undefined;
        return v;
      }
      let u = next();
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    shuffle<T>(array: T[]): T[] {
      for (let i = array.length - 1; i > 0; i--) {
        const j = this.int(i + 1);
        const t = array[i]!;
        array[i] = array[j]!;
        array[j] = t;
      }
      return array;
    },
  };
}
