import type { Frame } from '../../../src/preprocess/index.js';

/** Deterministic noise frame, identical to xorshift_frame in scripts/fixtures/roi_reference.py. */
export function xorshiftFrame(seed: number, width: number, height: number, channels: 1 | 3, bits: 8 | 16): Frame {
  const n = width * height * channels;
  const data = bits === 8 ? new Uint8Array(n) : new Uint16Array(n);
  let s = seed >>> 0;
  const mod = bits === 8 ? 256 : 65536;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    data[i] = s % mod;
  }
  return { width, height, channels, data };
}
