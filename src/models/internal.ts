/**
 * What src/node shares with models outside the public subpath (src/models/index.ts). Import as
 * `../models/internal.js`; not part of the API.
 * @internal
 * @module
 */
export { checkSpecAgainstShape } from './manifest.js';
export { checkFoldDigest, runnerFromFolds } from './model-folds.js';
export { clipKey } from './predict-risk.js';
