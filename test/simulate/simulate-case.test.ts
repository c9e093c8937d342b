import { describe, expect, it } from 'vitest';
import { lognormalCurve } from '../../src/phases/index.js';
import type { Box } from '../../src/preprocess/index.js';
import type { CaseOverrides, SimulatedCase } from '../../src/simulate/index.js';
import { drawText, formatTimer } from '../../src/simulate/bitmap-font.js';
import { motionAt, simulateCase } from '../../src/simulate/index.js';
import { readUs } from './read-dicom.js';
import { expectCode } from '../helpers/expect-code.js';

const small = { width: 64, height: 48, bannerHeight: 10, depthCm: 8 };

/** Mean of pixels of frame `f` within `radiusPx` of (cx, cy), optionally excluding radius < innerPx. */
function discMean(f: Uint8Array, width: number, cx: number, cy: number, radiusPx: number, innerPx = -1): number {
  let s = 0;
  let n = 0;
  for (let y = Math.floor(cy - radiusPx); y <= Math.ceil(cy + radiusPx); y++) {
    for (let x = Math.floor(cx - radiusPx); x <= Math.ceil(cx + radiusPx); x++) {
      const d = Math.hypot(x - cx, y - cy);
      if (d <= radiusPx && d >= innerPx) {
        s += f[y * width + x]!;
        n++;
      }
    }
  }
  return s / n;
}

/** Pixel coordinates of the lesion centre at time t (s from the first frame) in a recording's region. */
function centrePx(c: SimulatedCase, region: Box, t: number): { x: number; y: number } {
  const s = c.truth.bmode.pixelSpacingMm;
  const d = motionAt(c.truth.motion, t);
  return { x: region.x0 + (c.params.lesion.centreXMm + d.x) / s - 0.5, y: region.y0 + (c.params.lesion.centreDepthMm + d.y) / s - 0.5 };
}


