/**
 * Turns decoded samples into a {@link Frame}: native byte unpacking (endianness, YBR_FULL_422
 * subsampling), planar→interleaved, colour conversion to RGB (pydicom's YBR_FULL formula),
 * MONOCHROME1 inversion and Palette Color lookup. Internal to sonorisk.
 * @module
 */
import { SonoriskError } from '../../errors.js';
import type { CodecOutput } from '../codecs/codec-registry.js';
import type { Frame } from '../types.js';

/** A Palette Color lookup table, already read from the data set. */
export interface PaletteLut {
  entries: number;
  firstMapped: number;
  /** 8 or 16 (bits per entry in the LUT data). */
  depth: number;
  red: Uint16Array;
  green: Uint16Array;
  blue: Uint16Array;
}

/** The image pixel attributes that decoding depends on. */
export interface PixelLayout {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  pixelRepresentation: number;
  photometric: string;
  planarConfiguration: number;
  littleEndian: boolean;
  /**
   * True when 8-bit native samples lie in OW words of a big-endian data set: each pair of bytes is
   * swapped on disk (PS3.5 §7.3, OW is byte-swapped as 16-bit words), e.g. dcmtk's big-endian
   * transcode of a palette image whose Pixel Data is OW.
   */
  wordSwapped8?: boolean;
  palette?: PaletteLut;
}

/** Bytes of one native frame (YBR_FULL_422 is stored subsampled: 2 samples per pixel). */
export function nativeFrameBytes(l: PixelLayout): number {
  const perPixel = l.photometric === 'YBR_FULL_422' && l.samplesPerPixel === 3 ? 2 : l.samplesPerPixel;
  return l.rows * l.columns * perPixel * (l.bitsAllocated / 8);
}

/** Swaps the bytes of each 16-bit word in place. */
function swapPairs(b: Uint8Array): void {
  for (let i = 0; i + 1 < b.length; i += 2) {
    const t = b[i]!;
    b[i] = b[i + 1]!;
    b[i + 1] = t;
  }
}

/** Unpacks a native frame into samples (and expands YBR_FULL_422 to 3 samples per pixel). */
export function samplesFromNative(bytes: Uint8Array, l: PixelLayout): CodecOutput {
  let data: Uint8Array | Uint16Array;
  if (l.bitsAllocated === 8) {
    data = bytes.slice();
    if (l.wordSwapped8) swapPairs(data);
  } else {
    const copy = bytes.slice();
    if (!l.littleEndian) swapPairs(copy);
    data = new Uint16Array(copy.buffer, 0, copy.length >> 1);
  }
  if (l.photometric === 'YBR_FULL_422' && l.samplesPerPixel === 3) {
    // Y1 Y2 Cb Cr → (Y1 Cb Cr)(Y2 Cb Cr), PS3.3 C.7.6.3.1.2
    const n = l.rows * l.columns;
    const out = data instanceof Uint8Array ? new Uint8Array(n * 3) : new Uint16Array(n * 3);
    for (let p = 0, s = 0; p < n; p += 2, s += 4) {
      const cb = data[s + 2]!;
      const cr = data[s + 3]!;
      out[p * 3] = data[s]!;
      out[p * 3 + 1] = cb;
      out[p * 3 + 2] = cr;
      if (p + 1 < n) {
        out[p * 3 + 3] = data[s + 1]!;
        out[p * 3 + 4] = cb;
        out[p * 3 + 5] = cr;
      }
    }
    return { data: out, planar: false };
  }
  return { data, planar: l.planarConfiguration === 1 && l.samplesPerPixel > 1 };
}

const F = Math.fround;
const CB_G = F((-0.114 * 1.772) / 0.587);
const CR_G = F((-0.299 * 1.402) / 0.587);
const CR_R = F(1.402);
const CB_B = F(1.772);

/** YBR_FULL → RGB in place, exactly as pydicom's convert_color_space (float32, floor(x + 0.5), clip). */
function ybrFullToRgb(d: Uint8Array): void {
  const clip = (v: number) => Math.max(0, Math.min(v, 255));
  for (let i = 0; i + 2 < d.length; i += 3) {
    const y = d[i]!;
    const cb = F(d[i + 1]! - 128);
    const cr = F(d[i + 2]! - 128);
    const r = F(F(y + F(cr * CR_R)) + 0.5);
    const g = F(F(F(y + F(cb * CB_G)) + F(cr * CR_G)) + 0.5);
    const b = F(F(y + F(cb * CB_B)) + 0.5);
    d[i] = clip(Math.floor(r));
    d[i + 1] = clip(Math.floor(g));
    d[i + 2] = clip(Math.floor(b));
  }
}

