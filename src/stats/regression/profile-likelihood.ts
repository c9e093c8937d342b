import { chiSquareQuantile, normalQuantile } from '../distributions/distributions.js';
import { glmFitLogit } from './glm-fit.js';

/*
 * Profile-likelihood confidence intervals for logistic-regression coefficients, step for step as
 * MASS's `confint.glm` → `profile.glm` → `confint.profile.glm` (what R's `confint(glmFit)` runs):
 * profile each coefficient on a grid of del = zmax/5 standard errors (zmax = sqrt(qchisq(1 - alpha, 1)),
 * alpha = (1 - level)/4, at most 9 steps each way), refit the others with the coefficient as an offset
 * (glm.fit from the previous linear predictor), take the signed root deviance z, interpolate
 * par ↦ z with R's `spline()` (Forsythe–Malcolm–Moler) on 3 × (points) equally spaced values and
 * read off the parameter at z = qnorm((1 ∓ level)/2) by linear interpolation (`approx`).
 * Internal to src/stats.
 */

/** FMM cubic spline coefficients (R's spline(method = "fmm")). */
function fmmSpline(x: number[], y: number[]): { b: number[]; c: number[]; d: number[] } {
  const n = x.length;
  const b = new Array<number>(n).fill(0);
  const c = new Array<number>(n).fill(0);
  const d = new Array<number>(n).fill(0);
  if (n < 2) return { b, c, d };
  if (n < 3) {
    const t = (y[1]! - y[0]!) / (x[1]! - x[0]!);
    b[0] = t;
    b[1] = t;
    return { b, c, d };
  }
  const nm1 = n - 1;
  d[0] = x[1]! - x[0]!;
  c[1] = (y[1]! - y[0]!) / d[0]!;
  for (let i = 1; i < nm1; i++) {
    d[i] = x[i + 1]! - x[i]!;
    b[i] = 2 * (d[i - 1]! + d[i]!);
    c[i + 1] = (y[i + 1]! - y[i]!) / d[i]!;
    c[i] = c[i + 1]! - c[i]!;
  }
  b[0] = -d[0]!;
  b[nm1] = -d[n - 2]!;
  c[0] = 0;
  c[nm1] = 0;
  if (n > 3) {
    c[0] = c[2]! / (x[3]! - x[1]!) - c[1]! / (x[2]! - x[0]!);
    c[nm1] = c[n - 2]! / (x[nm1]! - x[n - 3]!) - c[n - 3]! / (x[n - 2]! - x[n - 4]!);
    c[0] = (c[0]! * d[0]! * d[0]!) / (x[3]! - x[0]!);
    c[nm1] = (-c[nm1]! * d[n - 2]! * d[n - 2]!) / (x[nm1]! - x[n - 4]!);
  }
  for (let i = 1; i <= nm1; i++) {
    const t = d[i - 1]! / b[i - 1]!;
    b[i] = b[i]! - t * d[i - 1]!;
    c[i] = c[i]! - t * c[i - 1]!;
  }
  c[nm1] = c[nm1]! / b[nm1]!;
  for (let i = n - 2; i >= 0; i--) c[i] = (c[i]! - d[i]! * c[i + 1]!) / b[i]!;
  b[nm1] = (y[nm1]! - y[n - 2]!) / d[n - 2]! + d[n - 2]! * (c[n - 2]! + 2 * c[nm1]!);
  for (let i = 0; i < nm1; i++) {
    b[i] = (y[i + 1]! - y[i]!) / d[i]! - d[i]! * (c[i + 1]! + 2 * c[i]!);
    d[i] = (c[i + 1]! - c[i]!) / d[i]!;
    c[i] = 3 * c[i]!;
  }
  c[nm1] = 3 * c[nm1]!;
  d[nm1] = d[n - 2]!;
  return { b, c, d };
}

function splineEval(x: number[], y: number[], s: { b: number[]; c: number[]; d: number[] }, u: number): number {
  const n = x.length;
  let i = 0;
  if (u < x[0]! || (n > 1 && x[1]! <= u)) {
    let lo = 0;
    let hi = n;
    while (lo < hi - 1) {
      const mid = (lo + hi) >> 1;
      if (u < x[mid]!) hi = mid;
      else lo = mid;
    }
    i = lo;
  }
  const dx = u - x[i]!;
  return y[i]! + dx * (s.b[i]! + dx * (s.c[i]! + dx * s.d[i]!));
}

/** R's regularize.values(x, y, ties = mean): sort by x, average y over tied x. */
function regularize(x: number[], y: number[]): { x: number[]; y: number[] } {
  // NaN pairs are dropped first (R's approx/spline na.rm = TRUE); a NaN x would never equal itself
  const order = x
    .map((_, i) => i)
    .filter((i) => !Number.isNaN(x[i]!) && !Number.isNaN(y[i]!))
    .sort((a, b) => x[a]! - x[b]! || a - b);
  const ox: number[] = [];
  const oy: number[] = [];
  for (let k = 0; k < order.length; ) {
    let j = k + 1;
    let s = y[order[k]!]!;
    while (j < order.length && x[order[j]!] === x[order[k]!]) s += y[order[j++]!]!;
    ox.push(x[order[k]!]!);
    oy.push(s / (j - k));
    k = j;
  }
  return { x: ox, y: oy };
}

