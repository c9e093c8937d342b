import type { Box } from '../preprocess/index.js';
import type { Rng } from '../stats/index.js';
import { drawText, formatTimer } from './bitmap-font.js';
import type { CaseParams, RecordingParams } from './case-params.js';
import { frameCountOf } from './case-params.js';
import { motionAt } from './motion.js';
import type { Phantom } from './phantom.js';
import { rayleighField } from './speckle.js';
import { lognormalCurve } from '../phases/internal.js';

/** Display value of burned-in text. */
const TEXT_VALUE = 230;
/** Contrast speckle: S = 1 + CEUS_SPECKLE·(R − 1), R Rayleigh with mean 1 (so E[S] = 1). */
export const CEUS_SPECKLE = 0.7;
const SPECKLE_POOL = 8;
const SPECKLE_PAD = 16;
const NOISE_PAD = 4096;
/** Brightness of the low-MI tissue pane of the dual display relative to B-mode. */
const REFERENCE_GAIN = 0.7;

/** Frame start times (s from the first frame) of a recording: i / fps. */
export function frameTimesOf(rec: RecordingParams): Float64Array {
  const n = frameCountOf(rec);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = i / rec.fps;
  return out;
}

const clampByte = (v: number): number => (v <= 0 ? 0 : v >= 255 ? 255 : (v + 0.5) | 0);

/**
 * Samples the phantom map `src` shifted by the tissue displacement (dxPx, dyPx) over a region of
 * `rw × rh` pixels into `dst` (bilinear interpolation; the phantom margin covers the shift).
 */
function sampleShifted(src: Float32Array, ph: Phantom, dxPx: number, dyPx: number, rw: number, rh: number, dst: Float32Array): void {
  const sx = ph.margin - dxPx;
  const sy = ph.margin - dyPx;
  const fx0 = Math.floor(sx);
  const fy0 = Math.floor(sy);
  const fx = sx - fx0;
  const fy = sy - fy0;
  const w00 = (1 - fx) * (1 - fy);
  const w01 = fx * (1 - fy);
  const w10 = (1 - fx) * fy;
  const w11 = fx * fy;
  const W = ph.width;
  for (let i = 0; i < rh; i++) {
    const a = (i + fy0) * W + fx0;
    const b = a + W;
    const o = i * rw;
    for (let j = 0; j < rw; j++) {
      dst[o + j] = w00 * src[a + j]! + w01 * src[a + j + 1]! + w10 * src[b + j]! + w11 * src[b + j + 1]!;
    }
  }
}

/** A pool of standard-normal noise, read at random offsets per frame (cheaper than fresh draws). */
function noisePool(rng: Rng, n: number): Float32Array {
  const pool = new Float32Array(n);
  for (let i = 0; i < n; i++) pool[i] = rng.normal();
  return pool;
}

/** Writes region values `v·gain + add[row] + noiseSd·noise` into the frame, clamped to bytes. */
function writeRegion(f: Uint8Array, frameWidth: number, box: Box, v: Float32Array, gain: number, add: Float32Array | undefined, noise: Float32Array, noiseOffset: number, noiseSd: number): void {
  const rw = box.x1 - box.x0;
  for (let i = 0; i < box.y1 - box.y0; i++) {
    const o = (box.y0 + i) * frameWidth + box.x0;
    const base = add ? add[i]! : 0;
    const no = noiseOffset + i * rw;
    for (let j = 0; j < rw; j++) f[o + j] = clampByte(gain * v[i * rw + j]! + base + noiseSd * noise[no + j]!);
  }
}

/** Near-field brighter, far field darker: an imperfect time-gain compensation (display units). */
function tgcRows(rows: number): Float32Array {
  const g = new Float32Array(rows);
  for (let i = 0; i < rows; i++) g[i] = 6 * (0.5 - i / rows);
  return g;
}

/**
 * Renders the B-mode recording: the phantom's log-compressed tissue image moved by breathing and
 * drift, with TGC and a little electronic noise, in `region` of a `frameWidth × frameHeight` frame.
 */
