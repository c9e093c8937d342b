/**
 * sonorisk/phases — CEUS phase windows, frame selection, time-intensity curves.
 * @module phases
 */
export type { ClipSpec, FrameStrategy, Normalization, PhaseWindow } from './types.js';
export { LIRADS_PHASES, PHASES, checkWindow, phaseWindow } from './phase-windows.js';
export { selectFrames, selectFramesDetailed } from './select-frames.js';
export type { FrameSelection, SelectFramesOptions, TimingGap } from './select-frames.js';
export { clipForSpec } from './clip-for-spec.js';
export type { ClipForSpecOptions, SpecClip } from './clip-for-spec.js';