/** R's spline(x, y, n = 3 * length(x)) followed by approx(sp$y, sp$x, xout). */
export function splineInverse(px: number[], pz: number[], targets: number[]): number[] {
  const r = regularize(px, pz);
  // fewer than two finite profile points (or an infinite one): no interval, as R's NA
  if (r.x.length < 2 || !r.x.every(Number.isFinite) || !r.y.every(Number.isFinite)) return targets.map(() => Number.NaN);
  const s = fmmSpline(r.x, r.y);
  const m = 3 * px.length;
  const xmin = r.x[0]!;
  const xmax = r.x[r.x.length - 1]!;
  const by = (xmax - xmin) / (m - 1);
  const sx: number[] = [];
  const sy: number[] = [];
  for (let k = 0; k < m; k++) {
    const u = k === m - 1 ? xmax : xmin + k * by;
    sx.push(u);
    sy.push(splineEval(r.x, r.y, s, u));
  }
  const inv = regularize(sy, sx);
  return targets.map((t) => {
    const xs = inv.x;
    const ys = inv.y;
    if (xs.length === 0 || t < xs[0]! || t > xs[xs.length - 1]!) return Number.NaN;
    let lo = 0;
    let hi = xs.length - 1;
    while (lo < hi - 1) {
      const mid = (lo + hi) >> 1;
      if (t < xs[mid]!) hi = mid;
      else lo = mid;
    }
    if (t === xs[hi]!) return ys[hi]!;
    if (t === xs[lo]!) return ys[lo]!;
    return ys[lo]! + (ys[hi]! - ys[lo]!) * ((t - xs[lo]!) / (xs[hi]! - xs[lo]!));
  });
}

/** Profile-likelihood CI of each coefficient (NaN where the profile does not reach the cutoff, as R gives NA). */
export function profileConfint(
  x: Float64Array,
  y: Uint8Array,
  n: number,
  p: number,
  coef: Float64Array,
  se: Float64Array,
  deviance: number,
  level: number,
  which?: number[],
): Array<[number, number]> {
  const alpha = (1 - level) / 4;
  const zmax = Math.sqrt(chiSquareQuantile(1 - alpha, 1));
  const del = zmax / 5;
  const maxsteps = 10;
  const cutoff = [normalQuantile((1 - level) / 2), normalQuantile(1 - (1 - level) / 2)];
  const nonA = Array.from(coef, (c) => !Number.isNaN(c));
  const out: Array<[number, number]> = [];
  const targets = which ?? Array.from({ length: p }, (_, i) => i);
  for (const i of targets) {
    // aliased, or no finite estimate/SE to step with: no profile (R gives NA)
    if (!nonA[i] || !Number.isFinite(coef[i]!) || !(Number.isFinite(se[i]!) && se[i]! > 0)) {
      out.push([Number.NaN, Number.NaN]);
      continue;
    }
    const keep: number[] = [];
    for (let j = 0; j < p; j++) if (j !== i && nonA[j]) keep.push(j);
    const xi = new Float64Array(n * keep.length);
    keep.forEach((j, k) => {
      xi.set(x.subarray(j * n, (j + 1) * n), k * n);
    });
    const zs: number[] = [0];
    const pars: number[] = [coef[i]!];
    for (const sgn of [-1, 1]) {
      let step = 0;
      let z = 0;
      const lp = new Float64Array(n);
      for (let r = 0; r < n; r++) {
        let s = 0;
        for (let j = 0; j < p; j++) if (nonA[j]) s += x[j * n + r]! * coef[j]!;
        lp[r] = s;
      }
      while (++step < maxsteps && Math.abs(z) < zmax) {
        const bi = coef[i]! + sgn * step * del * se[i]!;
        const o = new Float64Array(n);
        for (let r = 0; r < n; r++) o[r] = x[i * n + r]! * bi;
        const fm = glmFitLogit(xi, y, n, keep.length, { offset: o, etastart: lp, skipCovariance: true });
        for (let r = 0; r < n; r++) {
          let s = o[r]!;
          for (let k = 0; k < keep.length; k++) {
            const c = fm.coef[k]!;
            if (!Number.isNaN(c)) s += xi[k * n + r]! * c;
          }
          lp[r] = s;
        }
        if (!Number.isFinite(fm.deviance)) break; // a failed refit ends this side of the profile
        let zz = fm.deviance - deviance;
        if (zz > -1e-3) zz = Math.max(zz, 0);
        else zz = 0; // R stops: the original fit had not converged; treat as 0
        z = sgn * Math.sqrt(zz);
        zs.push(z);
        pars.push(bi);
      }
    }
    // order by z as R does (si <- order(zi)); spline over par values
    const order = zs.map((_, k) => k).sort((a, b) => zs[a]! - zs[b]! || a - b);
    const ci = splineInverse(
      order.map((k) => pars[k]!),
      order.map((k) => zs[k]!),
      cutoff,
    );
    out.push([ci[0]!, ci[1]!]);
  }
  return out;
}
