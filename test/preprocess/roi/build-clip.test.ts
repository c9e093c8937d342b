import { describe, expect, it } from 'vitest';
import { buildClip, cineFromFrames, cropResizePad } from '../../../src/preprocess/index.js';
import type { Frame } from '../../../src/preprocess/index.js';
import { xorshiftFrame } from './xorshift.js';

const frames: Frame[] = [1, 2, 3, 4, 5].map((s) => xorshiftFrame(s * 7919, 40, 30, 3, 8));
const box = { x0: 5, y0: 3, x1: 33, y1: 24 };

describe('buildClip', () => {
  it('lays frames out as [1, C, T, H, W] equal to cropResizePad per frame, normalised', async () => {
    const cine = cineFromFrames(frames, { fps: 10 });
    const clip = await buildClip(cine, { box, frameIndices: [4, 0, 2], size: [12, 16], channels: 3, padValue: 10, normalize: { scale: 1 / 255, mean: [0.5, 0.4, 0.3], std: [0.2, 0.25, 0.5] } });
    expect(clip.shape).toEqual([1, 3, 3, 12, 16]);
    const plane = 12 * 16;
    [4, 0, 2].forEach((fi, t) => {
      const ref = cropResizePad(frames[fi]!, box, { size: [12, 16], channels: 3, padValue: 10 });
      for (let c = 0; c < 3; c++) {
        const mean = [0.5, 0.4, 0.3][c]!;
        const std = [0.2, 0.25, 0.5][c]!;
        for (let i = 0; i < plane; i++) {
          expect(clip.data[(c * 3 + t) * plane + i]).toBeCloseTo((ref[c * plane + i]! / 255 - mean) / std, 5);
        }
      }
    });
  });

  it('decodes only the listed frames, one at a time', async () => {
    const calls: number[] = [];
    let live = 0;
    let maxLive = 0;
    const cine = cineFromFrames(async (i) => {
      calls.push(i);
      live++;
      maxLive = Math.max(maxLive, live);
      await new Promise((r) => setTimeout(r, 1));
      live--;
      return frames[i]!;
    }, { fps: 10 }, { frameCount: 5, width: 40, height: 30 });
    const clip = await buildClip(cine, { box, frameIndices: [1, 3], size: 8 });
    expect(calls).toEqual([1, 3]);
    expect(maxLive).toBe(1);
    expect(clip.shape).toEqual([1, 3, 2, 8, 8]); // channels default to the frame's
  });

  it('rejects bad input with codes', async () => {
    const cine = cineFromFrames(frames, { fps: 10 });
    await expect(buildClip(cine, { box, frameIndices: [], size: 8 })).rejects.toMatchObject({ code: 'EMPTY_INPUT' });
    await expect(buildClip(cine, { box, frameIndices: [0, 5], size: 8 })).rejects.toMatchObject({ code: 'FRAME_OUT_OF_RANGE' });
    await expect(buildClip(cine, { box, frameIndices: [0.5], size: 8 })).rejects.toMatchObject({ code: 'FRAME_OUT_OF_RANGE' });
    await expect(buildClip(cine, { box: { x0: 0, y0: 0, x1: 41, y1: 30 }, frameIndices: [0], size: 8 })).rejects.toMatchObject({ code: 'BOX_OUT_OF_BOUNDS' });
    const clipped = await buildClip(cine, { box: { x0: 0, y0: 0, x1: 41, y1: 30 }, clipBox: true, frameIndices: [0], size: 8 });
    expect(clipped.shape).toEqual([1, 3, 1, 8, 8]);
    await expect(buildClip(cine, { box, frameIndices: [0], size: 8, channels: 1, normalize: { scale: 1, mean: [0, 0], std: [1, 1] } })).rejects.toMatchObject({ code: 'LENGTH_MISMATCH' });
    await expect(buildClip(cine, { box, frameIndices: [0], size: 8, normalize: { scale: 1, mean: [0], std: [0] } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(buildClip(cine, { box, frameIndices: new Array(3000).fill(0), size: 4096 })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    await expect(buildClip(null as never, { box, frameIndices: [0], size: 8 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
