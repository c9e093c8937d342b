// Recovery of known perfusion, arrival, injection time and motion from simulated dual-display CEUS
// DICOM (src/simulate): native files read back with dicom-parser (test/simulate/read-dicom.ts), and
// JPEG-compressed files through openDicomCine, end to end.
import { describe, expect, it } from 'vitest';
import { detectArrival, fitLognormal, lognormalCurve, timeIntensityCurve } from '../../src/phases/index.js';
import { type Box, openDicomCine, splitDualDisplay, trackBox } from '../../src/preprocess/index.js';
import { motionAt, simulateCase } from '../../src/simulate/index.js';
import { nativeCine } from './sim-cine.js';

// Seeds 1–10 all pass (checked once, native); four native and two JPEG keep the test fast.
const cases = [
  ...[1, 2, 3, 4].map((seed) => ({ seed, earlyWashout: seed % 2 === 0, jpeg: false })),
  ...[1, 2].map((seed) => ({ seed, earlyWashout: seed % 2 === 0, jpeg: true })),
];

describe('perfusion and motion on simulated CEUS (simulateCase)', () => {
  for (const { seed, earlyWashout, jpeg } of cases) {
    it(`seed ${seed} (${earlyWashout ? 'early' : 'no'} wash-out, ${jpeg ? 'JPEG via openDicomCine' : 'native'}): panes, motion, TIC fit, arrival and injection recovered`, async () => {
      const render = jpeg ? { layout: 'dual' as const, compression: 'jpeg' as const, jpegQuality: 90 } : { layout: 'dual' as const };
      const sim = simulateCase({ render, ceus: { durationS: 70, fps: 5 }, covariates: { earlyWashout, echoPattern: 'hypo' } }, { seed });
      const truth = sim.truth.ceus;
      const cine = jpeg ? await openDicomCine(sim.ceus) : nativeCine(sim.ceus, truth.fps);
      expect(cine.frameTimes[1]).toBeCloseTo(1 / truth.fps, 9);

      // Panes from the US regions; the darker one is the contrast display.
      const dual = await splitDualDisplay(cine);
      expect(dual.panes.ceus).toEqual(truth.region);
      expect(dual.panes.bmode).toEqual(truth.reference!.region);

      // A box on the lesion (frame 0), tracked on the B-mode pane with 10 px of surrounding liver.
      const p = sim.params;
      const s = truth.pixelSpacingMm;
      const d0 = motionAt(p.motion, 0);
      const cx = Math.round((p.lesion.centreXMm + d0.x) / s);
      const cy = Math.round((p.lesion.centreDepthMm + d0.y) / s);
      const hb = Math.max(3, Math.floor((0.5 * Math.min(p.lesion.radiusXMm, p.lesion.radiusYMm)) / s));
      const inner: Box = { x0: cx - hb, y0: cy - hb, x1: cx + hb, y1: cy + hb };
      const pw = dual.bmode.width;
      const ph = dual.bmode.height;
      const outer: Box = { x0: Math.max(0, inner.x0 - 10), y0: Math.max(0, inner.y0 - 10), x1: Math.min(pw, inner.x1 + 10), y1: Math.min(ph, inner.y1 + 10) };
      const tracked = await trackBox(dual.bmode, outer, { search: { x: 6, y: 6 }, subpixel: true });
      let err = 0;
      tracked.shifts.forEach((sh, i) => {
        const d = motionAt(p.motion, cine.frameTimes[i]!);
        err += Math.hypot(sh.dx - (d.x - d0.x) / s, sh.dy - (d.y - d0.y) / s);
      });
      expect(err / tracked.shifts.length).toBeLessThanOrEqual(0.5); // spec: ±1 px mean
      expect(tracked.lowConfidence).toEqual([]);

      // Motion-compensated TIC on the CEUS pane, lognormal fit vs the simulated lesion TIC.
      const boxes = tracked.boxes.map((b) => ({ x0: inner.x0 + b.x0 - outer.x0, y0: inner.y0 + b.y0 - outer.y0, x1: inner.x1 + b.x0 - outer.x0, y1: inner.y1 + b.y0 - outer.y0 }));
      const tic = await timeIntensityCurve(dual.ceus, boxes, { frames: tracked.frames });
      const L = truth.tic.lesion;
      const arrival = truth.injectionTimeS + L.t0; // frame clock
      const fit = fitLognormal(tic);
      // Inside a homogeneous lesion the simulator renders its configured lesion TIC (a pure
      // lognormal, truth.ceus.tic.lesion) times fresh microbubble speckle each frame. The speckle
      // noise of a box mean grows as the box shrinks (6×6 px on seed 1, 22×22 px on seed 7), so
      // R² says more about the lesion's size than about the fit (0.973–0.999 on seeds 1–10). What
      // must hold whatever the noise: (a) least squares does at least as well as the generating
      // curve on the same samples (a fit stuck in a local minimum fails this), and (b) the fitted
      // curve reproduces the generating curve (seeds 1–10: RMS ≤ 1.3%, max ≤ 2.2% of the peak).
      const trueCurve = Array.from(tic.t, (t) => lognormalCurve(L, t - truth.injectionTimeS));
      const sseTruth = trueCurve.reduce((acc, v, i) => acc + (tic.intensity[i]! - v) ** 2, 0);
      expect(fit.quality.sse).toBeLessThanOrEqual(sseTruth);
      const pe = Math.max(...trueCurve) - L.baseline;
      const dev = trueCurve.map((v, i) => Math.abs(fit.fitted[i]! - v));
      expect(Math.sqrt(dev.reduce((acc, d) => acc + d * d, 0) / dev.length)).toBeLessThan(0.02 * pe);
      expect(Math.max(...dev)).toBeLessThan(0.04 * pe);
      expect(Math.abs(fit.params.t0 - arrival)).toBeLessThanOrEqual(0.5);
      expect(fit.params.mu / L.mu).toBeCloseTo(1, 1); // within 5%
      expect(Math.abs(fit.params.sigma / L.sigma - 1)).toBeLessThan(0.05);
      expect(Math.abs(fit.params.A / L.A - 1)).toBeLessThan(0.08);
      expect(Math.abs(fit.metrics.timeToPeak / Math.exp(L.mu - L.sigma ** 2) - 1)).toBeLessThan(0.05);

      // Arrival (±0.5 s) and, with the simulated injection-to-lesion delay, the injection time.
      const a = detectArrival(tic, { armToLiverDelay: L.t0 });
      expect(a.method).toBe('lognormal-onset');
      expect(Math.abs(a.arrivalTime! - arrival)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(a.injectionTimeEstimate! - truth.injectionTimeS)).toBeLessThanOrEqual(0.5);
    });
  }
});
