/**
 * sonorisk/phases — CEUS phase windows, frame selection, time-intensity curves, perfusion fits
 * and contrast-arrival detection.
 * @module phases
 */
export { SONORISK_ERROR_CODES, SonoriskError, isSonoriskError, isSonoriskErrorCode } from '../errors.js';
export type { SonoriskErrorCode } from '../errors.js';
export type { ClipSpec, FrameStrategy, IntensityCurve, PhaseWindow } from './types.js';
export { LIRADS_PHASES, PHASES, phaseWindow } from './windows/phase-windows.js';
export { selectFrames } from './windows/select-frames.js';
export type { FrameSelection, SelectFramesOptions, TimingGap } from './windows/select-frames.js';
export { clipForSpec, prefetchClipFrames } from './clip-for-spec.js';
export type { ClipForSpecOptions, ClipTracking, ClipTrackingReport, InjectionTimeInfo, PlannedClip, SpecClip } from './clip-for-spec.js';
export { estimateInjection } from './perfusion/estimate-injection.js';
export type { EstimateInjectionOptions } from './perfusion/estimate-injection.js';
export type { BolusFit, BolusFitOptions, FitQuality, PerfusionMetrics } from './perfusion/bolus-fit.js';
export { fitLognormal, lognormalCurve } from './perfusion/lognormal-fit.js';
export type { LognormalFit, LognormalParams } from './perfusion/lognormal-fit.js';
export { fitGammaVariate, gammaVariateCurve } from './perfusion/gamma-variate-fit.js';
export type { GammaVariateFit, GammaVariateParams } from './perfusion/gamma-variate-fit.js';
export { TYPICAL_ARM_TO_LIVER_DELAY, detectArrival } from './perfusion/detect-arrival.js';
export type { ArrivalEstimate, DetectArrivalOptions } from './perfusion/detect-arrival.js';
export { timeIntensityCurve } from './perfusion/time-intensity-curve.js';
export type { Linearization, TimeIntensityCurve, TimeIntensityOptions } from './perfusion/time-intensity-curve.js';
