// MINSTD linear congruential generator, s <- (48271 * s) mod (2^31 - 1): products stay below 2^53, so R
// (scripts/fixtures/stats-roc.R) and JavaScript produce the same integers exactly. Used to regenerate the
// n = 100000 fixture data set on both sides instead of storing it.
export function lcgIntegers(seed: number, n: number): Float64Array {
  const out = new Float64Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (48271 * s) % 2147483647;
    out[i] = s;
  }
  return out;
}

/** The fixture's big data set: labels, integer scores with many ties, and a correlated continuous score. */
export function bigDataset(seed: number, n: number): { y: Uint8Array; a: Float64Array; b: Float64Array } {
  const u = lcgIntegers(seed, 3 * n);
  const y = new Uint8Array(n);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const yi = u[3 * i]! / 2147483647 < 0.3 ? 1 : 0;
    y[i] = yi;
    a[i] = Math.floor((u[3 * i + 1]! / 2147483647) * 1000) + 150 * yi;
    b[i] = u[3 * i + 2]! / 2147483647 + 0.2 * yi + 0.0005 * a[i]!;
  }
  return { y, a, b };
}
