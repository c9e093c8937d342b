import { SonoriskError } from '../errors.js';
import type { Rng } from '../stats/index.js';
import { createRng } from '../stats/index.js';
import type { Covariates, EchoPattern, LabelModel } from './label-model.js';
import { DEFAULT_LABEL_MODEL, assertCovariates, assertLabelModel, drawLabel, sampleCovariates } from './label-model.js';
import type { MotionParams } from './motion.js';
import { assertMotion, maxDisplacementMm } from './motion.js';
import type { LognormalParams } from '../phases/internal.js';
import { assertLognormal, lognormalFromPeak } from './lognormal-peak.js';

/** The lesion in physical units, relative to the imaging region's top-left corner (x right, depth down). */
export interface LesionParams {
  centreXMm: number;
  centreDepthMm: number;
  /** Semi-axes of the ellipse, mm (the tumour size covariate is the larger diameter). */
  radiusXMm: number;
  radiusYMm: number;
  /** Rotation of the ellipse, degrees. */
  angleDeg: number;
  echoPattern: EchoPattern;
  /** Thickness of the hypoechoic halo rim, mm (0 = no halo). */
  haloMm: number;
}

/** A straight vessel crossing the field, in mm from the region's top-left corner. */
export interface VesselParams {
  x0Mm: number;
  y0Mm: number;
  x1Mm: number;
  y1Mm: number;
  radiusMm: number;
}

/** Length and frame rate of one recording. */
export interface RecordingParams {
  durationS: number;
  fps: number;
}

/**
 * The CEUS recording. `injectionTimeS` is the time of the injection in seconds from the first
 * frame (negative when the recording started after the injection); a phase window [a, b] s after
 * injection covers frame times [a + injectionTimeS, b + injectionTimeS].
 */
export interface CeusParams extends RecordingParams {
  injectionTimeS: number;
  /** Lognormal TICs (t in s after injection, display units) of each compartment. */
  lesionTic: LognormalParams;
  liverTic: LognormalParams;
  haloTic: LognormalParams;
  vesselTic: LognormalParams;
}

/** Image geometry and encoding. */
export interface RenderParams {
  /** Width and height of one display in pixels (a dual layout is two displays side by side). */
  width: number;
  height: number;
  /** 'single' (CEUS only) or 'dual' (low-MI B-mode left, contrast right) for the CEUS file. */
  layout: 'single' | 'dual';
  /** Imaged depth in cm (sets the pixel spacing: depth / region height). */
  depthCm: number;
  /** Rows above the imaging region holding the burned-in timer and labels. */
  bannerHeight: number;
  /** Pixel encoding of the DICOM files: native or JPEG Baseline. */
  compression: 'none' | 'jpeg';
  /** JPEG quality 1–100 when compression is 'jpeg'. */
  jpegQuality: number;
}

/** Everything that defines one simulated case; {@link simulateCase} renders it. */
export interface CaseParams {
  id: string;
  covariates: Covariates;
  /** Early recurrence (1) or not (0). */
  label: 0 | 1;
  /** The recurrence probability the label was drawn with (includes the model's noise term). */
  probability: number;
  lesion: LesionParams;
  /** Depth of the liver capsule below the skin line, mm. */
  capsuleDepthMm: number;
  vessels: VesselParams[];
  motion: MotionParams;
  bmode: RecordingParams;
  ceus: CeusParams;
  render: RenderParams;
}

/** Partial parameters: anything given replaces what the seed would draw. */
export interface CaseOverrides {
  id?: string;
  covariates?: Partial<Covariates>;
  label?: 0 | 1;
  lesion?: Partial<LesionParams>;
  capsuleDepthMm?: number;
  vessels?: VesselParams[];
  motion?: Partial<MotionParams>;
  bmode?: Partial<RecordingParams>;
  ceus?: Partial<CeusParams>;
  render?: Partial<RenderParams>;
  /** Coefficients of the generative label model (default {@link DEFAULT_LABEL_MODEL}). */
  labelModel?: Partial<LabelModel>;
}