describe('simulateCase', () => {
  const quick: CaseOverrides = { render: small, bmode: { durationS: 2, fps: 4 }, ceus: { durationS: 8, fps: 1 } };

  it('is deterministic: same seed → same bytes, another seed → other bytes', () => {
    const a = simulateCase(quick, { seed: 5 });
    const b = simulateCase(quick, { seed: 5 });
    const c = simulateCase(quick, { seed: 6 });
    expect(a.bmode).toEqual(b.bmode);
    expect(a.ceus).toEqual(b.ceus);
    expect(a.truth).toEqual(b.truth);
    expect(a.ceus).not.toEqual(c.ceus);
    // The full params of a case re-render the same bytes.
    expect(simulateCase(a.params, { seed: 5 }).ceus).toEqual(a.ceus);
  });

  it('writes the default recording lengths, frame times and regions', () => {
    const c = simulateCase({ render: small, ceus: { injectionTimeS: 3.2 } }, { seed: 9 });
    const b = readUs(c.bmode);
    const u = readUs(c.ceus);
    expect([b.frames, b.frameTimeMs, b.cineRate]).toEqual([100, 100, 10]); // 10 s at 10 fps
    expect(u.frames).toBe(2 * (4 + 121)); // ceil(3.2) + 121 s at 2 fps: ≥ 2 min after injection
    expect([u.frameTimeMs, u.cineRate]).toEqual([500, 2]);
    expect(c.truth.ceus.injectionTimeS).toBe(3.2);
    expect((u.frames - 1) / 2 - 3.2).toBeGreaterThanOrEqual(120);
    const s = c.truth.ceus.pixelSpacingMm;
    expect(s).toBeCloseTo(80 / 38, 12);
    expect(u.regions).toEqual([{ x0: 0, y0: 10, x1: 63, y1: 47, dx: s / 10, dy: s / 10, ux: 3, uy: 3, format: 1, type: 1, vrs: ['UL', 'UL', 'UL', 'UL', 'FD', 'FD', 'US', 'US', 'US', 'US'] }]);
    expect(b.ds.string('x00100010')).toBe('SYNTHETIC^CASE-009');
    expect(u.ds.string('x00180010')).toBe('SonoVue (simulated)');

    const dual = simulateCase({ ...quick, render: { ...small, layout: 'dual' } }, { seed: 9 });
    const d = readUs(dual.ceus);
    expect(d.columns).toBe(128);
    expect(d.regions.map((r) => [r.x0, r.x1])).toEqual([
      [0, 63],
      [64, 127],
    ]);
    expect(dual.truth.ceus.region).toEqual({ x0: 64, y0: 10, x1: 128, y1: 48 });
    expect(dual.truth.ceus.lesionBox.x0 - 64).toBe(dual.truth.ceus.reference!.lesionBox.x0);
  });

  it('boxes contain the lesion on every frame, and the lesion is where the box says', () => {
    const c = simulateCase(
      { covariates: { sizeMm: 22, echoPattern: 'hyper', halo: false }, vessels: [], render: { ...small, width: 96, height: 80, depthCm: 7 }, motion: { breathingAmplitudeMm: 4, driftXMmPerS: 0.05 }, bmode: { durationS: 4, fps: 5 }, ceus: { durationS: 40, fps: 1, injectionTimeS: 0 } },
      { seed: 21 },
    );
    const L = c.params.lesion;
    const s = c.truth.bmode.pixelSpacingMm;
    for (const [rec, truth, fps] of [[c.bmode, c.truth.bmode, 5], [c.ceus, c.truth.ceus, 1]] as const) {
      const { lesionBox: lb, roiBox: rb, region } = truth;
      expect(rb.x0 <= lb.x0 && rb.y0 <= lb.y0 && rb.x1 >= lb.x1 && rb.y1 >= lb.y1).toBe(true);
      expect(region.x0 <= rb.x0 && region.y0 <= rb.y0 && region.x1 >= rb.x1 && region.y1 >= rb.y1).toBe(true);
      const r = readUs(rec);
      for (let i = 0; i < r.frames; i++) {
        const ctr = centrePx(c, region, i / fps);
        // The ellipse's extremes (axis-aligned bound of the rotated ellipse) stay inside the box.
        const th = (L.angleDeg * Math.PI) / 180;
        const hx = Math.hypot(L.radiusXMm * Math.cos(th), L.radiusYMm * Math.sin(th)) / s;
        const hy = Math.hypot(L.radiusXMm * Math.sin(th), L.radiusYMm * Math.cos(th)) / s;
        expect(ctr.x - hx).toBeGreaterThanOrEqual(lb.x0 - 0.5);
        expect(ctr.x + hx).toBeLessThanOrEqual(lb.x1 - 0.5);
        expect(ctr.y - hy).toBeGreaterThanOrEqual(lb.y0 - 0.5);
        expect(ctr.y + hy).toBeLessThanOrEqual(lb.y1 - 0.5);
      }
      // Image check: the hyperechoic / hyperenhancing lesion is brighter than the liver around it.
      const f = r.frameBytes[rec === c.bmode ? 0 : 20]!;
      const ctr = centrePx(c, region, rec === c.bmode ? 0 : 20);
      const inner = discMean(f, r.columns, ctr.x, ctr.y, (0.6 * Math.min(L.radiusXMm, L.radiusYMm)) / s);
      const ring = discMean(f, r.columns, ctr.x, ctr.y, (Math.max(L.radiusXMm, L.radiusYMm) + 6) / s, (Math.max(L.radiusXMm, L.radiusYMm) + 2) / s);
      expect(inner).toBeGreaterThan(ring + 15);
    }
  });

  it('the mean CEUS pixel inside the lesion follows the configured lognormal TIC', () => {
    const c = simulateCase(
      { covariates: { sizeMm: 24, echoPattern: 'hypo', halo: false, earlyWashout: true }, vessels: [], render: { ...small, width: 96, height: 80, depthCm: 7 }, bmode: { durationS: 1, fps: 1 }, ceus: { durationS: 75, fps: 1, injectionTimeS: 4 } },
      { seed: 33 },
    );
    const r = readUs(c.ceus);
    const s = c.truth.ceus.pixelSpacingMm;
    const rad = (0.6 * Math.min(c.params.lesion.radiusXMm, c.params.lesion.radiusYMm)) / s;
    let sx = 0;
    let sy = 0;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < r.frames; i++) {
      const ctr = centrePx(c, c.truth.ceus.region, i);
      const got = discMean(r.frameBytes[i]!, r.columns, ctr.x, ctr.y, rad);
      const want = lognormalCurve(c.truth.ceus.tic.lesion, i - 4);
      expect(Math.abs(got - want)).toBeLessThanOrEqual(0.1 * want + 3);
      sx += got;
      sy += want;
      sxy += got * want;
      sxx += got * got;
      syy += want * want;
    }
    const n = r.frames;
    const corr = (sxy - (sx * sy) / n) / Math.sqrt((sxx - (sx * sx) / n) * (syy - (sy * sy) / n));
    expect(corr).toBeGreaterThan(0.99);
  });

  it('makes the halo visible in B-mode and early wash-out visible in CEUS', () => {
    const geo: CaseOverrides = { vessels: [], render: { ...small, width: 96, height: 80, depthCm: 7 }, bmode: { durationS: 0.5, fps: 2 }, ceus: { durationS: 65, fps: 0.5, injectionTimeS: 0 } };
    const ringMean = (halo: boolean): number => {
      const c = simulateCase({ ...geo, covariates: { sizeMm: 20, halo, echoPattern: 'iso' }, lesion: { haloMm: halo ? 2.5 : 0, radiusYMm: 10, angleDeg: 0 } }, { seed: 44 });
      const f = readUs(c.bmode).frameBytes[0]!;
      const ctr = centrePx(c, c.truth.bmode.region, 0);
      const s = c.truth.bmode.pixelSpacingMm;
      return discMean(f, 96, ctr.x, ctr.y, 12 / s, 10.5 / s) - discMean(f, 96, ctr.x, ctr.y, 7 / s);
    };
    expect(ringMean(true)).toBeLessThan(-30); // the rim is much darker than the lesion inside it
    expect(Math.abs(ringMean(false))).toBeLessThan(15);

    const lesionVsLiverAt60 = (earlyWashout: boolean): number => {
      const c = simulateCase({ ...geo, covariates: { sizeMm: 20, halo: false, echoPattern: 'hypo', earlyWashout } }, { seed: 45 });
      const r = readUs(c.ceus);
      const i = 30; // t = 60 s after injection at 0.5 fps
      const ctr = centrePx(c, c.truth.ceus.region, 60);
      const s = c.truth.ceus.pixelSpacingMm;
      return discMean(r.frameBytes[i]!, 96, ctr.x, ctr.y, 6 / s) / discMean(r.frameBytes[i]!, 96, ctr.x, ctr.y, 18 / s, 13 / s);
    };
    expect(lesionVsLiverAt60(true)).toBeLessThan(0.6);
    expect(lesionVsLiverAt60(false)).toBeGreaterThan(0.75);
  });

  it('burns the MM:SS timer since injection into the CEUS banner', () => {
    const c = simulateCase({ ...quick, ceus: { durationS: 8, fps: 1, injectionTimeS: 2.5 } }, { seed: 3 });
    const r = readUs(c.ceus);
    const box = c.truth.ceus.timerBox!;
    for (let i = 0; i < r.frames; i++) {
      const want = new Uint8Array(64 * 48);
      drawText(want, 64, 48, 2, 2, formatTimer(i - 2.5), 230);
      for (let y = box.y0; y < box.y1; y++) for (let x = box.x0; x < box.x1; x++) expect(r.frameBytes[i]![y * 64 + x]).toBe(want[y * 64 + x]);
    }
    expect(formatTimer(-3)).toBe('00:00');
    expect(formatTimer(125.7)).toBe('02:05');
  });

  it('rejects bad parameters with SonoriskError', () => {
    expectCode(() => simulateCase({}, undefined as never), 'INVALID_ARGUMENT');
    expectCode(() => simulateCase({}, { seed: -1 }), 'INVALID_ARGUMENT');
    expectCode(() => simulateCase({ render: { width: 5000 } }, { seed: 1 }), 'INVALID_ARGUMENT');
    expectCode(() => simulateCase({ render: { layout: 'triple' as 'dual' } }, { seed: 1 }), 'INVALID_ARGUMENT');
    expectCode(() => simulateCase({ ceus: { fps: 0 } }, { seed: 1 }), 'INVALID_ARGUMENT');
    expectCode(() => simulateCase({ ceus: { fps: 100, durationS: 3600 } }, { seed: 1 }), 'LIMIT_EXCEEDED');
    expectCode(() => simulateCase({ covariates: { sizeMm: 79 } }, { seed: 1 }), 'INVALID_ARGUMENT'); // does not fit 10 cm
    expectCode(() => simulateCase({ covariates: { echoPattern: 'bright' as 'hypo' } }, { seed: 1 }), 'INVALID_ARGUMENT');
    expectCode(() => simulateCase({ covariates: { segment: 9 } }, { seed: 1 }), 'INVALID_ARGUMENT');
    expectCode(() => simulateCase({ lesion: { centreXMm: 1, centreDepthMm: 50 } }, { seed: 1 }), 'INVALID_ARGUMENT');
    expectCode(() => simulateCase({ motion: { breathingPeriodS: 0 } }, { seed: 1 }), 'INVALID_ARGUMENT');
    expectCode(() => simulateCase({ ceus: { lesionTic: { t0: 1, mu: 1, sigma: -1, A: 1, baseline: 0 } } }, { seed: 1 }), 'INVALID_ARGUMENT');
    expectCode(() => simulateCase({ id: 'bad id!' }, { seed: 1 }), 'INVALID_ARGUMENT');
    expectCode(() => simulateCase({ labelModel: { intercept: Number.NaN } }, { seed: 1 }), 'INVALID_ARGUMENT');
  });
});
