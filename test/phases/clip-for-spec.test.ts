import { describe, expect, it } from 'vitest';
import { type ClipSpec, PHASES, clipForSpec, prefetchClipFrames, selectFrames } from '../../src/phases/index.js';
import { expectCodes } from '../helpers/expect-code.js';
import { buildClip, cineFromFrames } from '../../src/preprocess/index.js';
import type { Frame } from '../../src/preprocess/index.js';

const W = 24;
const H = 16;
// frame i is filled with the value i % 256 so the clip says which frames were used
const frame = (i: number): Frame => ({ width: W, height: H, channels: 1, data: new Uint8Array(W * H).fill(i % 256) });
const ceus = cineFromFrames(async (i) => frame(i), { fps: 2 }, { frameCount: 300, width: W, height: H }); // 150 s
const box = { x0: 2, y0: 2, x1: 22, y1: 14 };
const spec: ClipSpec = { source: 'ceus', window: PHASES.arterial, frames: 4, size: [8, 8], channels: 1, normalize: { scale: 1, mean: [0], std: [1] } };

describe('clipForSpec', () => {
  it('selects the window frames and builds the clip as buildClip would', async () => {
    const r = await clipForSpec(ceus, spec, { box, injectionTime: 3 });
    const idx = selectFrames(ceus.frameTimes, PHASES.arterial, { injectionTime: 3, count: 4 }).indices;
    expect(r.frameIndices).toEqual(idx);
    // injection at 3 s: arterial 0–45 s = clip 3–48 s = frames 6..96 at 2 fps; linspace → 6, 36, 66, 96
    expect(idx).toEqual([6, 36, 66, 96]);
    expect(r.frameTimes).toEqual([3, 18, 33, 48]);
    expect(r.timesAfterInjection).toEqual([0, 15, 30, 45]);
    expect(r.clip.shape).toEqual([1, 1, 4, 8, 8]);
    const direct = await buildClip(ceus, { box, frameIndices: idx, size: [8, 8], channels: 1 });
    expect(Array.from(r.clip.data)).toEqual(Array.from(direct.data));
    expect(r.clip.data[4 * 8 + 4]).toBe(6); // the first frame's value at the centre
  });

  it('uses the whole clip for B-mode, also without timing', async () => {
    const untimed = { ...ceus, frameTimes: new Float64Array(0) };
    const r = await clipForSpec(untimed, { ...spec, source: 'bmode', window: PHASES.bmode, frames: 3 }, { box, injectionTime: 99 });
    expect(r.frameIndices).toEqual([0, 149, 299]); // linspace(0, 299, 3) → 149.5 ties → 149
    expect(r.warnings.join()).toMatch(/no frame timing/);
  });

  it('passes coverage errors through, and partial clips with a warning', async () => {
    await expect(clipForSpec(ceus, { ...spec, window: PHASES.portal }, { box, injectionTime: 60 })).rejects.toMatchObject({ code: 'PHASE_NOT_COVERED' });
    const r = await clipForSpec(ceus, { ...spec, window: PHASES.portal }, { box, injectionTime: 60, allowPartial: true });
    expect(r.clip.shape[2]).toBe(4);
    expect(r.warnings.join()).toMatch(/covered/);
    await expect(clipForSpec({ ...ceus, frameTimes: new Float64Array(0) }, spec, { box })).rejects.toMatchObject({ code: 'NO_TIMING' });
  });

  it('rejects bad specs', async () => {
    await expect(clipForSpec(ceus, { ...spec, frames: 0 }, { box })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(clipForSpec(ceus, { ...spec, source: 'mri' as 'ceus' }, { box })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(clipForSpec(ceus, { ...spec, channels: 2 as 1 }, { box })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(clipForSpec(null as never, spec, { box })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(clipForSpec(ceus, spec, { box: { x0: 0, y0: 0, x1: 99, y1: 9 } })).rejects.toMatchObject({ code: 'BOX_OUT_OF_BOUNDS' });
  });
});

describe('prefetchClipFrames', () => {
  /** The cine above with a recording prefetch (as a DICOMweb cine has). */
  const remote = () => {
    const calls: number[][] = [];
    const cine = { ...ceus, frame: (i: number) => ceus.frame(i), prefetch: async (ix: readonly number[]) => void calls.push([...ix]) };
    return { cine, calls };
  };
  const specs: ClipSpec[] = [spec, { ...spec, window: PHASES.dual, frames: 6 }, { ...spec, source: 'bmode', window: PHASES.bmode, frames: 3 }];

  it('asks once for the union of the frames clipForSpec then reads', async () => {
    const { cine, calls } = remote();
    const options = { box, injectionTime: 3 };
    const asked = await prefetchClipFrames(cine, specs.map((s) => ({ spec: s, options })));
    const used = new Set<number>();
    for (const s of specs) for (const i of (await clipForSpec(cine, s, options)).frameIndices) used.add(i);
    expect(asked).toEqual([...used].sort((a, b) => a - b));
    expect(calls[0]).toEqual(asked); // the first call is ours; each clipForSpec then re-announces its own frames
    expect(calls.length).toBe(1 + specs.length);
  });

  it('leaves out clips whose frames depend on pixels or that clipForSpec would refuse', async () => {
    const { cine, calls } = remote();
    const asked = await prefetchClipFrames(cine, [
      { spec, options: { box, injectionTime: 'auto' } },
      { spec, options: { box, injectionTime: 3, track: { search: { x: 2, y: 2 } } } },
      { spec: { ...spec, window: PHASES.portal }, options: { box, injectionTime: 60 } }, // PHASE_NOT_COVERED
      { spec: { ...spec, frames: 0 }, options: { box } }, // invalid spec
    ]);
    expect(asked).toEqual([]);
    expect(calls).toEqual([]);
    expect(await prefetchClipFrames(ceus, [{ spec, options: { box, injectionTime: 3 } }])).toEqual([6, 36, 66, 96]); // a cine without prefetch is only planned for
  });

  it('refuses what is not a cine or a list', async () => {
    await expectCodes([
      [() => prefetchClipFrames({} as never, []), 'INVALID_ARGUMENT'],
      [() => prefetchClipFrames(ceus, {} as never), 'INVALID_ARGUMENT'],
    ]);
  });
});