/**
 * Defaults of {@link RenderParams}: 160×128 displays, 12-row text banner, 10 cm depth, single
 * layout, uncompressed.
 *
 * @example
 * ```ts
 * simulateCase({ render: { ...DEFAULT_RENDER, layout: 'dual', compression: 'jpeg' } }, { seed: 1 });
 * ```
 */
export const DEFAULT_RENDER: Readonly<RenderParams> = Object.freeze({
  width: 160,
  height: 128,
  layout: 'single',
  depthCm: 10,
  bannerHeight: 12,
  compression: 'none',
  jpegQuality: 90,
});

/** Limits that keep a request bounded. */
const MAX_SIDE = 1024;
const MAX_FRAMES = 20000;
const MAX_PIXELS = 512 * 1024 * 1024;

const uniform = (rng: Rng, a: number, b: number): number => a + (b - a) * rng.next();
/** Keeps a rounded value inside [lo, hi] (rounding must not push a lesion out of the field). */
const inRange = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** Pixel spacing (mm) of the imaging region for the given geometry. */
export function spacingMm(render: RenderParams): number {
  return (render.depthCm * 10) / (render.height - render.bannerHeight);
}

function fail(field: string, want: string, value: unknown): never {
  throw new SonoriskError('INVALID_ARGUMENT', `simulateCase: ${field} must be ${want}, got ${JSON.stringify(value)}.`, { field });
}

function checkRender(r: RenderParams): void {
  const int = (v: number, lo: number, hi: number): boolean => Number.isInteger(v) && v >= lo && v <= hi;
  if (!int(r.width, 32, MAX_SIDE)) fail('render.width', `an integer in 32..${MAX_SIDE}`, r.width);
  if (!int(r.height, 32, MAX_SIDE)) fail('render.height', `an integer in 32..${MAX_SIDE}`, r.height);
  if (!int(r.bannerHeight, 0, r.height - 24)) fail('render.bannerHeight', `an integer in 0..height-24 (${r.height - 24})`, r.bannerHeight);
  if (r.layout !== 'single' && r.layout !== 'dual') fail('render.layout', "'single' or 'dual'", r.layout);
  if (!(Number.isFinite(r.depthCm) && r.depthCm >= 2 && r.depthCm <= 30)) fail('render.depthCm', 'a number of cm in 2..30', r.depthCm);
  if (r.compression !== 'none' && r.compression !== 'jpeg') fail('render.compression', "'none' or 'jpeg'", r.compression);
  if (!int(r.jpegQuality, 1, 100)) fail('render.jpegQuality', 'an integer in 1..100', r.jpegQuality);
}

function checkRecording(rec: RecordingParams, name: string, pixelsPerFrame: number): void {
  if (!(Number.isFinite(rec.fps) && rec.fps > 0 && rec.fps <= 100)) fail(`${name}.fps`, 'a frame rate in (0, 100]', rec.fps);
  if (!(Number.isFinite(rec.durationS) && rec.durationS > 0 && rec.durationS <= 3600)) fail(`${name}.durationS`, 'a duration in (0, 3600] s', rec.durationS);
  const frames = frameCountOf(rec);
  if (frames > MAX_FRAMES || frames * pixelsPerFrame > MAX_PIXELS) {
    throw new SonoriskError('LIMIT_EXCEEDED', `simulateCase: ${name} would have ${frames} frames of ${pixelsPerFrame} pixels, over the simulator's limits (${MAX_FRAMES} frames, ${MAX_PIXELS} pixels); lower fps, duration or frame size.`, { frames });
  }
}

/** Number of frames of a recording: round(duration·fps), at least 1. */
export function frameCountOf(rec: RecordingParams): number {
  return Math.max(1, Math.round(rec.durationS * rec.fps));
}

