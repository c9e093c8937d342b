/**
 * sonorisk/stats — distributions, tests, logistic regression, ROC/DeLong, calibration, DCA, resampling.
 * @module stats
 */
export { createRng } from './rng.js';
export type { Rng } from './rng.js';
export {
  binomialCdf,
  chiSquareCdf,
  chiSquareQuantile,
  fisherFCdf,
  logGamma,
  normalCdf,
  normalQuantile,
  regularizedBeta,
  regularizedGammaP,
  regularizedGammaQ,
  studentTCdf,
  studentTQuantile,
} from './distributions.js';
