import { SonoriskError } from '../../errors.js';
import { checkWindow } from './phase-windows.js';
import type { FrameStrategy, PhaseWindow } from '../types.js';

/** Options for {@link selectFrames}. */
export interface SelectFramesOptions {
  /**
   * Time of the contrast injection on the clip's time axis, in seconds from the first frame
   * (default 0). Negative when the recording began after the injection: `-5` means frame 0 was
   * recorded 5 s after injection. Frame times alone cannot show the contrast: to estimate it from
   * the contrast arrival use `estimateInjection` (or `clipForSpec` with `injectionTime: 'auto'`).
   */
  injectionTime?: number;
  /** T, the number of frames to return: required for `uniform`; for `stride`, the first T strided frames. */
  count?: number;
  /** `uniform` (default): T frames evenly spaced in time; `all`: every frame in the window; `stride`: every `stride`-th. */
  strategy?: FrameStrategy;
  /** Step in frames for `stride` (default 1). */
  stride?: number;
  /** Accept a window the clip covers only in part (the coverage is reported in warnings). Default false. */
  allowPartial?: boolean;
  /** `uniform` with fewer frames in the window than T: repeat frames instead of `TOO_FEW_FRAMES`. Default false. */
  allowRepeats?: boolean;
  /** A step between consecutive frames longer than this (s) is a gap (paused recording). Default max(1 s, 4 × median frame interval). */
  maxGap?: number;
  /** Seconds of the window the clip may miss and still count as covering it. Default one median frame interval. */
  tolerance?: number;
}

/** A pause in the recording: consecutive frames further apart than `maxGap`. */
export interface TimingGap {
  /** Index of the frame before the gap. */
  afterIndex: number;
  /** Clip times (s from the first frame) of the frames on each side. */
  from: number;
  to: number;
  duration: number;
}

/** Everything {@link selectFrames} found out. */
export interface FrameSelection {
  /** The injection time used, seconds from the first frame. */
  injectionTime: number;
  /** Selected frame indices, in time order. */
  indices: number[];
  /** Their times in seconds after injection. */
  times: number[];
  window: PhaseWindow;
  /** Part of the window the clip covers, seconds after injection (NaN when none). */
  coveredStart: number;
  coveredEnd: number;
  /** Covered fraction of the window (1 for windows that mean "the whole clip"). */
  coverage: number;
  /** Seconds of the window not recorded (outside the clip or inside gaps). */
  missingSeconds: number;
  /** Median interval between frames (s); 0 for one frame. */
  frameInterval: number;
  /** Number of frames inside the window. */
  framesInWindow: number;
  gaps: TimingGap[];
  warnings: string[];
}

const MAX_COUNT = 100_000;

/**
 * Selects frames in a window `[start, end]` (seconds after injection, inclusive) of a clip whose
 * frames start at `frameTimes` (seconds from the first frame, strictly increasing).
 *
 * - Frame i is at `frameTimes[i] − injectionTime` after injection and lasts one median interval.
 * - Coverage: the clip spans `[first, last + interval]`; gaps longer than `maxGap` are not
 *   recorded. If more than `tolerance` seconds of the window are missing → `PHASE_NOT_COVERED`
 *   (message and `details.coverage` give the fraction) unless `allowPartial`; no frame in the
 *   window at all is always `PHASE_NOT_COVERED`. Gaps inside the window are reported as warnings.
 * - `uniform`: T target times `linspace(a, b, T)` where a and b are the first and last frame times
 *   in the window (T = 1 → a); each target takes the nearest frame, ties to the earlier frame, and
 *   never a frame already used (each pick stays between the previous pick and the frames the later
 *   targets still need), so indices strictly increase. Fewer frames than T → `TOO_FEW_FRAMES`
 *   unless `allowRepeats` (then nearest frames repeat, with a warning).
 * - `all`: every frame in the window. `stride`: frames 0, s, 2s… of the window (first `count` if given).
 * - Empty `frameTimes` → `NO_TIMING`.
 *
 * @example
 * ```ts
 * const sel = selectFrames(Float64Array.from({ length: 1800 }, (_, i) => i / 15), PHASES.portal, { injectionTime: 0, count: 32 });
 * sel.indices.length; // 32
 * sel.coverage; // 1 — the 120 s clip covers 46–120 s
 * const clip = await buildClip(cine, { box, frameIndices: sel.indices, size: 112, channels: 1 });
 * ```
 */
