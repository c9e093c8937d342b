/**
 * Python's built-in `round(x)` for finite doubles: nearest integer, ties to even
 * ("banker's rounding"). `Math.round` rounds ties up, which would disagree with MONAI's
 * `int(round(s * scale))` on sizes such as 2.5 → 2.
 *
 * @example
 * ```ts
 * roundHalfEven(2.5); // 2
 * roundHalfEven(3.5); // 4
 * roundHalfEven(-0.5); // -0
 * ```
 */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const diff = x - f; // exact for |x| < 2^52
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}
