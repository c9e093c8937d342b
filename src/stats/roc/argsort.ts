/**
 * Stable ascending argsort of finite doubles (no NaN; −0 already normalised to +0). Large inputs use an
 * LSD radix sort on the IEEE-754 bit patterns (4 passes of 16 bits, skipping passes where every key
 * shares the digit): O(n), about 10× faster than a comparator sort at n = 10^6. Internal to src/stats.
 */
export function argsortFinite(x: Float64Array): Uint32Array {
  const n = x.length;
  if (n < 2048) {
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => x[a]! - x[b]! || a - b);
    return Uint32Array.from(idx);
  }
  // Order-preserving unsigned keys: flip all bits of negatives, set the sign bit of positives.
  const words = new Uint32Array(x.buffer, x.byteOffset, 2 * n); // a view: Float64Array offsets are 8-aligned
  const little = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + (little ? 1 : 0)]!;
    const l = words[2 * i + (little ? 0 : 1)]!;
    if (h & 0x80000000) {
      hi[i] = ~h >>> 0;
      lo[i] = ~l >>> 0;
    } else {
      hi[i] = (h | 0x80000000) >>> 0;
      lo[i] = l;
    }
  }
  // Keys travel with the permutation so every pass reads sequentially.
  let perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let kh = hi;
  let kl = lo;
  let nextPerm = new Uint32Array(n);
  let nextHi = new Uint32Array(n);
  let nextLo = new Uint32Array(n);
  const count = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const key = pass < 2 ? kl : kh;
    const shift = pass % 2 === 0 ? 0 : 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(key[i]! >>> shift) & 0xffff]!++;
    if (count[(key[0]! >>> shift) & 0xffff] === n) continue; // every key has this digit: pass is a no-op
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    const lastPass = pass === 3;
    for (let i = 0; i < n; i++) {
      const at = count[(key[i]! >>> shift) & 0xffff]!++;
      nextPerm[at] = perm[i]!;
      if (!lastPass) {
        nextHi[at] = kh[i]!;
        nextLo[at] = kl[i]!;
      }
    }
    [perm, nextPerm] = [nextPerm, perm];
    [kh, nextHi] = [nextHi, kh];
    [kl, nextLo] = [nextLo, kl];
  }
  return perm;
}
