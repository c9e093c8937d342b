/**
 * sonorisk/preprocess — DICOM cines, pixel codecs, colour, boxes, crop/resize/pad, clip tensors.
 * @module preprocess
 */
export type { Box, Cine, CineMeta, ClipTensor, Frame, Point, TimingSource, UltrasoundRegion } from './types.js';
export { cineFromFrames } from './cine-from-frames.js';
export type { CineFromFramesOptions, FrameTiming } from './cine-from-frames.js';
export { openDicomCine, DICOM_LIMITS } from './open-dicom-cine.js';
export type { OpenDicomCineOptions } from './open-dicom-cine.js';
export { toRandomAccessSource } from './random-access-source.js';
export type { DicomSource, RandomAccessSource } from './random-access-source.js';
export { registerCodec } from './codec-registry.js';
export type { CodecInput, CodecOutput, PixelDecoder } from './codec-registry.js';
export { TRANSFER_SYNTAX } from './transfer-syntax.js';
export { assertBoxInside, assertChannel, regionValues } from './region-values.js';
export type { IntensityChannel } from './region-values.js';
export { assertCine, frameIndices, frameOfSize } from './cine-checks.js';
export { keepConfident, trackBox } from './track-box.js';
export type { TrackBoxOptions, TrackedBoxes } from './track-box.js';
export { splitDualDisplay } from './split-dual-display.js';
export type { DualDisplay, DualDisplayLayout, SplitDualDisplayOptions } from './split-dual-display.js';
