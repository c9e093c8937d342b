/**
 * onnxruntime-node behind `loadModel` (internal: the public ways to get an ONNX runner are
 * `loadModel(manifestPath)` in Node and `onnxRunner(session, ort)` anywhere).
 * @module
 */
import { stat } from 'node:fs/promises';
import { SonoriskError } from '../errors.js';
import { type OnnxRunner, type OnnxRunnerOptions, type OrtLike, type OrtSessionLike, onnxRunner } from '../models/index.js';

/** onnxruntime-node session options of `loadModel`. */
export interface OnnxSessionOptions {
  /** Intra-op threads (default: onnxruntime's choice, all physical cores). */
  threads?: number;
  /** Graph optimisation level; default 'all'. */
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
}

/**
 * What onnxruntime-node is loaded as: the runtime module and its session factory.
 * @internal
 */
export type OnnxRuntimeNode = OrtLike & {
  InferenceSession: { create(path: string, options?: Record<string, unknown>): Promise<OrtSessionLike & { release(): Promise<void> }> };
};

let cached: Promise<OnnxRuntimeNode> | undefined;

/**
 * Loads onnxruntime-node (an optional peer dependency) on first use, by dynamic import.
 * Throws `RUNTIME_NOT_FOUND` saying how to install it when it is missing.
 * @internal
 *
 * @example
 * ```ts
 * const ort = await loadOnnxRuntimeNode();
 * ```
 */
export function loadOnnxRuntimeNode(): Promise<OnnxRuntimeNode> {
  cached ??= import('onnxruntime-node').then(
    (m) => ((m as { default?: unknown }).default ?? m) as unknown as OnnxRuntimeNode,
    (e: unknown) => {
      cached = undefined;
      throw new SonoriskError('RUNTIME_NOT_FOUND', 'onnxruntime-node is not installed; run `npm install onnxruntime-node` (an optional peer dependency of sonorisk).', undefined, {
        cause: e,
      });
    },
  );
  return cached;
}

function checkThreads(threads: number | undefined): void {
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 1024)) {
    throw new SonoriskError('INVALID_ARGUMENT', `threads must be an integer in 1..1024, got ${String(threads)}.`);
  }
}

/**
 * Opens an ONNX model file with onnxruntime-node (loaded lazily) on the CPU.
 * @internal
 *
 * @example
 * ```ts
 * const session = await createOnnxSession('r-ceus.onnx', { threads: 2 });
 * console.log(session.inputNames);
 * ```
 */
export async function createOnnxSession(path: string, options: OnnxSessionOptions = {}): Promise<OrtSessionLike & { release(): Promise<void> }> {
  if (typeof path !== 'string' || path.length === 0) throw new SonoriskError('INVALID_ARGUMENT', 'createOnnxSession needs the path of an .onnx file.');
  checkThreads(options.threads);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new SonoriskError('INVALID_ARGUMENT', `No model file at ${path}.`, { path });
  const ort = await loadOnnxRuntimeNode();
  try {
    return await ort.InferenceSession.create(path, {
      executionProviders: ['cpu'],
      graphOptimizationLevel: options.graphOptimizationLevel ?? 'all',
      ...(options.threads !== undefined && { intraOpNumThreads: options.threads, interOpNumThreads: 1 }),
    });
  } catch (e) {
    throw new SonoriskError('MODEL_LOAD_FAILED', `onnxruntime could not load ${path}: ${(e as Error).message}`, { path }, { cause: e });
  }
}

/**
 * Opens an ONNX model file and wraps it as a runner (one fold of `loadModel`).
 * @internal
 *
 * @example
 * ```ts
 * import { toProbability } from 'sonorisk/models';
 * const runner = await createOnnxRunner('r-ceus.onnx', { threads: 2 });
 * const p = toProbability(await runner.run(clip), 'sigmoid')[0];
 * ```
 */
export async function createOnnxRunner(path: string, options: OnnxSessionOptions & OnnxRunnerOptions = {}): Promise<OnnxRunner> {
  const session = await createOnnxSession(path, options);
  const ort = await loadOnnxRuntimeNode();
  try {
    return onnxRunner(session, ort, options);
  } catch (e) {
    await session.release();
    throw e;
  }
}
