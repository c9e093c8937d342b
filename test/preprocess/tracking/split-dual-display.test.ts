import { describe, expect, it } from 'vitest';
import { expectCodes } from '../../helpers/expect-code.js';
import { lognormalCurve, timeIntensityCurve } from '../../../src/phases/index.js';
import { type Cine, type Frame, type UltrasoundRegion, cineFromFrames, splitDualDisplay, trackBox } from '../../../src/preprocess/index.js';
import { createRng } from '../../../src/stats/index.js';
import { shiftedFrame, texture } from './motion-helpers.js';

const W = 120;
const H = 100;
const M = 20;
const TW = W + 2 * M + 2;
const tex = texture(TW, H + 2 * M + 2, 'dual');
const fps = 5;
const n = 60;
const motion = Array.from({ length: n }, (_, i) => ({ dx: Math.round(3 * Math.sin(i / 4)) + 0, dy: Math.round(8 * Math.sin(i / 6)) + 0 }));
const bolus = { A: 1500, t0: 2, mu: Math.log(5), sigma: 0.5, baseline: 0 };
const lesion = { cx: 60, cy: 50, r: 14 };

/** Dual frame: CEUS pane (dark, a bright disc following the bolus) left, B-mode texture right; both move together. */
function dualFrame(i: number, rng: { next(): number }): Frame {
  const bm = shiftedFrame(tex, TW, M, W, H, motion[i]!.dx, motion[i]!.dy, 4, rng);
  const e = lognormalCurve(bolus, i / fps);
  const data = new Uint8Array(2 * W * H * 3);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const inside = (x - lesion.cx - motion[i]!.dx) ** 2 + (y - lesion.cy - motion[i]!.dy) ** 2 <= lesion.r ** 2;
      const ceus = Math.min(255, 8 + (inside ? e : 0));
      const b = bm.data[y * W + x]!;
      const o = (y * 2 * W + x) * 3;
      data.fill(ceus, o, o + 3);
      data.fill(b, o + W * 3, o + W * 3 + 3);
    }
  return { width: 2 * W, height: H, channels: 3, data };
}

const rng = createRng('dual-noise');
const frames = Array.from({ length: n }, (_, i) => dualFrame(i, rng));

