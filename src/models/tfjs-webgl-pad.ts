/**
 * A workaround for tfjs's WebGL backend, which cannot pad 5-D tensors: both its packed and unpacked
 * `PadV2` shaders fail to compile for rank 5 ("'lessThan' : no matching overloaded function",
 * tensorflow/tfjs#6167, still in tfjs-backend-webgl 4.22) — and every 3D CNN graph with explicit
 * padding (PyTorch-style symmetric padding before a strided `Conv3D`) has rank-5 `Pad` ops.
 * @module
 */
import { SonoriskError } from '../errors.js';

/** A tensor as a tfjs kernel sees it. */
interface TensorInfoLike {
  readonly dataId: object;
  readonly shape: number[];
  readonly dtype: string;
}
type Paddings = [number, number][];
interface KernelArgs {
  inputs: Record<string, TensorInfoLike>;
  backend: { disposeIntermediateTensorInfo(t: TensorInfoLike): void };
  attrs?: Record<string, unknown>;
}
type KernelFunc = (args: KernelArgs) => TensorInfoLike | TensorInfoLike[];
interface KernelConfig {
  kernelName: string;
  backendName: string;
  kernelFunc: KernelFunc;
}

/** The kernel-registry functions of `@tensorflow/tfjs-core` (or `@tensorflow/tfjs`) this patch uses. */
export interface TfKernelRegistryLike {
  // biome-ignore lint/suspicious/noExplicitAny: tfjs's KernelConfig is matched structurally
  getKernel(kernelName: string, backendName: string): any;
  // biome-ignore lint/suspicious/noExplicitAny: idem
  registerKernel(config: any): void;
  unregisterKernel(kernelName: string, backendName: string): void;
}

const PATCHED = Symbol.for('sonorisk.tfjsWebglPad5d');

/**
 * Splits one rank-5 pad into two of rank ≤ 4, which the WebGL shaders handle: axes 0–2 are padded
 * with axes 3–4 merged, then axes 3–4 with axes 0–2 merged. Reshapes are free on WebGL textures
 * (the same data, another shape), so the cost is two pad passes instead of one.
 */
function pad5d(original: KernelFunc, reshape: KernelFunc): KernelFunc {
  const one = (r: TensorInfoLike | TensorInfoLike[]) => (Array.isArray(r) ? r[0]! : r);
  return (args) => {
    const x = args.inputs['x'];
    const paddings = args.attrs?.['paddings'] as Paddings | undefined;
    if (x === undefined || x.shape.length !== 5 || paddings?.length !== 5) return original(args);
    const { backend } = args;
    const constantValue = args.attrs?.['constantValue'];
    const [n, d, h, w, c] = x.shape as [number, number, number, number, number];
    const run = (f: KernelFunc, input: TensorInfoLike, attrs: Record<string, unknown>) => one(f({ inputs: { x: input }, backend, attrs }));
    const a = run(reshape, x, { shape: [n, d, h, w * c] });
    const padA = run(original, a, { paddings: [paddings[0], paddings[1], paddings[2], [0, 0]], constantValue });
    const [n2, d2, h2] = padA.shape as [number, number, number];
    const b = run(reshape, padA, { shape: [n2 * d2 * h2, w, c] });
    const padB = run(original, b, { paddings: [[0, 0], paddings[3], paddings[4]], constantValue });
    const out = run(reshape, padB, { shape: [n2, d2, h2, padB.shape[1], padB.shape[2]] });
    for (const t of [a, padA, b, padB]) backend.disposeIntermediateTensorInfo(t);
    return out;
  };
}

/**
 * Makes tfjs's WebGL backend run 5-D `Pad` (tensorflow/tfjs#6167), so 3D CNN GraphModels with
 * explicit padding run on `@tensorflow/tfjs-backend-webgl`: replaces the registered WebGL `PadV2`
 * kernel by one that splits a rank-5 pad into two of rank ≤ 4 (other ranks go to the original).
 * Call it once after importing the WebGL backend; calling it again does nothing. Returns false
 * when no WebGL backend is registered (nothing to patch). Results equal the CPU backend's exactly
 * (padding copies values).
 *
 * @example
 * ```ts
 * import '@tensorflow/tfjs-backend-webgl';
 * import * as tf from '@tensorflow/tfjs-core';
 * import { patchTfjsWebglPad5d, tfjsRunner } from 'sonorisk/models';
 * patchTfjsWebglPad5d(tf);
 * await tf.setBackend('webgl');
 * const runner = tfjsRunner(await tfconv.loadGraphModel('/models/r-us/model.json'), tf);
 * ```
 */
export function patchTfjsWebglPad5d(tf: TfKernelRegistryLike): boolean {
  if (typeof tf !== 'object' || tf === null || typeof tf.getKernel !== 'function' || typeof tf.registerKernel !== 'function' || typeof tf.unregisterKernel !== 'function') {
    throw new SonoriskError('INVALID_ARGUMENT', "patchTfjsWebglPad5d needs the tfjs module (import * as tf from '@tensorflow/tfjs-core').");
  }
  const pad = tf.getKernel('PadV2', 'webgl') as (KernelConfig & { [PATCHED]?: true }) | undefined;
  const reshape = tf.getKernel('Reshape', 'webgl') as KernelConfig | undefined;
  if (pad === undefined || reshape === undefined) return false;
  if (pad[PATCHED]) return true;
  tf.unregisterKernel('PadV2', 'webgl');
  tf.registerKernel({ ...pad, kernelFunc: pad5d(pad.kernelFunc, reshape.kernelFunc), [PATCHED]: true });
  return true;
}
