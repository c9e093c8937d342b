/**
 * Private numerical building blocks shared by several folders (not a public subpath): Cholesky,
 * Brent's root finder, Levenberg–Marquardt, round-half-even. Other folders import them from here.
 * @module
 */
export { choleskyFactor, choleskyInverse, choleskySolve } from './cholesky.js';
export { inverseNormalMatrix, levenbergMarquardt } from './levenberg-marquardt.js';
export type { LmOptions, LmResult, ResidualFn } from './levenberg-marquardt.js';
export { brentRoot } from './root-brent.js';
export { roundHalfEven } from './round-half-even.js';
