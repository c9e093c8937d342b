/**
 * What other folders take from phases without the whole subpath: the lognormal bolus alone (the
 * simulator's curves), so a bundle of sonorisk/simulate does not pull in clipForSpec, preprocess
 * and the codecs; and the clip-spec schemas the model-spec schema extends (models). Import as
 * `../phases/internal.js`; not part of the API.
 * @internal
 * @module
 */
export { lognormalCurve } from './perfusion/lognormal-fit.js';
export type { LognormalParams } from './perfusion/lognormal-fit.js';
export { ClipSpecSchema, PhaseWindowSchema } from './clip-spec-schema.js';
