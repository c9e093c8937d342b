import type { Rng } from '../stats/index.js';
import type { CaseParams } from './case-params.js';
import { rayleighField, smoothField } from './speckle.js';

/**
 * The tissue of one case on a pixel grid that covers the imaging region plus a `margin` of pixels
 * on every side (room for motion). Grid pixel (I, J) sits at ((J − margin + ½)·s, (I − margin + ½)·s)
 * mm from the region's top-left corner.
 */
export interface Phantom {
  width: number;
  height: number;
  margin: number;
  spacingMm: number;
  /** B-mode display value (0–255 scale, not yet clamped) after speckle and log compression. */
  bmode: Float32Array;
  /** CEUS compartment weights (sum ≤ 1): perfused liver, lesion, halo rim, vessels. */
  wLiver: Float32Array;
  wLesion: Float32Array;
  wHalo: Float32Array;
  wVessel: Float32Array;
}

/** Mean echogenicity of the lesion by echo pattern, relative to the liver (linear amplitude). */
export const LESION_ECHO = { hypo: 0.42, iso: 0.9, hyper: 2.4 } as const;
const HALO_ECHO = 0.16;
const VESSEL_ECHO = 0.04;
/** Log compression: display = (20·log10(amplitude) + DB_OFFSET) · 255 / DYNAMIC_RANGE_DB. */
export const DYNAMIC_RANGE_DB = 50;
export const DB_OFFSET = 21;

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * Builds the phantom of a case: liver with slowly varying echogenicity and a capsule, subcutaneous
 * layers above it, the lesion ellipse with its echo pattern and optional halo, vessels, and
 * multiplicative Rayleigh speckle, log-compressed for B-mode; plus the CEUS compartment weights.
 */
export function buildPhantom(p: CaseParams, regionWidth: number, regionHeight: number, margin: number, s: number, rng: Rng): Phantom {
  const W = regionWidth + 2 * margin;
  const H = regionHeight + 2 * margin;
  const n = W * H;
  const bmode = new Float32Array(n);
  const wLiver = new Float32Array(n);
  const wLesion = new Float32Array(n);
  const wHalo = new Float32Array(n);
  const wVessel = new Float32Array(n);

  const liverDb = smoothField(rng, 6, 8, 35);
  const lesionTexture = smoothField(rng, 5, 2, 8);
  const mosaic = smoothField(rng, 6, Math.max(3, p.lesion.radiusXMm * 0.6), Math.max(5, p.lesion.radiusXMm * 1.4));
  const speckle = rayleighField(rng, W, H);

  const L = p.lesion;
  const th = (L.angleDeg * Math.PI) / 180;
  const ct = Math.cos(th);
  const st = Math.sin(th);
  const edgePx = Math.min(L.radiusXMm, L.radiusYMm) / s;
  const haloRx = L.radiusXMm + L.haloMm;
  const haloRy = L.radiusYMm + L.haloMm;
  const haloEdgePx = Math.min(haloRx, haloRy) / s;
  const cap = p.capsuleDepthMm;

  for (let I = 0; I < H; I++) {
    const y = (I - margin + 0.5) * s;
    for (let J = 0; J < W; J++) {
      const x = (J - margin + 0.5) * s;
      const k = I * W + J;
      // Lesion and halo membership (soft edges about one pixel wide).
      const dx = x - L.centreXMm;
      const dy = y - L.centreDepthMm;
      const u = dx * ct + dy * st;
      const v = -dx * st + dy * ct;
      const rho = Math.sqrt((u / L.radiusXMm) ** 2 + (v / L.radiusYMm) ** 2);
      const mL = clamp01(0.5 + (1 - rho) * edgePx);
      const mO = L.haloMm > 0 ? clamp01(0.5 + (1 - Math.sqrt((u / haloRx) ** 2 + (v / haloRy) ** 2)) * haloEdgePx) : mL;
      const mH = Math.max(0, mO - mL);
      let mV = 0;
      if (y > cap) {
        for (const ves of p.vessels) {
          const ex = ves.x1Mm - ves.x0Mm;
          const ey = ves.y1Mm - ves.y0Mm;
          const len2 = ex * ex + ey * ey;
          const t = len2 > 0 ? Math.min(1, Math.max(0, ((x - ves.x0Mm) * ex + (y - ves.y0Mm) * ey) / len2)) : 0;
          const d = Math.hypot(x - ves.x0Mm - t * ex, y - ves.y0Mm - t * ey);
          mV = Math.max(mV, clamp01(0.5 + (ves.radiusMm - d) / s));
        }
        mV *= 1 - mO;
      }
      // Background: subcutaneous layers above the capsule, liver below, a bright capsule line.
      let eBg: number;
      if (y < cap) eBg = 0.45 * (1 + 0.45 * Math.cos((2 * Math.PI * y) / 3.2));
      else eBg = 10 ** ((1.8 * liverDb(x, y)) / 20);
      const dc = (y - cap) / 0.7;
      eBg += 3.5 * Math.exp(-0.5 * dc * dc);
      let eLes: number;
      if (L.echoPattern === 'mixed') eLes = 10 ** ((9 * mosaic(x, y)) / 20);
      else eLes = LESION_ECHO[L.echoPattern];
      eLes *= 10 ** ((2 * lesionTexture(x, y)) / 20);
      const wBg = Math.max(0, 1 - mL - mH - mV);
      const e = eBg * wBg + eLes * mL + HALO_ECHO * mH + VESSEL_ECHO * mV;
      const amp = e * speckle[k]!;
      bmode[k] = amp > 1e-6 ? ((20 * Math.log10(amp) + DB_OFFSET) * 255) / DYNAMIC_RANGE_DB : 0;
      // CEUS: perfused compartments. Mixed lesions have poorly perfused (necrotic) patches.
      const perf = L.echoPattern === 'mixed' ? clamp01(0.75 + 0.5 * mosaic(x + 7, y - 3)) : 1;
      wLiver[k] = (y > cap ? 1 : 0.12) * wBg;
      wLesion[k] = mL * perf;
      wHalo[k] = mH;
      wVessel[k] = mV;
    }
  }
  return { width: W, height: H, margin, spacingMm: s, bmode, wLiver, wLesion, wHalo, wVessel };
}