export function renderBmodeFrames(p: CaseParams, ph: Phantom, frameWidth: number, frameHeight: number, region: Box, rng: Rng): Uint8Array[] {
  const times = frameTimesOf(p.bmode);
  const tgc = tgcRows(region.y1 - region.y0);
  const rw = region.x1 - region.x0;
  const rh = region.y1 - region.y0;
  const noise = noisePool(rng, rw * rh + NOISE_PAD);
  const scratch = new Float32Array(rw * rh);
  const frames: Uint8Array[] = [];
  for (const t of times) {
    const f = new Uint8Array(frameWidth * frameHeight);
    const d = motionAt(p.motion, t);
    sampleShifted(ph.bmode, ph, d.x / ph.spacingMm, d.y / ph.spacingMm, rw, rh, scratch);
    writeRegion(f, frameWidth, region, scratch, 1, tgc, noise, rng.int(NOISE_PAD), 2);
    if (region.y0 >= 9) drawText(f, frameWidth, frameHeight, frameWidth - 6 * 6 - 2, 2, 'B-MODE', TEXT_VALUE);
    frames.push(f);
  }
  return frames;
}

/**
 * Renders the CEUS recording. Per frame, every compartment's intensity is its lognormal TIC at
 * (t − injectionTimeS); the contrast image is Σ weight·TIC, moved with the tissue and multiplied by
 * freshly drawn microbubble speckle S (E[S] = 1), so the mean pixel value inside a homogeneous
 * lesion follows the lesion TIC. With `dual`, the left display shows the low-MI tissue image.
 * A timer (MM:SS since injection) is burned into the banner.
 */
export function renderCeusFrames(
  p: CaseParams,
  ph: Phantom,
  frameWidth: number,
  frameHeight: number,
  contrast: Box,
  reference: Box | undefined,
  rng: Rng,
): Uint8Array[] {
  const times = frameTimesOf(p.ceus);
  const rw = contrast.x1 - contrast.x0;
  const rh = contrast.y1 - contrast.y0;
  const poolW = rw + SPECKLE_PAD;
  const pool = Array.from({ length: SPECKLE_POOL }, () => {
    const r = rayleighField(rng, poolW, rh + SPECKLE_PAD);
    for (let i = 0; i < r.length; i++) r[i] = 1 + CEUS_SPECKLE * (r[i]! - 1);
    return r;
  });
  const value = new Float32Array(ph.width * ph.height);
  const scratch = new Float32Array(rw * rh);
  const noise = reference ? noisePool(rng, rw * rh + NOISE_PAD) : new Float32Array(0);
  const { lesionTic, liverTic, haloTic, vesselTic, injectionTimeS } = p.ceus;
  const frames: Uint8Array[] = [];
  for (const t of times) {
    const ti = t - injectionTimeS;
    const cLiver = lognormalCurve(liverTic, ti);
    const cLesion = lognormalCurve(lesionTic, ti);
    const cHalo = lognormalCurve(haloTic, ti);
    const cVessel = lognormalCurve(vesselTic, ti);
    for (let k = 0; k < value.length; k++) {
      value[k] = ph.wLiver[k]! * cLiver + ph.wLesion[k]! * cLesion + ph.wHalo[k]! * cHalo + ph.wVessel[k]! * cVessel;
    }
    const f = new Uint8Array(frameWidth * frameHeight);
    const d = motionAt(p.motion, t);
    const dx = d.x / ph.spacingMm;
    const dy = d.y / ph.spacingMm;
    const sp = pool[rng.int(SPECKLE_POOL)]!;
    const ox = rng.int(SPECKLE_PAD);
    const oy = rng.int(SPECKLE_PAD);
    sampleShifted(value, ph, dx, dy, rw, rh, scratch);
    for (let i = 0; i < rh; i++) {
      const o = (contrast.y0 + i) * frameWidth + contrast.x0;
      const so = (i + oy) * poolW + ox;
      for (let j = 0; j < rw; j++) f[o + j] = clampByte(scratch[i * rw + j]! * sp[so + j]!);
    }
    if (reference) {
      sampleShifted(ph.bmode, ph, dx, dy, rw, rh, scratch);
      writeRegion(f, frameWidth, reference, scratch, REFERENCE_GAIN, undefined, noise, rng.int(NOISE_PAD), 2);
    }
    if (contrast.y0 >= 9) {
      drawText(f, frameWidth, frameHeight, 2, 2, formatTimer(ti), TEXT_VALUE);
      drawText(f, frameWidth, frameHeight, frameWidth - 4 * 6 - 2, 2, 'CEUS', TEXT_VALUE);
    }
    frames.push(f);
  }
  return frames;
}
