import { describe, expect, it } from 'vitest';
import { expectCodes } from '../helpers/expect-code.js';
import { timeIntensityCurve } from '../../src/phases/index.js';
import { type Frame, cineFromFrames } from '../../src/preprocess/index.js';
import { createRng } from '../../src/stats/index.js';

function rgbFrames(count: number, w: number, h: number, seed: string): Frame[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => ({ width: w, height: h, channels: 3 as const, data: Uint8Array.from({ length: w * h * 3 }, () => rng.int(256)) }));
}

/** Reference by plain sorting (numpy's median convention: mean of the middle pair when even). */
function ref(values: number[]): { mean: number; median: number } {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  const median = n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  return { mean: values.reduce((a, b) => a + b, 0) / n, median };
}

function boxValues(f: Frame, box: { x0: number; y0: number; x1: number; y1: number }, pick: (r: number, g: number, b: number) => number): number[] {
  const out: number[] = [];
  for (let y = box.y0; y < box.y1; y++)
    for (let x = box.x0; x < box.x1; x++) {
      const i = (y * f.width + x) * 3;
      out.push(pick(f.data[i]!, f.data[i + 1]!, f.data[i + 2]!));
    }
  return out;
}

describe('timeIntensityCurve', () => {
  const frames = rgbFrames(6, 20, 16, 'tic');
  const cine = cineFromFrames(frames, { fps: 10 });
  const box = { x0: 3, y0: 2, x1: 12, y1: 9 }; // 9×7 = 63 pixels (odd)
  const evenBox = { x0: 3, y0: 2, x1: 13, y1: 9 }; // 70 pixels (even)

  it('mean and median of luma / one channel per frame, at the frame times', async () => {
    for (const [channel, pick] of [
      ['luma', (r: number, g: number, b: number) => Math.fround(0.299 * r + 0.587 * g + 0.114 * b)],
      ['g', (_r: number, g: number) => g],
    ] as const) {
      for (const bx of [box, evenBox]) {
        const tic = await timeIntensityCurve(cine, bx, { channel });
        expect(Array.from(tic.frames)).toEqual([0, 1, 2, 3, 4, 5]);
        frames.forEach((f, k) => {
          const r = ref(boxValues(f, bx, pick));
          expect(tic.intensity[k]).toBeCloseTo(r.mean, 4);
          expect(tic.median[k]).toBeCloseTo(r.median, 4);
          expect(tic.t[k]).toBeCloseTo(k / 10, 12);
        });
      }
    }
  });

  it('linearises log-compressed grey levels: I = 10^(DR·v/255/10)', async () => {
    const tic = await timeIntensityCurve(cine, box, { channel: 'r', frames: [1, 4], linearize: { dynamicRangeDb: 40 } });
    expect(tic.linearize).toEqual({ dynamicRangeDb: 40, maxValue: 255 });
    [1, 4].forEach((fi, k) => {
      const lin = boxValues(frames[fi]!, box, (r) => 10 ** ((40 * r) / 255 / 10));
      const r = ref(lin);
      expect(tic.intensity[k]! / r.mean).toBeCloseTo(1, 5);
      expect(tic.median[k]! / r.median).toBeCloseTo(1, 5);
    });
  });

  it('16-bit grey frames default maxValue to 2^bitsStored − 1', async () => {
    const f: Frame = { width: 2, height: 1, channels: 1, data: new Uint16Array([0, 4095]) };
    const c = cineFromFrames([f, f], { fps: 1 }, { meta: { bitsStored: 12 } });
    const tic = await timeIntensityCurve(c, { x0: 0, y0: 0, x1: 2, y1: 1 }, { linearize: { dynamicRangeDb: 30 } });
    expect(tic.linearize?.maxValue).toBe(4095);
    expect(tic.intensity[0]).toBeCloseTo((1 + 1000) / 2, 6);
  });

  it('decodes one frame at a time, in order', async () => {
    let pending = 0;
    let maxPending = 0;
    const order: number[] = [];
    const lazy = cineFromFrames(
      async (i) => {
        pending++;
        maxPending = Math.max(maxPending, pending);
        order.push(i);
        await new Promise((r) => setTimeout(r, 0));
        pending--;
        return frames[i]!;
      },
      { fps: 10 },
      { frameCount: 6, width: 20, height: 16 },
    );
    await timeIntensityCurve(lazy, box, { frames: Int32Array.of(0, 2, 5) });
    expect(order).toEqual([0, 2, 5]);
    expect(maxPending).toBe(1);
  });

  it('rejects bad input', async () => {
    const noTiming = { ...cine, frameTimes: new Float64Array(0) };
    const cases: [Promise<unknown>, string][] = [
      [timeIntensityCurve(cine, { x0: 0, y0: 0, x1: 21, y1: 5 }), 'BOX_OUT_OF_BOUNDS'],
      [timeIntensityCurve(cine, { x0: 5, y0: 0, x1: 5, y1: 5 }), 'BOX_OUT_OF_BOUNDS'],
      [timeIntensityCurve(cine, { x0: 0.5, y0: 0, x1: 5, y1: 5 }), 'INVALID_ARGUMENT'],
      [timeIntensityCurve(cine, box, { frames: [0, 6] }), 'FRAME_OUT_OF_RANGE'],
      [timeIntensityCurve(cine, box, { frames: [2, 1] }), 'INVALID_ARGUMENT'],
      [timeIntensityCurve(cine, box, { frames: [] }), 'INVALID_ARGUMENT'],
      [timeIntensityCurve(cine, box, { frames: 3 as never }), 'INVALID_ARGUMENT'],
      [timeIntensityCurve(cine, box, { channel: 'x' as never }), 'INVALID_ARGUMENT'],
      [timeIntensityCurve(cine, box, { linearize: { dynamicRangeDb: 0 } }), 'INVALID_ARGUMENT'],
      [timeIntensityCurve(noTiming, box), 'NO_TIMING'],
      [timeIntensityCurve({} as never, box), 'INVALID_ARGUMENT'],
    ];
    await expectCodes(cases);
  });
});
