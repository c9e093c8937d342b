/**
 * RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, one PackBits segment per
 * byte plane (most significant byte first) of each sample. Output is interleaved.
 * @module
 */
import { SonoriskError } from '../../errors.js';
import type { CodecInput, CodecOutput } from './codec-registry.js';

function u32(b: Uint8Array, p: number): number {
  return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
}

/** Decodes one PackBits segment into `out` (length = pixels); returns bytes written. */
function unpack(src: Uint8Array, start: number, end: number, out: Uint8Array): number {
  let p = start;
  let o = 0;
  const n = out.length;
  while (p < end && o < n) {
    const h = src[p++]!;
    if (h < 128) {
      const count = Math.min(h + 1, end - p, n - o);
      out.set(src.subarray(p, p + count), o);
      p += h + 1;
      o += count;
    } else if (h > 128) {
      if (p >= end) break;
      const count = Math.min(257 - h, n - o);
      out.fill(src[p++]!, o, o + count);
      o += count;
    }
  }
  return o;
}

/** Decodes one RLE Lossless frame. */
export function decodeRle(input: CodecInput): CodecOutput {
  const { encoded: b, rows, columns, samplesPerPixel: spp, bitsAllocated } = input;
  const bytesPer = bitsAllocated / 8;
  if (bytesPer !== 1 && bytesPer !== 2) throw new SonoriskError('UNSUPPORTED_BIT_DEPTH', `RLE with ${bitsAllocated} bits allocated is not supported.`);
  if (b.length < 64) throw new SonoriskError('CODEC_FAILED', 'The RLE frame is shorter than its 64-byte header.');
  const nSeg = u32(b, 0);
  const expected = spp * bytesPer;
  if (nSeg !== expected) throw new SonoriskError('CODEC_FAILED', `The RLE header has ${nSeg} segments but ${spp} sample(s) × ${bytesPer} byte(s) need ${expected}.`);
  const offsets: number[] = [];
  for (let i = 0; i < nSeg; i++) offsets.push(u32(b, 4 + i * 4));
  const pixels = rows * columns;
  const plane = new Uint8Array(pixels);
  const out8 = new Uint8Array(pixels * spp * bytesPer);
  for (let s = 0; s < nSeg; s++) {
    const start = offsets[s]!;
    const end = s + 1 < nSeg ? offsets[s + 1]! : b.length;
    if (start < 64 || start > b.length || end > b.length || end < start) {
      throw new SonoriskError('CODEC_FAILED', `RLE segment ${s} offset ${start} lies outside the frame.`);
    }
    plane.fill(0);
    const got = unpack(b, start, end, plane);
    if (got < pixels) throw new SonoriskError('CODEC_FAILED', `RLE segment ${s} decodes to ${got} bytes, expected ${pixels}.`);
    const sample = Math.floor(s / bytesPer);
    const byteInSample = s % bytesPer; // 0 = most significant
    // little-endian sample bytes in out8: MSB goes to byte (bytesPer - 1)
    const dst = bytesPer - 1 - byteInSample;
    const stride = spp * bytesPer;
    let o = sample * bytesPer + dst;
    for (let i = 0; i < pixels; i++, o += stride) out8[o] = plane[i]!;
  }
  if (bytesPer === 1) return { data: out8 };
  return { data: new Uint16Array(out8.buffer, 0, pixels * spp) };
}
