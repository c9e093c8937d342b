import { SonoriskError } from '../../errors.js';

/**
 * How RGB becomes one channel: a named standard or explicit `[r, g, b]` weights.
 * `'bt601'` (default) is ITU-R BT.601 luma `0.299 R + 0.587 G + 0.114 B`; `'bt709'` is
 * `0.2126 R + 0.7152 G + 0.0722 B`; `'mean'` is `(R + G + B) / 3`.
 */
export type GrayConversion = 'bt601' | 'bt709' | 'mean' | readonly [number, number, number];

/**
 * Resolves a {@link GrayConversion} to `[r, g, b]` weights.
 *
 * @example
 * ```ts
 * grayWeights('bt601'); // [0.299, 0.587, 0.114]
 * ```
 */
export function grayWeights(gray: GrayConversion = 'bt601'): [number, number, number] {
  if (gray === 'bt601') return [0.299, 0.587, 0.114];
  if (gray === 'bt709') return [0.2126, 0.7152, 0.0722];
  if (gray === 'mean') return [1 / 3, 1 / 3, 1 / 3];
  if (Array.isArray(gray) && gray.length === 3 && gray.every((w) => typeof w === 'number' && Number.isFinite(w))) {
    return [gray[0], gray[1], gray[2]] as [number, number, number];
  }
  throw new SonoriskError('INVALID_ARGUMENT', `gray must be 'bt601', 'bt709', 'mean' or [r, g, b] finite weights, got ${JSON.stringify(gray)}.`);
}
