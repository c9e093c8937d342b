import { SonoriskError } from '../errors.js';
import type { ClipTensor } from '../preprocess/index.js';
import type { OutputKind } from './model-spec.js';
import { toProbability } from './probability.js';
import type { InputShape, Runner } from './runner.js';

/** How an ensemble combines its members. */
export type EnsembleCombine = 'mean-probability' | 'mean-logit';

/** Options of {@link ensemble}. */
export interface EnsembleOptions {
  /** Default `'mean-probability'`. */
  combine?: EnsembleCombine;
  /** The members' output kind; default `'sigmoid'` (one logit per clip). */
  output?: OutputKind;
}

/**
 * Combines several runners (typically the five cross-validation folds of one model) into one
 * {@link Runner}. Members run one after another on the same clips (not in parallel: they would
 * compete for the same cores). `'mean-logit'` averages the raw outputs. `'mean-probability'`
 * averages probabilities and returns outputs that map back to that mean under the same output
 * kind — logit(p̄) for `'sigmoid'`, log(p̄ per class) for `'softmax'` — so `toProbability` of the
 * ensemble's output is the mean probability. `dispose()` disposes every member.
 *
 * @example
 * ```ts
 * const folds = await Promise.all(paths.map(async (p) => onnxRunner(await ort.InferenceSession.create(p), ort)));
 * const model = ensemble(folds, { combine: 'mean-probability', output: 'sigmoid' });
 * const p = toProbability(await model.run(clip), 'sigmoid')[0];
 * ```
 */
export function ensemble(runners: readonly Runner[], options: EnsembleOptions = {}): Runner {
  if (!Array.isArray(runners) || runners.length === 0) {
    throw new SonoriskError('EMPTY_INPUT', 'ensemble needs at least one runner.');
  }
  runners.forEach((r, i) => {
    if (typeof r !== 'object' || r === null || typeof r.run !== 'function' || typeof r.dispose !== 'function') {
      throw new SonoriskError('INVALID_ARGUMENT', `Ensemble member ${i} is not a Runner ({ run, dispose }).`);
    }
  });
  const combine = options.combine ?? 'mean-probability';
  if (combine !== 'mean-probability' && combine !== 'mean-logit') {
    throw new SonoriskError('INVALID_ARGUMENT', `combine must be 'mean-probability' or 'mean-logit', got ${String(combine)}.`);
  }
  const output = options.output ?? 'sigmoid';
  if (output !== 'sigmoid' && output !== 'softmax') {
    throw new SonoriskError('INVALID_ARGUMENT', `output must be 'sigmoid' or 'softmax', got ${String(output)}.`);
  }
  const members = [...runners];
  let disposed = false;
  const shape = members.find((r) => r.inputShape !== undefined)?.inputShape;
  const result: Runner = {
    async run(clips: ClipTensor | readonly ClipTensor[]): Promise<Float32Array> {
      if (disposed) throw new SonoriskError('MODEL_DISPOSED', 'This ensemble was disposed.');
      const outs: Float32Array[] = [];
      for (const r of members) outs.push(await r.run(clips));
      const len = outs[0]!.length;
      outs.forEach((o, i) => {
        if (o.length !== len) {
          throw new SonoriskError('LENGTH_MISMATCH', `Ensemble member ${i} returned ${o.length} outputs, member 0 returned ${len}; members must be the same model.`);
        }
      });
      const mean = new Float64Array(len);
      if (combine === 'mean-logit') {
        for (const o of outs) for (let i = 0; i < len; i++) mean[i]! += o[i]! / outs.length;
        return Float32Array.from(mean);
      }
      const classes = output === 'softmax' ? 2 : 1;
      if (len % classes !== 0) throw new SonoriskError('LENGTH_MISMATCH', `${len} outputs do not split into clips of ${classes} (${output}).`);
      if (output === 'sigmoid') {
        for (const o of outs) {
          const p = toProbability(o, 'sigmoid');
          for (let i = 0; i < len; i++) mean[i]! += p[i]! / outs.length;
        }
        return Float32Array.from(mean, (p) => Math.log(p) - Math.log1p(-p));
      }
      for (const o of outs) {
        for (let c = 0; c < classes; c++) {
          const p = toProbability(o, 'softmax', { positiveIndex: c });
          for (let i = 0; i < p.length; i++) mean[i * classes + c]! += p[i]! / outs.length;
        }
      }
      return Float32Array.from(mean, (p) => Math.log(p));
    },
    async dispose(): Promise<void> {
      if (disposed) return;
      disposed = true;
      for (const r of members) await r.dispose();
    },
  };
  return shape === undefined ? result : Object.assign(result, { inputShape: shape as InputShape });
}
