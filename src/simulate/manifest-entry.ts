import { SonoriskError } from '../errors.js';
import type { Box } from '../preprocess/index.js';
import type { SimulatedCase } from './simulate-case.js';

/** One recording of a cohort-manifest case: its file and the two marked corners (inclusive pixels). */
export interface ManifestRecording {
  path: string;
  corners: [[number, number], [number, number]];
  units: 'px';
}

/** A case in the JSON cohort-manifest format (see docs/cohort.md): plain JSON, ready to serialise. */
export interface ManifestEntry {
  id: string;
  outcome: 0 | 1;
  split?: string;
  bmode: ManifestRecording;
  ceus: ManifestRecording;
  /** Seconds from the first CEUS frame to the injection (negative when recording began after it). */
  injectionOffset: number;
  covariates: Record<string, number | string>;
}

/** The two corners a reader would mark for a half-open box: (x0, y0) and (x1 − 1, y1 − 1). */
const corners = (b: Box): [[number, number], [number, number]] => [
  [b.x0, b.y0],
  [b.x1 - 1, b.y1 - 1],
];

/**
 * Describes a simulated case as a cohort-manifest entry: outcome = label, the reader's ROI boxes
 * (`truth.*.roiBox`) as two marked corners in pixels, the injection offset, and the covariates
 * (booleans as 0/1; `s4` = segment 4). Pass the paths where you wrote the two files.
 *
 * @example
 * ```ts
 * const c = simulateCase({}, { seed: 1 });
 * const entry = toManifestEntry(c, { bmodePath: 'case-001/bmode.dcm', ceusPath: 'case-001/ceus.dcm', split: 'train' });
 * JSON.stringify({ cases: [entry] });
 * ```
 */
export function toManifestEntry(sim: SimulatedCase, paths: { bmodePath: string; ceusPath: string; split?: string }): ManifestEntry {
  if (sim === null || typeof sim !== 'object' || sim.truth === undefined) {
    throw new SonoriskError('INVALID_ARGUMENT', 'toManifestEntry: pass a case returned by simulateCase.');
  }
  if (paths === null || typeof paths !== 'object' || typeof paths.bmodePath !== 'string' || paths.bmodePath === '' || typeof paths.ceusPath !== 'string' || paths.ceusPath === '') {
    throw new SonoriskError('INVALID_ARGUMENT', 'toManifestEntry: bmodePath and ceusPath must be non-empty strings.');
  }
  const c = sim.truth.covariates;
  const entry: ManifestEntry = {
    id: sim.id,
    outcome: sim.label,
    bmode: { path: paths.bmodePath, corners: corners(sim.truth.bmode.roiBox), units: 'px' },
    ceus: { path: paths.ceusPath, corners: corners(sim.truth.ceus.roiBox), units: 'px' },
    injectionOffset: sim.truth.ceus.injectionTimeS,
    covariates: {
      age: c.age,
      sex: c.sex,
      hbv: c.hbv ? 1 : 0,
      sizeMm: c.sizeMm,
      segment: c.segment,
      s4: c.segment === 4 ? 1 : 0,
      echoPattern: c.echoPattern,
      halo: c.halo ? 1 : 0,
      earlyWashout: c.earlyWashout ? 1 : 0,
      afp: c.afp,
    },
  };
  if (paths.split !== undefined) entry.split = paths.split;
  return entry;
}
