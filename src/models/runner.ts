import type { ClipTensor } from '../preprocess/index.js';

/**
 * A model's input shape as the graph states it, in NCDHW order; `null` where a dimension is
 * dynamic (symbolic) or unknown.
 */
export type InputShape = readonly [number | null, number | null, number | null, number | null, number | null];

/**
 * Runs one model (or an ensemble of models) on clips. `run` takes one clip or several with the same
 * shape and resolves to the raw outputs (logits), clip after clip: `clips × outputsPerClip` values.
 * After `dispose()` every `run` rejects with `MODEL_DISPOSED`.
 *
 * @example
 * ```ts
 * const runner: Runner = onnxRunner(session, ort);
 * const logits = await runner.run(clip);          // Float32Array, e.g. length 1 for a sigmoid model
 * const batch = await runner.run([clipA, clipB]); // length 2
 * await runner.dispose();
 * ```
 */
export interface Runner {
  run(clips: ClipTensor | readonly ClipTensor[]): Promise<Float32Array>;
  dispose(): Promise<void>;
  /** The graph's input shape in NCDHW where the runtime states it (used by `loadModelManifest`). */
  readonly inputShape?: InputShape;
}
