import { SonoriskError } from '../errors.js';
import type { ClipTensor } from '../preprocess/index.js';
import { checkClips, maxBatchOption, runInBatches } from './clip-batch.js';
import { toFloat32 } from './output-data.js';
import type { InputShape, Runner } from './runner.js';
import type { TfGraphModelLike, TfLike, TfTensorLike } from './runtime-types.js';

/** Options of {@link tfjsRunner}. */
export interface TfjsRunnerOptions {
  /** Output to read; default: the graph's first output. */
  outputName?: string;
  /** Most clips per execution when the batch axis is dynamic; default 8. */
  maxBatch?: number;
  /** `dispose()` also disposes the GraphModel (default true). */
  disposeModel?: boolean;
}

/**
 * Wraps a tfjs-converter `GraphModel` (injected, with the tfjs module that built it) as a
 * {@link Runner}. tfjs 3D ops are channels-last, so the graph takes NDHWC; clips stay NCDHW
 * everywhere else and the runner transposes them on the tfjs backend. Its `inputShape` is reported
 * in NCDHW, like the ONNX runner's.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { tfjsRunner } from 'sonorisk/models';
 * const model = await tf.loadGraphModel('/models/r-us/model.json');
 * const runner = tfjsRunner(model, tf);
 * const logits = await runner.run(clip);
 * ```
 */
export function tfjsRunner(model: TfGraphModelLike, tf: TfLike, options: TfjsRunnerOptions = {}): Runner & { readonly inputShape: InputShape } {
  if (typeof model !== 'object' || model === null || typeof model.executeAsync !== 'function' || !Array.isArray(model.inputs)) {
    throw new SonoriskError('INVALID_ARGUMENT', 'tfjsRunner needs a tfjs GraphModel (await tf.loadGraphModel(...)).');
  }
  if (typeof tf !== 'object' || tf === null || typeof tf.tensor !== 'function' || typeof tf.transpose !== 'function') {
    throw new SonoriskError('INVALID_ARGUMENT', "tfjsRunner needs the tfjs module as its second argument (import * as tf from '@tensorflow/tfjs').");
  }
  if (model.inputs.length !== 1) {
    throw new SonoriskError('INPUT_SHAPE_MISMATCH', `The GraphModel has ${model.inputs.length} inputs; a clip model takes exactly one 5-D NDHWC input.`);
  }
  const input = model.inputs[0]!;
  const dims = input.shape;
  if (!Array.isArray(dims) || dims.length !== 5) {
    throw new SonoriskError(
      'INPUT_SHAPE_MISMATCH',
      `The GraphModel input '${input.name}' has shape ${JSON.stringify(dims ?? null)}; a 3D video model takes a 5-D NDHWC input [N, T, H, W, C].`,
      { shape: dims },
    );
  }
  const d = dims.map((v) => (typeof v === 'number' && v > 0 ? v : null));
  const inputShape: InputShape = [d[0]!, d[4]!, d[1]!, d[2]!, d[3]!];
  const outputName = options.outputName ?? model.outputs[0]?.name;
  if (outputName === undefined) throw new SonoriskError('INVALID_ARGUMENT', 'The GraphModel states no output.');
  const maxBatch = maxBatchOption(options.maxBatch);
  let disposed = false;
  // Graphs without control flow run synchronously (faster); others need executeAsync, used from then on.
  let sync = typeof model.execute === 'function';
  async function execute(feeds: Record<string, TfTensorLike>): Promise<unknown> {
    if (sync) {
      try {
        return model.execute!(feeds, outputName);
      } catch {
        sync = false;
      }
    }
    return model.executeAsync(feeds, outputName);
  }

  async function runPacked(data: Float32Array, n: number, shape: readonly number[]): Promise<Float32Array> {
    const owned: TfTensorLike[] = [];
    try {
      const ncdhw = tf.tensor(data, [n, ...shape], 'float32') as TfTensorLike;
      owned.push(ncdhw);
      const ndhwc = tf.transpose(ncdhw, [0, 2, 3, 4, 1]) as TfTensorLike;
      owned.push(ndhwc);
      const result = (await execute({ [input.name]: ndhwc })) as TfTensorLike | TfTensorLike[];
      const out = Array.isArray(result) ? result[0] : result;
      if (Array.isArray(result)) owned.push(...result);
      else owned.push(result);
      if (out === undefined) throw new SonoriskError('INVALID_ARGUMENT', `The GraphModel returned no '${outputName}' output.`);
      const values = toFloat32(await out.data(), `Output '${outputName}'`);
      if (out.shape[0] !== n || values.length % n !== 0) {
        throw new SonoriskError('INPUT_SHAPE_MISMATCH', `Output '${outputName}' has shape [${out.shape.join(', ')}] for a batch of ${n}; expected the batch first.`);
      }
      return values;
    } finally {
      for (const t of owned) t.dispose();
    }
  }

  return {
    inputShape,
    async run(clips: ClipTensor | readonly ClipTensor[]): Promise<Float32Array> {
      if (disposed) throw new SonoriskError('MODEL_DISPOSED', 'This tfjs runner was disposed; load the GraphModel again.');
      return runInBatches(checkClips(clips, inputShape), inputShape[0], maxBatch, runPacked);
    },
    async dispose(): Promise<void> {
      if (disposed) return;
      disposed = true;
      if (options.disposeModel !== false) model.dispose();
    },
  };
}
