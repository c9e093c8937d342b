/**
 * sonorisk/phases — CEUS phase windows, frame selection, time-intensity curves.
 * @module phases
 */
export type { ClipSpec, FrameStrategy, Normalization, PhaseWindow } from './types.js';
