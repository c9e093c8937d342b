/**
 * The Okabe–Ito colour-blind-safe palette, ordered for lines on white (yellow last: it is the
 * weakest on a white background), and the dash patterns that give each series a second,
 * colour-independent cue.
 *
 * @example
 * ```ts
 * OKABE_ITO.blue; // '#0072B2'
 * SERIES_COLORS[0]; // '#0072B2'
 * ```
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/**
 * Series colours in the order figures assign them.
 *
 * @example
 * ```ts
 * SERIES_COLORS.slice(0, 2); // ['#0072B2', '#D55E00']
 * ```
 */
export const SERIES_COLORS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.orange,
  OKABE_ITO.skyBlue,
  OKABE_ITO.black,
  OKABE_ITO.yellow,
];

/**
 * SVG `stroke-dasharray` per series (empty = solid), cycled alongside the colours.
 *
 * @example
 * ```ts
 * SERIES_DASHES[1]; // '7 3'
 * ```
 */
export const SERIES_DASHES: readonly string[] = ['', '7 3', '2 2', '9 3 2 3', '4 4', '12 4', '1 3', '6 2 2 2'];

/**
 * Neutral grey for reference lines (chance diagonal, ideal calibration line, treat-all).
 *
 * @example
 * ```ts
 * `<path stroke="${REFERENCE_GREY}"/>`;
 * ```
 */
export const REFERENCE_GREY = '#6E6E6E';

/**
 * Colour and dash for the `i`-th series.
 *
 * @example
 * ```ts
 * seriesStyle(1); // { color: '#D55E00', dash: '7 3' }
 * ```
 */
export function seriesStyle(i: number): { color: string; dash: string } {
  return { color: SERIES_COLORS[i % SERIES_COLORS.length]!, dash: SERIES_DASHES[i % SERIES_DASHES.length]! };
}
