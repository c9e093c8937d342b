/**
 * Loads the model fixtures written by scripts/fixtures/models-build.py (ONNX, inputs, PyTorch outputs)
 * and scripts/fixtures/models-tfjs.ts (tfjs GraphModel). Regenerate with those scripts, in that order.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClipTensor } from '../../src/index.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'models');

export interface ModelFixture {
  name: string;
  channels: number;
  logits: number;
  inputShape: [number, number, number, number, number];
}

export const META = JSON.parse(readFileSync(join(FIXTURES, 'meta.json'), 'utf8')) as { fixtures: ModelFixture[] };

export function fixture(name: string): ModelFixture {
  const f = META.fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f;
}

export function readF32(file: string): Float32Array {
  const b = readFileSync(join(FIXTURES, file));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

/** The batch of inputs as one clip per sample (batch-1 ClipTensors). */
export function clipsOf(f: ModelFixture): ClipTensor[] {
  const all = readF32(`${f.name}.input.bin`);
  const [n, c, t, h, w] = f.inputShape;
  const size = c * t * h * w;
  return Array.from({ length: n }, (_, i) => ({ data: all.slice(i * size, (i + 1) * size), shape: [1, c, t, h, w] }));
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}
