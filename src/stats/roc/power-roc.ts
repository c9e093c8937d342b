import { SonoriskError } from '../../errors.js';
import { brentRoot } from '../../numeric/index.js';
import type { BinaryLabels, NumericArray } from '../binary-outcome.js';
import { normalCdf, normalQuantile } from '../distributions/distributions.js';
import { checkOptionKeys } from '../option-checks.js';
import { type DelongTestOptions, pairedDelong } from './delong.js';
import type { RocDirection } from './ranked-scores.js';

/** Options of {@link powerRocTest} (one ROC curve); exactly one of `ncases`, `power`, `alpha`, `auc` is left out and solved for. */
export interface PowerRocTestOptions {
  /** Expected AUC under the alternative. */
  auc?: number;
  /** Number of cases (events); `ncontrols` follows from `kappa` when only one is given. */
  ncases?: number;
  ncontrols?: number;
  /** ncontrols / ncases (default 1, as pROC). */
  kappa?: number;
  /** Significance level α (pROC `sig.level`, default 0.05); `null` to solve for it. */
  alpha?: number | null;
  /** Power 1 − β. */
  power?: number;
  /** `'two-sided'` (default) or `'one-sided'`. */
  alternative?: 'two-sided' | 'one-sided';
}

/** Result of the power calculations, as pROC's `power.htest`. */
export interface PowerRocTestResult {
  method: 'One ROC curve power calculation' | 'Two ROC curves power calculation';
  ncases: number;
  ncontrols: number;
  /** One curve: the AUC; two curves: AUC of A and B. */
  auc: number | [number, number];
  alpha: number;
  power: number;
  alternative: 'two-sided' | 'one-sided';
}

/** Obuchowski's binormal variance of the AUC with kappa = ncontrols/ncases (pROC var.theta.obuchowski). */
function varTheta(theta: number, kappa: number): number {
  // biome-ignore lint/suspicious/noApproximativeNumericConstant: pROC uses 1.414, not √2
  const A = normalQuantile(theta) * 1.414;
  return 0.0099 * Math.exp((-A * A) / 2) * (5 * A * A + 8 + (A * A + 8) / kappa);
}

const posNum = (v: unknown, fn: string, name: string, max = Number.POSITIVE_INFINITY): number => {
  if (typeof v !== 'number' || !(v > 0 && v <= max)) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: ${name} must be a number in (0, ${max}], got ${String(v)}.`);
  return v;
};

function checkAlt(a: unknown, fn: string): 'two-sided' | 'one-sided' {
  if (a === undefined || a === 'two-sided' || a === 'two.sided') return 'two-sided';
  if (a === 'one-sided' || a === 'one.sided') return 'one-sided';
  throw new SonoriskError('INVALID_ARGUMENT', `${fn}: alternative must be 'two-sided' or 'one-sided', got ${String(a)}.`);
}

/**
 * Power or sample size for testing one AUC against 0.5, as pROC `power.roc.test(auc =, ncases =,
 * ncontrols =, sig.level =, power =, kappa =)` (Obuchowski's binormal variance, Obuchowski &
 * McClish 1997): leave out exactly one of `ncases` (with `ncontrols`), `power` or `auc`, or pass
 * `alpha: null` to solve for the significance level.
 *
 * @throws SonoriskError `INVALID_ARGUMENT` (not exactly one unknown, values out of range; auc cannot be solved).
 * @example
 * ```ts
 * import { powerRocTest } from 'sonorisk/stats';
 * powerRocTest({ auc: 0.8, power: 0.9 }).ncases;          // cases (= controls, kappa 1) for 90% power
 * powerRocTest({ auc: 0.72, ncases: 42, ncontrols: 97 }).power;
 * ```
 */
export function powerRocTest(options: PowerRocTestOptions): PowerRocTestResult {
  const fn = 'powerRocTest';
  const o = checkOptionKeys(options, ['auc', 'ncases', 'ncontrols', 'kappa', 'alpha', 'power', 'alternative'], fn);
  const alternative = checkAlt(o.alternative, fn);
  let kappa = o.kappa === undefined ? 1 : posNum(o.kappa, fn, 'kappa');
  let ncases = o.ncases === undefined ? undefined : posNum(o.ncases, fn, 'ncases');
  let ncontrols = o.ncontrols === undefined ? undefined : posNum(o.ncontrols, fn, 'ncontrols');
  if (ncontrols === undefined && ncases !== undefined) ncontrols = kappa * ncases;
  else if (ncases === undefined && ncontrols !== undefined) ncases = ncontrols / kappa;
  const unknown = [o.auc === undefined, ncases === undefined, o.power === undefined, o.alpha === null].filter(Boolean).length;
  const alphaGiven = o.alpha === null ? undefined : o.alpha === undefined ? 0.05 : posNum(o.alpha, fn, 'alpha', 1);
  if (unknown !== 1) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: leave out exactly one of auc, ncases (with ncontrols) or power, or pass alpha: null to solve for α.`);
  const sides = alternative === 'two-sided' ? 2 : 1;
  const power = o.power === undefined ? undefined : posNum(o.power, fn, 'power', 1);
  const auc = o.auc === undefined ? undefined : posNum(o.auc, fn, 'auc', 1);
  const v0 = (k: number) => 0.0792 * (1 + 1 / k);
  let out: Omit<PowerRocTestResult, 'method' | 'alternative'>;
  if (auc === undefined) {
    kappa = ncontrols! / ncases!;
    const za = normalQuantile(1 - alphaGiven! / sides);
    const zb = normalQuantile(power!);
    const f = (x: number) => (za * Math.sqrt(v0(kappa)) + zb * Math.sqrt(varTheta(x, kappa))) ** 2 / (x - 0.5) ** 2 - ncases!;
    const lo = 0.5;
    const hi = 1 - 1e-16;
    const flo = f(lo);
    const fhi = f(hi);
    if (!(flo * fhi <= 0)) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: no AUC in (0.5, 1) gives this power with these sample sizes.`);
    out = { ncases: ncases!, ncontrols: ncontrols!, auc: brentRoot(f, lo, hi, flo, fhi), alpha: alphaGiven!, power: power! };
  } else {
    if (!(auc > 0.5 && auc < 1)) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: auc must be in (0.5, 1), got ${auc}.`);
    if (ncases === undefined) {
      const va = varTheta(auc, kappa);
      const za = normalQuantile(1 - alphaGiven! / sides);
      const nd = (za * Math.sqrt(v0(kappa)) + normalQuantile(power!) * Math.sqrt(va)) ** 2 / (auc - 0.5) ** 2;
      out = { ncases: nd, ncontrols: kappa * nd, auc, alpha: alphaGiven!, power: power! };
    } else {
      kappa = ncontrols! / ncases;
      const va = varTheta(auc, kappa);
      const delta = auc - 0.5;
      if (power === undefined) {
        const za = normalQuantile(1 - alphaGiven! / sides);
        const zb = (Math.sqrt(ncases * delta * delta) - za * Math.sqrt(v0(kappa))) / Math.sqrt(va);
        out = { ncases, ncontrols: ncontrols!, auc, alpha: alphaGiven!, power: normalCdf(zb) };
      } else {
        const zb = normalQuantile(power);
        const za = (Math.sqrt(ncases * delta * delta) - zb * Math.sqrt(va)) / Math.sqrt(v0(kappa));
        out = { ncases, ncontrols: ncontrols!, auc, alpha: sides * normalCdf(za, false), power };
      }
    }
  }
  return { method: 'One ROC curve power calculation', ...out, alternative };
}