function merge<T extends object>(base: T, over: Partial<T> | undefined, name: string): T {
  if (over === undefined) return base;
  if (over === null || typeof over !== 'object' || Array.isArray(over)) fail(name, 'an object', over);
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** Half-extents (mm) of a rotated ellipse's bounding box. */
export function ellipseHalfExtents(rx: number, ry: number, angleDeg: number): { hx: number; hy: number } {
  const th = (angleDeg * Math.PI) / 180;
  const c = Math.cos(th);
  const s = Math.sin(th);
  return { hx: Math.sqrt(rx * rx * c * c + ry * ry * s * s), hy: Math.sqrt(rx * rx * s * s + ry * ry * c * c) };
}

function segmentDistance(px: number, py: number, v: VesselParams): number {
  const dx = v.x1Mm - v.x0Mm;
  const dy = v.y1Mm - v.y0Mm;
  const len2 = dx * dx + dy * dy;
  const u = len2 > 0 ? Math.min(1, Math.max(0, ((px - v.x0Mm) * dx + (py - v.y0Mm) * dy) / len2)) : 0;
  return Math.hypot(px - v.x0Mm - u * dx, py - v.y0Mm - u * dy);
}

/**
 * Draws every parameter of one case from `seed` (covariates, label, lesion geometry, motion,
 * TICs, vessels), then applies `overrides`. A covariate override changes what depends on it (the
 * label's probability, the lesion size, echo pattern and halo, the wash-out TIC). The same seed and
 * overrides always give the same parameters. Throws `INVALID_ARGUMENT` naming the bad field.
 *
 * @example
 * ```ts
 * const p = sampleCaseParams(7, { covariates: { halo: true }, render: { layout: 'dual' } });
 * p.lesion.haloMm > 0; // true
 * ```
 */
export function sampleCaseParams(seed: number | string, overrides: CaseOverrides = {}): CaseParams {
  if (overrides === null || typeof overrides !== 'object') fail('params', 'an object of overrides', overrides);
  const rng = createRng(seed);
  const labelModel = merge({ ...DEFAULT_LABEL_MODEL }, overrides.labelModel, 'labelModel');
  assertLabelModel(labelModel, 'simulateCase');

  // 1. Covariates and label (the label stream is always drawn, so overrides don't shift later draws).
  const covariates = merge(sampleCovariates(rng), overrides.covariates, 'covariates');
  assertCovariates(covariates, 'simulateCase');
  const drawn = drawLabel(covariates, rng, labelModel);
  const label = overrides.label ?? drawn.label;
  if (label !== 0 && label !== 1) fail('label', '0 or 1', label);

  // 2. Geometry.
  const render = merge({ ...DEFAULT_RENDER }, overrides.render, 'render');
  checkRender(render);
  const bmode = merge({ durationS: 10, fps: 10 }, overrides.bmode, 'bmode');
  const injectionDraw = uniform(rng, 0, 6);
  const injectionTimeS = overrides.ceus?.injectionTimeS ?? Math.round(injectionDraw * 10) / 10;
  if (!(Number.isFinite(injectionTimeS) && Math.abs(injectionTimeS) <= 600)) fail('ceus.injectionTimeS', 'a finite number of seconds in -600..600', injectionTimeS);
  const ceusTiming = merge({ durationS: Math.ceil(Math.max(0, injectionTimeS)) + 121, fps: 2 }, { durationS: overrides.ceus?.durationS, fps: overrides.ceus?.fps } as Partial<RecordingParams>, 'ceus');
  const displays = render.layout === 'dual' ? 2 : 1;
  checkRecording(bmode, 'bmode', render.width * render.height);
  checkRecording(ceusTiming, 'ceus', render.width * render.height * displays);

  const motion = merge(
    {
      breathingAmplitudeMm: Math.round(uniform(rng, 1.5, 5) * 100) / 100,
      breathingPeriodS: Math.round(uniform(rng, 3.5, 5.5) * 100) / 100,
      breathingAngleDeg: Math.round(uniform(rng, -35, 35)),
      breathingPhase: Math.round(uniform(rng, 0, 2 * Math.PI) * 1000) / 1000,
      driftXMmPerS: Math.round(rng.normal() * 0.012 * 10000) / 10000,
      driftYMmPerS: Math.round(rng.normal() * 0.008 * 10000) / 10000,
    },
    overrides.motion,
    'motion',
  );
  assertMotion(motion, 'simulateCase');

  const capsuleDepthMm = overrides.capsuleDepthMm ?? Math.round(uniform(rng, 10, 16) * 10) / 10;
  const s = spacingMm(render);
  const regionW = render.width * s;
  const regionH = (render.height - render.bannerHeight) * s;
  if (!(Number.isFinite(capsuleDepthMm) && capsuleDepthMm >= 0 && capsuleDepthMm < regionH / 2)) fail('capsuleDepthMm', `a depth in 0..${(regionH / 2).toFixed(1)} mm`, capsuleDepthMm);

  const rx = covariates.sizeMm / 2;
  const aspect = uniform(rng, 0.75, 1);
  const angle = Math.round(uniform(rng, 0, 180));
  const haloThickness = Math.round(uniform(rng, 1.3, 2.5) * 10) / 10;
  const lesionBase: LesionParams = {
    centreXMm: 0,
    centreDepthMm: 0,
    radiusXMm: rx,
    radiusYMm: Math.round(rx * aspect * 100) / 100,
    angleDeg: angle,
    echoPattern: covariates.echoPattern,
    haloMm: covariates.halo ? haloThickness : 0,
  };
  const lesion = merge(lesionBase, overrides.lesion, 'lesion');
  const ux = rng.next();
  const uy = rng.next();
  const { hx, hy } = ellipseHalfExtents(lesion.radiusXMm + lesion.haloMm, lesion.radiusYMm + lesion.haloMm, lesion.angleDeg);
  const margin = maxDisplacementMm(motion, Math.max(bmode.durationS, ceusTiming.durationS)) + 2 * s;
  const xLo = hx + margin;
  const xHi = regionW - hx - margin;
  const yLo = capsuleDepthMm + hy + margin + 2;
  const yHi = regionH - hy - margin;
  if (overrides.lesion?.centreXMm === undefined || overrides.lesion.centreDepthMm === undefined) {
    if (xHi < xLo || yHi < yLo) {
      throw new SonoriskError(
        'INVALID_ARGUMENT',
        `simulateCase: a ${covariates.sizeMm} mm lesion (plus halo and ${margin.toFixed(1)} mm of motion) does not fit the ${regionW.toFixed(0)}×${regionH.toFixed(0)} mm field below the capsule; increase render.depthCm or reduce the size or motion.`,
        { sizeMm: covariates.sizeMm },
      );
    }
    if (overrides.lesion?.centreXMm === undefined) lesion.centreXMm = inRange(Math.round((xLo + ux * (xHi - xLo)) * 10) / 10, xLo, xHi);
    if (overrides.lesion?.centreDepthMm === undefined) lesion.centreDepthMm = inRange(Math.round((yLo + uy * (yHi - yLo)) * 10) / 10, yLo, yHi);
  }
  checkLesion(lesion, regionW, regionH, margin, hx, hy);

  // 3. Vessels: straight tubes that avoid the lesion.
  let vessels: VesselParams[] = [];
  for (let k = 0; k < 2; k++) {
    for (let attempt = 0; attempt < 12; attempt++) {
      const cx = uniform(rng, 0, regionW);
      const cy = uniform(rng, capsuleDepthMm + 8, regionH);
      const half = uniform(rng, 12, 30);
      const dir = uniform(rng, 0, Math.PI);
      const r1 = (x: number): number => Math.round(x * 10) / 10;
      const v: VesselParams = {
        x0Mm: r1(cx - half * Math.cos(dir)),
        y0Mm: r1(cy - half * Math.sin(dir)),
        x1Mm: r1(cx + half * Math.cos(dir)),
        y1Mm: r1(cy + half * Math.sin(dir)),
        radiusMm: r1(uniform(rng, 1.2, 2.8)),
      };
      const clear = Math.max(hx, hy) + v.radiusMm + 3;
      if (segmentDistance(lesion.centreXMm, lesion.centreDepthMm, v) > clear) {
        vessels.push(v);
        break;
      }
    }
  }
  if (overrides.vessels !== undefined) {
    if (!Array.isArray(overrides.vessels) || overrides.vessels.length > 16) fail('vessels', 'an array of at most 16 vessels', overrides.vessels);
    vessels = overrides.vessels.map((v, i) => {
      const ok = [v?.x0Mm, v?.y0Mm, v?.x1Mm, v?.y1Mm].every(Number.isFinite) && v.radiusMm > 0 && v.radiusMm < 50;
      if (!ok) fail(`vessels[${i}]`, 'finite x0Mm, y0Mm, x1Mm, y1Mm and radiusMm in (0, 50)', v);
      return { ...v };
    });
  }

  // 4. Perfusion: lognormal TICs. Early wash-out = fast decay (small σ): lesion/liver ≈ 0.7 at 45 s and
  // 0.4 at 60 s (medians); otherwise σ is large: ≈ 1.0 at 60 s and 0.85 at 120 s (mild late wash-out).
  const liverBaseline = Math.round(uniform(rng, 2, 6) * 10) / 10;
  const liverT0 = uniform(rng, 12, 17);
  const liverPeak = uniform(rng, 55, 80);
  const liverTic = lognormalFromPeak({ t0: liverT0, timeToPeak: uniform(rng, 20, 30), peak: liverPeak, sigma: uniform(rng, 1.05, 1.2), baseline: liverBaseline });
  const lesionT0 = liverT0 - uniform(rng, 2, 5);
  const ew = covariates.earlyWashout;
  const lesionTtp = ew ? uniform(rng, 10, 13) : uniform(rng, 9, 12);
  const lesionSigma = ew ? uniform(rng, 0.75, 0.9) : uniform(rng, 1.3, 1.45);
  const lesionTic = lognormalFromPeak({ t0: lesionT0, timeToPeak: lesionTtp, peak: liverPeak * uniform(rng, 1.4, 1.7), sigma: lesionSigma, baseline: liverBaseline });
  const haloTic = lognormalFromPeak({ t0: liverT0 + 2, timeToPeak: 30, peak: liverPeak * 0.6, sigma: 1.1, baseline: liverBaseline });
  const vesselTic = lognormalFromPeak({ t0: lesionT0 - 1, timeToPeak: 8, peak: 130, sigma: 1.25, baseline: liverBaseline });
  const ceus = merge({ ...ceusTiming, injectionTimeS, lesionTic, liverTic, haloTic, vesselTic }, overrides.ceus, 'ceus');
  for (const k of ['lesionTic', 'liverTic', 'haloTic', 'vesselTic'] as const) assertLognormal(ceus[k], `simulateCase: ceus.${k}`);

  const id = overrides.id ?? `case-${typeof seed === 'number' ? String(seed).padStart(3, '0') : seed}`;
  if (typeof id !== 'string' || !/^[A-Za-z0-9._-]{1,40}$/.test(id)) fail('id', ' 1–40 characters of A–Z, a–z, 0–9, ".", "_" or "-"', id);
  return { id, covariates, label, probability: drawn.probability, lesion, capsuleDepthMm, vessels, motion, bmode, ceus, render };
}

function checkLesion(l: LesionParams, regionW: number, regionH: number, margin: number, hx: number, hy: number): void {
  if (!(l.radiusXMm > 0 && l.radiusYMm > 0 && Number.isFinite(l.radiusXMm) && Number.isFinite(l.radiusYMm))) fail('lesion.radiusXMm/radiusYMm', 'finite numbers > 0', [l.radiusXMm, l.radiusYMm]);
  if (!Number.isFinite(l.angleDeg)) fail('lesion.angleDeg', 'a finite number', l.angleDeg);
  if (!(Number.isFinite(l.haloMm) && l.haloMm >= 0)) fail('lesion.haloMm', 'a number >= 0', l.haloMm);
  if (!['hypo', 'iso', 'hyper', 'mixed'].includes(l.echoPattern)) fail('lesion.echoPattern', "'hypo', 'iso', 'hyper' or 'mixed'", l.echoPattern);
  const eps = 1e-9;
  const inside = l.centreXMm - hx - margin >= -eps && l.centreXMm + hx + margin <= regionW + eps && l.centreDepthMm - hy - margin >= -eps && l.centreDepthMm + hy + margin <= regionH + eps;
  if (!inside) {
    throw new SonoriskError(
      'INVALID_ARGUMENT',
      `simulateCase: the lesion at (${l.centreXMm}, ${l.centreDepthMm}) mm with half-extents ${hx.toFixed(1)}×${hy.toFixed(1)} mm and ${margin.toFixed(1)} mm of motion leaves the ${regionW.toFixed(0)}×${regionH.toFixed(0)} mm field; move it or enlarge render.depthCm.`,
      { field: 'lesion' },
    );
  }
}
