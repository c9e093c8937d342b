/** Average ranks (R's `rank`, ties.method = "average") and the tie correction Σ(t³ − t). Internal. */
export function averageRanks(v: Float64Array): { ranks: Float64Array; tieSum: number } {
  const n = v.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => v[a]! - v[b]!);
  const ranks = new Float64Array(n);
  let tieSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && v[order[j + 1]!] === v[order[i]!]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]!] = r;
    const t = j - i + 1;
    tieSum += t * t * t - t;
    i = j + 1;
  }
  return { ranks, tieSum };
}

/**
 * P[W <= q], or P[W > q] when `upper`, from an exact null distribution table (rank sum or signed rank). Internal. The upper tail uses the symmetry
 * W ~ mn − W so that only the (exactly computed) small-count end of the table is summed.
 */
export function cdfAt(dist: Float64Array, q: number, upper: boolean): number {
  const top = dist.length - 1;
  const limit = upper ? top - Math.floor(q) - 1 : Math.floor(q);
  let s = 0;
  for (let j = 0; j <= Math.min(limit, top); j++) s += dist[j]!;
  return s;
}
