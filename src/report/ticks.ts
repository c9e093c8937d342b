/**
 * "Nice" axis ticks: steps of 1, 2 or 5 × 10^k, as d3-array's `ticks` chooses them.
 * @module
 */
import { SonoriskError } from '../errors.js';

/** The result of {@link niceTicks}. */
export interface NiceTicks {
  /** Tick values, ascending, inside `[lo, hi]`. */
  ticks: number[];
  /** Distance between ticks. */
  step: number;
  /** Decimal places that print every tick exactly. */
  decimals: number;
}

/**
 * The 1-2-5 step for a span cut into about `count` intervals.
 *
 * @example
 * ```ts
 * niceStep(1, 5); // 0.2
 * ```
 */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  const factor = error >= 7.5 ? 10 : error >= 3.5 ? 5 : error >= 1.5 ? 2 : 1;
  return factor * power;
}

function decimalsOf(step: number): number {
  return Math.max(0, Math.min(10, -Math.floor(Math.log10(step) + 1e-9)));
}

/**
 * About `count` evenly spaced round tick values inside `[lo, hi]` (steps 1, 2, 5 × 10^k), with the
 * number of decimals that prints them exactly. Values are rounded to that many decimals, so
 * ticks are `0.1, 0.2, 0.3`, never `0.30000000000000004`.
 *
 * @example
 * ```ts
 * niceTicks(0, 1, 5).ticks;     // [0, 0.2, 0.4, 0.6, 0.8, 1]
 * niceTicks(-0.05, 0.3).ticks;  // [-0.05, 0, 0.05, ..., 0.3]
 * ```
 */
export function niceTicks(lo: number, hi: number, count = 5): NiceTicks {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(hi > lo)) {
    throw new SonoriskError('INVALID_ARGUMENT', `An axis needs finite bounds with lo < hi; got [${String(lo)}, ${String(hi)}].`, { lo, hi });
  }
  if (!Number.isInteger(count) || count < 1 || count > 50) {
    throw new SonoriskError('INVALID_ARGUMENT', `Tick count must be an integer from 1 to 50, got ${String(count)}.`, { count });
  }
  const step = niceStep(hi - lo, count);
  const decimals = decimalsOf(step);
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) {
    const v = Number((i * step).toFixed(decimals));
    ticks.push(Object.is(v, -0) ? 0 : v);
  }
  return { ticks, step, decimals };
}

/**
 * Widens `[lo, hi]` outwards to multiples of the nice step, so the axis starts and ends on a tick.
 *
 * @example
 * ```ts
 * niceDomain(0.013, 0.287, 5); // [0, 0.3]
 * ```
 */
export function niceDomain(lo: number, hi: number, count = 5): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo) {
    throw new SonoriskError('INVALID_ARGUMENT', `An axis needs finite bounds with lo <= hi; got [${String(lo)}, ${String(hi)}].`, { lo, hi });
  }
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const step = niceStep(hi - lo, count);
  const decimals = decimalsOf(step);
  const a = Number((Math.floor(lo / step + 1e-9) * step).toFixed(decimals));
  const b = Number((Math.ceil(hi / step - 1e-9) * step).toFixed(decimals));
  return [Object.is(a, -0) ? 0 : a, b];
}