describe('splitDualDisplay', () => {
  it('splits side-by-side panes, picks the darker as CEUS, keeps frame times', async () => {
    const cine = cineFromFrames(frames, { fps });
    const d = await splitDualDisplay(cine, { layout: 'side-by-side' });
    expect(d.panes).toEqual({ ceus: { x0: 0, y0: 0, x1: W, y1: H }, bmode: { x0: W, y0: 0, x1: 2 * W, y1: H } });
    expect(d.basis).toMatch(/darker pane/);
    expect(d.ceus.frameTimes).toBe(cine.frameTimes);
    expect([d.bmode.width, d.bmode.height, d.ceus.frameCount]).toEqual([W, H, n]);
    const f = await d.bmode.frame(7);
    expect(f.data[(3 * W + 5) * 3]).toBe(frames[7]!.data[(3 * 2 * W + W + 5) * 3]);
    const forced = await splitDualDisplay(cine, { layout: 'side-by-side', ceusPane: 'second' });
    expect(forced.panes.ceus.x0).toBe(W);
  });

  it('uses the two largest 2D US regions and carries their spacing', async () => {
    const reg = (x0: number, x1: number, mm: number): UltrasoundRegion => ({ x0, y0: 0, x1, y1: H, spatialFormat: 1, dataType: 1, physicalUnitsX: 3, physicalUnitsY: 3, physicalDeltaX: mm / 10, physicalDeltaY: mm / 10, spacingMm: { x: mm, y: mm } });
    const small: UltrasoundRegion = { ...reg(0, 10, 1), y1: 10, spatialFormat: 0 };
    const cine = cineFromFrames(frames, { fps }, { meta: { regions: [reg(W + 2, 2 * W, 0.2), small, reg(0, W, 0.3)] } });
    const d = await splitDualDisplay(cine, { ceusPane: 'first' });
    expect(d.panes.ceus).toEqual({ x0: 0, y0: 0, x1: W - 2, y1: H });
    expect(d.panes.bmode).toEqual({ x0: W + 2, y0: 0, x1: 2 * W, y1: H });
    expect(d.ceus.meta.pixelSpacingMm).toEqual({ x: 0.3, y: 0.3 });
    expect(d.bmode.meta.regions[0]!.x0).toBe(0);
    expect(d.warnings.join(' ')).toMatch(/differ in size/);
  });

  it('decodes each source frame once when both panes read it', async () => {
    let decodes = 0;
    const lazy = cineFromFrames(
      async (i) => {
        decodes++;
        return frames[i]!;
      },
      { fps },
      { frameCount: n, width: 2 * W, height: H },
    );
    const d = await splitDualDisplay(lazy, { layout: 'side-by-side', ceusPane: 'first' });
    await d.bmode.frame(3);
    await d.ceus.frame(3);
    expect(decodes).toBe(1);
  });

  it('a box tracked on the B-mode pane measures the moving lesion on the CEUS pane', async () => {
    const cine = cineFromFrames(frames, { fps });
    const d = await splitDualDisplay(cine, { layout: { ceus: { x0: 0, y0: 0, x1: W, y1: H }, bmode: { x0: W, y0: 0, x1: 2 * W, y1: H } } });
    const box = { x0: lesion.cx - 8, y0: lesion.cy - 8, x1: lesion.cx + 8, y1: lesion.cy + 8 };
    const tracked = await trackBox(d.bmode, box, { search: { x: 4, y: 4 } });
    tracked.shifts.forEach((s, i) => {
      expect(s).toEqual({ dx: motion[i]!.dx - motion[0]!.dx, dy: motion[i]!.dy - motion[0]!.dy });
    });
    const compensated = await timeIntensityCurve(d.ceus, tracked.boxes, { frames: tracked.frames });
    const fixed = await timeIntensityCurve(d.ceus, box);
    let errComp = 0;
    let errFixed = 0;
    for (let i = 0; i < n; i++) {
      const truth = Math.floor(Math.min(255, 8 + lognormalCurve(bolus, i / fps))); // Uint8Array stores by truncation
      errComp = Math.max(errComp, Math.abs(compensated.intensity[i]! - truth));
      errFixed = Math.max(errFixed, Math.abs(fixed.intensity[i]! - truth));
    }
    expect(errComp).toBeLessThan(1e-9);
    expect(errFixed).toBeGreaterThan(10);
  });

  it('rejects bad input', async () => {
    const cine: Cine = cineFromFrames(frames.slice(0, 2), { fps });
    const cases: [Promise<unknown>, string][] = [
      [splitDualDisplay(cine), 'INVALID_ARGUMENT'],
      [splitDualDisplay(cine, { layout: 'diagonal' as never }), 'INVALID_ARGUMENT'],
      [splitDualDisplay(cine, { layout: { ceus: { x0: 0, y0: 0, x1: 500, y1: 10 }, bmode: { x0: 0, y0: 0, x1: 5, y1: 5 } } }), 'BOX_OUT_OF_BOUNDS'],
      [splitDualDisplay(cine, { layout: 'side-by-side', ceusPane: 'left' as never }), 'INVALID_ARGUMENT'],
      [splitDualDisplay(cine, { layout: 'side-by-side', sampleFrames: 0 }), 'INVALID_ARGUMENT'],
      [splitDualDisplay(null as never), 'INVALID_ARGUMENT'],
      [timeIntensityCurve(cine, [{ x0: 0, y0: 0, x1: 4, y1: 4 }]), 'LENGTH_MISMATCH'],
    ];
    await expectCodes(cases);
  });
});
