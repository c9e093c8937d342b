import { describe, expect, it } from 'vitest';
import { SonoriskError } from '../../../src/errors.js';
import { buildClip, CLIP_DECODE_CONCURRENCY, cineFromFrames, cropResizePad } from '../../../src/preprocess/index.js';
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
    const clip = await buildClip(cine, { box, frameIndices: [1, 3], size: 8, concurrency: 1 });
    expect(calls).toEqual([1, 3]);
    expect(maxLive).toBe(1);
    expect(clip.shape).toEqual([1, 3, 2, 8, 8]); // channels default to the frame's
  });

  it('decodes up to `concurrency` frames at once (default CLIP_DECODE_CONCURRENCY), the clip unchanged', async () => {
    const order = [4, 0, 2, 3, 1, 1, 4, 2, 0, 3];
    const run = async (concurrency?: number) => {
      let live = 0;
      let maxLive = 0;
      let k = 0;
      const cine = cineFromFrames(async (i) => {
        live++;
        maxLive = Math.max(maxLive, live);
        await new Promise((r) => setTimeout(r, [7, 1, 4, 0, 3][k++ % 5])); // resolve out of order
        live--;
        return frames[i]!;
      }, { fps: 10 }, { frameCount: 5, width: 40, height: 30 });
      const clip = await buildClip(cine, { box, frameIndices: order, size: 8, channels: 1, ...(concurrency ? { concurrency } : {}) });
      return { clip, maxLive };
    };
    const one = await run(1);
    const dflt = await run();
    const six = await run(6);
    expect(one.maxLive).toBe(1);
    expect(dflt.maxLive).toBe(CLIP_DECODE_CONCURRENCY);
    expect(six.maxLive).toBe(6);
    expect(Array.from(dflt.clip.data)).toEqual(Array.from(one.clip.data));
    expect(Array.from(six.clip.data)).toEqual(Array.from(one.clip.data));
  });

  it('a failing frame fails the clip at its turn, with the frames in flight left to settle', async () => {
    const seen: number[] = [];
    const cine = cineFromFrames(async (i) => {
      seen.push(i);
      await new Promise((r) => setTimeout(r, i));
      if (i === 2) throw new SonoriskError('CODEC_FAILED', 'Frame 2: bad');
      return frames[i]!;
    }, { fps: 10 }, { frameCount: 5, width: 40, height: 30 });
    await expect(buildClip(cine, { box, frameIndices: [0, 1, 2, 3, 4], size: 8 })).rejects.toMatchObject({ code: 'CODEC_FAILED' });
    expect(seen.slice(0, 4)).toEqual([0, 1, 2, 3]);
    await expect(buildClip(cineFromFrames(frames, { fps: 10 }), { box, frameIndices: [0], size: 8, concurrency: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(buildClip(cineFromFrames(frames, { fps: 10 }), { box, frameIndices: [0], size: 8, concurrency: 1.5 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
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
