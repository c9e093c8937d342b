/**
 * sonorisk/study — the study pipeline's pure parts: the cohort manifest, the predictions table, the
 * evaluation that turns predictions into the study report, and the file formats they use (CSV, NPY,
 * shards). No file system: runs in browsers, Deno and workers; sonorisk/node adds the files and the CLI.
 * @module study
 */
export { SONORISK_ERROR_CODES, SonoriskError, isSonoriskError, isSonoriskErrorCode } from '../errors.js';
export type { SonoriskErrorCode } from '../errors.js';
export { csvField, formatCsv, neutraliseFormula, parseCsv } from '../report/index.js';
export { parseCohortManifest } from './cohort-manifest.js';
export type { CaseRecording, CohortCase, CohortManifest, MarkedBox } from './cohort-manifest.js';
export { decodeNpy, encodeNpy } from './npy.js';
export { inShard, parseShard } from './shard.js';
export type { Shard } from './shard.js';
export { parsePredictions } from './predictions.js';
export type { PredictionsTable } from './predictions.js';
export { evaluatePredictions } from './evaluate-predictions.js';
export { parseStudyFile } from './study-file.js';
export type { StudyFile, StudySubgroup, StudyVariable, VariableType } from './study-file.js';
export { parseStageSummary } from './stage-summary.js';
export type { StageCaseError, StageCaseSummary, StageSummary } from './stage-summary.js';
export { naturalCompare } from './study-variables.js';
export type { EvaluateOptions, EvaluatedModelInfo, EvaluationReport } from './evaluate-predictions.js';
