/**
 * sonorisk/models — model specs (the train/serve contract), runners over injected onnxruntime or
 * tfjs, ensembles, probabilities, model manifests and `predictRisk`. See docs/models.md.
 * @module models
 */
export { SONORISK_ERROR_CODES, SonoriskError, isSonoriskError, isSonoriskErrorCode } from '../errors.js';
export type { SonoriskErrorCode } from '../errors.js';
export { ensemble } from './ensemble.js';
export type { EnsembleCombine, EnsembleOptions } from './ensemble.js';
export { PREPROCESSING_VERSION, loadModelManifest } from './manifest.js';
export type { LoadedModelManifest, ModelManifest } from './manifest.js';
export { MODELS, MODEL_IDS, ModelSpecSchema, SpecOverridesSchema, isModelId, modelSpec, validateModelSpec } from './model-spec.js';
export type { ModelId, ModelSpec, ModelSpecOverrides, OutputKind, TensorLayout } from './model-spec.js';
export { onnxRunner } from './onnx-runner.js';
export type { OnnxRunner, OnnxRunnerOptions } from './onnx-runner.js';
export { toLogOdds, toProbability } from './probability.js';
export type { InputShape, Runner } from './runner.js';
export type {
  OrtLike,
  OrtSessionLike,
  OrtTensorLike,
  OrtValueMetadataLike,
  TfGraphModelLike,
  TfLike,
  TfTensorInfoLike,
  TfTensorLike,
} from './runtime-types.js';
export { tfjsRunner } from './tfjs-runner.js';
export type { TfjsRunnerOptions } from './tfjs-runner.js';
export { patchTfjsWebglPad5d } from './tfjs-webgl-pad.js';
export type { TfKernelRegistryLike } from './tfjs-webgl-pad.js';
export { predictRisk } from './predict-risk.js';
export type { BuiltClip, ClipBuilder, ModelPrediction, PredictClipOptions, PredictRiskInput, RiskPrediction } from './predict-risk.js';
