/**
 * onnxRunner on onnxruntime-node against PyTorch outputs (fixtures: scripts/fixtures/models-build.py).
 */
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClipTensor, type OrtSessionLike, type SonoriskErrorCode, isSonoriskError, onnxRunner } from '../../src/index.js';
import { FIXTURES, clipsOf, fixture, maxAbsDiff, readF32 } from './fixtures.js';

const sessions: ort.InferenceSession[] = [];
async function open(file: string): Promise<ort.InferenceSession> {
  const s = await ort.InferenceSession.create(join(FIXTURES, file), { intraOpNumThreads: 1 });
  sessions.push(s);
  return s;
}

async function rejects(p: Promise<unknown> | (() => unknown), code: SonoriskErrorCode): Promise<void> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(isSonoriskError(e, code), String(e)).toBe(true);
    return;
  }
  throw new Error(`expected ${code}`);
}

afterAll(async () => {
  for (const s of sessions) await s.release().catch(() => undefined);
});

describe.each(['resnet3d-c1', 'resnet3d-c3'])('onnxRunner on onnxruntime-node: %s vs PyTorch', (name) => {
  const f = fixture(name);
  const clips = clipsOf(f);
  let session: ort.InferenceSession;
  beforeAll(async () => {
    session = await open(`${name}.onnx`);
  });

  it('discovers names and the stated input shape (dynamic batch)', () => {
    const r = onnxRunner(session, ort, { releaseSession: false });
    expect(r.inputName).toBe('input');
    expect(r.outputName).toBe('logits');
    expect(r.inputShape).toEqual([null, f.channels, 8, 32, 32]);
  });

  it('batch 1: each clip alone matches PyTorch to 1e-4', async () => {
    const r = onnxRunner(session, ort, { releaseSession: false });
    const want = readF32(`${name}.torch-single.bin`);
    for (let i = 0; i < clips.length; i++) {
      const got = await r.run(clips[i]!);
      expect(got.length).toBe(f.logits);
      expect(maxAbsDiff(got, want.subarray(i * f.logits, (i + 1) * f.logits))).toBeLessThanOrEqual(1e-4);
    }
  });

  it('batch of 3 (one session.run, and split by maxBatch 2) matches PyTorch to 1e-4', async () => {
    const want = readF32(`${name}.torch-batch.bin`);
    const r = onnxRunner(session, ort, { releaseSession: false });
    const got = await r.run(clips);
    expect(got.length).toBe(clips.length * f.logits);
    expect(maxAbsDiff(got, want)).toBeLessThanOrEqual(1e-4);
    const split = await onnxRunner(session, ort, { releaseSession: false, maxBatch: 2 }).run(clips);
    expect(maxAbsDiff(split, want)).toBeLessThanOrEqual(1e-4);
    // One clip tensor with N = 3 is the same batch.
    const all = readF32(`${name}.input.bin`);
    const packed = await r.run({ data: all, shape: f.inputShape });
    expect(maxAbsDiff(packed, want)).toBeLessThanOrEqual(1e-4);
  });
});

describe('onnxRunner: static shapes and bad input', () => {
  const c1 = fixture('resnet3d-c1');
  const good = clipsOf(c1)[0]!;

  it('a graph with a static batch of 1 runs clips one at a time', async () => {
    const s = await open('static-5d.onnx');
    const calls: number[] = [];
    const counting: OrtSessionLike = {
      inputNames: s.inputNames,
      outputNames: s.outputNames,
      inputMetadata: s.inputMetadata,
      run: (feeds) => {
        calls.push(feeds['input']!.dims[0]!);
        return s.run(feeds as ort.InferenceSession.FeedsType);
      },
    };
    const r = onnxRunner(counting, ort);
    expect(r.inputShape).toEqual([1, 1, 8, 32, 32]);
    const clips = clipsOf(c1);
    const got = await r.run(clips);
    expect(calls).toEqual([1, 1, 1]);
    // The graph is the mean over C, T, H, W.
    clips.forEach((c, i) => {
      const mean = c.data.reduce((a, b) => a + b, 0) / c.data.length;
      expect(got[i]).toBeCloseTo(mean, 5);
    });
  });

  it('rejects clips that do not fit the graph or are not Float32, finite NCDHW', async () => {
    const r = onnxRunner(await open('resnet3d-c1.onnx'), ort);
    const [, c, t, h, w] = c1.inputShape;
    await rejects(r.run({ data: new Float32Array(3 * t * h * w), shape: [1, 3, t, h, w] }), 'INPUT_SHAPE_MISMATCH');
    await rejects(r.run({ data: new Float32Array(c * 16 * h * w), shape: [1, c, 16, h, w] }), 'INPUT_SHAPE_MISMATCH');
    await rejects(r.run({ data: new Float32Array(10), shape: [1, c, t, h, w] }), 'INPUT_SHAPE_MISMATCH');
    await rejects(r.run({ data: good.data, shape: [c, t, h, w] } as unknown as ClipTensor), 'INPUT_SHAPE_MISMATCH');
    await rejects(r.run({ data: Float64Array.from(good.data), shape: good.shape } as unknown as ClipTensor), 'INVALID_ARGUMENT');
    await rejects(r.run({ data: Array.from(good.data), shape: good.shape } as unknown as ClipTensor), 'INVALID_ARGUMENT');
    await rejects(r.run(null as unknown as ClipTensor), 'INVALID_ARGUMENT');
    await rejects(r.run([]), 'EMPTY_INPUT');
    const nan = good.data.slice();
    nan[1234] = Number.NaN;
    await rejects(r.run({ data: nan, shape: good.shape }), 'NON_FINITE');
    const inf = good.data.slice();
    inf[0] = Number.POSITIVE_INFINITY;
    await rejects(r.run([good, { data: inf, shape: good.shape }]), 'NON_FINITE');
  });

  it('rejects a graph without a 5-D input, bad construction, and runs after dispose', async () => {
    await rejects(async () => onnxRunner(await open('flat-2d.onnx'), ort), 'INPUT_SHAPE_MISMATCH');
    const s = await open('resnet3d-c1.onnx');
    await rejects(async () => onnxRunner(s, {} as typeof ort), 'INVALID_ARGUMENT');
    await rejects(async () => onnxRunner({} as OrtSessionLike, ort), 'INVALID_ARGUMENT');
    await rejects(async () => onnxRunner(s, ort, { inputName: 'nope' }), 'INVALID_ARGUMENT');
    await rejects(async () => onnxRunner(s, ort, { outputName: 'nope' }), 'INVALID_ARGUMENT');
    await rejects(async () => onnxRunner(s, ort, { maxBatch: 0 }), 'INVALID_ARGUMENT');
    const r = onnxRunner(s, ort, { releaseSession: false });
    await r.dispose();
    await r.dispose(); // idempotent
    await rejects(r.run(good), 'MODEL_DISPOSED');
  });

  it('without stated shapes (older onnxruntime) it still runs; onnxruntime rejects the misfit', async () => {
    const s = await open('resnet3d-c1.onnx');
    const bare: OrtSessionLike = { inputNames: s.inputNames, outputNames: s.outputNames, run: (f) => s.run(f as ort.InferenceSession.FeedsType) };
    const r = onnxRunner(bare, ort);
    expect(r.inputShape).toEqual([null, null, null, null, null]);
    expect(maxAbsDiff(await r.run(good), readF32('resnet3d-c1.torch-single.bin').subarray(0, 1))).toBeLessThanOrEqual(1e-4);
  });
});
