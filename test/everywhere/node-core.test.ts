/**
 * The core steps (core-steps.mjs) in Node on the packed package reproduce the committed Node summary
 * test/fixtures/everywhere/core-node.json (which the browser and Deno tests compare against), and the
 * ONNX / tfjs logits match PyTorch (test/fixtures/models/e2e.json, scripts/fixtures/models-e2e.py).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareSummaries } from './core-steps.mjs';
import { CORE_NODE_JSON, MODELS, nodeSummary } from './node-summary.js';

describe('core steps in Node (packed package)', () => {
  it('equal the committed Node summary and PyTorch', async () => {
    const expected = JSON.parse(readFileSync(CORE_NODE_JSON, 'utf8')) as Record<string, unknown>;
    const actual = await nodeSummary();
    expect(compareSummaries(actual, expected, 1e-6)).toEqual([]);
    const torch = (JSON.parse(readFileSync(join(MODELS, 'e2e.json'), 'utf8')) as { cases: { torchLogits: number[] }[] }).cases[0]!.torchLogits;
    const onnx = actual['onnxLogits'] as number[];
    const tfjs = actual['tfjsLogits'] as number[];
    expect(Math.abs(onnx[0]! - torch[0]!)).toBeLessThanOrEqual(1e-4);
    expect(Math.abs(tfjs[0]! - torch[0]!)).toBeLessThanOrEqual(1e-3);
    // The comparison can fail: a perturbed summary is reported.
    expect(compareSummaries({ ...actual, onnxLogits: [onnx[0]! + 1e-3] }, expected, 1e-4)).toHaveLength(1);
  }, 120_000);
});
