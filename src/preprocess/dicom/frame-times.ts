/**
 * Frame start times (seconds from the first frame) from DICOM timing attributes, in order of
 * precedence. Internal to sonorisk.
 * @module
 */
import { type DicomDataset, getNumber, getNumbers } from './dicom-dataset.js';
import type { TimingSource } from '../types.js';
import { TAG } from './tags.js';


/** Result of {@link frameTimesFrom}. */
export interface FrameTimesResult {
  frameTimes: Float64Array;
  timingSource: TimingSource;
  warnings: string[];
}

function fromIncrementsMs(v: number[], n: number): Float64Array {
  // Frame Time Vector holds increments between frames (ms); the first frame's is 0 by definition.
  const t = new Float64Array(n);
  let ms = 0;
  for (let i = 1; i < n; i++) {
    ms += v[i]!;
    t[i] = ms / 1000;
  }
  return t;
}

function uniform(stepSeconds: number, n: number): Float64Array {
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = i * stepSeconds;
  return t;
}

const okVector = (v: number[], n: number) => v.length === n && v.every((x, i) => Number.isFinite(x) && (i === 0 ? x >= 0 : x > 0));
const okScalar = (x: number | undefined): x is number => x !== undefined && Number.isFinite(x) && x > 0;

/**
 * Frame times from, in order: Frame Time Vector, Frame Time, the Frame Increment Pointer's target
 * (when it points elsewhere), Cine Rate, Recommended Display Frame Rate, Actual Frame Duration.
 */
export function frameTimesFrom(ds: DicomDataset, n: number): FrameTimesResult {
  const warnings: string[] = [];
  const ftv = getNumbers(ds, TAG.FrameTimeVector, 'DS');
  if (ftv.length > 0) {
    if (okVector(ftv, n)) return { frameTimes: fromIncrementsMs(ftv, n), timingSource: 'FrameTimeVector', warnings };
    warnings.push(`Frame Time Vector (0018,1065) has ${ftv.length} values for ${n} frames or non-positive increments; ignored.`);
  }
  const ft = getNumber(ds, TAG.FrameTime, 'DS');
  if (ft !== undefined) {
    if (okScalar(ft)) return { frameTimes: uniform(ft / 1000, n), timingSource: 'FrameTime', warnings };
    warnings.push(`Frame Time (0018,1063) = ${ft} is not positive; ignored.`);
  }
  for (const target of getNumbers(ds, TAG.FrameIncrementPointer, 'AT')) {
    if (target === TAG.FrameTime || target === TAG.FrameTimeVector) continue;
    const v = getNumbers(ds, target);
    if (okVector(v, n) && n > 1) return { frameTimes: fromIncrementsMs(v, n), timingSource: 'FrameIncrementPointer', warnings };
    if (v.length === 1 && okScalar(v[0])) return { frameTimes: uniform(v[0] / 1000, n), timingSource: 'FrameIncrementPointer', warnings };
  }
  const rates: [number, TimingSource][] = [
    [TAG.CineRate, 'CineRate'],
    [TAG.RecommendedDisplayFrameRate, 'RecommendedDisplayFrameRate'],
  ];
  for (const [tag, source] of rates) {
    const fps = getNumber(ds, tag, 'IS');
    if (okScalar(fps)) return { frameTimes: uniform(1 / fps, n), timingSource: source, warnings };
  }
  const afd = getNumber(ds, TAG.ActualFrameDuration, 'IS');
  if (okScalar(afd)) return { frameTimes: uniform(afd / 1000, n), timingSource: 'ActualFrameDuration', warnings };
  return { frameTimes: new Float64Array(0), timingSource: 'none', warnings };
}
