/**
 * predictRisk with an injected clip builder (a stand-in for clipForSpec that records its calls) and
 * real ONNX runners on the fixture models.
 */
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BuiltClip,
  type ClipBuilder,
  type ClipSpec,
  type PredictRiskInput,
  type Runner,
  cineFromFrames,
  modelSpec,
  onnxRunner,
  predictRisk,
  toProbability,
} from '../../src/index.js';
import { FIXTURES, clipsOf, fixture, readF32 } from './fixtures.js';

const clips = clipsOf(fixture('resnet3d-c1'));
const torch = readF32('resnet3d-c1.torch-single.bin');
const frames = Array.from({ length: 40 }, () => ({ width: 64, height: 48, channels: 1 as const, data: new Uint8Array(64 * 48) }));
const ceus = cineFromFrames(frames, { fps: 1 / 4 }); // one frame every 4 s: 0..156 s
const bmode = cineFromFrames(frames.slice(0, 10), { fps: 10 });
const box = { x0: 4, y0: 4, x1: 40, y1: 30 };
const small = { frames: 8, size: [32, 32] as [number, number] };

/** Returns fixture clip k per window (arterial 0, dual 1, portal 2, bmode 0) and records calls. */
function recordingBuilder(calls: { spec: ClipSpec; injectionTime: number | undefined }[]): ClipBuilder {
  return async (_cine, spec, options) => {
    calls.push({ spec, injectionTime: options.injectionTime });
    const k = spec.window.name === 'dual' ? 1 : spec.window.name === 'portal' ? 2 : 0;
    const built: BuiltClip = { clip: clips[k]!, frameIndices: [1, 2, 3], frameTimes: [4, 8, 12], warnings: [`built ${spec.window.name}`] };
    return built;
  };
}

let runner: Runner;
beforeAll(async () => {
  runner = onnxRunner(await ort.InferenceSession.create(join(FIXTURES, 'resnet3d-c1.onnx'), { intraOpNumThreads: 1 }), ort);
});
afterAll(async () => {
  await runner.dispose();
});

function input(over: Partial<PredictRiskInput> = {}, calls: { spec: ClipSpec; injectionTime: number | undefined }[] = []): PredictRiskInput {
  return {
    cines: { bmode, ceus },
    boxes: { bmode: box, ceus: box },
    injectionTime: 10,
    models: [modelSpec('R-US', small), modelSpec('R-CEUS', small), modelSpec('R-CEUS45', small), modelSpec('R-CEUS2', small)],
    runners: { 'R-US': runner, 'R-CEUS': runner, 'R-CEUS45': runner, 'R-CEUS2': runner },
    clipBuilder: recordingBuilder(calls),
    ...over,
  };
}

describe('predictRisk', () => {
  it('runs every model on its own clip and reports probability, logit, frames, timings', async () => {
    const calls: { spec: ClipSpec; injectionTime: number | undefined }[] = [];
    const r = await predictRisk(input({}, calls));
    expect(r.predictions.map((p) => p.model)).toEqual(['R-US', 'R-CEUS', 'R-CEUS45', 'R-CEUS2']);
    expect(calls.map((c) => [c.spec.source, c.spec.window.name, c.injectionTime])).toEqual([
      ['bmode', 'bmode', undefined],
      ['ceus', 'dual', 10],
      ['ceus', 'arterial', 10],
      ['ceus', 'portal', 10],
    ]);
    const dual = r.byModel['R-CEUS']!;
    expect(dual.logit).toBeCloseTo(torch[1]!, 4); // fixture clip 1 through the ONNX model = PyTorch's logit
    expect(dual.probability).toBeCloseTo(toProbability([torch[1]!], 'sigmoid')[0]!, 5);
    expect(dual.positive).toBe(dual.probability >= 0.5);
    expect(dual.frames).toEqual({ indices: [1, 2, 3], times: [4, 8, 12], timesAfterInjection: [-6, -2, 2] });
    expect(dual.warnings).toEqual(['built dual']);
    expect(r.byModel['R-US']!.frames.timesAfterInjection).toEqual([4, 8, 12]);
    expect(r.timings.clipsBuilt).toBe(4);
    for (const p of r.predictions) {
      expect(Number.isFinite(p.timings.runMs)).toBe(true); // measured, not asserted: no timing limits in unit tests
      expect(p.timings.clipShared).toBe(false);
    }
  });

  it('builds a clip once for models with the same input spec', async () => {
    const calls: { spec: ClipSpec; injectionTime: number | undefined }[] = [];
    const twin = { ...modelSpec('R-CEUS', small), id: 'R-CEUS-v2', threshold: 0.1 };
    const r = await predictRisk(input({ models: [modelSpec('R-CEUS', small), twin], runners: { 'R-CEUS': runner, 'R-CEUS-v2': runner } }, calls));
    expect(calls).toHaveLength(1);
    expect(r.timings.clipsBuilt).toBe(1);
    expect(r.byModel['R-CEUS-v2']!.timings).toMatchObject({ clipShared: true, clipMs: 0 });
    expect(r.byModel['R-CEUS-v2']!.probability).toBe(r.byModel['R-CEUS']!.probability);
    expect(r.byModel['R-CEUS-v2']!.threshold).toBe(0.1);
  });

  it('softmax specs read two logits; a runner with the wrong output count is LENGTH_MISMATCH', async () => {
    const two: Runner = { run: async () => new Float32Array([0.25, 1.25]), dispose: async () => undefined };
    const r = await predictRisk(input({ models: [modelSpec('R-CEUS45', { ...small, output: 'softmax' })], runners: { 'R-CEUS45': two } }));
    expect(r.byModel['R-CEUS45']!.logit).toBeCloseTo(1, 6);
    await expect(predictRisk(input({ models: [modelSpec('R-CEUS45', small)], runners: { 'R-CEUS45': two } }))).rejects.toMatchObject({ code: 'LENGTH_MISMATCH' });
  });

  it('checks everything before building any clip', async () => {
    const calls: { spec: ClipSpec; injectionTime: number | undefined }[] = [];
    const cases: Partial<PredictRiskInput>[] = [
      { models: [] },
      { models: ['R-XYZ' as 'R-US'] },
      { models: ['R-US', 'R-US'] },
      { runners: { 'R-US': runner } },
      { cines: { bmode } },
      { boxes: { ceus: box } },
      { injectionTime: undefined as unknown as number },
      { injectionTime: Number.NaN },
      { clipBuilder: 42 as unknown as ClipBuilder },
    ];
    for (const c of cases) {
      await expect(predictRisk(input(c, calls)), JSON.stringify(Object.keys(c))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    await expect(predictRisk(null as unknown as PredictRiskInput)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(calls).toHaveLength(0);
    // A B-mode-only request needs no injection time.
    const r = await predictRisk(input({ models: [modelSpec('R-US', small)], injectionTime: undefined as unknown as number }));
    expect(r.predictions).toHaveLength(1);
  });
});
