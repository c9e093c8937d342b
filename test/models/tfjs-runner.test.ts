/**
 * tfjsRunner on tfjs-core + tfjs-backend-cpu + tfjs-converter, with the GraphModels written by
 * scripts/fixtures/models-tfjs.ts from the same weights as the ONNX fixtures, against onnxruntime-node.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import '@tensorflow/tfjs-backend-cpu';
import * as tfconv from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TfGraphModelLike, isSonoriskError, onnxRunner, patchTfjsWebglPad5d, tfjsRunner } from '../../src/index.js';
import { expectCodes } from '../helpers/expect-code.js';
import { FIXTURES, clipsOf, fixture, maxAbsDiff, readF32 } from './fixtures.js';

async function loadFixtureGraph(name: string): Promise<tfconv.GraphModel> {
  const dir = join(FIXTURES, `${name}-tfjs`);
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  const bin = readFileSync(join(dir, 'weights.bin'));
  return tfconv.loadGraphModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest[0].weights,
      weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
      format: json.format,
    }),
  );
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(['resnet3d-c1', 'resnet3d-c3'])('tfjsRunner (tfjs cpu) %s', (name) => {
  const f = fixture(name);
  const clips = clipsOf(f);

  it('reports the NDHWC graph input as NCDHW and matches onnxruntime to 1e-3 (batch 1 and 3)', async () => {
    const model = await loadFixtureGraph(name);
    const runner = tfjsRunner(model, tf);
    expect(runner.inputShape).toEqual([null, f.channels, 8, 32, 32]);
    const session = await ort.InferenceSession.create(join(FIXTURES, `${name}.onnx`), { intraOpNumThreads: 1 });
    const onnx = await onnxRunner(session, ort).run(clips);
    const batch = await runner.run(clips);
    expect(maxAbsDiff(batch, onnx)).toBeLessThanOrEqual(1e-3);
    const single = await runner.run(clips[1]!);
    expect(maxAbsDiff(single, onnx.subarray(f.logits, 2 * f.logits))).toBeLessThanOrEqual(1e-3);
    // And against PyTorch directly.
    expect(maxAbsDiff(batch, readF32(`${name}.torch-batch.bin`))).toBeLessThanOrEqual(1e-3);
    const before = tf.memory().numTensors;
    await runner.run(clips);
    expect(tf.memory().numTensors).toBe(before); // nothing leaks per run
    await runner.dispose();
    await expect(runner.run(clips[0]!)).rejects.toSatisfy((e) => isSonoriskError(e, 'MODEL_DISPOSED'));
  });
});

describe('tfjsRunner bad input', () => {
  it('rejects a graph without a 5-D input, misfit clips, NaN and Float64 data', async () => {
    const flat = { inputs: [{ name: 'x', shape: [-1, 16] }], outputs: [{ name: 'y' }], executeAsync: async () => undefined, dispose() {} } satisfies TfGraphModelLike;
    expect(() => tfjsRunner(flat, tf)).toThrow(expect.objectContaining({ code: 'INPUT_SHAPE_MISMATCH' }));
    expect(() => tfjsRunner({} as TfGraphModelLike, tf)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    const model = await loadFixtureGraph('resnet3d-c1');
    expect(() => tfjsRunner(model, {} as typeof tf)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    const runner = tfjsRunner(model, tf);
    const clip = clipsOf(fixture('resnet3d-c1'))[0]!;
    await expect(runner.run({ data: new Float32Array(3 * 8 * 32 * 32), shape: [1, 3, 8, 32, 32] })).rejects.toSatisfy((e) => isSonoriskError(e, 'INPUT_SHAPE_MISMATCH'));
    const nan = clip.data.slice();
    nan[7] = Number.NaN;
    await expect(runner.run({ data: nan, shape: clip.shape })).rejects.toSatisfy((e) => isSonoriskError(e, 'NON_FINITE'));
    await expect(runner.run({ data: Float64Array.from(clip.data) as unknown as Float32Array, shape: clip.shape })).rejects.toSatisfy((e) =>
      isSonoriskError(e, 'INVALID_ARGUMENT'),
    );
    await runner.dispose();
  });
});

describe('patchTfjsWebglPad5d (the WebGL run is test/browser/tfjs-webgl.spec.ts)', () => {
  it('does nothing without a WebGL backend and rejects a non-tfjs argument', async () => {
    expect(patchTfjsWebglPad5d(tf)).toBe(false); // Node: only the cpu backend is registered
    expect(tf.getKernel('PadV2', 'cpu')).toBeDefined();
    await expectCodes([
      [() => patchTfjsWebglPad5d(null as never), 'INVALID_ARGUMENT'],
      [() => patchTfjsWebglPad5d({ getKernel() {} } as never), 'INVALID_ARGUMENT'],
    ]);
  });
});
