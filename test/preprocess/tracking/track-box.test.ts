import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectCodes } from '../../helpers/expect-code.js';
import { type Frame, cineFromFrames, keepConfident, trackBox } from '../../../src/preprocess/index.js';
import { createRng } from '../../../src/stats/index.js';
import { shiftedFrame, texture } from './motion-helpers.js';

const W = 160;
const H = 120;
const M = 24; // texture margin: motion up to ±M px
const tex = texture(W + 2 * M + 2, H + 2 * M + 2, 'track');
const TW = W + 2 * M + 2;

function movie(motion: { dx: number; dy: number }[], noise = 6, seed = 'noise'): Frame[] {
  const rng = createRng(seed);
  return motion.map(({ dx, dy }) => shiftedFrame(tex, TW, M, W, H, dx, dy, noise, rng));
}

/** Breathing-like motion: 4 s period at 10 fps, 9 px vertical, 3 px lateral, slow drift. */
function breathing(n: number, frac = false): { dx: number; dy: number }[] {
  return Array.from({ length: n }, (_, i) => {
    const ph = (2 * Math.PI * i) / 40;
    const dx = 3 * Math.sin(ph + 0.7) + 0.1 * i;
    const dy = 9 * Math.sin(ph);
    return frac ? { dx, dy } : { dx: Math.round(dx), dy: Math.round(dy) };
  });
}

const box = { x0: 60, y0: 40, x1: 100, y1: 80 };

function meanError(tracked: { shifts: { dx: number; dy: number }[] }, motion: { dx: number; dy: number }[], ref = 0): number {
  let s = 0;
  tracked.shifts.forEach((sh, k) => {
    s += Math.hypot(sh.dx - (motion[k]!.dx - motion[ref]!.dx), sh.dy - (motion[k]!.dy - motion[ref]!.dy));
  });
  return s / tracked.shifts.length;
}

