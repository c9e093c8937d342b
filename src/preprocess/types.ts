/**
 * Core data types shared by every stage: frames, cines, boxes and clip tensors.
 * @module
 */

/**
 * One decoded image. Pixels are interleaved (`channels` samples per pixel, row-major, origin
 * top-left); colour frames are RGB after any colour-space conversion.
 *
 * @example
 * ```ts
 * const f: Frame = { width: 2, height: 1, channels: 1, data: new Uint8Array([0, 255]) };
 * ```
 */
export interface Frame {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Uint8Array | Uint16Array;
  /**
   * True for signed (two's complement) 16-bit data: `data` then holds the bit patterns; read the
   * values with `new Int16Array(data.buffer, data.byteOffset, data.length)`.
   */
  signed?: boolean;
}

/** Where a cine's frame times came from. `none` means the source gave no timing at all. */
export type TimingSource =
  | 'FrameTimeVector'
  | 'FrameTime'
  | 'FrameIncrementPointer'
  | 'CineRate'
  | 'RecommendedDisplayFrameRate'
  | 'ActualFrameDuration'
  | 'caller'
  | 'none';

/**
 * One region of the DICOM Sequence of Ultrasound Regions (0018,6011), bounds clamped to the image.
 * `physicalDeltaX/Y` are in the units given by `physicalUnitsX/Y` (3 = cm, as DICOM codes them);
 * `spacingMm` is filled when the units are centimetres.
 */
export interface UltrasoundRegion {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  spatialFormat: number;
  dataType: number;
  physicalUnitsX: number;
  physicalUnitsY: number;
  physicalDeltaX: number;
  physicalDeltaY: number;
  /** Pixel spacing in mm (x, y) when the region's units are cm; otherwise undefined. */
  spacingMm?: { x: number; y: number };
}

/**
 * What is known about a cine besides its pixels. Sources that are not DICOM fill what they can.
 * No patient-identifying value is present unless the caller opted in when opening.
 */
export interface CineMeta {
  /** Where the frames came from, e.g. 'dicom' or 'frames'. */
  source: string;
  modality?: string;
  manufacturer?: string;
  manufacturerModelName?: string;
  transferSyntaxUid?: string;
  photometricInterpretation?: string;
  bitsAllocated?: number;
  bitsStored?: number;
  samplesPerPixel?: number;
  timingSource: TimingSource;
  /** Ultrasound regions (0018,6011), clamped to the image. */
  regions: UltrasoundRegion[];
  /** Pixel spacing in mm from the first 2D tissue region, when known. */
  pixelSpacingMm?: { x: number; y: number };
  /** Non-fatal problems found while opening (stale regions, clamped values...). */
  warnings: string[];
  /** Patient-identifying attributes, only when the caller asked for them. */
  identifying?: Record<string, string>;
  /** Other source-specific values. */
  extra?: Record<string, unknown>;
}

/**
 * A cine loop: size, timing and lazily decoded frames. `frame(i)` decodes only frame `i`.
 *
 * @example
 * ```ts
 * const cine = await openDicomCine(bytes);
 * const first = await cine.frame(0);
 * console.log(cine.frameCount, cine.frameTimes[cine.frameCount - 1]);
 * ```
 */
export interface Cine {
  readonly width: number;
  readonly height: number;
  readonly frameCount: number;
  /** Start time of each frame in seconds from the first frame; empty when the source gives no timing. */
  readonly frameTimes: Float64Array;
  readonly meta: CineMeta;
  frame(index: number): Promise<Frame>;
  /**
   * Optional hint that these frames will be read next, so a remote source (DICOMweb) can fetch
   * them in a few batched requests instead of one per frame. `buildClip` calls it when present.
   */
  prefetch?(indices: readonly number[]): Promise<void>;
}

/** A point in pixel coordinates (origin top-left, integers address pixel centres). */
export interface Point {
  x: number;
  y: number;
}

/** A half-open pixel box: columns x0..x1-1 and rows y0..y1-1. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * A model input: Float32 data in NCDHW order (batch 1, channels, time, height, width).
 *
 * @example
 * ```ts
 * const clip: ClipTensor = { data: new Float32Array(1 * 1 * 16 * 112 * 112), shape: [1, 1, 16, 112, 112] };
 * ```
 */
export interface ClipTensor {
  data: Float32Array;
  shape: [number, number, number, number, number];
}
