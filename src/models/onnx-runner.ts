import { SonoriskError } from '../errors.js';
import type { ClipTensor } from '../preprocess/index.js';
import { checkClips, maxBatchOption, runInBatches } from './clip-batch.js';
import { toFloat32 } from './output-data.js';
import type { InputShape, Runner } from './runner.js';
import type { OrtLike, OrtSessionLike, OrtTensorLike } from './runtime-types.js';

/** Options of {@link onnxRunner}. */
export interface OnnxRunnerOptions {
  /** Input to feed; default: the only input, or the only 5-D one. */
  inputName?: string;
  /** Output to read; default: the first output. */
  outputName?: string;
  /** Most clips per `session.run` when the batch axis is dynamic; default 8. */
  maxBatch?: number;
  /** `dispose()` also releases the session (default true); false when the session is shared. */
  releaseSession?: boolean;
}

/** An ONNX runner: a {@link Runner} that also tells the names and shape it discovered. */
export interface OnnxRunner extends Runner {
  readonly inputName: string;
  readonly outputName: string;
  /** NCDHW input shape; all `null` when the session states no shapes (onnxruntime < 1.21). */
  readonly inputShape: InputShape;
}

function pickInput(session: OrtSessionLike, wanted: string | undefined): { name: string; shape: InputShape } {
  const names = session.inputNames;
  const meta = session.inputMetadata;
  const shapeFor = (name: string): (number | string)[] | undefined => {
    const m = meta?.find((x) => x.name === name);
    return m?.isTensor && Array.isArray(m.shape) && m.shape.length > 0 ? [...m.shape] : undefined;
  };
  let name = wanted;
  if (name !== undefined) {
    if (!names.includes(name)) {
      throw new SonoriskError('INVALID_ARGUMENT', `The session has no input '${name}'; its inputs are ${JSON.stringify(names)}.`, { inputNames: names });
    }
  } else if (names.length === 1) {
    name = names[0]!;
  } else {
    const fiveD = names.filter((n) => shapeFor(n)?.length === 5);
    if (fiveD.length !== 1) {
      throw new SonoriskError(
        'INPUT_SHAPE_MISMATCH',
        `The session has ${names.length} inputs (${names.join(', ')}) and ${fiveD.length} of them is stated 5-D; pass { inputName } to choose the clip input.`,
        { inputNames: names },
      );
    }
    name = fiveD[0]!;
  }
  const dims = shapeFor(name);
  if (dims === undefined) return { name, shape: [null, null, null, null, null] };
  if (dims.length !== 5) {
    throw new SonoriskError(
      'INPUT_SHAPE_MISMATCH',
      `The graph input '${name}' is ${dims.length}-D [${dims.join(', ')}]; a 3D video model takes a 5-D NCDHW input [N, C, T, H, W].`,
      { inputName: name, shape: dims },
    );
  }
  const shape = dims.map((d) => (typeof d === 'number' && d > 0 ? d : null));
  return { name, shape: shape as unknown as InputShape };
}

/**
 * Wraps an onnxruntime `InferenceSession` (onnxruntime-node or onnxruntime-web, injected) as a
 * {@link Runner}. Discovers the clip input (the only input, or the only 5-D one), the first output,
 * and the input shape where the graph states it; checks every clip against it before running. Clips
 * are batched along N up to `maxBatch` when the graph's batch axis is dynamic, one by one when it is 1.
 *
 * @example
 * ```ts
 * import * as ort from 'onnxruntime-node';
 * import { onnxRunner } from 'sonorisk/models';
 * const session = await ort.InferenceSession.create('r-ceus.onnx');
 * const runner = onnxRunner(session, ort);
 * const logits = await runner.run(clip); // Float32Array
 * ```
 */
export function onnxRunner(session: OrtSessionLike, ort: OrtLike, options: OnnxRunnerOptions = {}): OnnxRunner {
  if (typeof session !== 'object' || session === null || typeof session.run !== 'function' || !Array.isArray(session.inputNames)) {
    throw new SonoriskError('INVALID_ARGUMENT', 'onnxRunner needs an onnxruntime InferenceSession (await ort.InferenceSession.create(...)).');
  }
  if (typeof ort !== 'object' || ort === null || typeof ort.Tensor !== 'function') {
    throw new SonoriskError('INVALID_ARGUMENT', "onnxRunner needs the onnxruntime module as its second argument (import * as ort from 'onnxruntime-node' or 'onnxruntime-web').");
  }
  const maxBatch = maxBatchOption(options.maxBatch);
  const { name: inputName, shape: inputShape } = pickInput(session, options.inputName);
  const wantedOutput = options.outputName ?? session.outputNames[0];
  if (wantedOutput === undefined || !session.outputNames.includes(wantedOutput)) {
    throw new SonoriskError('INVALID_ARGUMENT', `The session has no output '${String(wantedOutput)}'; its outputs are ${JSON.stringify(session.outputNames)}.`);
  }
  const outputName: string = wantedOutput;
  let disposed = false;

  async function runPacked(data: Float32Array, n: number, shape: readonly number[]): Promise<Float32Array> {
    const tensor: OrtTensorLike = new ort.Tensor('float32', data, [n, ...shape]);
    const result = await session.run({ [inputName]: tensor });
    const out = result[outputName];
    if (out === undefined) throw new SonoriskError('INVALID_ARGUMENT', `session.run returned no '${outputName}' output.`);
    const values = toFloat32(out.data, `Output '${outputName}'`);
    if (out.dims[0] !== n || values.length % n !== 0) {
      throw new SonoriskError('INPUT_SHAPE_MISMATCH', `Output '${outputName}' has shape [${out.dims.join(', ')}] for a batch of ${n}; expected the batch first.`, { dims: out.dims });
    }
    return values;
  }

  return {
    inputName,
    outputName,
    inputShape,
    async run(clips: ClipTensor | readonly ClipTensor[]): Promise<Float32Array> {
      if (disposed) throw new SonoriskError('MODEL_DISPOSED', 'This ONNX runner was disposed; create a new session and runner.');
      return runInBatches(checkClips(clips, inputShape), inputShape[0], maxBatch, runPacked);
    },
    async dispose(): Promise<void> {
      if (disposed) return;
      disposed = true;
      if (options.releaseSession !== false) await session.release?.();
    },
  };
}
