/**
 * In Chromium, with the packed package: open the real US DICOM files as Blobs, decode with the
 * lazily loaded pure-JS codec builds (the default in browsers), build the clip, run the ONNX test model
 * on onnxruntime-web (wasm) and the tfjs GraphModel (cpu), compute ROC/DeLong — all equal to Node
 * (test/fixtures/everywhere/core-node.json; logits to 1e-4).
 */
import * as sonorisk from './sonorisk.mjs';
import { expect, it } from 'vitest';
import node from '../fixtures/everywhere/core-node.json';
import { compareSummaries, coreSteps } from '../everywhere/core-steps.mjs';
import { blob, runtimes } from './load.js';

it('core steps in the browser (pure-JS codecs) equal Node', async () => {
  expect(typeof window).toBe('object');
  expect((globalThis as { process?: unknown }).process).toBeUndefined();
  const rt = await runtimes();
  expect(rt.backend).toBe('cpu');
  const summary = await coreSteps(sonorisk as unknown as Record<string, unknown>, {
    ybr: await blob('/dicom/examples_ybr_color.dcm'),
    jpeg2k: await blob('/dicom/examples_jpeg2k.dcm'),
    onnx: rt.onnx,
    tfjs: rt.tfjs,
  });
  expect(compareSummaries(summary, node)).toEqual([]);
  const wasm = performance.getEntriesByType('resource').filter((e) => e.name.includes('/codecs/'));
  expect(wasm).toEqual([]); // no codec .wasm fetched: the pure-JS builds ran
  // Everything (onnxruntime-web's wasm included) came from the app's own origin: no CDN.
  const foreign = performance.getEntriesByType('resource').filter((e) => new URL(e.name).origin !== location.origin);
  expect(foreign.map((e) => e.name)).toEqual([]);
  expect(performance.getEntriesByType('resource').some((e) => /\/ort\/ort-wasm.*\.wasm$/.test(e.name))).toBe(true);
});
