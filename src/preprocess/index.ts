/**
 * sonorisk/preprocess — DICOM cines, pixel codecs, colour, boxes, crop/resize/pad, clip tensors.
 * @module preprocess
 */
export type { Box, Cine, CineMeta, ClipTensor, Frame, Point, TimingSource, UltrasoundRegion } from './types.js';
export { cineFromFrames } from './cine-from-frames.js';
export type { CineFromFramesOptions, FrameTiming } from './cine-from-frames.js';
export { roundHalfEven } from './round-half-even.js';
export { boxFromMillimetres, boxFromPoints, checkBox } from './box.js';
export type { BoxBounds, BoxOptions, CheckedBox, MillimetreBox } from './box.js';
export { MAX_OUTPUT_SIDE, parseSize, scalePadPlan } from './scale-pad-plan.js';
export type { OutputSize, ScalePadPlan } from './scale-pad-plan.js';
export { grayWeights } from './gray.js';
export type { GrayConversion } from './gray.js';
export { resizeArea, resizeBilinear } from './resample.js';
export type { PlaneTarget } from './resample.js';
export { cropResizePad } from './crop-resize-pad.js';
export type { CropResizePadOptions, ResizeMode } from './crop-resize-pad.js';
export { MAX_CLIP_ELEMENTS, buildClip } from './build-clip.js';
export type { BuildClipOptions, ClipNormalization } from './build-clip.js';
export { openDicomCine, DICOM_LIMITS } from './open-dicom-cine.js';
export type { EncodedFrameSource, OpenDicomCineOptions } from './open-dicom-cine.js';
export { toRandomAccessSource } from './random-access-source.js';
export type { DicomSource, RandomAccessSource } from './random-access-source.js';
export { registerCodec } from './codec-registry.js';
export type { CodecInput, CodecOutput, PixelDecoder } from './codec-registry.js';
export { TRANSFER_SYNTAX } from './transfer-syntax.js';
export { configureCodecs } from './emscripten-codec.js';
export type { CodecConfig } from './emscripten-codec.js';
export { assertBoxInside, assertChannel, regionValues } from './region-values.js';
export type { IntensityChannel } from './region-values.js';
export { assertCine, frameIndices, frameOfSize } from './cine-checks.js';
export { keepConfident, trackBox } from './track-box.js';
export type { TrackBoxOptions, TrackedBoxes } from './track-box.js';
export { splitDualDisplay } from './split-dual-display.js';
export type { DualDisplay, DualDisplayLayout, SplitDualDisplayOptions } from './split-dual-display.js';
export { trackRoi } from './track-roi.js';
export type { TrackRoiOptions, TrackedRoi } from './track-roi.js';
