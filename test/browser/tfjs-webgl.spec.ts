/**
 * tfjsRunner on tfjs's WebGL backend (@tensorflow/tfjs-backend-webgl) in headless Chromium, where
 * WebGL2 is ANGLE on SwiftShader (Vulkan, CPU-emulated): the random-weight test model resnet3d-c1 as a
 * tfjs GraphModel on the R-US clip of the real SonoSite cine (core-steps.mjs) must give onnxruntime-node's
 * logit (test/fixtures/everywhere/core-node.json), and the c1/c3 fixture batches PyTorch's outputs.
 *
 * Tolerance 1e-4 on logits (and so on probabilities, sigmoid' ≤ 1/4): the backend keeps float32
 * textures (asserted: WEBGL_RENDER_FLOAT32_ENABLED), so the differences are float32 summation order
 * in convolutions of at most 24·27 = 648 terms per output over 9 conv layers, a few float32 ulps of
 * logits of magnitude < 1 — the same bound onnxruntime-web is held to against onnxruntime-node.
 * A half-float fallback (mobile GPUs) or a wrong NDHWC/NCDHW transpose gives errors of 1e-3 to 1e-1,
 * which this bound catches. Skips, printing why, when the browser offers no WebGL2 context.
 */
import '@tensorflow/tfjs-backend-webgl';
import * as tfconv from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { coreSteps } from '../everywhere/core-steps.mjs';
import node from '../fixtures/everywhere/core-node.json';
import { blob } from './load.js';
import * as sonorisk from './sonorisk.mjs';

const TOLERANCE = 1e-4;
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};
const f32 = async (url: string) => new Float32Array(await (await blob(url)).arrayBuffer());

/** Constant padding of a row-major 5-D array, written out (the reference for the patched kernel). */
function padLoop(x: Float32Array, shape: number[], pads: [number, number][], value: number): number[] {
  const out = shape.map((n, i) => n + pads[i]![0] + pads[i]![1]);
  const res: number[] = [];
  const at = (idx: number[]) => idx.reduce((o, v, i) => o * shape[i]! + v, 0);
  for (let a = 0; a < out[0]!; a++)
    for (let b = 0; b < out[1]!; b++)
      for (let c = 0; c < out[2]!; c++)
        for (let d = 0; d < out[3]!; d++)
          for (let e = 0; e < out[4]!; e++) {
            const src = [a, b, c, d, e].map((v, i) => v - pads[i]![0]);
            res.push(src.every((v, i) => v >= 0 && v < shape[i]!) ? x[at(src)]! : value);
          }
  return res;
}

/** Why WebGL is unusable here, or undefined when tfjs runs on it. */
async function webglProblem(): Promise<string | undefined> {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return 'this Chromium offers no WebGL2 context (launched with flags that disable SwiftShader?)';
  if (!(await tf.setBackend('webgl'))) return 'tf.setBackend("webgl") failed';
  await tf.ready();
  return tf.getBackend() === 'webgl' ? undefined : `tfjs chose the ${tf.getBackend()} backend`;
}

it('tfjsRunner on the WebGL backend (SwiftShader) equals onnxruntime-node and PyTorch to 1e-4', async (ctx) => {
  const problem = await webglProblem();
  if (problem !== undefined) {
    console.warn(`tfjs WebGL test skipped: ${problem}`);
    ctx.skip();
  }
  const gl = document.createElement('canvas').getContext('webgl2')!;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  console.log(`WebGL2 renderer: ${info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)}`);
  expect(tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED'), 'float32 render targets (the tolerance assumes them)').toBe(true);

  // tfjs-backend-webgl cannot compile its Pad shaders for 5-D tensors (tensorflow/tfjs#6167), so the
  // 3D ResNet's Pad ops fail unless patchTfjsWebglPad5d splits them; once tfjs fixes this, this
  // line fails and the patch can go. Padded values must equal a plain loop's, asymmetric pads included.
  const values = Float32Array.from({ length: 2 * 3 * 4 * 5 * 2 }, (_, i) => i + 1);
  const pads: [number, number][] = [[0, 1], [1, 0], [2, 1], [0, 2], [1, 1]];
  const pad5 = async () => tf.tidy(() => tf.pad(tf.tensor(values, [2, 3, 4, 5, 2]), pads, -1)).data();
  const log = console.log; // tfjs prints the whole failing shader
  console.log = () => {};
  await expect(pad5(), 'unpatched 5-D pad on WebGL').rejects.toThrow(/shader/).finally(() => {
    console.log = log;
  });
  expect(sonorisk.patchTfjsWebglPad5d(tf)).toBe(true);
  expect(sonorisk.patchTfjsWebglPad5d(tf)).toBe(true); // idempotent
  expect(Array.from(await pad5())).toEqual(padLoop(values, [2, 3, 4, 5, 2], pads, -1));

  // The real clip, through the whole core-steps path: tfjs-webgl vs onnxruntime-node.
  const model = await tfconv.loadGraphModel('/test/fixtures/models/resnet3d-c1-tfjs/model.json');
  const summary = (await coreSteps(sonorisk as unknown as Record<string, unknown>, { ybr: await blob('/dicom/examples_ybr_color.dcm'), tfjs: { model, tf } })) as {
    tfjsLogits: number[];
  };
  const logitDiff = maxAbsDiff(summary.tfjsLogits, node.onnxLogits);
  const probDiff = maxAbsDiff(summary.tfjsLogits.map(sigmoid), node.onnxLogits.map(sigmoid));
  console.log(`tfjs-webgl vs onnxruntime-node on the real clip: |Δlogit| ${logitDiff.toExponential(2)}, |Δp| ${probDiff.toExponential(2)}`);
  expect(logitDiff).toBeLessThanOrEqual(TOLERANCE);
  expect(probDiff).toBeLessThanOrEqual(TOLERANCE);
  expect(tf.getBackend()).toBe('webgl');

  // The fixture batches (3 clips each, 1 and 3 channels): tfjs-webgl vs PyTorch.
  for (const [name, channels] of [
    ['resnet3d-c1', 1],
    ['resnet3d-c3', 3],
  ] as const) {
    const graph = await tfconv.loadGraphModel(`/test/fixtures/models/${name}-tfjs/model.json`);
    const runner = sonorisk.tfjsRunner(graph, tf);
    const input = await f32(`/test/fixtures/models/${name}.input.bin`);
    const per = channels * 8 * 32 * 32;
    const clips = [0, 1, 2].map((i) => ({ data: input.slice(i * per, (i + 1) * per), shape: [1, channels, 8, 32, 32] as [number, number, number, number, number] }));
    const before = tf.memory().numTensors;
    const out = await runner.run(clips);
    expect(tf.memory().numTensors, 'no tensor leaks per run').toBe(before);
    const d = maxAbsDiff(out, await f32(`/test/fixtures/models/${name}.torch-batch.bin`));
    console.log(`tfjs-webgl vs PyTorch, ${name} batch of 3: |Δlogit| ${d.toExponential(2)}`);
    expect(d).toBeLessThanOrEqual(TOLERANCE);
    await runner.dispose();
  }
});