export function selectFrames(frameTimes: ArrayLike<number>, window: PhaseWindow, options: SelectFramesOptions = {}): FrameSelection {
  const t = checkTimes(frameTimes);
  checkWindow(window);
  const o = checkOptions(options);
  const n = t.length;
  const rel = Float64Array.from(t, (v) => v - o.injectionTime);
  const dt = medianInterval(rel);
  const maxGap = o.maxGap ?? Math.max(1, 4 * dt);
  const tolerance = o.tolerance ?? dt;
  const spanStart = rel[0]!;
  const spanEnd = rel[n - 1]! + dt;
  const ws = window.start === Number.NEGATIVE_INFINITY ? spanStart : window.start;
  const we = window.end === Number.POSITIVE_INFINITY ? spanEnd : window.end;
  const length = Math.max(0, we - ws);
  const coveredStart = Math.max(ws, spanStart);
  const coveredEnd = Math.min(we, spanEnd);
  let covered = Math.max(0, coveredEnd - coveredStart);
  const gaps: TimingGap[] = [];
  const warnings: string[] = [];
  for (let i = 0; i + 1 < n; i++) {
    const d = rel[i + 1]! - rel[i]!;
    if (d <= maxGap) continue;
    gaps.push({ afterIndex: i, from: t[i]!, to: t[i + 1]!, duration: d });
    const lost = Math.max(0, Math.min(we, rel[i + 1]!) - Math.max(ws, rel[i]! + dt));
    if (lost > 0) {
      covered -= lost;
      warnings.push(`Recording gap of ${d.toFixed(2)} s after frame ${i} (${fmtRel(rel[i]!)} to ${fmtRel(rel[i + 1]!)} after injection) lies inside window '${window.name}'.`);
    }
  }
  const inWindow = framesInWindow(rel, window, 0);
  const coverage = length > 0 ? Math.max(0, covered) / length : inWindow.length > 0 ? 1 : 0;
  const missingSeconds = Math.max(0, length - Math.max(0, covered));
  const base = { window, coverage, missingSeconds, clipStart: spanStart, clipEnd: spanEnd, injectionTime: o.injectionTime };
  const span = `the clip covers ${fmtRel(spanStart)} to ${fmtRel(spanEnd)} after injection`;
  if (inWindow.length === 0) {
    throw new SonoriskError(
      'PHASE_NOT_COVERED',
      `No frame lies in window '${window.name}' [${window.start}, ${window.end}] s after injection: ${span} (injectionTime ${o.injectionTime} s). Check the injection time, or use a longer recording.`,
      base,
    );
  }
  if (missingSeconds > tolerance) {
    const msg = `Window '${window.name}' [${window.start}, ${window.end}] s is only ${(coverage * 100).toFixed(1)}% covered (${missingSeconds.toFixed(2)} s missing): ${span}${gaps.length ? `, with ${gaps.length} gap(s)` : ''}.`;
    if (!o.allowPartial) throw new SonoriskError('PHASE_NOT_COVERED', `${msg} Pass allowPartial: true to use the covered part.`, base);
    warnings.push(msg);
  }
  let picks: number[];
  if (o.strategy === 'all') {
    picks = inWindow;
  } else if (o.strategy === 'stride') {
    picks = inWindow.filter((_, k) => k % o.stride === 0);
    if (o.count !== undefined) {
      if (picks.length < o.count) {
        throw new SonoriskError('TOO_FEW_FRAMES', `Window '${window.name}' has ${picks.length} frames at stride ${o.stride}, fewer than count ${o.count}. Lower the stride or the count.`, { available: picks.length, count: o.count });
      }
      picks = picks.slice(0, o.count);
    }
  } else {
    picks = uniformPicks(rel, inWindow, o.count!, o.allowRepeats, window.name, warnings);
  }
  return {
    injectionTime: o.injectionTime,
    indices: picks,
    times: picks.map((i) => rel[i]!),
    window,
    coveredStart: coveredEnd > coveredStart ? coveredStart : Number.NaN,
    coveredEnd: coveredEnd > coveredStart ? coveredEnd : Number.NaN,
    coverage,
    missingSeconds,
    frameInterval: dt,
    framesInWindow: inWindow.length,
    gaps,
    warnings,
  };
}

/**
 * Indices of the frames whose start time, `frameTimes[i] − injectionTime`, lies in `window`
 * (inclusive). Unchecked: callers validate the times and the window.
 */
function framesInWindow(frameTimes: ArrayLike<number>, window: PhaseWindow, injectionTime: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < frameTimes.length; i++) {
    const rel = frameTimes[i]! - injectionTime;
    if (rel >= window.start && rel <= window.end) out.push(i);
  }
  return out;
}

function uniformPicks(rel: Float64Array, inWindow: number[], T: number, allowRepeats: boolean, name: string, warnings: string[]): number[] {
  const m = inWindow.length;
  if (m < T && !allowRepeats) {
    throw new SonoriskError(
      'TOO_FEW_FRAMES',
      `Window '${name}' holds ${m} frame(s) but ${T} were requested. Lower the count, pass allowRepeats: true to repeat frames, or use a clip with a higher frame rate.`,
      { available: m, count: T },
    );
  }
  if (m < T) warnings.push(`Window '${name}' holds ${m} frame(s) for ${T} requested; frames are repeated.`);
  const a = rel[inWindow[0]!]!;
  const b = rel[inWindow[m - 1]!]!;
  const picks: number[] = [];
  let lo = 0;
  for (let k = 0; k < T; k++) {
    const target = T === 1 ? a : a + (k * (b - a)) / (T - 1);
    const hi = m >= T ? m - (T - k) : m - 1; // leave one frame for each later target
    const p = nearest(rel, inWindow, target, m >= T ? lo : 0, hi);
    picks.push(inWindow[p]!);
    lo = p + 1;
  }
  return picks;
}

