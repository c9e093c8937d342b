import type { RocDirection } from './ranked-scores.js';

/** Sensitivities and specificities in pROC's order (specificity ascending), length u + 1. Internal. */
export interface CurvePoints {
  se: Float64Array;
  sp: Float64Array;
}

/**
 * ROC points from class counts per unique score (ascending). With counts of a bootstrap replicate the
 * points equal pROC's for the replicate up to repeated points, which change no area or interpolation. Internal.
 */
export function curveFromCounts(casesAt: Float64Array, controlsAt: Float64Array, m: number, c: number, direction: RocDirection): CurvePoints {
  const u = casesAt.length;
  const se = new Float64Array(u + 1);
  const sp = new Float64Array(u + 1);
  let cases = 0;
  let controls = 0;
  se[0] = 1;
  sp[0] = 0;
  for (let k = 1; k <= u; k++) {
    // the k-th threshold calls the first k unique scores (from the negative end) negative
    const j = direction === 'higher-is-positive' ? k - 1 : u - k;
    cases += casesAt[j]!;
    controls += controlsAt[j]!;
    se[k] = (m - cases) / m;
    sp[k] = controls / c;
  }
  return { se, sp };
}

/** Partial AUC over `range` ([high, low] after sorting) of `focus`, pROC's auc.roc step by step. Internal. */
export function partialAucOfCurve(pts: CurvePoints, range: readonly [number, number], focus: 'specificity' | 'sensitivity'): number {
  const hiB = Math.max(range[0], range[1]);
  const loB = Math.min(range[0], range[1]);
  const n = pts.se.length;
  // x ascending: specificity as stored; sensitivity reversed (rev(se) ascends)
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (focus === 'specificity') {
      x[i] = pts.sp[i]!;
      y[i] = pts.se[i]!;
    } else {
      x[i] = pts.se[n - 1 - i]!;
      y[i] = pts.sp[n - 1 - i]!;
    }
  }
  let auc = 0;
  let first = -1;
  let last = -1;
  let prev = -1;
  for (let i = 0; i < n; i++) {
    if (x[i]! <= hiB && x[i]! >= loB) {
      if (first < 0) first = i;
      if (prev >= 0) auc += ((y[i]! + y[prev]!) / 2) * (x[i]! - x[prev]!);
      prev = i;
      last = i;
    }
  }
  const firstNotBelow = (v: number) => {
    for (let i = 0; i < n; i++) if (!(x[i]! < v)) return i;
    return -1;
  };
  if (first < 0) {
    const idxHi = firstNotBelow(hiB);
    const idxLo = idxHi - 1;
    const span = x[idxHi]! - x[idxLo]!;
    const yHi = y[idxHi]! + ((x[idxHi]! - hiB) / span) * (y[idxLo]! - y[idxHi]!);
    const yLo = y[idxLo]! - ((loB - x[idxLo]!) / span) * (y[idxLo]! - y[idxHi]!);
    return ((yHi + yLo) / 2) * (hiB - loB);
  }
  let hasHi = false;
  let hasLo = false;
  for (let i = first; i <= last; i++) {
    if (x[i] === hiB) hasHi = true;
    if (x[i] === loB) hasLo = true;
  }
  if (!hasHi) {
    const idxOut = firstNotBelow(hiB);
    const idxIn = idxOut - 1;
    const prop = (hiB - x[idxOut]!) / (x[idxIn]! - x[idxOut]!);
    const yi = y[idxOut]! + prop * (y[idxIn]! - y[idxOut]!);
    auc += ((hiB - x[idxIn]!) * (y[idxIn]! + yi)) / 2;
  }
  if (!hasLo) {
    let idxOut = -1;
    for (let i = 0; i < n; i++) {
      if (x[i]! > loB) {
        idxOut = i - 1;
        break;
      }
    }
    const idxIn = idxOut + 1;
    const prop = (x[idxIn]! - loB) / (x[idxIn]! - x[idxOut]!);
    const yi = y[idxIn]! + prop * (y[idxOut]! - y[idxIn]!);
    auc += ((x[idxIn]! - loB) * (y[idxIn]! + yi)) / 2;
  }
  return auc;
}

/** McClish's correction, pROC's `partial.auc.correct = TRUE`: NaN (R's NA, with a warning) below the diagonal. Internal. */
export function mcClish(pauc: number, range: readonly [number, number]): number {
  const hiB = Math.max(range[0], range[1]);
  const loB = Math.min(range[0], range[1]);
  const min = ((1 - hiB + (1 - loB)) * (hiB - loB)) / 2;
  const max = hiB - loB;
  if (pauc < min) return Number.NaN;
  return (1 + (pauc - min) / (max - min)) / 2;
}

/**
 * Sensitivity at a given specificity (or specificity at a sensitivity), pROC's `coords(input =
 * "specificity" | "sensitivity")`: an exact match takes the first (specificity) or last (sensitivity)
 * matching point, otherwise linear interpolation between the neighbouring points. Internal.
 */
export function coordAt(pts: CurvePoints, value: number, input: 'specificity' | 'sensitivity'): number {
  const inp = input === 'specificity' ? pts.sp : pts.se;
  const out = input === 'specificity' ? pts.se : pts.sp;
  const n = inp.length;
  let hit = -1;
  for (let i = 0; i < n; i++) {
    if (inp[i] === value) {
      hit = i;
      if (input === 'specificity') break; // first match (specificity increases along the curve)
    }
  }
  if (hit >= 0) return out[hit]!;
  let next = -1;
  for (let i = 0; i < n; i++) {
    if (input === 'specificity' ? inp[i]! > value : inp[i]! < value) {
      next = i;
      break;
    }
  }
  const prop = (value - inp[next]!) / (inp[next - 1]! - inp[next]!);
  return out[next]! + prop * (out[next - 1]! - out[next]!);
}
