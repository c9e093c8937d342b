import { describe, expect, it } from 'vitest';
import { cineFromFrames } from '../../src/preprocess/index.js';
import type { Frame } from '../../src/preprocess/index.js';

const frame = (v: number): Frame => ({ width: 3, height: 2, channels: 1, data: new Uint8Array(6).fill(v) });

describe('cineFromFrames', () => {
  it('builds a cine from an array with a frame rate', async () => {
    const cine = cineFromFrames([frame(1), frame(2), frame(3)], { fps: 4 });
    expect([cine.width, cine.height, cine.frameCount]).toEqual([3, 2, 3]);
    expect(Array.from(cine.frameTimes)).toEqual([0, 0.25, 0.5]);
    expect(cine.meta.timingSource).toBe('caller');
    expect((await cine.frame(2)).data[0]).toBe(3);
  });

  it('builds a lazy cine from a function with explicit times', async () => {
    const calls: number[] = [];
    const cine = cineFromFrames(async (i) => {
      calls.push(i);
      return frame(i);
    }, { frameTimes: [0, 0.1, 0.5] }, { frameCount: 3, width: 3, height: 2 });
    expect((await cine.frame(1)).data[0]).toBe(1);
    expect(calls).toEqual([1]);
  });

  it('rejects bad input with codes', async () => {
    expect(() => cineFromFrames([], { fps: 1 })).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() => cineFromFrames([frame(1), { ...frame(1), width: 2, data: new Uint8Array(4) }], { fps: 1 })).toThrow(expect.objectContaining({ code: 'INPUT_SHAPE_MISMATCH' }));
    expect(() => cineFromFrames([{ ...frame(1), data: new Uint8Array(5) }], { fps: 1 })).toThrow(expect.objectContaining({ code: 'INPUT_SHAPE_MISMATCH' }));
    expect(() => cineFromFrames([frame(1)], { fps: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => cineFromFrames([frame(1), frame(2)], { frameTimes: [0] })).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH' }));
    expect(() => cineFromFrames([frame(1), frame(2)], { frameTimes: [0, Number.NaN] })).toThrow(expect.objectContaining({ code: 'NON_FINITE' }));
    expect(() => cineFromFrames([frame(1), frame(2)], { frameTimes: [1, 1] })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => cineFromFrames(async () => frame(1), { fps: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => cineFromFrames('x' as never, { fps: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    const cine = cineFromFrames([frame(1)], { fps: 1 });
    await expect(cine.frame(1)).rejects.toMatchObject({ code: 'FRAME_OUT_OF_RANGE' });
    await expect(cine.frame(0.5)).rejects.toMatchObject({ code: 'FRAME_OUT_OF_RANGE' });
  });
});
