/**
 * sonorisk/node — Node-only helpers: files, cohort pipeline, worker pool, CLI. The only folder that
 * may import `node:*`.
 * @module node
 */
export { runCli } from './cli-main.js';
export type { CliIo, CliResult } from './cli-main.js';
export { writeFileAtomic } from './atomic-write.js';
export { createProgress, formatDuration } from './progress.js';
export type { ProgressEvent, ProgressOptions, ProgressReporter } from './progress.js';
export { caseDir, runStage } from './cohort-runner.js';
export { markedBoxOnCine, openCase, readCohortManifest } from './cohort-files.js';
export type { OpenedCase } from './cohort-files.js';
export { prepareCohort } from './prepare.js';
export type { ClipSidecar, PrepareOptions } from './prepare.js';
export { loadModelSet, predictCohort } from './predict.js';
export type { CasePrediction, ModelSet } from './predict.js';
export { evaluateToFolder } from './evaluate.js';
export { writeSyntheticCohort } from './synthetic-cohort.js';
export type { SyntheticCohortOptions } from './synthetic-cohort.js';
export { DEMO_RENDER, runDemo } from './demo.js';
export type { DemoOptions, DemoResult } from './demo.js';
export { findModelManifests, resolveSpecs } from './model-specs-file.js';
export { packageRoot } from './package-root.js';
export { mergePredictionFiles } from './merge.js';
export { caseWorkerScript, createCasePool, workerCount } from './case-pool.js';
export type { CasePool, CasePoolInit, WorkerOptions } from './case-pool.js';
export { prepareCase } from './prepare.js';
export { predictCase } from './predict.js';
export type { CaseOutcome, RunStageOptions, StageSummary } from './cohort-runner.js';
export { openDicomFile } from './open-dicom-file.js';
export type { DicomFileCine } from './open-dicom-file.js';
export { loadModel, readTfjsArtifacts } from './model-files.js';
export type { LoadedModel, TfjsArtifacts } from './model-files.js';
export type { OnnxSessionOptions } from './onnx-session.js';
