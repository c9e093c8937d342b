/**
 * sonorisk — ultrasound deep-learning risk prediction (HCC early recurrence after RFA) from
 * B-mode and CEUS cine loops, and the statistics that evaluate such models.
 *
 * The root entry re-exports the core subpaths (preprocess, phases, models, stats, report);
 * Node-only helpers live in `sonorisk/node`.
 * @module sonorisk
 */
export { SONORISK_ERROR_CODES, SonoriskError, isSonoriskError, isSonoriskErrorCode } from './errors.js';
export type { SonoriskErrorCode } from './errors.js';
export { VERSION } from './version.js';
export * from './preprocess/index.js';
export * from './phases/index.js';
export * from './models/index.js';
export * from './stats/index.js';
export * from './report/index.js';
