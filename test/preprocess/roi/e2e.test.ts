// End to end on a real SonoSite JPEG-baseline cine vs the Python pipeline in
// scripts/fixtures/roi-e2e.py (pydicom+GDCM decode → same selection → torch/MONAI crop-resize-pad).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ClipSpec, clipForSpec, phaseWindow } from '../../../src/phases/index.js';
import { openDicomCine } from '../../../src/preprocess/index.js';

interface E2ECase {
  name: string;
  window: [number | string, number | string];
  injectionTime: number;
  frames: number;
  box: [number, number, number, number];
  size: number | [number, number];
  channels: 1 | 3;
  mode: 'area' | 'bilinear';
  normalize: { scale: number; mean: number[]; std: number[] };
  frameIndices: number[];
  shape: [number, number, number, number, number];
  offset: number;
}

const dir = new URL('../../fixtures/roi/', import.meta.url);
const fixture = JSON.parse(readFileSync(new URL('e2e.json', dir), 'utf8')) as { file: string; cases: E2ECase[] };
const bin = readFileSync(new URL('e2e.bin', dir));
const expected = new Float32Array(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength));
const num = (v: number | string) => (typeof v === 'number' ? v : Number(v));

describe('end to end: examples_ybr_color.dcm → clip tensors', async () => {
  const bytes = new Uint8Array(readFileSync(fixture.file));
  const cine = await openDicomCine(bytes);
  for (const c of fixture.cases) {
    it(c.name, async () => {
      const spec: ClipSpec = {
        source: c.name.startsWith('whole') ? 'bmode' : 'ceus',
        window: phaseWindow(c.name, num(c.window[0]), num(c.window[1])),
        frames: c.frames,
        size: typeof c.size === 'number' ? [c.size, c.size] : c.size,
        channels: c.channels,
        normalize: c.normalize,
        resizeMode: c.mode,
      };
      const [x0, y0, x1, y1] = c.box;
      const r = await clipForSpec(cine, spec, { box: { x0, y0, x1, y1 }, injectionTime: c.injectionTime });
      expect(r.frameIndices).toEqual(c.frameIndices);
      expect(r.clip.shape).toEqual(c.shape);
      const ref = expected.subarray(c.offset, c.offset + r.clip.data.length);
      let max = 0;
      let sum = 0;
      for (let i = 0; i < ref.length; i++) {
        const d = Math.abs(r.clip.data[i]! - ref[i]!);
        max = Math.max(max, d);
        sum += d;
      }
      // libjpeg-turbo (here) and GDCM (pydicom) decode this file to identical RGB, so the clips agree
      // to float32 rounding of the normalisation (measured: 0 and 3e-7). Were the decoders to differ
      // (the decode parity bound is ≤ 2 grey levels), this would need (2 / 255) / std instead.
      expect(max).toBeLessThanOrEqual(1e-5);
      expect(sum / ref.length).toBeLessThan(1e-6);
    });
  }
});
