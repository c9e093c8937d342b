/**
 * sonorisk/node — Node-only helpers: files, cohort pipeline, worker pool, CLI. The only folder that
 * may import `node:*`.
 * @module node
 */
export { SONORISK_ERROR_CODES, SonoriskError, isSonoriskError, isSonoriskErrorCode } from '../errors.js';
export type { SonoriskErrorCode } from '../errors.js';
export { runCli } from './cli-main.js';
export type { CliIo, CliResult } from './cli-main.js';
export { writeFileAtomic } from './atomic-write.js';
export { createProgress, formatDuration } from './progress.js';
export type { ProgressEvent, ProgressOptions, ProgressReporter } from './progress.js';
export { caseDir, describeStageError, readCaseMarker, runStage } from './cohort-runner.js';
export { lockOutDir, removeOrphanedTempFiles } from './out-lock.js';
export type { OutLockHolder } from './out-lock.js';
export { forEachModelClip } from './case-models.js';
export type { StudyClipOptions } from './case-models.js';
export { caseFingerprints } from './fingerprints.js';
export type { ModelIdentity } from './fingerprints.js';
export { markedBoxOnCine, openCase, openCaseRecordings, readCohortManifest } from './cohort-files.js';
export type { OpenedCase } from './cohort-files.js';
export { openRecording, resolveRecordingPath } from './recording-source.js';
export type { RecordingCine } from './recording-source.js';
export { prepareCohort } from './prepare.js';
export type { ClipSidecar, PrepareOptions } from './prepare.js';
export { loadModelSet, predictCohort } from './predict.js';
export type { CasePrediction, ModelSet, PredictOptions } from './predict.js';
export { evaluateToFolder, readModelInfo } from './evaluate.js';
export type { EvaluateFolderOptions } from './evaluate.js';
export { writeSyntheticCohort } from './synthetic-cohort.js';
export type { SyntheticCohortOptions } from './synthetic-cohort.js';
export { DEMO_RENDER, runDemo } from './demo.js';
export type { DemoOptions, DemoResult } from './demo.js';
export { findModelManifests, foldFilePath, readModelManifests, readSpecsFile, resolveSpecs } from './model-specs-file.js';
export type { ModelManifestFile, SpecsFile } from './model-specs-file.js';
export { packageRoot } from './package-root.js';
export { mergePredictionFiles } from './merge.js';
export { caseWorkerScript, createCasePool, workerCount } from './case-pool.js';
export type { CasePool, CasePoolInit, WorkerOptions } from './case-pool.js';
export { prepareCase } from './prepare.js';
export { predictCase } from './predict.js';
export type { CaseModelResult, CaseOutcome, CaseWork, RunStageOptions, StageSummary } from './cohort-runner.js';
export { openDicomFile } from './open-dicom-file.js';
export { configureNativeJpeg, nativeJpegStatus } from './native-jpeg.js';
export type { NativeJpegOptions, NativeJpegStatus } from './native-jpeg.js';
export type { DicomFileCine } from './open-dicom-file.js';
export { loadModel, readTfjsArtifacts } from './model-files.js';
export type { LoadedModel, TfjsArtifacts } from './model-files.js';
export type { OnnxSessionOptions } from './onnx-session.js';
export { browserAssets, copyBrowserAssets } from './browser-assets.js';
export type { BrowserAsset, BrowserAssetsOptions, CopiedAssets, OrtAssetFlavour } from './browser-assets.js';
