// The real SonoSite cine examples_ybr_color.dcm (30 frames, JPEG YBR_FULL_422) through
// openDicomCine: TIC and tracking compared with pydicom+GDCM+numpy (fixture by
// scripts/fixtures/perfusion-real.py), and the perfusion steps run without error.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSonoriskError } from '../../src/errors.js';
import { type ClipSpec, PHASES, clipForSpec, detectArrival, fitLognormal, timeIntensityCurve } from '../../src/phases/index.js';
import { openDicomCine, splitDualDisplay, trackBox } from '../../src/preprocess/index.js';
import { HAS_SHARED, NEEDS_SHARED } from '../helpers/shared-data.js';

const ref = JSON.parse(readFileSync(new URL('../fixtures/perfusion/real-ybr.json', import.meta.url), 'utf8')) as {
  ticBox: { x0: number; y0: number; x1: number; y1: number };
  trackBox: { x0: number; y0: number; x1: number; y1: number };
  search: { x: number; y: number };
  means: number[];
  medians: number[];
  shifts: { dx: number; dy: number }[];
  scores: number[];
};

describe.skipIf(!HAS_SHARED)(`perfusion steps on the real examples_ybr_color.dcm${NEEDS_SHARED}`, async () => {
  const cine = HAS_SHARED ? await openDicomCine(new Uint8Array(readFileSync('../shared/data/dicom/examples_ybr_color.dcm'))) : (undefined as never);

  it('TIC matches pydicom+GDCM+numpy (observed: identical to 1e-7)', async () => {
    const tic = await timeIntensityCurve(cine, ref.ticBox);
    expect(tic.t.length).toBe(30);
    expect(tic.t[1]).toBeCloseTo(0.033333, 5);
    tic.intensity.forEach((m, i) => {
      expect(Math.abs(m - ref.means[i]!)).toBeLessThan(0.05);
      expect(Math.abs(tic.median[i]! - ref.medians[i]!)).toBeLessThanOrEqual(0.5);
    });
  });

  it('tracking matches the numpy NCC shifts and scores', async () => {
    const tr = await trackBox(cine, ref.trackBox, { search: ref.search });
    let same = 0;
    tr.shifts.forEach((s, i) => {
      if (s.dx === ref.shifts[i]!.dx && s.dy === ref.shifts[i]!.dy) same++;
      expect(Math.abs(s.dx - ref.shifts[i]!.dx) + Math.abs(s.dy - ref.shifts[i]!.dy)).toBeLessThanOrEqual(1);
      expect(Math.abs(tr.confidence[i]! - ref.scores[i]!)).toBeLessThan(1e-3);
    });
    expect(same).toBe(30);
  });

  it('arrival, fits and pane splitting run without error (a 1 s B-mode loop has no bolus)', async () => {
    const tic = await timeIntensityCurve(cine, ref.ticBox);
        const a = detectArrival(tic, { baselineSeconds: 0.2 });
    expect(typeof a.detected).toBe('boolean');
    expect(a.basis.length).toBeGreaterThan(20);
    try {
      const fit = fitLognormal(tic);
      expect(Number.isFinite(fit.quality.sse)).toBe(true);
    } catch (e) {
      expect(isSonoriskError(e)).toBe(true);
    }
    // Its one US region is stale (wider than the image): not a dual display.
    await expect(splitDualDisplay(cine)).rejects.toThrow(/2D ultrasound region/);
    const halves = await splitDualDisplay(cine, { layout: 'side-by-side', ceusPane: 'first' });
    expect((await halves.bmode.frame(29)).width).toBe(160);
  });

  it("runs through clipForSpec with injectionTime 'auto' and tracking; tracked boxes match the numpy shifts", async () => {
    const spec: ClipSpec = { source: 'ceus', window: PHASES.arterial, frames: 8, size: [32, 32], channels: 1, normalize: { scale: 1 / 255, mean: [0], std: [1] } };
    const r = await clipForSpec(cine, spec, {
      box: ref.trackBox,
      injectionTime: 'auto',
      autoInjection: { maxRate: 100, detect: { baselineSeconds: 0.2 }, fallback: 0 },
      track: { search: ref.search, referenceFrame: 0 },
      allowPartial: true,
      allowRepeats: true,
    });
    expect(r.clip.shape).toEqual([1, 1, 8, 32, 32]);
    expect(['auto', 'fallback']).toContain(r.injection.source); // no bolus in a 1 s B-mode loop
    expect(r.injection.basis).toMatch(/box x 120–183, y 80–143 over 30 frames/);
    expect(r.clip.data.every(Number.isFinite)).toBe(true);
    // Whatever frames the window kept, each tracked box is the reference box moved by the numpy shift.
    const t = r.tracking!.tracked;
    expect(t.frames.length).toBeGreaterThan(0);
    t.frames.forEach((f, k) => {
      const sh = ref.shifts[f]!;
      expect(t.boxes[k]).toEqual({ x0: ref.trackBox.x0 + sh.dx, y0: ref.trackBox.y0 + sh.dy, x1: ref.trackBox.x1 + sh.dx, y1: ref.trackBox.y1 + sh.dy });
    });
    // B-mode spec: the whole clip, all 30 frames tracked.
    const b = await clipForSpec(cine, { ...spec, source: 'bmode', window: PHASES.bmode }, { box: ref.trackBox, track: { search: ref.search } });
    expect(b.tracking!.tracked.frames.length).toBe(30);
    expect(b.tracking!.dropped).toEqual([]);
  });
});