/** Position in `inWindow[lo..hi]` whose time is nearest `target` (ties → earlier). */
function nearest(rel: Float64Array, inWindow: number[], target: number, lo: number, hi: number): number {
  let l = lo;
  let h = hi;
  while (l < h) {
    const mid = (l + h) >>> 1;
    if (rel[inWindow[mid]!]! < target) l = mid + 1;
    else h = mid;
  }
  // l = first position with time ≥ target (or hi); compare with the one before
  if (l > lo) {
    const before = target - rel[inWindow[l - 1]!]!;
    const after = rel[inWindow[l]!]! - target;
    if (before <= after + 1e-9 * Math.max(1, Math.abs(target))) return l - 1;
  }
  return l;
}

function checkTimes(frameTimes: ArrayLike<number>): ArrayLike<number> {
  if (frameTimes == null || typeof frameTimes.length !== 'number') {
    throw new SonoriskError('INVALID_ARGUMENT', 'frameTimes must be an array of frame start times in seconds (cine.frameTimes).');
  }
  if (frameTimes.length === 0) {
    throw new SonoriskError(
      'NO_TIMING',
      'The cine has no frame timing, so phase windows cannot be located. Give it a frame rate: cineFromFrames((i) => cine.frame(i), { fps: 15 }, { frameCount: cine.frameCount, width: cine.width, height: cine.height }), or pass explicit frame times.',
    );
  }
  for (let i = 0; i < frameTimes.length; i++) {
    const v = frameTimes[i]!;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new SonoriskError('NON_FINITE', `frameTimes[${i}] is not a finite number.`, { index: i });
    if (i > 0 && v <= frameTimes[i - 1]!) {
      throw new SonoriskError('INVALID_ARGUMENT', `frameTimes must strictly increase; frameTimes[${i}] = ${v} ≤ frameTimes[${i - 1}] = ${frameTimes[i - 1]}.`, { index: i });
    }
  }
  return frameTimes;
}

interface CheckedOptions {
  injectionTime: number;
  count: number | undefined;
  strategy: FrameStrategy;
  stride: number;
  allowPartial: boolean;
  allowRepeats: boolean;
  maxGap: number | undefined;
  tolerance: number | undefined;
}

function checkOptions(options: SelectFramesOptions): CheckedOptions {
  if (typeof options !== 'object' || options === null) throw new SonoriskError('INVALID_ARGUMENT', 'selectFrames: options must be an object.');
  const { count, strategy = 'uniform', stride = 1, allowPartial = false, allowRepeats = false, maxGap, tolerance } = options;
  const { injectionTime = 0 } = options;
  if (typeof injectionTime !== 'number' || !Number.isFinite(injectionTime)) {
    throw new SonoriskError('INVALID_ARGUMENT', `injectionTime must be a finite number of seconds from the first frame, got ${String(injectionTime)}.`);
  }
  if (strategy !== 'uniform' && strategy !== 'all' && strategy !== 'stride') {
    throw new SonoriskError('INVALID_ARGUMENT', `strategy must be 'uniform', 'all' or 'stride', got ${JSON.stringify(strategy)}.`);
  }
  if (count !== undefined && !(Number.isInteger(count) && count > 0 && count <= MAX_COUNT)) {
    throw new SonoriskError('INVALID_ARGUMENT', `count must be an integer in 1..${MAX_COUNT}, got ${String(count)}.`);
  }
  if (strategy === 'uniform' && count === undefined) {
    throw new SonoriskError('INVALID_ARGUMENT', "strategy 'uniform' needs count (T, the number of frames the model takes).");
  }
  if (!(Number.isInteger(stride) && stride > 0)) throw new SonoriskError('INVALID_ARGUMENT', `stride must be a positive integer, got ${String(stride)}.`);
  for (const [k, v] of [['maxGap', maxGap], ['tolerance', tolerance]] as const) {
    if (v !== undefined && !(typeof v === 'number' && v >= 0 && !Number.isNaN(v))) {
      throw new SonoriskError('INVALID_ARGUMENT', `${k} must be a non-negative number of seconds, got ${String(v)}.`);
    }
  }
  return { injectionTime, count, strategy, stride, allowPartial, allowRepeats, maxGap, tolerance };
}

function medianInterval(rel: Float64Array): number {
  if (rel.length < 2) return 0;
  const d = new Float64Array(rel.length - 1);
  for (let i = 0; i + 1 < rel.length; i++) d[i] = rel[i + 1]! - rel[i]!;
  d.sort();
  const m = d.length >> 1;
  return d.length % 2 ? d[m]! : (d[m - 1]! + d[m]!) / 2;
}

function fmtRel(s: number): string {
  return `${s.toFixed(2)} s`;
}
