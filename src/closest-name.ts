/**
 * Did-you-mean suggestions for misspelt names (manifest columns, JSON keys, CLI flags). Internal:
 * the study manifest, model specs and the CLI share this one helper.
 * @module
 */

/**
 * Optimal-string-alignment distance between two strings: insertions, deletions, substitutions and
 * transpositions of adjacent characters each cost 1 (Damerau–Levenshtein without repeated edits of a
 * substring; Boytsov 2011, "Indexing methods for approximate dictionary searching", §2).
 *
 * @example
 * ```ts
 * editDistance('injection_ofset', 'injection_offset'); // 1
 * editDistance('otucome', 'outcome'); // 1 (one transposition)
 * ```
 */
export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = new Array<number>(m + 1);
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[m]!;
}

/**
 * The candidate nearest to `name` (case-insensitive edit distance), or undefined when none is
 * close enough to be a plausible typo: at most 1 edit for names up to 4 characters, else at most
 * a third of the name's length (rounded up), and never a tie-free miss of more than 3 edits.
 *
 * @example
 * ```ts
 * closestName('bmode_pth', ['bmode_path', 'ceus_path']); // 'bmode_path'
 * closestName('weight', ['bmode_path', 'ceus_path']); // undefined
 * ```
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const limit = lower.length <= 4 ? 1 : Math.min(3, Math.ceil(lower.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/**
 * The " Did you mean 'x'?" sentence for an error message, or '' when nothing is close.
 *
 * @example
 * ```ts
 * `Unknown column 'outcom'.${didYouMean('outcom', ['outcome', 'split'])}`; // "Unknown column 'outcom'. Did you mean 'outcome'?"
 * ```
 */
export function didYouMean(name: string, candidates: Iterable<string>, format: (s: string) => string = (s) => `'${s}'`): string {
  const c = closestName(name, candidates);
  return c === undefined ? '' : ` Did you mean ${format(c)}?`;
}
