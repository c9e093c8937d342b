import { SonoriskError } from '../errors.js';

/** A linear map from data values to pixels; `domain` and `range` are kept for axes. */
export interface LinearScale {
  (value: number): number;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
}

/**
 * A linear scale from `domain` (data units) to `range` (pixels). For a y axis pass the range
 * bottom-first (`[plotBottom, plotTop]`) so larger values go up.
 *
 * @example
 * ```ts
 * const x = linearScale([0, 1], [40, 440]);
 * x(0.5); // 240
 * ```
 */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (![d0, d1, r0, r1].every(Number.isFinite) || d0 === d1) {
    throw new SonoriskError('INVALID_ARGUMENT', `A scale needs a finite, non-empty domain and a finite range; got domain [${d0}, ${d1}], range [${r0}, ${r1}].`, { domain, range });
  }
  const k = (r1 - r0) / (d1 - d0);
  const f = ((v: number) => r0 + (v - d0) * k) as LinearScale;
  Object.defineProperty(f, 'domain', { value: [d0, d1] as const });
  Object.defineProperty(f, 'range', { value: [r0, r1] as const });
  return f;
}
