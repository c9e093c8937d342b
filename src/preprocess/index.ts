/**
 * sonorisk/preprocess — DICOM cines, pixel codecs, colour, boxes, crop/resize/pad, clip tensors.
 * @module preprocess
 */
export { SONORISK_ERROR_CODES, SonoriskError, isSonoriskError, isSonoriskErrorCode } from '../errors.js';
export type { SonoriskErrorCode } from '../errors.js';
export type { Box, Cine, CineMeta, ClipTensor, Frame, Point, TimingSource, UltrasoundRegion } from './types.js';
export { cineFromFrames } from './cine/cine-from-frames.js';
export type { CineFromFramesOptions, FrameTiming } from './cine/cine-from-frames.js';
export { boxFromMillimetres, boxFromPoints, checkBox } from './roi/box.js';
export type { BoxBounds, BoxOptions, CheckedBox, MillimetreBox } from './roi/box.js';
export { scalePadPlan } from './roi/scale-pad-plan.js';
export type { OutputSize, ScalePadPlan } from './roi/scale-pad-plan.js';
export { grayWeights } from './roi/gray.js';
export type { GrayConversion } from './roi/gray.js';
export { resizeArea, resizeBilinear } from './roi/resample.js';
export type { PlaneTarget } from './roi/resample.js';
export { cropResizePad } from './roi/crop-resize-pad.js';
export type { CropResizePadOptions, ResizeMode } from './roi/crop-resize-pad.js';
export { CLIP_DECODE_CONCURRENCY, MAX_CLIP_ELEMENTS, buildClip } from './roi/build-clip.js';
export type { BuildClipOptions, ClipNormalization } from './roi/build-clip.js';
export { openDicomCine, DICOM_LIMITS } from './dicom/open-dicom-cine.js';
export type { EncodedFrameSource, OpenDicomCineOptions } from './dicom/open-dicom-cine.js';
export { toRandomAccessSource } from './dicom/random-access-source.js';
export type { DicomSource, RandomAccessSource } from './dicom/random-access-source.js';
export { registerCodec } from './codecs/codec-registry.js';
export type { CodecInput, CodecOutput, PixelDecoder } from './codecs/codec-registry.js';
export { TRANSFER_SYNTAX } from './dicom/transfer-syntax.js';
export { configureCodecs } from './codecs/emscripten-codec.js';
export type { CodecConfig } from './codecs/emscripten-codec.js';
export type { IntensityChannel } from './roi/region-values.js';
export { keepConfident, trackBox } from './tracking/track-box.js';
export type { TrackBoxOptions, TrackedBoxes } from './tracking/track-box.js';
export { splitDualDisplay } from './tracking/split-dual-display.js';
export type { DualDisplay, DualDisplayLayout, SplitDualDisplayOptions } from './tracking/split-dual-display.js';
export { trackRoi } from './tracking/track-roi.js';
export type { TrackRoiOptions, TrackedRoi } from './tracking/track-roi.js';
