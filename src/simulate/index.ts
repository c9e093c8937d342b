/**
 * sonorisk/simulate — a seeded simulator of B-mode and CEUS cines written as real DICOM, with labels
 * from a documented generative model, for testing pipelines. Synthetic data, not for clinical use.
 * @module simulate
 */
export { SONORISK_ERROR_CODES, SonoriskError, isSonoriskError, isSonoriskErrorCode } from '../errors.js';
export type { SonoriskErrorCode } from '../errors.js';
export { writeUltrasoundDicom, US_MULTIFRAME_IMAGE_STORAGE, EXPLICIT_VR_LITTLE_ENDIAN, JPEG_BASELINE } from './dicom-writer.js';
export type { UltrasoundDicomInput, UltrasoundRegionSpec } from './dicom-writer.js';
export { encodeJpegBaseline } from './jpeg-baseline.js';
export { lognormalFromPeak } from './lognormal-peak.js';
export type { LognormalPeak } from './lognormal-peak.js';
export { motionAt } from './motion.js';
export type { MotionParams } from './motion.js';
export { DEFAULT_LABEL_MODEL, drawLabel, recurrenceLogit, sampleCovariates } from './label-model.js';
export type { Covariates, EchoPattern, LabelModel } from './label-model.js';
export { DEFAULT_RENDER, sampleCaseParams } from './case-params.js';
export type { CaseOverrides, CaseParams, CeusParams, LesionParams, RecordingParams, RenderParams, VesselParams } from './case-params.js';
export { simulateCase } from './simulate-case.js';
export type { CaseTruth, CeusTruth, RecordingTruth, SimulatedCase, SimulateCaseOptions } from './simulate-case.js';
export { sampleCohort, simulateCohort } from './simulate-cohort.js';
export type { CohortCase, CohortOptions } from './simulate-cohort.js';
export { toManifestEntry } from './manifest-entry.js';
export type { ManifestEntry, ManifestRecording } from './manifest-entry.js';