describe('trackBox', () => {
  it('follows integer breathing motion exactly (mean error ≤ 1 px; here 0)', async () => {
    const motion = breathing(60);
    const cine = cineFromFrames(movie(motion), { fps: 10 });
    const tr = await trackBox(cine, box, { search: { x: 4, y: 4 } });
    expect(meanError(tr, motion)).toBe(0);
    expect(tr.boxes[15]).toEqual({ x0: box.x0 + motion[15]!.dx - motion[0]!.dx, y0: box.y0 + motion[15]!.dy - motion[0]!.dy, x1: box.x1 + motion[15]!.dx - motion[0]!.dx, y1: box.y1 + motion[15]!.dy - motion[0]!.dy });
    expect(Math.min(...tr.confidence)).toBeGreaterThan(0.8);
    expect(tr.lowConfidence).toEqual([]);
    expect(tr.atSearchEdge).toEqual([]);
  });

  it('coarse-to-fine (pyramid 1, 2) finds the same shifts as the exhaustive search', async () => {
    const motion = breathing(40);
    const cine = cineFromFrames(movie(motion), { fps: 10 });
    const big = { x0: 50, y0: 30, x1: 110, y1: 90 };
    const full = await trackBox(cine, big, { search: { x: 8, y: 8 } });
    for (const pyramid of [1, 2]) {
      const fast = await trackBox(cine, big, { search: { x: 8, y: 8 }, pyramid });
      expect(fast.shifts).toEqual(full.shifts);
      expect(Array.from(fast.confidence)).toEqual(Array.from(full.confidence));
    }
    expect(meanError(full, motion)).toBe(0);
  });

  it('follows fractional motion to ≤ 1 px mean, better with sub-pixel refinement', async () => {
    const motion = breathing(40, true);
    const cine = cineFromFrames(movie(motion, 4), { fps: 10 });
    const whole = await trackBox(cine, box, { search: { x: 4, y: 4 } });
    const sub = await trackBox(cine, box, { search: { x: 4, y: 4 }, subpixel: true });
    const eWhole = meanError(whole, motion);
    const eSub = meanError(sub, motion);
    expect(eWhole).toBeLessThanOrEqual(1);
    expect(eSub).toBeLessThan(eWhole);
    expect(eSub).toBeLessThan(0.25);
  });

  it('tracks both ways from a reference frame in the middle and uses the box drawn there', async () => {
    const motion = breathing(30);
    const cine = cineFromFrames(movie(motion), { fps: 10 });
    const ref = 17;
    const drawn = { x0: box.x0 + motion[ref]!.dx, y0: box.y0 + motion[ref]!.dy, x1: box.x1 + motion[ref]!.dx, y1: box.y1 + motion[ref]!.dy };
    const tr = await trackBox(cine, drawn, { referenceFrame: ref, search: { x: 4, y: 4 }, frames: Array.from({ length: 30 }, (_, i) => i) });
    expect(meanError(tr, motion, ref)).toBe(0);
    expect(tr.confidence[ref]).toBeCloseTo(1, 6);
    expect(tr.referenceFrame).toBe(ref);
  });

  it('reports low-confidence frames and keeps tracking after them', async () => {
    const motion = breathing(30);
    const frames = movie(motion);
    const rng = createRng('junk');
    frames[12] = { width: W, height: H, channels: 1, data: Uint8Array.from({ length: W * H }, () => rng.int(256)) };
    const tr = await trackBox(cineFromFrames(frames, { fps: 10 }), box, { search: { x: 5, y: 5 }, minConfidence: 0.6 });
    expect(tr.lowConfidence).toEqual([12]);
    const kept = keepConfident(tr);
    expect(kept.dropped).toEqual([12]);
    expect(kept.frames).toEqual([...tr.frames].filter((f) => f !== 12));
    expect(kept.boxes[12]).toEqual(tr.boxes[13]);
    expect(keepConfident(tr, -1).dropped).toEqual([]);
    const after = tr.shifts.slice(13);
    after.forEach((s, i) => {
      expect(s).toEqual({ dx: motion[13 + i]!.dx - motion[0]!.dx, dy: motion[13 + i]!.dy - motion[0]!.dy });
    });
  });

  it('flags motion beyond the search window and keeps boxes inside the frame', async () => {
    const motion = [
      { dx: 0, dy: 0 },
      { dx: 0, dy: 10 },
    ];
    const tr = await trackBox(cineFromFrames(movie(motion), { fps: 10 }), box, { search: { x: 3, y: 3 } });
    expect(tr.atSearchEdge).toEqual([1]);
    // A box 3 px from the corner moving 3 px into it: the search window (±8) is clipped at the
    // frame edge, the match is found there, and that is not a search-window edge.
    const edgeBox = { x0: 3, y0: 3, x1: 33, y1: 33 };
    const frames = movie([{ dx: 0, dy: 0 }, { dx: -3, dy: -3 }, { dx: -9, dy: -9 }]);
    const edge = await trackBox(cineFromFrames(frames, { fps: 10 }), edgeBox, { search: { x: 8, y: 8 } });
    expect(edge.boxes[1]).toEqual({ x0: 0, y0: 0, x1: 30, y1: 30 });
    expect(edge.atSearchEdge).toEqual([]);
    // Content leaving the frame: the box stays inside, at the clipped edge at worst.
    for (const b of edge.boxes) expect(b.x0 >= 0 && b.y0 >= 0 && b.x1 <= W && b.y1 <= H).toBe(true);
  });

  it('rejects bad input', async () => {
    const cine = cineFromFrames(movie(breathing(3)), { fps: 10 });
    const flat = cineFromFrames([{ width: 20, height: 20, channels: 1, data: new Uint8Array(400) }], { fps: 1 });
    const cases: [Promise<unknown> | (() => unknown), string][] = [
      [trackBox(cine, { x0: 0, y0: 0, x1: 200, y1: 10 }), 'BOX_OUT_OF_BOUNDS'],
      [trackBox(cine, box, { search: { x: -1, y: 2 } }), 'INVALID_ARGUMENT'],
      [trackBox(cine, box, { method: 'sad' as never }), 'INVALID_ARGUMENT'],
      [trackBox(cine, box, { minConfidence: 2 }), 'INVALID_ARGUMENT'],
      [trackBox(cine, box, { referenceFrame: 3 }), 'FRAME_OUT_OF_RANGE'],
      [trackBox(cine, box, { frames: [0, 0] }), 'INVALID_ARGUMENT'],
      [trackBox(flat, { x0: 2, y0: 2, x1: 10, y1: 10 }), 'INVALID_ARGUMENT'],
      [trackBox(cine, { x0: 0, y0: 0, x1: 160, y1: 120 }, { search: { x: 4000, y: 4000 } }), 'LIMIT_EXCEEDED'],
      [trackBox(null as never, box), 'INVALID_ARGUMENT'],
      [() => keepConfident({} as never), 'INVALID_ARGUMENT'],
      [trackBox(cine, box, { pyramid: 4 }), 'INVALID_ARGUMENT'],
      [trackBox(cine, { x0: 0, y0: 0, x1: 12, y1: 12 }, { pyramid: 2 }), 'INVALID_ARGUMENT'],
    ];
    await expectCodes(cases);
  });
});

// NCC parity: numpy brute-force TM_CCOEFF_NORMED, fixture by scripts/fixtures/perfusion-ncc.py.
interface NccCase {
  width: number;
  height: number;
  box: { x0: number; y0: number; x1: number; y1: number };
  search: { x: number; y: number };
  reference: number[];
  moved: number[];
  bestShift: { dx: number; dy: number };
  bestScore: number;
}
const ncc = JSON.parse(readFileSync(new URL('../../fixtures/perfusion/ncc.json', import.meta.url), 'utf8')) as { cases: NccCase[] };

describe('trackBox NCC vs numpy', () => {
  ncc.cases.forEach((c, k) => {
    it(`case ${k}: same best shift and peak NCC (1e-5)`, async () => {
      const f = (d: number[]): Frame => ({ width: c.width, height: c.height, channels: 1, data: Uint8Array.from(d) });
      const tr = await trackBox(cineFromFrames([f(c.reference), f(c.moved)], { fps: 1 }), c.box, { search: c.search });
      expect(tr.shifts[1]).toEqual(c.bestShift);
      expect(tr.confidence[1]).toBeCloseTo(c.bestScore, 5);
    });
  });
});
