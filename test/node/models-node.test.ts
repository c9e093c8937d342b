import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '@tensorflow/tfjs-backend-cpu';
import * as tfconv from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { PREPROCESSING_VERSION, onnxRunner, tfjsRunner, toProbability } from '../../src/index.js';
import { loadModel, readTfjsArtifacts } from '../../src/node/index.js';
import { createOnnxRunner, createOnnxSession, loadOnnxRuntimeNode } from '../../src/node/onnx-session.js';
import { FIXTURES, clipsOf, fixture, maxAbsDiff, readF32 } from '../models/fixtures.js';

const onnxPath = join(FIXTURES, 'resnet3d-c1.onnx');
const clips = clipsOf(fixture('resnet3d-c1'));
const torch = readF32('resnet3d-c1.torch-batch.bin');
const tmp = mkdtempSync(join(tmpdir(), 'sonorisk-models-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('createOnnxSession / createOnnxRunner', () => {
  it('open a file with onnxruntime-node (threads 1) and match PyTorch', async () => {
    const session = await createOnnxSession(onnxPath, { threads: 1 });
    const runner = onnxRunner(session, await loadOnnxRuntimeNode());
    expect(maxAbsDiff(await runner.run(clips), torch)).toBeLessThanOrEqual(1e-4);
    await runner.dispose();
    // The three-line version.
    const r = await createOnnxRunner(onnxPath, { threads: 1 });
    const p = toProbability(await r.run(clips[0]!), 'sigmoid')[0]!;
    expect(p).toBeCloseTo(1 / (1 + Math.exp(-torch[0]!)), 4);
    await r.dispose();
  });

  it('reject a missing file, bad threads, a file that is not ONNX, a 2-D graph', async () => {
    await expect(createOnnxSession(join(FIXTURES, 'nope.onnx'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(createOnnxSession('')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(createOnnxSession(onnxPath, { threads: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(createOnnxSession(join(FIXTURES, 'meta.json'))).rejects.toMatchObject({ code: 'MODEL_LOAD_FAILED' });
    await expect(createOnnxRunner(join(FIXTURES, 'flat-2d.onnx'))).rejects.toMatchObject({ code: 'INPUT_SHAPE_MISMATCH' });
  });
});

describe('loadModel (manifest + folds)', () => {
  const sha = createHash('sha256').update(readFileSync(onnxPath)).digest('hex');
  const write = (name: string, m: object): string => {
    const p = join(tmp, name);
    writeFileSync(p, JSON.stringify(m));
    return p;
  };
  const manifest = {
    format: 'sonorisk-model-manifest',
    formatVersion: 1,
    model: 'R-CEUS45',
    runtime: 'onnx',
    spec: { frames: 8, size: [32, 32] },
    folds: [{ file: onnxPath, sha256: sha }, { file: onnxPath }],
    ensemble: 'mean-probability',
    preprocessing: { version: PREPROCESSING_VERSION },
  };

  it('opens every fold as one ensemble runner', async () => {
    const { spec, runner, warnings } = await loadModel(write('ok.json', manifest), { threads: 1 });
    expect(spec.input.frames).toBe(8);
    expect(warnings).toEqual([]);
    // Two copies of the same fold: the mean probability is that fold's probability.
    const p = toProbability(await runner.run(clips), 'sigmoid');
    expect(maxAbsDiff(p, toProbability(torch, 'sigmoid'))).toBeLessThanOrEqual(1e-5);
    await runner.dispose();
  });

  it('rejects a wrong checksum, a spec that misfits the graph, a tfjs manifest, a missing manifest', async () => {
    await expect(loadModel(write('sha.json', { ...manifest, folds: [{ file: onnxPath, sha256: '0'.repeat(64) }] }))).rejects.toMatchObject({ code: 'MANIFEST_INVALID' });
    await expect(loadModel(write('t.json', { ...manifest, spec: { frames: 16, size: [32, 32] } }))).rejects.toMatchObject({ code: 'INPUT_SHAPE_MISMATCH' });
    await expect(loadModel(write('tf.json', { ...manifest, runtime: 'tfjs' }))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(loadModel(join(tmp, 'none.json'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('readTfjsArtifacts', () => {
  it('reads model.json + shards for tf.io.fromMemory', async () => {
    await tf.setBackend('cpu');
    const artifacts = await readTfjsArtifacts(join(FIXTURES, 'resnet3d-c1-tfjs', 'model.json'));
    const model = await tfconv.loadGraphModel(tf.io.fromMemory(artifacts as tf.io.ModelArtifacts));
    const runner = tfjsRunner(model, tf);
    expect(maxAbsDiff(await runner.run(clips[0]!), torch.subarray(0, 1))).toBeLessThanOrEqual(1e-3);
    await runner.dispose();
    await expect(readTfjsArtifacts(join(FIXTURES, 'meta.json'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(readTfjsArtifacts(join(FIXTURES, 'missing.json'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
