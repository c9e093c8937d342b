import { SonoriskError } from '../errors.js';

/**
 * Probe–tissue motion: sinusoidal breathing along one direction plus a slow linear probe drift.
 * displacement(t) = a·sin(2πt/T + φ)·(cos θ, sin θ) + v·t   (mm; x right, y down; t in s from the first frame).
 */
export interface MotionParams {
  /** Breathing amplitude a, mm (0 = none). */
  breathingAmplitudeMm: number;
  /** Breathing period T, s. */
  breathingPeriodS: number;
  /** Direction θ of the breathing motion in the image, degrees (0 = x, 90 = down). */
  breathingAngleDeg: number;
  /** Phase φ at t = 0, radians. */
  breathingPhase: number;
  /** Drift velocity v, mm/s. */
  driftXMmPerS: number;
  driftYMmPerS: number;
}

/**
 * Tissue displacement in mm at time `t` (s from the first frame of a recording); the tissue seen at
 * image position p was at p − displacement(t) at rest.
 *
 * @example
 * ```ts
 * const m = { breathingAmplitudeMm: 4, breathingPeriodS: 4, breathingAngleDeg: 0, breathingPhase: 0, driftXMmPerS: 0, driftYMmPerS: 0.02 };
 * motionAt(m, 1); // { x: 4, y: 0.02 }
 * ```
 */
export function motionAt(m: MotionParams, t: number): { x: number; y: number } {
  assertMotion(m, 'motionAt');
  if (!Number.isFinite(t)) throw new SonoriskError('INVALID_ARGUMENT', `motionAt: t must be finite, got ${String(t)}.`);
  const s = m.breathingAmplitudeMm * Math.sin((2 * Math.PI * t) / m.breathingPeriodS + m.breathingPhase);
  const th = (m.breathingAngleDeg * Math.PI) / 180;
  return { x: s * Math.cos(th) + m.driftXMmPerS * t, y: s * Math.sin(th) + m.driftYMmPerS * t };
}

/** Largest displacement (mm, Euclidean bound) over [0, duration] seconds. */
export function maxDisplacementMm(m: MotionParams, durationS: number): number {
  return Math.abs(m.breathingAmplitudeMm) + Math.hypot(m.driftXMmPerS, m.driftYMmPerS) * durationS;
}

/** Validates motion parameters (throws {@link SonoriskError} `INVALID_ARGUMENT`). */
export function assertMotion(m: MotionParams, where: string): void {
  const ok =
    m !== null &&
    typeof m === 'object' &&
    Number.isFinite(m.breathingAmplitudeMm) &&
    m.breathingAmplitudeMm >= 0 &&
    Number.isFinite(m.breathingPeriodS) &&
    m.breathingPeriodS > 0 &&
    Number.isFinite(m.breathingAngleDeg) &&
    Number.isFinite(m.breathingPhase) &&
    Number.isFinite(m.driftXMmPerS) &&
    Number.isFinite(m.driftYMmPerS);
  if (!ok) {
    throw new SonoriskError('INVALID_ARGUMENT', `${where}: motion needs breathingAmplitudeMm >= 0, breathingPeriodS > 0 and finite angle, phase and drift, got ${JSON.stringify(m)}.`);
  }
}
