/**
 * The few members of onnxruntime and TensorFlow.js that the runners use, typed structurally so that the
 * core imports no runtime (and its type declarations need none installed). `onnxruntime-node`,
 * `onnxruntime-web` (both typed by onnxruntime-common) and `@tensorflow/tfjs-converter` objects fit.
 * @module
 */

/** A tensor as onnxruntime returns it. */
export interface OrtTensorLike {
  readonly data: unknown;
  readonly dims: readonly number[];
  readonly type: string;
}

/** Input/output metadata of an onnxruntime session (onnxruntime ≥ 1.21 states shapes). */
export interface OrtValueMetadataLike {
  readonly name: string;
  readonly isTensor: boolean;
  readonly type?: string;
  readonly shape?: ReadonlyArray<number | string>;
}

/**
 * The members of an onnxruntime `InferenceSession` the ONNX runner uses.
 *
 * @example
 * ```ts
 * import * as ort from 'onnxruntime-node';
 * const session: OrtSessionLike = await ort.InferenceSession.create('model.onnx');
 * ```
 */
export interface OrtSessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata?: readonly OrtValueMetadataLike[];
  run(feeds: Record<string, OrtTensorLike>): Promise<Record<string, OrtTensorLike>>;
  release?(): Promise<void>;
}

/**
 * The onnxruntime module (or any object with its `Tensor` constructor), used to build input tensors.
 *
 * @example
 * ```ts
 * import * as ort from 'onnxruntime-web';
 * const runtime: OrtLike = ort;
 * ```
 */
export interface OrtLike {
  // biome-ignore lint/suspicious/noExplicitAny: the runtime's overloaded constructor is matched structurally
  readonly Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => any;
}

/** A tfjs tensor, as far as the runner touches it. */
export interface TfTensorLike {
  readonly shape: readonly number[];
  readonly dtype: string;
  data(): Promise<ArrayLike<number>>;
  dispose(): void;
}

/** A tfjs tensor-info entry of a GraphModel's `inputs`. */
export interface TfTensorInfoLike {
  readonly name: string;
  readonly shape?: readonly number[] | undefined;
  readonly dtype?: string;
}

/**
 * The members of a tfjs-converter `GraphModel` the tfjs runner uses.
 *
 * @example
 * ```ts
 * import { loadGraphModel } from '@tensorflow/tfjs-converter';
 * const model: TfGraphModelLike = await loadGraphModel('model/model.json');
 * ```
 */
export interface TfGraphModelLike {
  readonly inputs: readonly TfTensorInfoLike[];
  readonly outputs: readonly TfTensorInfoLike[];
  // biome-ignore lint/suspicious/noExplicitAny: tfjs's NamedTensorMap is matched structurally
  executeAsync(inputs: any, outputs?: string | string[]): Promise<any>;
  // biome-ignore lint/suspicious/noExplicitAny: idem
  execute?(inputs: any, outputs?: string | string[]): any;
  dispose(): void;
}

/**
 * The tfjs functions the tfjs runner uses (`@tensorflow/tfjs-core` or `@tensorflow/tfjs`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * const runtime: TfLike = tf;
 * ```
 */
export interface TfLike {
  // biome-ignore lint/suspicious/noExplicitAny: tfjs's overloaded tensor() is matched structurally
  tensor(values: Float32Array, shape: number[], dtype: 'float32'): any;
  // biome-ignore lint/suspicious/noExplicitAny: idem
  transpose(x: any, perm: number[]): any;
}
