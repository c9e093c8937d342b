/**
 * Whole pipeline on a real ultrasound cine: openDicomCine → predictRisk (clipForSpec → onnxRunner) against
 * pydicom + GDCM → MONAI-equivalent clip → the PyTorch fixture ResNets (scripts/fixtures/models-e2e.py).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { type ModelId, type Runner, modelSpec, onnxRunner, openDicomCine, predictRisk, toLogOdds } from '../../src/index.js';
import { FIXTURES, maxAbsDiff } from './fixtures.js';

interface E2eCase {
  model: ModelId;
  fixture: string;
  source: 'bmode' | 'ceus';
  window: { name: string; start: number; end: number | null };
  injectionTime: number;
  frames: number;
  size: [number, number];
  channels: 1 | 3;
  resizeMode: 'area' | 'bilinear';
  output: 'sigmoid' | 'softmax';
  normalize: { scale: number; mean: number[]; std: number[] };
  box: [number, number, number, number];
  frameIndices: number[];
  frameTimes: number[];
  torchLogits: number[];
}
const e2e = JSON.parse(readFileSync(join(FIXTURES, 'e2e.json'), 'utf8')) as { file: string; cases: E2eCase[] };

describe('predictRisk end to end on examples_ybr_color.dcm', () => {
  it('matches the Python/PyTorch pipeline: frames used and logits (≤ 1e-4)', async () => {
    const cine = await openDicomCine(new Uint8Array(readFileSync(e2e.file)));
    const [bm, ce] = [e2e.cases.find((c) => c.source === 'bmode')!, e2e.cases.find((c) => c.source === 'ceus')!];
    const toBox = ([x0, y0, x1, y1]: number[]) => ({ x0: x0!, y0: y0!, x1: x1!, y1: y1! });
    const runners: Record<string, Runner> = {};
    for (const c of e2e.cases) {
      runners[c.model] = onnxRunner(await ort.InferenceSession.create(join(FIXTURES, `${c.fixture}.onnx`), { intraOpNumThreads: 1 }), ort);
    }
    const result = await predictRisk({
      cines: { bmode: cine, ceus: cine },
      boxes: { bmode: toBox(bm.box), ceus: toBox(ce.box) },
      injectionTime: ce.injectionTime,
      models: e2e.cases.map((c) =>
        modelSpec(c.model, {
          source: c.source,
          window: { name: c.window.name, start: c.window.start, end: c.window.end ?? Number.POSITIVE_INFINITY },
          frames: c.frames,
          size: c.size,
          channels: c.channels,
          resizeMode: c.resizeMode,
          output: c.output,
          normalize: c.normalize,
        }),
      ),
      runners,
    });
    for (const c of e2e.cases) {
      const p = result.byModel[c.model]!;
      expect(p.frames.indices).toEqual(c.frameIndices);
      expect(maxAbsDiff(p.frames.times, c.frameTimes)).toBeLessThan(1e-9);
      expect(maxAbsDiff(p.outputs, c.torchLogits)).toBeLessThanOrEqual(1e-4);
      expect(p.logit).toBeCloseTo(toLogOdds(c.torchLogits, c.output)[0]!, 4);
    }
    expect(result.timings.clipsBuilt).toBe(2);
    for (const r of Object.values(runners)) await r.dispose();
  });
});
