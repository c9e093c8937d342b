/**
 * sonorisk/node — Node-only helpers: files, worker pool, CLI. The only folder that may import `node:*`.
 * @module node
 */
export { runCli } from './cli-main.js';
export { loadModel, readTfjsArtifacts } from './model-files.js';
export type { LoadedModel, TfjsArtifacts } from './model-files.js';
export { createOnnxRunner, createOnnxSession, loadOnnxRuntimeNode } from './onnx-session.js';
export type { OnnxRuntimeNode, OnnxSessionOptions } from './onnx-session.js';