/** Options of {@link powerRocTestPaired}. */
export interface PowerRocTestPairedOptions extends Pick<DelongTestOptions, 'direction' | 'positive'> {
  /** Significance level α (default 0.05). */
  alpha?: number;
  /** Target power: given, the sample size is solved for; left out, the power of the observed sample is computed. */
  power?: number;
  /** ncontrols / ncases of the planned study (default: the observed ratio). */
  kappa?: number;
  alternative?: 'two-sided' | 'one-sided';
}

/**
 * Power or sample size for comparing two paired AUCs, as pROC `power.roc.test(roc1, roc2, method =
 * "delong")`: the observed AUC difference and DeLong variances/covariance of a pilot sample
 * (Obuchowski's formulation). Without `power`: the power of a study the pilot's size; with `power`: the
 * number of cases (and controls = kappa × cases) needed.
 *
 * @throws SonoriskError as {@link delongTest}, `INVALID_ARGUMENT`.
 * @example
 * ```ts
 * import { powerRocTestPaired } from 'sonorisk/stats';
 * powerRocTestPaired(labels, usModel, ceusModel).power;
 * powerRocTestPaired(labels, usModel, ceusModel, { power: 0.8 }).ncases;
 * ```
 */
export function powerRocTestPaired(
  labels: BinaryLabels,
  scoresA: NumericArray,
  scoresB: NumericArray,
  options?: PowerRocTestPairedOptions,
): PowerRocTestResult & { directionA: RocDirection; directionB: RocDirection } {
  const fn = 'powerRocTestPaired';
  const o = checkOptionKeys(options, ['direction', 'positive', 'alpha', 'power', 'kappa', 'alternative'], fn);
  const alternative = checkAlt(o.alternative, fn);
  const alpha = o.alpha === undefined ? 0.05 : posNum(o.alpha, fn, 'alpha', 1);
  const d = pairedDelong(labels, scoresA, scoresB, { ...(o.direction ? { direction: o.direction } : {}), ...(o.positive !== undefined ? { positive: o.positive } : {}) }, fn);
  const m = d.nCases;
  const kappa = o.kappa === undefined ? d.nControls / m : posNum(o.kappa, fn, 'kappa');
  const var1 = d.varA * m;
  const var2 = d.varB * m;
  const cov = d.cov * m;
  const v0 = 2 * var1 - 2 * cov;
  const va = var1 + var2 - 2 * cov;
  const delta = d.pa.auc - d.pb.auc;
  const za = normalQuantile(1 - alpha / (alternative === 'two-sided' ? 2 : 1));
  const base = { method: 'Two ROC curves power calculation' as const, auc: [d.pa.auc, d.pb.auc] as [number, number], alpha, alternative, directionA: d.dA, directionB: d.dB };
  if (o.power === undefined) {
    const zb = (Math.sqrt(m * delta * delta) - za * Math.sqrt(v0)) / Math.sqrt(va);
    return { ...base, ncases: m, ncontrols: d.nControls, power: normalCdf(zb) };
  }
  const power = posNum(o.power, fn, 'power', 1);
  const nd = (za * Math.sqrt(v0) + normalQuantile(power) * Math.sqrt(va)) ** 2 / (delta * delta);
  return { ...base, ncases: nd, ncontrols: kappa * nd, power };
}
