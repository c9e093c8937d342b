// Parity fixtures: scripts/fixtures/roi-resize.py (torch 1.13 F.interpolate + MONAI size/pad rules).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Box, cropResizePad, scalePadPlan } from '../../../src/preprocess/index.js';
import { xorshiftFrame } from './xorshift.js';

interface Case {
  seed: number;
  width: number;
  height: number;
  channelsIn: 1 | 3;
  bits: 8 | 16;
  box: Box;
  size: number | [number, number];
  mode: 'area' | 'bilinear';
  channels: 1 | 3;
  padValue: number;
  shape: [number, number, number];
  offset: number;
}

const dir = new URL('../../fixtures/roi/', import.meta.url);
const fixture = JSON.parse(readFileSync(new URL('resize.json', dir), 'utf8')) as { cases: Case[] };
const bin = readFileSync(new URL('resize.bin', dir));
const expected = new Float32Array(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength));

describe('cropResizePad parity with torch F.interpolate + MONAI Resize/SpatialPad', () => {
  for (const c of fixture.cases) {
    const label = `${c.width}×${c.height}×${c.channelsIn} ${c.bits}-bit box ${c.box.x1 - c.box.x0}×${c.box.y1 - c.box.y0} → ${JSON.stringify(c.size)} ${c.mode} C=${c.channels}`;
    it(label, () => {
      const frame = xorshiftFrame(c.seed, c.width, c.height, c.channelsIn, c.bits);
      const out = cropResizePad(frame, c.box, { size: c.size, mode: c.mode, channels: c.channels, padValue: c.padValue });
      const n = c.shape[0] * c.shape[1] * c.shape[2];
      expect(out.length).toBe(n);
      const ref = expected.subarray(c.offset, c.offset + n);
      let max = 0;
      let maxUlps = 0;
      for (let i = 0; i < n; i++) {
        const d = Math.abs(out[i]! - ref[i]!);
        max = Math.max(max, d);
        maxUlps = Math.max(maxUlps, d / ulp(ref[i]!));
      }
      if (c.mode === 'area' || c.channels === 1) {
        // area (adaptive average pooling) and single-plane bilinear reproduce torch bit for bit
        expect(max).toBe(0);
      } else {
        // torch's multi-channel bilinear kernel rounds differently from its single-plane one;
        // sonorisk resamples plane by plane, so allow 2 float32 ulps (3.1e-5 at 255, 1.2e-7 relative)
        expect(maxUlps).toBeLessThanOrEqual(2);
      }
      // the criterion, in the [0, 1] units models see (raw / full scale)
      expect(max / (c.bits === 8 ? 255 : 65535)).toBeLessThanOrEqual(1e-5);
    });
  }
});

/** Spacing of float32 values around |v| (at least the spacing at 1). */
function ulp(v: number): number {
  const e = Math.max(0, Math.floor(Math.log2(Math.abs(v) || 1)));
  return 2 ** (e - 23);
}

describe('scalePadPlan (MONAI size rule, hand-checked)', () => {
  it('rounds half to even like Python', () => {
    // 5 × (112 / 224) = 2.5 → 2 (Math.round would give 3); 7 × 0.5 = 3.5 → 4
    expect(scalePadPlan(5, 224, 112).resizedH).toBe(2);
    expect(scalePadPlan(7, 224, 112).resizedH).toBe(4);
  });
  it('puts the odd padding pixel after (bottom/right)', () => {
    const p = scalePadPlan(100, 150, 112); // 100 × 112/150 = 74.67 → 75; 37 rows of padding
    expect([p.resizedH, p.resizedW, p.padTop, p.padBottom, p.padLeft, p.padRight]).toEqual([75, 112, 18, 19, 0, 0]);
  });
  it('generalises to [H, W] with scale = min(H/h, W/w)', () => {
    const p = scalePadPlan(100, 100, [96, 128]); // scale 0.96 → 96×96, 32 columns of padding
    expect([p.resizedH, p.resizedW, p.padLeft, p.padRight]).toEqual([96, 96, 16, 16]);
  });
  it('keeps at least one pixel on very thin crops', () => {
    expect(scalePadPlan(1, 1000, 112).resizedH).toBe(1);
  });
});

describe('cropResizePad validation', () => {
  const frame = xorshiftFrame(1, 8, 6, 3, 8);
  it('rejects bad boxes and options with codes', () => {
    expect(() => cropResizePad(frame, { x0: 0, y0: 0, x1: 9, y1: 6 }, { size: 4 })).toThrow(expect.objectContaining({ code: 'BOX_OUT_OF_BOUNDS' }));
    expect(() => cropResizePad(frame, { x0: 2, y0: 0, x1: 2, y1: 6 }, { size: 4 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => cropResizePad(frame, { x0: 0, y0: 0, x1: 8, y1: 6 }, { size: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => cropResizePad(frame, { x0: 0, y0: 0, x1: 8, y1: 6 }, { size: 1e6 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => cropResizePad(frame, { x0: 0, y0: 0, x1: 8, y1: 6 }, { size: 4, mode: 'nearest' as 'area' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => cropResizePad(frame, { x0: 0, y0: 0, x1: 8, y1: 6 }, { size: 4, padValue: Number.NaN })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => cropResizePad({ ...frame, data: new Uint8Array(3) }, { x0: 0, y0: 0, x1: 8, y1: 6 }, { size: 4 })).toThrow(expect.objectContaining({ code: 'INPUT_SHAPE_MISMATCH' }));
    expect(() => cropResizePad(null as never, { x0: 0, y0: 0, x1: 8, y1: 6 }, { size: 4 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
  it('uses BT.601 luma by default and accepts other weights', () => {
    const px = { width: 1, height: 1, channels: 3 as const, data: new Uint8Array([100, 50, 200]) };
    const box = { x0: 0, y0: 0, x1: 1, y1: 1 };
    // 0.299·100 + 0.587·50 + 0.114·200 = 82.05
    expect(cropResizePad(px, box, { size: 1, channels: 1 })[0]).toBeCloseTo(82.05, 4);
    expect(cropResizePad(px, box, { size: 1, channels: 1, gray: 'mean' })[0]).toBeCloseTo(116.6667, 3);
    expect(Array.from(cropResizePad(px, box, { size: 1 }))).toEqual([100, 50, 200]);
  });
  it('reads signed 16-bit frames as two\'s complement and accepts Uint8ClampedArray data', () => {
    const box = { x0: 0, y0: 0, x1: 2, y1: 1 };
    // bit patterns 0xFFFF = -1 and 0x0003 = 3 → area 2×1 → 1×1 = mean 1 (unsigned would give 32769)
    const signed = { width: 2, height: 1, channels: 1 as const, data: new Uint16Array([0xffff, 3]), signed: true };
    expect(cropResizePad(signed, box, { size: [1, 1] })[0]).toBe(1);
    const clamped = { width: 2, height: 1, channels: 1 as const, data: new Uint8ClampedArray([10, 20]) as unknown as Uint8Array };
    expect(Array.from(cropResizePad(clamped, box, { size: [1, 2] }))).toEqual([10, 20]);
  });
});
