/**
 * Number formatting as journals print it. Every function is deterministic (no locale, no
 * `toLocaleString`) so the same input always gives the same bytes.
 * @module
 */
import { SonoriskError } from '../errors.js';

/** Options for {@link formatNumber}. */
export interface FormatNumberOptions {
  /** Decimal places (0–10); default 2. */
  digits?: number;
  /** Text for a missing or non-finite value; default `'NA'`. */
  missing?: string;
}

function checkDigits(digits: number, name = 'digits'): void {
  if (!Number.isInteger(digits) || digits < 0 || digits > 10) {
    throw new SonoriskError('INVALID_ARGUMENT', `${name} must be an integer from 0 to 10, got ${String(digits)}.`, { [name]: digits });
  }
}

/**
 * Formats a number with a fixed number of decimals (`Number.prototype.toFixed`, i.e. rounding
 * the exact binary value), never printing `-0.00`. `null`, `undefined`, `NaN` and ±Infinity
 * print as `missing` (default `'NA'`).
 *
 * @example
 * ```ts
 * formatNumber(0.93456, { digits: 3 }); // '0.935'
 * formatNumber(-0.0001);                // '0.00'
 * formatNumber(Number.NaN);             // 'NA'
 * ```
 */
export function formatNumber(value: number | null | undefined, options: FormatNumberOptions = {}): string {
  const digits = options.digits ?? 2;
  checkDigits(digits);
  if (value === null || value === undefined || !Number.isFinite(value)) return options.missing ?? 'NA';
  const s = value.toFixed(digits);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** Options for {@link formatP}. */
export interface FormatPOptions {
  /** Decimal places above the floor; default 3. */
  digits?: number;
  /** Text for a missing P; default `'NA'`. */
  missing?: string;
}

/**
 * Formats a P value the way most clinical journals ask (AMA/NEJM style).
 *
 * Rule: P below 10^-digits (0.001 by default) prints as `<0.001`; a P that would round up to
 * 1 prints as `>0.999`; every other P prints with `digits` (3) decimals, e.g. `0.049`, `0.050`.
 * `null`/`undefined`/`NaN` print as `missing` (`'NA'`); a P outside [0, 1] is an error.
 *
 * @example
 * ```ts
 * formatP(0.0004); // '<0.001'
 * formatP(0.0123); // '0.012'
 * formatP(1);      // '>0.999'
 * ```
 */
export function formatP(p: number | null | undefined, options: FormatPOptions = {}): string {
  const digits = options.digits ?? 3;
  checkDigits(digits);
  if (digits === 0) throw new SonoriskError('INVALID_ARGUMENT', 'formatP needs at least 1 decimal place.', { digits });
  if (p === null || p === undefined || Number.isNaN(p)) return options.missing ?? 'NA';
  if (!(p >= 0 && p <= 1)) {
    throw new SonoriskError('INVALID_ARGUMENT', `A P value must lie in [0, 1], got ${String(p)}.`, { p });
  }
  const floor = 10 ** -digits;
  if (p < floor) return `<${floor.toFixed(digits)}`;
  const s = p.toFixed(digits);
  if (Number(s) >= 1) return `>${(1 - floor).toFixed(digits)}`;
  return s;
}

/** Options for {@link formatCI}. */
export interface FormatCIOptions {
  /** Decimal places; default 2. */
  digits?: number;
  /**
   * Separator between the bounds. Default: an en dash `'–'` when both bounds are ≥ 0, and
   * `' to '` when a bound is negative (so `-0.10 to 0.20` never reads as a range of minus signs).
   */
  separator?: string;
  /** Text for a missing bound; default `'NA'`. */
  missing?: string;
}

/**
 * Formats a confidence interval `lower–upper` with a stated precision.
 *
 * @example
 * ```ts
 * formatCI(0.8812, 0.9733, { digits: 2 });  // '0.88–0.97'
 * formatCI(-0.1, 0.2);                      // '-0.10 to 0.20'
 * ```
 */
export function formatCI(lower: number | null | undefined, upper: number | null | undefined, options: FormatCIOptions = {}): string {
  const o: FormatNumberOptions = { digits: options.digits ?? 2 };
  if (options.missing !== undefined) o.missing = options.missing;
  const lo = formatNumber(lower, o);
  const hi = formatNumber(upper, o);
  const negative = (lower ?? 0) < 0 || (upper ?? 0) < 0;
  const sep = options.separator ?? (negative ? ' to ' : '–');
  return `${lo}${sep}${hi}`;
}

/**
 * Formats an estimate with its confidence interval: `0.93 (0.88–0.97)`. Without bounds it
 * prints just the estimate.
 *
 * @example
 * ```ts
 * formatEstimateCI(0.931, [0.884, 0.972], { digits: 2 }); // '0.93 (0.88–0.97)'
 * ```
 */
export function formatEstimateCI(
  estimate: number | null | undefined,
  ci: readonly [number, number] | null | undefined,
  options: FormatCIOptions = {},
): string {
  const o: FormatNumberOptions = { digits: options.digits ?? 2 };
  if (options.missing !== undefined) o.missing = options.missing;
  const est = formatNumber(estimate, o);
  if (!ci) return est;
  return `${est} (${formatCI(ci[0], ci[1], options)})`;
}

/**
 * Formats a count with its percentage of a total: `12 (28.6)` — the journal form of
 * "n (%)". A zero total prints the count with `(NA)`.
 *
 * @example
 * ```ts
 * formatCountPercent(12, 42);              // '12 (28.6)'
 * formatCountPercent(3, 139, { digits: 0 }); // '3 (2)'
 * ```
 */
export function formatCountPercent(count: number, total: number, options: { digits?: number } = {}): string {
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(total) || total < 0 || count > total) {
    throw new SonoriskError('INVALID_ARGUMENT', `A count must be a whole number between 0 and its total; got ${String(count)} of ${String(total)}.`, { count, total });
  }
  const digits = options.digits ?? 1;
  return `${count} (${total === 0 ? 'NA' : formatNumber((100 * count) / total, { digits })})`;
}
