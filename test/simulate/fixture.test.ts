// Parity with pydicom 2.3 + dcmtk. Fixture: test/fixtures/simulate/pydicom-summary.json, written by
// `/usr/bin/python3 scripts/fixtures/simulate-validate.py` (which also checks that pydicom's
// pixel_array equals the writer's input, that dcmdump parses every file cleanly and that dcmdjpeg
// decodes the JPEG files to pydicom's pixels). Regenerate it when the simulator's output changes.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulateCase, writeUltrasoundDicom } from '../../src/simulate/index.js';
import { FIXTURE_CASES, writerFixtures } from './fixture-cases.js';
import { readUs } from './read-dicom.js';

interface FileSummary {
  sha256: string;
  transferSyntaxUid: string;
  sopClassUid: string;
  sopInstanceUid: string;
  studyInstanceUid: string;
  rows: number;
  columns: number;
  samplesPerPixel: number;
  photometric: string;
  numberOfFrames: number;
  frameTimeMs: number;
  cineRate: number;
  regions: { x0: number; y0: number; x1: number; y1: number; deltaX: number; deltaY: number; unitsX: number; unitsY: number; spatialFormat: number; dataType: number }[];
  frameMd5: string[];
  psnrVsInput?: number;
  maxDiffDcmdjpegVsPydicom?: number;
}
const summary = JSON.parse(readFileSync(new URL('../fixtures/simulate/pydicom-summary.json', import.meta.url), 'utf8')) as { files: Record<string, FileSummary> };

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex');

function compare(bytes: Uint8Array, want: FileSummary): void {
  const r = readUs(bytes);
  expect(r.transferSyntax).toBe(want.transferSyntaxUid);
  expect(r.ds.string('x00080016')).toBe(want.sopClassUid);
  expect(r.ds.string('x00080018')).toBe(want.sopInstanceUid);
  expect(r.ds.string('x0020000d')).toBe(want.studyInstanceUid);
  expect([r.rows, r.columns, r.samplesPerPixel, r.photometric, r.frames]).toEqual([want.rows, want.columns, want.samplesPerPixel, want.photometric, want.numberOfFrames]);
  expect(r.frameTimeMs).toBeCloseTo(want.frameTimeMs, 9);
  expect(r.cineRate).toBe(want.cineRate);
  expect(r.regions.map((g) => ({ x0: g.x0, y0: g.y0, x1: g.x1, y1: g.y1, deltaX: g.dx, deltaY: g.dy, unitsX: g.ux, unitsY: g.uy, spatialFormat: g.format, dataType: g.type }))).toEqual(want.regions);
  if (r.transferSyntax === '1.2.840.10008.1.2.1') expect(r.frameBytes.map(md5)).toEqual(want.frameMd5);
  // Same bytes as the file pydicom and dcmtk checked: rendering is deterministic across runs.
  expect(sha256(bytes)).toBe(want.sha256);
}

describe('simulator output matches what pydicom read', () => {
  it('writer files', () => {
    for (const w of writerFixtures()) {
      const want = summary.files[w.name]!;
      compare(writeUltrasoundDicom(w.input), want);
      if (w.input.encapsulated) {
        expect(want.psnrVsInput!).toBeGreaterThan(35);
        expect(want.maxDiffDcmdjpegVsPydicom!).toBeLessThanOrEqual(1);
      } else {
        // pydicom's pixel_array equals the writer's input frames.
        expect(want.frameMd5).toEqual(w.frames.map(md5));
      }
    }
  });

  it('rendered cases', () => {
    for (const c of FIXTURE_CASES) {
      const sim = simulateCase(c.params, { seed: c.seed });
      compare(sim.bmode, summary.files[`${c.name}-bmode`]!);
      compare(sim.ceus, summary.files[`${c.name}-ceus`]!);
    }
  });
});
