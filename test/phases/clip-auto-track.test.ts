// clipForSpec with injectionTime 'auto' (contrast arrival → injection estimate) and with tracked
// boxes (crop follows the lesion), on simulated CEUS with known injection time and motion.
import { describe, expect, it } from 'vitest';
import { type ClipSpec, PHASES, clipForSpec, estimateInjection, selectFrames } from '../../src/phases/index.js';
import { type Box, type Cine, buildClip, cineFromFrames, cropResizePad, trackRoi } from '../../src/preprocess/index.js';
import { simulateCase } from '../../src/simulate/index.js';
import { lesionBoxAt, nativeCine, shiftPx } from './sim-cine.js';

const spec: ClipSpec = { source: 'ceus', window: PHASES.arterial, frames: 8, size: [32, 32], channels: 1, normalize: { scale: 1, mean: [0], std: [1] } };
const offset = (b: Box, dx: number, dy: number): Box => ({ x0: b.x0 + dx, y0: b.y0 + dy, x1: b.x1 + dx, y1: b.y1 + dy });

describe("injectionTime: 'auto' on simulated CEUS with a known injection time", () => {
  // Injection offsets chosen to cover a clip starting at, well after and before the injection.
  const cases = [
    { seed: 2, injectionTimeS: 3 },
    { seed: 4, injectionTimeS: 10 },
    { seed: 5, injectionTimeS: -2 },
  ];
  for (const { seed, injectionTimeS } of cases) {
    it(`seed ${seed}, injection at ${injectionTimeS} s`, async () => {
      const sim = simulateCase({ ceus: { durationS: 80, fps: 2, injectionTimeS }, covariates: { echoPattern: 'hypo' } }, { seed });
      const truth = sim.truth.ceus;
      const cine = nativeCine(sim.ceus, truth.fps);
      const lesionDelay = truth.tic.lesion.t0; // injection → lesion arrival in this case
      const lesion = offset(lesionBoxAt(sim, 0), truth.region.x0, truth.region.y0);

      // On the lesion, with the case's own injection-to-lesion delay: the injection within ±0.5 s.
      const r = await clipForSpec(cine, spec, { box: truth.roiBox, injectionTime: 'auto', autoInjection: { box: lesion, detect: { armToLiverDelay: lesionDelay } }, allowPartial: true });
      expect(r.injection.source).toBe('auto');
      expect(Math.abs(r.injection.time - injectionTimeS)).toBeLessThanOrEqual(0.5);
      expect(r.injection.basis).toMatch(/Contrast arrival detected at .* box x /);
      expect(r.injection.arrival?.method).toBe('lognormal-onset');
      // Frames are those selectFrames picks with the estimate.
      const partial = { count: 8, allowPartial: true }; // the clip starting after the injection misses the window's start
      expect(r.frameIndices).toEqual(selectFrames(cine.frameTimes, spec.window, { injectionTime: r.injection.time, ...partial }).indices);
      expect(r.selection.injectionTime).toBe(r.injection.time);
      // ±0.5 s at 2 fps: each pick within one frame of the picks for the true injection time.
      const exact = selectFrames(cine.frameTimes, spec.window, { injectionTime: injectionTimeS, ...partial }).indices;
      for (const [k, f] of r.frameIndices.entries()) expect(Math.abs(f - exact[k]!)).toBeLessThanOrEqual(1);

      // Default box (the reader's ROI box: lesion, rim of liver, maybe a vessel): the first
      // enhancement in the box; a mixture of curves, so the estimate is coarser (≤ 2 s on
      // seeds 1–8, injection −2…10 s; the typical-delay uncertainty itself is ±5 s).
      const roi = await estimateInjection(cine, truth.roiBox, { detect: { armToLiverDelay: lesionDelay } });
      expect(roi.detected).toBe(true);
      expect(Math.abs(roi.injectionTimeEstimate! - injectionTimeS)).toBeLessThanOrEqual(2.5);
      // Default delay: 15 s before the arrival, and the basis says so.
      const typical = await clipForSpec(cine, spec, { box: truth.roiBox, injectionTime: 'auto', allowPartial: true });
      expect(typical.injection.time).toBeCloseTo(roi.arrivalTime! - 15, 9);
      expect(typical.injection.basis).toMatch(/typical 15 s/);
    });
  }

  it('the given number still wins, and the default is 0 (reported)', async () => {
    const sim = simulateCase({ ceus: { durationS: 60, fps: 1, injectionTimeS: 2 }, covariates: { echoPattern: 'hypo' } }, { seed: 3 });
    const cine = nativeCine(sim.ceus, 1);
    const given = await clipForSpec(cine, spec, { box: sim.truth.ceus.roiBox, injectionTime: 2 });
    expect(given.injection).toEqual({ time: 2, source: 'given', basis: expect.stringMatching(/given by the caller/) });
    const none = await clipForSpec(cine, spec, { box: sim.truth.ceus.roiBox });
    expect(none.injection.source).toBe('default');
    expect(none.injection.time).toBe(0);
    expect(given.frameIndices.map((i) => i - 2)).toEqual(none.frameIndices);
  });

  it('no arrival: ARRIVAL_NOT_DETECTED, or the fallback with a warning; selectFrames takes only a number', async () => {
    const flat = cineFromFrames(async () => ({ width: 8, height: 8, channels: 1, data: new Uint8Array(64).fill(40) }), { fps: 2 }, { frameCount: 120, width: 8, height: 8 });
    const box = { x0: 0, y0: 0, x1: 8, y1: 8 };
    await expect(clipForSpec(flat, spec, { box, injectionTime: 'auto' })).rejects.toMatchObject({ code: 'ARRIVAL_NOT_DETECTED' });
    const r = await clipForSpec(flat, spec, { box, injectionTime: 'auto', autoInjection: { fallback: 1 } });
    expect(r.injection.source).toBe('fallback');
    expect(r.injection.time).toBe(1);
    expect(r.warnings.join(' ')).toMatch(/fallback 1 s/);
    expect(() => selectFrames(flat.frameTimes, spec.window, { injectionTime: 'auto' as never, count: 8 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    await expect(clipForSpec(flat, spec, { box, injectionTime: 'soon' as 'auto' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(clipForSpec(flat, spec, { box, injectionTime: 'auto', autoInjection: { fallback: Number.NaN } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(estimateInjection(flat, box, { maxRate: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(estimateInjection({ ...flat, frameTimes: new Float64Array(0) }, box)).rejects.toMatchObject({ code: 'NO_TIMING' });
    await expect(estimateInjection(flat, { x0: 0, y0: 0, x1: 9, y1: 8 })).rejects.toMatchObject({ code: 'BOX_OUT_OF_BOUNDS' });
  });
});

describe('tracked boxes in buildClip and clipForSpec (simulated breathing and drift)', () => {
  it('buildClip crops each frame at its own box', async () => {
    const frames = Array.from({ length: 4 }, (_, i) => ({ width: 20, height: 10, channels: 1 as const, data: Uint8Array.from({ length: 200 }, (_, k) => (k * 7 + i * 13) % 251) }));
    const cine = cineFromFrames(frames, { fps: 1 });
    const boxes = [
      { x0: 0, y0: 0, x1: 8, y1: 6 },
      { x0: 3, y0: 2, x1: 11, y1: 8 },
      { x0: 12, y0: 4, x1: 20, y1: 10 },
      { x0: 1, y0: 1, x1: 5, y1: 4 }, // another size: scaled to the same output
    ];
    const clip = await buildClip(cine, { box: boxes, frameIndices: [0, 1, 2, 3], size: 8 });
    for (let t = 0; t < 4; t++) {
      expect(Array.from(clip.data.subarray(t * 64, (t + 1) * 64))).toEqual(Array.from(cropResizePad(frames[t]!, boxes[t]!, { size: 8 })));
    }
    await expect(buildClip(cine, { box: boxes.slice(0, 3), frameIndices: [0, 1, 2, 3], size: 8 })).rejects.toMatchObject({ code: 'LENGTH_MISMATCH' });
    // clipForSpec with clipBox: the box is clipped to the frame before tracking, and reported so.
    const bm: ClipSpec = { ...spec, source: 'bmode', window: PHASES.bmode, frames: 2 };
    const r = await clipForSpec(cine, bm, { box: { x0: 15, y0: 5, x1: 25, y1: 12 }, clipBox: true, track: { search: { x: 2, y: 2 }, drop: false } });
    expect(r.tracking?.tracked.frames.length).toBe(4);
    for (const b of r.boxes) expect(b.x1 - b.x0 === 5 && b.y1 - b.y0 === 5 && b.x1 <= 20 && b.y1 <= 10).toBe(true);
    await expect(clipForSpec(cine, bm, { box: { x0: 15, y0: 5, x1: 25, y1: 12 }, track: {} })).rejects.toMatchObject({ code: 'BOX_OUT_OF_BOUNDS' });
    await expect(buildClip(cine, { box: [...boxes.slice(0, 3), { x0: 15, y0: 0, x1: 21, y1: 4 }], frameIndices: [0, 1, 2, 3], size: 8 })).rejects.toMatchObject({ code: 'BOX_OUT_OF_BOUNDS' });
  });

  it('dual display: tracked on the B-mode pane, cropped on the CEUS pane at the displaced lesion box', async () => {
    const sim = simulateCase(
      { render: { layout: 'dual' }, ceus: { durationS: 60, fps: 4, injectionTimeS: 2 }, covariates: { echoPattern: 'hypo', sizeMm: 30 }, motion: { breathingAmplitudeMm: 4.5 } },
      { seed: 11 },
    );
    const truth = sim.truth.ceus;
    const cine = nativeCine(sim.ceus, truth.fps);
    // The reader's box on frame 0: the lesion with 8 px of liver, on the contrast pane (file pixels).
    const lesion0 = lesionBoxAt(sim, 0);
    const box = offset({ x0: lesion0.x0 - 8, y0: lesion0.y0 - 8, x1: lesion0.x1 + 8, y1: lesion0.y1 + 8 }, truth.region.x0, truth.region.y0);
    const r = await clipForSpec(cine, spec, { box, injectionTime: 2, track: { search: { x: 8, y: 8 }, referenceFrame: 0, subpixel: true, dual: true } });
    expect(r.tracking?.trackedOn).toBe('bmode-pane');
    expect(r.tracking?.dropped).toEqual([]);
    expect(r.tracking?.tracked.frames.length).toBe(181); // every frame of 2–47 s at 4 fps
    expect(r.frameIndices).toEqual(selectFrames(cine.frameTimes, spec.window, { injectionTime: 2, count: 8 }).indices);
    // The true displaced box on every tracked frame: ±1 px, mean ≤ 0.5 px.
    let err = 0;
    let moved = 0;
    r.tracking!.tracked.frames.forEach((f, k) => {
      const d = shiftPx(sim, 0, cine.frameTimes[f]!);
      const b = r.tracking!.tracked.boxes[k]!;
      const ex = Math.abs(b.x0 - box.x0 - d.dx);
      const ey = Math.abs(b.y0 - box.y0 - d.dy);
      expect(Math.max(ex, ey)).toBeLessThanOrEqual(1);
      err += Math.hypot(ex, ey);
      moved = Math.max(moved, Math.hypot(d.dx, d.dy));
    });
    expect(err / r.tracking!.tracked.frames.length).toBeLessThanOrEqual(0.5);
    expect(moved).toBeGreaterThan(3); // the lesion really moves: a fixed box would be off by > 3 px
    // The clip equals the one cropped at the true displaced (rounded) boxes, and is much closer to
    // it than the fixed-box clip is.
    const trueBoxes = r.frameIndices.map((f) => {
      const d = shiftPx(sim, 0, cine.frameTimes[f]!);
      return offset(box, Math.round(d.dx), Math.round(d.dy));
    });
    const ref = await buildClip(cine, { box: trueBoxes, frameIndices: r.frameIndices, size: spec.size, channels: 1 });
    const fixed = await buildClip(cine, { box, frameIndices: r.frameIndices, size: spec.size, channels: 1 });
    const plane = 32 * 32;
    let agree = 0;
    let dTracked = 0;
    let dFixed = 0;
    r.boxes.forEach((b, t) => {
      const a = r.clip.data.subarray(t * plane, (t + 1) * plane);
      // Away from rounding ties (true shift ≥ 0.1 px from a half pixel) the tracked box must be
      // the true displaced box exactly (tracking error here ≈ 0.1 px).
      const d = shiftPx(sim, 0, cine.frameTimes[r.frameIndices[t]!]!);
      const clear = (v: number) => Math.abs(Math.abs(v - Math.trunc(v)) - 0.5) >= 0.1;
      if (clear(d.dx) && clear(d.dy)) {
        agree++;
        expect(b).toEqual(trueBoxes[t]);
        expect(Array.from(a)).toEqual(Array.from(ref.data.subarray(t * plane, (t + 1) * plane)));
      }
      for (let i = 0; i < plane; i++) {
        dTracked += Math.abs(a[i]! - ref.data[t * plane + i]!);
        dFixed += Math.abs(fixed.data[t * plane + i]! - ref.data[t * plane + i]!);
      }
    });
    expect(agree).toBeGreaterThanOrEqual(4);
    expect(dTracked).toBeLessThan(0.5 * dFixed);
  });

  it('drops low-confidence frames (reported) and picks the clip among the rest; takes precomputed boxes', async () => {
    const sim = simulateCase({ render: { layout: 'dual' }, ceus: { durationS: 50, fps: 2, injectionTimeS: 0 }, covariates: { echoPattern: 'hypo', sizeMm: 30 } }, { seed: 12 });
    const truth = sim.truth.ceus;
    const base = nativeCine(sim.ceus, truth.fps);
    const bad = new Set([10, 11, 30]); // frames 5, 5.5 and 15 s: scrambled (probe lifted)
    const cine: Cine = cineFromFrames(
      async (i) => {
        const f = await base.frame(i);
        if (!bad.has(i)) return f;
        return { ...f, data: Uint8Array.from(f.data, (_, k) => (k * 2654435761) % 251) };
      },
      { fps: truth.fps },
      { frameCount: base.frameCount, width: base.width, height: base.height, meta: { regions: base.meta.regions } },
    );
    const lesion0 = lesionBoxAt(sim, 0);
    const box = offset({ x0: lesion0.x0 - 8, y0: lesion0.y0 - 8, x1: lesion0.x1 + 8, y1: lesion0.y1 + 8 }, truth.region.x0, truth.region.y0);
    const s16 = { ...spec, strategy: 'all' as const };
    const r = await clipForSpec(cine, s16, { box, injectionTime: 0, track: { search: { x: 8, y: 8 }, minConfidence: 0.6, dual: true } });
    expect(r.tracking!.dropped).toEqual([10, 11, 30]);
    expect(r.frameIndices).toEqual(Array.from({ length: 91 }, (_, i) => i).filter((i) => !bad.has(i)));
    expect(r.clip.shape[2]).toBe(88);
    expect(r.warnings.join(' ')).toMatch(/3 of 91 frames .* left out/);
    // Kept with drop: false (cropped where the match landed).
    const kept = await clipForSpec(cine, s16, { box, injectionTime: 0, track: { search: { x: 8, y: 8 }, minConfidence: 0.6, dual: true, drop: false } });
    expect(kept.frameIndices.length).toBe(91);
    // Precomputed boxes (cine coordinates): only their frames are eligible.
    const tr = await trackRoi(cine, box, { frames: Array.from({ length: 46 }, (_, i) => 2 * i), search: { x: 8, y: 8 }, minConfidence: 0.6, dual: true });
    const given = await clipForSpec(cine, { ...spec, frames: 4 }, { box, injectionTime: 0, track: tr });
    expect(given.tracking!.trackedOn).toBe('given');
    expect(given.tracking!.dropped).toEqual([10, 30]);
    for (const f of given.frameIndices) expect(f % 2 === 0 && !bad.has(f)).toBe(true);
    given.frameIndices.forEach((f, t) => {
      expect(given.boxes[t]).toEqual(tr.boxes[Array.from(tr.frames).indexOf(f)]);
    });
    // Errors: a box off the CEUS pane, nonsense options.
    const onBmode = offset(box, -truth.region.x0, 0);
    await expect(clipForSpec(cine, spec, { box: onBmode, injectionTime: 0, track: { dual: true } })).rejects.toMatchObject({ code: 'BOX_OUT_OF_BOUNDS' });
    await expect(clipForSpec(cine, spec, { box, injectionTime: 0, track: { drop: 'yes' as unknown as boolean } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(clipForSpec(cine, spec, { box, injectionTime: 0, track: 5 as never })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
