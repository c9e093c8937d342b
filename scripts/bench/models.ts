/**
 * Model-runner benchmark. A full-width r3d-18-layout MONAI ResNet-18 (33 M parameters; generated with seeded
 * random weights by scripts/bench/models_torch.py into .bench/, not committed) on one 1×3×16×112×112 clip:
 *   - onnxRunner vs the raw onnxruntime-node session.run in the same run (interleaved; target ≤ 1.05×), and the
 *     runner's own cost alone (against a session that answers at once), which shared-machine noise cannot hide;
 *   - PyTorch CPU (Debian python3-torch, same model, same threads) as the baseline;
 *   - GFLOP/s against the machine's peak (2 cores × AVX2 FMA ≈ 190 GFLOP/s; FLOPs counted by the script);
 *   - onnxruntime-web (wasm, in Node) on the same model, with its output compared to onnxruntime-node's;
 *   - tfjs wasm and cpu backends: far too slow for the whole network (their Conv3D kernels run at ≈ 0.2–0.3
 *     GFLOP/s), so ONE conv layer (layer2's 3×3×3 64→128 stride-2 conv, 2.8 GFLOP) is the labelled proxy,
 *     next to onnxruntime-node on the same layer. (tfjs parity is checked in test/models on the small fixtures.)
 * Run: `npm run bench models` (or `npx tsx scripts/bench/models.ts`). Env BENCH_RUNS (default 6).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import '@tensorflow/tfjs-backend-cpu';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import * as tfconv from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { writeTfjsConv3d } from '../fixtures/tfjs-graph-writer.js';
import { type ClipTensor, createRng, onnxRunner, tfjsRunner } from '../../src/index.js';
import { readTfjsArtifacts } from '../../src/node/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bench = join(root, '.bench');
const PEAK = 190; // GFLOP/s: 2 cores × 2 FMA units × 8 float32 lanes × 2 FLOP × ~2.97 GHz
const RUNS = Number(process.env['BENCH_RUNS'] ?? 6);
const threads = Math.min(availableParallelism(), 2);

if (!existsSync(join(bench, 'r3d18.json'))) {
  console.log('building .bench/r3d18.onnx with /usr/bin/python3 (one time)...');
  const r = spawnSync('/usr/bin/python3', [join(root, 'scripts/bench/models_torch.py'), 'build', bench], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('model build failed (needs /usr/bin/python3 with torch and onnx)');
}
const info = JSON.parse(readFileSync(join(bench, 'r3d18.json'), 'utf8')) as { params: number; flops: number; proxy: { input: number[]; flops: number } };
if (!existsSync(join(bench, 'conv-proxy-tfjs', 'model.json'))) writeTfjsConv3d(join(bench, 'conv-proxy-tfjs'), info.proxy.input, [128, 64, 3, 3, 3], 2, 1);

const rng = createRng(7);
const randomClip = (shape: [number, number, number, number, number]): ClipTensor => ({
  data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.next()),
  shape,
});
const clip = randomClip([1, 3, 16, 112, 112]);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const gflops = (flops: number, ms: number) => flops / (ms / 1000) / 1e9;
const rows: [string, number, string][] = [];
const row = (what: string, ms: number, flops: number, note = '') => {
  const g = gflops(flops, ms);
  rows.push([what, ms, `${g.toFixed(1)} GFLOP/s = ${((100 * g) / PEAK).toFixed(0)}% of peak${note ? `; ${note}` : ''}`]);
  console.log(`${what.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms   ${rows.at(-1)![2]}`);
};
async function time(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}
const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

console.log(`r3d-18-layout MONAI ResNet-18: ${(info.params / 1e6).toFixed(2)} M params, ${(info.flops / 1e9).toFixed(1)} GFLOP per 1×3×16×112×112 clip; ${threads} threads; peak ≈ ${PEAK} GFLOP/s`);

// 1. onnxruntime-node: raw session.run vs onnxRunner, interleaved.
const session = await ort.InferenceSession.create(join(bench, 'r3d18.onnx'), { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
const runner = onnxRunner(session, ort, { releaseSession: false });
const raw = async () => (await session.run({ input: new ort.Tensor('float32', clip.data, clip.shape) }))['logits']!.data as Float32Array;
const reference = await raw();
await runner.run(clip);
const rawMs: number[] = [];
const runnerMs: number[] = [];
for (let i = 0; i < RUNS; i++) {
  rawMs.push(...(await time(raw, 1)));
  runnerMs.push(...(await time(() => runner.run(clip), 1)));
}
row('onnxruntime-node session.run (raw)', median(rawMs), info.flops);
row('onnxruntime-node onnxRunner', median(runnerMs), info.flops, `${(median(runnerMs) / median(rawMs)).toFixed(3)}× raw (target ≤ 1.05×)`);
// The runner's own cost (clip checks, NaN scan, tensor and feeds), isolated from onnxruntime's run-to-run
// noise on a shared machine: the same calls against a session that answers at once.
const stub = {
  inputNames: session.inputNames,
  outputNames: session.outputNames,
  inputMetadata: session.inputMetadata,
  run: async () => ({ logits: { data: reference, dims: [1, 1], type: 'float32' } }),
};
const stubRunner = onnxRunner(stub, ort);
const overheadMs = median(await time(() => stubRunner.run(clip), 50)) - median(await time(() => stub.run(), 50));
console.log(
  `${'onnxRunner overhead alone (instant session)'.padEnd(44)} ${overheadMs.toFixed(2).padStart(7)} ms   = ${(1 + overheadMs / median(rawMs)).toFixed(4)}× raw session.run`,
);

// 2. PyTorch CPU baseline (same model, weights and threads).
const py = spawnSync('/usr/bin/python3', [join(root, 'scripts/bench/models_torch.py'), 'time', bench, String(Math.max(2, Math.ceil(RUNS / 2)))], {
  encoding: 'utf8',
  env: { ...process.env, OMP_NUM_THREADS: String(threads) },
});
const torchMs = py.status === 0 ? (JSON.parse(py.stdout.trim().split('\n').at(-1)!) as { median_ms: number }).median_ms : Number.NaN;
row('PyTorch 1.13 CPU (baseline)', torchMs, info.flops, `onnxRunner is ${(torchMs / median(runnerMs)).toFixed(1)}× faster`);

// 3. onnxruntime-web, wasm, in Node (wasm files from node_modules).
ortWeb.env.wasm.numThreads = threads;
const webSession = await ortWeb.InferenceSession.create(new Uint8Array(readFileSync(join(bench, 'r3d18.onnx'))), { executionProviders: ['wasm'] });
const webRunner = onnxRunner(webSession, ortWeb);
const webOut = await webRunner.run(clip);
row(`onnxruntime-web wasm (${threads} threads)`, median(await time(() => webRunner.run(clip), 2)), info.flops, `|Δ| vs node ${maxAbs(webOut, reference).toExponential(1)}`);
await webRunner.dispose();

// 4. tfjs (wasm and cpu backends): one conv layer as the proxy — tfjs's Conv3D kernels are plain loops
// (measured ≈ 0.2–0.3 GFLOP/s here, i.e. minutes for the whole network) — next to onnxruntime-node on the same layer.
const proxyClip = randomClip(info.proxy.input as [number, number, number, number, number]);
const proxySession = await ort.InferenceSession.create(join(bench, 'conv-proxy.onnx'), { intraOpNumThreads: threads });
const proxyOrt = onnxRunner(proxySession, ort);
await proxyOrt.run(proxyClip);
row('PROXY 1 conv layer: onnxruntime-node', median(await time(() => proxyOrt.run(proxyClip), 3)), info.proxy.flops);
const proxyArtifacts = (await readTfjsArtifacts(join(bench, 'conv-proxy-tfjs', 'model.json'))) as tf.io.ModelArtifacts;
setThreadsCount(threads);
for (const backend of ['wasm', 'cpu']) {
  await tf.setBackend(backend);
  const proxyTf = tfjsRunner(await tfconv.loadGraphModel(tf.io.fromMemory(proxyArtifacts)), tf);
  await proxyTf.run(proxyClip);
  row(`PROXY 1 conv layer: tfjs ${backend} backend`, median(await time(() => proxyTf.run(proxyClip), 1)), info.proxy.flops, 'whole net = 29× this layer');
  await proxyTf.dispose();
}
await proxyOrt.dispose();
await runner.dispose();
await session.release();