function interleave<T extends Uint8Array | Uint16Array>(d: T, samples: number, pixels: number): T {
  const out = new (d.constructor as new (n: number) => T)(pixels * samples);
  for (let s = 0; s < samples; s++) {
    const base = s * pixels;
    for (let p = 0; p < pixels; p++) out[p * samples + s] = d[base + p]!;
  }
  return out;
}

function applyPalette(d: Uint8Array | Uint16Array, lut: PaletteLut, signed: boolean, bitsStored: number): Uint8Array | Uint16Array {
  const n = d.length;
  const out = lut.depth === 8 ? new Uint8Array(n * 3) : new Uint16Array(n * 3);
  const last = lut.entries - 1;
  const shift = 32 - bitsStored;
  for (let i = 0; i < n; i++) {
    let v = d[i]!;
    if (signed) v = (v << shift) >> shift;
    let idx = v - lut.firstMapped;
    if (idx < 0) idx = 0;
    else if (idx > last) idx = last;
    out[i * 3] = lut.red[idx]!;
    out[i * 3 + 1] = lut.green[idx]!;
    out[i * 3 + 2] = lut.blue[idx]!;
  }
  return out;
}

/** Builds the final Frame (interleaved; RGB for colour). */
export function toFrame(decoded: CodecOutput, l: PixelLayout): Frame {
  const pixels = l.rows * l.columns;
  const spp = l.samplesPerPixel;
  let data: Uint8Array | Uint16Array;
  const src: unknown = decoded.data;
  if (src instanceof Int16Array) data = new Uint16Array(src.buffer, src.byteOffset, src.length);
  else if (src instanceof Uint8ClampedArray) data = new Uint8Array(src.buffer, src.byteOffset, src.length);
  else if (src instanceof Uint8Array || src instanceof Uint16Array) data = src;
  else throw new SonoriskError('CODEC_FAILED', 'The decoder returned samples that are not a Uint8Array, Uint16Array or Int16Array.');
  if (data.length < pixels * spp) {
    throw new SonoriskError('CODEC_FAILED', `The decoder returned ${data.length} samples, expected ${pixels * spp}.`);
  }
  if (data.length > pixels * spp) data = data.subarray(0, pixels * spp);
  if (decoded.planar && spp > 1) data = interleave(data, spp, pixels);
  const pi = l.photometric;
  const signed = l.pixelRepresentation === 1;
  if (spp === 1) {
    if (pi === 'PALETTE COLOR') {
      if (!l.palette) throw new SonoriskError('UNSUPPORTED_PHOTOMETRIC', 'PALETTE COLOR image without a usable Palette Color Lookup Table.');
      const rgb = applyPalette(data, l.palette, signed, l.bitsStored);
      return { width: l.columns, height: l.rows, channels: 3, data: rgb };
    }
    if (pi === 'MONOCHROME1') {
      // Invert so that higher values are brighter, as MONOCHROME2: unsigned max − v; signed −1 − v.
      if (signed) for (let i = 0; i < data.length; i++) data[i] = ~data[i]! & 0xffff;
      else {
        const max = 2 ** l.bitsStored - 1;
        for (let i = 0; i < data.length; i++) data[i] = Math.max(0, max - data[i]!);
      }
    }
    const f: Frame = { width: l.columns, height: l.rows, channels: 1, data };
    if (signed) f.signed = true;
    return f;
  }
  if (decoded.colorSpace !== 'rgb' && (pi === 'YBR_FULL' || pi === 'YBR_FULL_422')) {
    if (!(data instanceof Uint8Array)) {
      throw new SonoriskError('UNSUPPORTED_PHOTOMETRIC', `${pi} with ${l.bitsAllocated}-bit samples is not supported (the YCbCr→RGB conversion is defined for 8-bit samples).`);
    }
    if (data === src) data = data.slice();
    ybrFullToRgb(data);
  }
  return { width: l.columns, height: l.rows, channels: 3, data };
}
