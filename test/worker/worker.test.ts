/**
 * sonorisk/worker over a MessageChannel in Node (the same protocol a Web Worker carries; the browser
 * run is test/consumers): the worker's predictions equal predictRisk on this thread with the same
 * demo models, progress arrives in order, cancellation rejects with ABORTED, bad requests with codes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { openDicomCine, predictRisk } from '../../src/index.js';
import { DEMO_RENDER, loadModel } from '../../src/node/index.js';
import { simulateCase } from '../../src/simulate/index.js';
import { type MessageEndpoint, SonoriskWorker, type WorkerProgress, serveSonoriskWorker } from '../../src/worker/index.js';
import { expectCodes } from '../helpers/expect-code.js';

const models = join(import.meta.dirname, '..', '..', 'models', 'demo');
const manifestUrl = (id: string) => pathToFileURL(join(models, id, 'manifest.json')).href;
const fileFetch = async (url: string) => {
  try {
    const bytes = await readFile(new URL(url));
    return { ok: true, status: 200, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), text: async () => bytes.toString('utf8') };
  } catch {
    return { ok: false, status: 404, arrayBuffer: async () => new ArrayBuffer(0), text: async () => '' };
  }
};
const sessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1 };
const sim = simulateCase(DEMO_RENDER, { seed: 'worker-test' });

const channel = new MessageChannel();
const stop = serveSonoriskWorker({ ort, sessionOptions, fetch: fileFetch, endpoint: channel.port1 as unknown as MessageEndpoint });
const client = new SonoriskWorker(channel.port2 as unknown as MessageEndpoint);
afterAll(async () => {
  client.terminate();
  await stop();
  channel.port1.close();
});

describe('sonorisk/worker', () => {
  it('opens cines, decodes frames and predicts exactly as predictRisk on this thread', async () => {
    const bmode = await client.open(sim.bmode.slice());
    const ceus = await client.open(sim.ceus.slice());
    const local = { bmode: await openDicomCine(sim.bmode), ceus: await openDicomCine(sim.ceus) };
    expect([bmode.width, bmode.height, bmode.frameCount]).toEqual([local.bmode.width, local.bmode.height, local.bmode.frameCount]);
    expect(Array.from(ceus.frameTimes)).toEqual(Array.from(local.ceus.frameTimes));
    const f = await client.frame(ceus, 3);
    expect(Array.from(f.data)).toEqual(Array.from((await local.ceus.frame(3)).data));

    const loads: WorkerProgress[] = [];
    const us = await client.loadModel(manifestUrl('r-us'), { onProgress: (p) => loads.push(p) });
    const ce = await client.loadModel(manifestUrl('r-ceus'));
    expect([us.id, us.folds, ce.id]).toEqual(['R-US', 5, 'R-CEUS']);
    expect(loads.map((p) => `${p.done}/${p.total}`)).toEqual(['0/5', '1/5', '2/5', '3/5', '4/5', '5/5']);

    const boxes = { bmode: sim.truth.bmode.roiBox, ceus: sim.truth.ceus.roiBox };
    const injectionTime = sim.truth.ceus.injectionTimeS;
    const progress: WorkerProgress[] = [];
    const remote = await client.predict({ cines: { bmode: bmode.id, ceus: ceus.id }, boxes, injectionTime, models: [us.id, ce.id] }, { onProgress: (p) => progress.push(p) });

    const mUs = await loadModel(join(models, 'r-us', 'manifest.json'), { threads: 1 });
    const mCe = await loadModel(join(models, 'r-ceus', 'manifest.json'), { threads: 1 });
    const here = await predictRisk({ cines: local, boxes, injectionTime, models: [mUs.spec, mCe.spec], runners: { 'R-US': mUs.runner, 'R-CEUS': mCe.runner } });
    await mUs.runner.dispose();
    await mCe.runner.dispose();
    expect(remote.predictions.map((p) => p.probability)).toEqual(here.predictions.map((p) => p.probability));
    expect(remote.predictions.map((p) => p.frames)).toEqual(here.predictions.map((p) => p.frames));
    expect(remote.predictions[0]!.outputs).toBeInstanceOf(Float32Array);
    expect(progress.map((p) => `${p.stage}:${p.done}/${p.total}`)).toEqual(['clip:0/2', 'model:0/2', 'clip:1/2', 'clip:2/2', 'model:1/2', 'model:2/2']);
  }, 60_000);

  it('progress reaches the total when models share a clip (the clip stage counts distinct clips)', async () => {
    // A study model with R-US's input spec and weights under another id: predictRisk builds one clip for both.
    const dir = mkdtempSync(join(tmpdir(), 'sonorisk-worker-'));
    const usManifest = JSON.parse(readFileSync(join(models, 'r-us', 'manifest.json'), 'utf8')) as { spec: object; folds: { file: string }[] };
    const twin = {
      ...usManifest,
      model: 'R-US-TWIN',
      spec: { ...usManifest.spec, source: 'bmode', window: { name: 'bmode', start: 0, end: null } },
      folds: usManifest.folds.map((f) => ({ ...f, file: pathToFileURL(join(models, 'r-us', f.file)).href })),
    };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(twin));
    const us = await client.loadModel(manifestUrl('r-us'));
    const tw = await client.loadModel(pathToFileURL(join(dir, 'manifest.json')).href);
    const cine = await client.open(sim.bmode.slice());
    const progress: WorkerProgress[] = [];
    const r = await client.predict({ cines: { bmode: cine.id }, boxes: { bmode: sim.truth.bmode.roiBox }, models: [us.id, tw.id] }, { onProgress: (p) => progress.push(p) });
    rmSync(dir, { recursive: true, force: true });
    expect(r.timings.clipsBuilt).toBe(1);
    expect(r.predictions[1]!.probability).toBe(r.predictions[0]!.probability);
    expect(progress.map((p) => `${p.stage}:${p.done}/${p.total}`)).toEqual(['clip:0/1', 'clip:1/1', 'model:0/2', 'model:1/2', 'model:2/2']);
    for (const stage of ['clip', 'model'] as const) {
      const last = progress.filter((p) => p.stage === stage).at(-1)!;
      expect(last.done, `last ${stage} event`).toBe(last.total);
    }
  }, 60_000);

  it('cancels: an aborted signal rejects with ABORTED at once, and the worker stays usable', async () => {
    const cine = await client.open(sim.bmode.slice());
    await client.loadModel(manifestUrl('r-us'));
    const input = { cines: { bmode: cine.id }, boxes: { bmode: sim.truth.bmode.roiBox }, models: ['R-US'] };
    const controller = new AbortController();
    const p = client.predict(input, { signal: controller.signal, onProgress: () => controller.abort() });
    await expectCodes([
      [p, 'ABORTED'],
      [() => client.predict(input, { signal: AbortSignal.abort() }), 'ABORTED'],
    ]);
    const again = await client.predict(input);
    expect(again.predictions[0]!.probability).toBeGreaterThan(0);
  }, 60_000);

  it('rejects bad requests with codes, across the boundary', async () => {
    await expectCodes([
      [() => client.open(new Uint8Array([1, 2, 3])), 'DICOM_INVALID'],
      [() => client.frame('cine-999', 0), 'INVALID_ARGUMENT'],
      [() => client.predict({ cines: {}, boxes: {}, models: ['R-NOPE'] }), 'INVALID_ARGUMENT'],
      [() => client.loadModel(pathToFileURL(join(models, 'nope', 'manifest.json')).href), 'MODEL_LOAD_FAILED'],
      [() => client.loadModel(pathToFileURL(join(models, 'specs.json')).href), 'MANIFEST_INVALID'],
      [() => new SonoriskWorker(null as never), 'INVALID_ARGUMENT'],
      [() => serveSonoriskWorker({ endpoint: new MessageChannel().port1 as unknown as MessageEndpoint }), 'RUNTIME_NOT_FOUND'],
    ]);
    const cine = await client.open(sim.bmode.slice());
    await expectCodes([[() => client.frame(cine, 10_000), 'FRAME_OUT_OF_RANGE']]);
  }, 30_000);

  it('a terminated client rejects pending and later requests with WORKER_FAILED', async () => {
    const ch = new MessageChannel();
    const c = new SonoriskWorker(ch.port2 as unknown as MessageEndpoint); // nobody serves port1
    const pending = c.open(sim.bmode.slice());
    c.terminate();
    await expectCodes([
      [pending, 'WORKER_FAILED'],
      [() => c.open(sim.bmode.slice()), 'WORKER_FAILED'],
    ]);
    ch.port1.close();
  });
});
