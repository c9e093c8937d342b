// Simulated DICOM (src/simulate) as a Cine without the decode layer: native frames read back with
// dicom-parser (test/simulate/read-dicom.ts) into cineFromFrames, US regions included.
import { type Box, type Cine, type UltrasoundRegion, cineFromFrames } from '../../src/preprocess/index.js';
import { type SimulatedCase, motionAt } from '../../src/simulate/index.js';
import { readUs } from '../simulate/read-dicom.js';

/** Native DICOM via dicom-parser: frames and regions into cineFromFrames. */
export function nativeCine(bytes: Uint8Array, fps: number): Cine {
  const u = readUs(bytes);
  // DICOM region bounds are inclusive; Box is half-open.
  const regions: UltrasoundRegion[] = u.regions.map((r) => ({ x0: r.x0, y0: r.y0, x1: r.x1 + 1, y1: r.y1 + 1, spatialFormat: r.format, dataType: r.type, physicalUnitsX: r.ux, physicalUnitsY: r.uy, physicalDeltaX: r.dx, physicalDeltaY: r.dy }));
  const frames = u.frameBytes.map((data) => ({ width: u.columns, height: u.rows, channels: 1 as const, data }));
  return cineFromFrames(frames, { fps }, { meta: { regions } });
}

/**
 * A square box on the lesion at time `t` (s from the first CEUS frame), half-side half the
 * smaller lesion radius (at least 3 px), in the contrast display's own pixels (add the region's
 * x0/y0 for file coordinates).
 */
export function lesionBoxAt(sim: SimulatedCase, t: number): Box {
  const p = sim.params;
  const s = sim.truth.ceus.pixelSpacingMm;
  const d = motionAt(p.motion, t);
  const cx = Math.round((p.lesion.centreXMm + d.x) / s);
  const cy = Math.round((p.lesion.centreDepthMm + d.y) / s);
  const hb = Math.max(3, Math.floor((0.5 * Math.min(p.lesion.radiusXMm, p.lesion.radiusYMm)) / s));
  return { x0: cx - hb, y0: cy - hb, x1: cx + hb, y1: cy + hb };
}

/** Tissue displacement between frame times `t0` and `t`, in pixels (x right, y down). */
export function shiftPx(sim: SimulatedCase, t0: number, t: number): { dx: number; dy: number } {
  const s = sim.truth.ceus.pixelSpacingMm;
  const a = motionAt(sim.params.motion, t0);
  const b = motionAt(sim.params.motion, t);
  return { dx: (b.x - a.x) / s, dy: (b.y - a.y) / s };
}
