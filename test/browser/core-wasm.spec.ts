/**
 * As core-js.spec.ts, but with configureCodecs({ wasmBaseUrl: '/codecs/' }): the codec WASM builds
 * are fetched from the app's own server (vitest.browser.config.ts serves them) and give the same pixels.
 */
import * as sonorisk from './sonorisk.mjs';
import { expect, it } from 'vitest';
import node from '../fixtures/everywhere/core-node.json';
import { compareSummaries, coreSteps } from '../everywhere/core-steps.mjs';
import { blob } from './load.js';

it('core steps in the browser (WASM codecs from wasmBaseUrl) equal Node', async () => {
  sonorisk.configureCodecs({ wasmBaseUrl: '/codecs/' });
  const summary = await coreSteps(sonorisk as unknown as Record<string, unknown>, {
    ybr: await blob('/dicom/examples_ybr_color.dcm'),
    jpeg2k: await blob('/dicom/examples_jpeg2k.dcm'),
  });
  const { onnxLogits: _o, tfjsLogits: _t, ...expected } = node;
  expect(compareSummaries(summary, expected)).toEqual([]);
  const fetched = performance
    .getEntriesByType('resource')
    .map((e) => e.name.split('/').pop())
    .filter((n) => n?.endsWith('.wasm'));
  expect(fetched).toEqual(expect.arrayContaining(['libjpegturbowasm_decode.wasm', 'openjpegwasm_decode.wasm']));
});
