import { SonoriskError } from '../../errors.js';
import { type BinaryLabels, type NumericArray, requireBothClasses, toBinaryLabels, toFiniteScores } from '../binary-outcome.js';
import { normalCdf, normalQuantile } from '../distributions/distributions.js';
import { checkLevel, checkOptionKeys } from '../option-checks.js';

/** Options of {@link nriIdi}. */
export interface NriIdiOptions {
  /**
   * Risk-category cut-offs for the categorical NRI, ascending in (0, 1); category k holds
   * cutoffs[k−1] ≤ p < cutoffs[k] (R `cut(p, c(0, cutoffs, 1), right = FALSE, include.lowest = TRUE)`).
   * Without them only the continuous (category-free) NRI is computed.
   */
  cutoffs?: NumericArray;
  /** Level of the Wald intervals (default 0.95). */
  level?: number;
}

/** An estimate with its standard error, z, two-sided P and Wald interval. */
export interface ImprovementEstimate {
  estimate: number;
  se: number;
  z: number;
  p: number;
  ci: [number, number];
}

/** Net reclassification improvement, overall and by outcome. */
export interface Nri {
  /** P(up | event) − P(down | event) + P(down | non-event) − P(up | non-event). */
  overall: ImprovementEstimate;
  events: ImprovementEstimate;
  nonEvents: ImprovementEstimate;
  /** Counts moving up or down (to a higher / lower risk or category) with the new model. */
  upEvents: number;
  downEvents: number;
  upNonEvents: number;
  downNonEvents: number;
}

/** Result of {@link nriIdi}. */
export interface NriIdi {
  n: number;
  events: number;
  nonEvents: number;
  /** Continuous NRI: any increase or decrease of predicted risk counts (Hmisc `improveProb`). */
  continuous: Nri;
  /** NRI over the risk categories of `cutoffs` (absent without them). */
  categorical?: Nri;
  /** Integrated discrimination improvement: mean change in p among events − among non-events. */
  idi: ImprovementEstimate;
  /** Mean increase of p among events (Hmisc `improveSens`) and mean decrease among non-events (`improveSpec`). */
  improveSens: number;
  improveSpec: number;
}

function estimate(est: number, se: number, zq: number): ImprovementEstimate {
  const z = est / se;
  return { estimate: est, se, z, p: 2 * normalCdf(-Math.abs(z)), ci: [est - zq * se, est + zq * se] };
}

/** NRI from per-patient movements d (sign of new − old), with improveProb's variance formulas. */
function nriFrom(y: Uint8Array, d: (i: number) => number, na: number, nb: number, zq: number): Nri {
  let upE = 0;
  let downE = 0;
  let upN = 0;
  let downN = 0;
  for (let i = 0; i < y.length; i++) {
    const s = d(i);
    if (y[i] === 1) {
      if (s > 0) upE++;
      else if (s < 0) downE++;
    } else if (s > 0) upN++;
    else if (s < 0) downN++;
  }
  const vE = (upE + downE) / na ** 2 - (upE - downE) ** 2 / na ** 3;
  const vN = (downN + upN) / nb ** 2 - (downN - upN) ** 2 / nb ** 3;
  const nriE = (upE - downE) / na;
  const nriN = (downN - upN) / nb;
  return {
    overall: estimate(nriE + nriN, Math.sqrt(vE + vN), zq),
    events: estimate(nriE, Math.sqrt(vE), zq),
    nonEvents: estimate(nriN, Math.sqrt(vN), zq),
    upEvents: upE,
    downEvents: downE,
    upNonEvents: upN,
    downNonEvents: downN,
  };
}

/**
 * Net reclassification improvement (continuous and categorical) and integrated discrimination
 * improvement of a new risk model over an old one on the same patients (Pencina et al. 2008, 2011),
 * with the standard errors, z and P of Hmisc `improveProb(x1 = old, x2 = new, y)`.
 *
 * @throws SonoriskError `LENGTH_MISMATCH`, `NON_FINITE`, `NON_BINARY_LABELS`, `SINGLE_CLASS`,
 * `PROBABILITY_OUT_OF_RANGE`, `INVALID_ARGUMENT`.
 * @example
 * ```ts
 * import { nriIdi } from 'sonorisk/stats';
 * const r = nriIdi(labels, clinicalProbs, clinicalPlusCeusProbs, { cutoffs: [0.2, 0.5] });
 * r.continuous.overall.estimate; r.categorical?.overall.p; r.idi.estimate; r.idi.se;
 * ```
 */
export function nriIdi(labels: BinaryLabels, probsOld: NumericArray, probsNew: NumericArray, options: NriIdiOptions = {}): NriIdi {
  const fn = 'nriIdi';
  checkOptionKeys(options, ['cutoffs', 'level'], fn);
  const y = toBinaryLabels(labels, fn);
  const n = y.length;
  const p1 = toFiniteScores(probsOld, n, fn, 'probsOld');
  const p2 = toFiniteScores(probsNew, n, fn, 'probsNew');
  for (const [p, name] of [
    [p1, 'probsOld'],
    [p2, 'probsNew'],
  ] as const) {
    for (let i = 0; i < n; i++) {
      if (p[i]! < 0 || p[i]! > 1) {
        throw new SonoriskError('PROBABILITY_OUT_OF_RANGE', `${fn}: ${name}[${i}] = ${p[i]} is outside [0, 1]; pass probabilities.`, { index: i, value: p[i] });
      }
    }
  }
  const { nCases: na, nControls: nb } = requireBothClasses(y, fn);
  const zq = normalQuantile(1 - (1 - checkLevel(options.level, fn)) / 2);
  const continuous = nriFrom(y, (i) => p2[i]! - p1[i]!, na, nb, zq);
  let categorical: Nri | undefined;
  if (options.cutoffs !== undefined) {
    const cuts = toFiniteScores(options.cutoffs, options.cutoffs?.length ?? 0, fn, 'cutoffs');
    if (cuts.length === 0) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: cutoffs must hold at least one risk threshold.`);
    for (let k = 0; k < cuts.length; k++) {
      if (!(cuts[k]! > 0 && cuts[k]! < 1) || (k > 0 && !(cuts[k]! > cuts[k - 1]!))) {
        throw new SonoriskError('INVALID_ARGUMENT', `${fn}: cutoffs must increase strictly within (0, 1); cutoffs[${k}] = ${cuts[k]}.`);
      }
    }
    const category = (p: number): number => {
      let c = 0;
      while (c < cuts.length && p >= cuts[c]!) c++;
      return c;
    };
    categorical = nriFrom(y, (i) => category(p2[i]!) - category(p1[i]!), na, nb, zq);
  }
  let sE = 0;
  let sN = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] === 1) sE += p2[i]! - p1[i]!;
    else sN += p2[i]! - p1[i]!;
  }
  // two-pass variances (denominator k − 1), as R's var
  let qE = 0;
  let qN = 0;
  for (let i = 0; i < n; i++) {
    const d = p2[i]! - p1[i]!;
    if (y[i] === 1) qE += (d - sE / na) ** 2;
    else qN += (d - sN / nb) ** 2;
  }
  const idiSe = Math.sqrt(qE / (na - 1) / na + qN / (nb - 1) / nb);
  const result: NriIdi = {
    n,
    events: na,
    nonEvents: nb,
    continuous,
    idi: estimate(sE / na - sN / nb, idiSe, zq),
    improveSens: sE / na,
    improveSpec: -sN / nb,
  };
  if (categorical) result.categorical = categorical;
  return result;
}
