/**
 * onnxRunner on onnxruntime-web (wasm backend, run in Node, wasm loaded from node_modules — no network)
 * against PyTorch outputs (fixtures: scripts/fixtures/models-build.py).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ortWeb from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onnxRunner } from '../../src/index.js';
import { FIXTURES, clipsOf, fixture, maxAbsDiff, readF32 } from './fixtures.js';

const networkRequests: string[] = [];
const realFetch = globalThis.fetch;
beforeAll(() => {
  ortWeb.env.wasm.numThreads = 1;
  ortWeb.env.wasm.proxy = false;
  // Offline: any attempt to fetch the wasm (or anything) from the network fails the test.
  globalThis.fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const href = typeof url === 'string' ? url : url instanceof URL ? url.href : url.url;
    if (/^https?:/.test(href)) {
      networkRequests.push(href);
      throw new Error(`network access attempted: ${href}`);
    }
    return realFetch(url, init);
  }) as typeof fetch;
});
afterAll(() => {
  globalThis.fetch = realFetch;
  expect(networkRequests).toEqual([]);
});

describe.each(['resnet3d-c1', 'resnet3d-c3'])('onnxRunner on onnxruntime-web (wasm): %s vs PyTorch', (name) => {
  it('matches PyTorch to 1e-4 for batch 1 and batch 3', async () => {
    const f = fixture(name);
    const clips = clipsOf(f);
    const bytes = readFileSync(join(FIXTURES, `${name}.onnx`));
    const session = await ortWeb.InferenceSession.create(new Uint8Array(bytes), { executionProviders: ['wasm'] });
    const runner = onnxRunner(session, ortWeb);
    expect(runner.inputShape).toEqual([null, f.channels, 8, 32, 32]);
    expect(maxAbsDiff(await runner.run(clips), readF32(`${name}.torch-batch.bin`))).toBeLessThanOrEqual(1e-4);
    expect(maxAbsDiff(await runner.run(clips[2]!), readF32(`${name}.torch-single.bin`).subarray(2 * f.logits))).toBeLessThanOrEqual(1e-4);
    await runner.dispose();
  });
});
