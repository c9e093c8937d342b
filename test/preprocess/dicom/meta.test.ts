/**
 * Cine metadata against pydicom's parse of the same files (test/fixtures/decode/reference.json,
 * scripts/fixtures/decode-reference.py), plus timing precedence on hand-built files.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDicomCine } from '../../../src/preprocess/index.js';
import { element, monoCine, sequence } from './dicom-builder.js';
import { HAS_SHARED, NEEDS_SHARED } from '../../helpers/shared-data.js';

interface RefRegion {
  minX0: number;
  minY0: number;
  maxX1: number;
  maxY1: number;
  spatialFormat: number;
  dataType: number;
  unitsX: number;
  unitsY: number;
  deltaX: number;
  deltaY: number;
}
interface RefEntry {
  file: string;
  pydicomError?: string;
  meta: {
    modality: string | null;
    manufacturer: string | null;
    manufacturerModelName: string | null;
    rows: number;
    columns: number;
    frameTime: number | null;
    patientName: string | null;
    regions: RefRegion[];
  };
}
const ref = JSON.parse(readFileSync('test/fixtures/decode/reference.json', 'utf8')) as { files: RefEntry[] };
const shared = ref.files.filter((e) => e.file.startsWith('../shared/'));

describe.skipIf(!HAS_SHARED)(`metadata of the real ultrasound files${NEEDS_SHARED}`, () => {
  it('covers the four shared files', () => expect(shared.length).toBe(4));
  for (const e of shared) {
    it(e.file, async () => {
      const cine = await openDicomCine(new Uint8Array(readFileSync(e.file)));
      const m = e.meta;
      expect(cine.meta.modality).toBe(m.modality ?? undefined);
      expect(cine.meta.manufacturer).toBe(m.manufacturer ?? undefined);
      expect(cine.meta.manufacturerModelName).toBe(m.manufacturerModelName ?? undefined);
      expect([cine.width, cine.height]).toEqual([m.columns, m.rows]);
      if (m.frameTime !== null) {
        expect(cine.meta.timingSource).toBe('FrameTime');
        for (let i = 0; i < cine.frameCount; i++) expect(cine.frameTimes[i]).toBeCloseTo((i * m.frameTime) / 1000, 12);
      } else {
        expect(cine.meta.timingSource).toBe('none');
        expect(cine.frameTimes.length).toBe(0);
      }
      // Regions: half-open bounds clamped to the image; empty ones dropped; each clamp warned about.
      const expected = m.regions
        .map((r) => ({
          x0: Math.min(r.minX0, m.columns),
          y0: Math.min(r.minY0, m.rows),
          x1: Math.min(r.maxX1 + 1, m.columns),
          y1: Math.min(r.maxY1 + 1, m.rows),
          r,
        }))
        .filter((b) => b.x1 > b.x0 && b.y1 > b.y0);
      expect(cine.meta.regions.map(({ x0, y0, x1, y1 }) => ({ x0, y0, x1, y1 }))).toEqual(expected.map(({ x0, y0, x1, y1 }) => ({ x0, y0, x1, y1 })));
      cine.meta.regions.forEach((g, i) => {
        const r = expected[i]!.r;
        expect([g.spatialFormat, g.dataType, g.physicalUnitsX, g.physicalUnitsY]).toEqual([r.spatialFormat, r.dataType, r.unitsX, r.unitsY]);
        expect(g.physicalDeltaX).toBe(r.deltaX);
        expect(g.physicalDeltaY).toBe(r.deltaY);
      });
      const stale = m.regions.filter((r) => r.maxX1 >= m.columns || r.maxY1 >= m.rows).length;
      expect(cine.meta.warnings.filter((w) => w.includes('clamped')).length).toBe(stale);
      const tissue = m.regions.find((r) => r.spatialFormat === 1 && r.dataType === 1 && r.unitsX === 3 && r.unitsY === 3);
      if (tissue) expect(cine.meta.pixelSpacingMm).toEqual({ x: tissue.deltaX * 10, y: tissue.deltaY * 10 });
      else expect(cine.meta.pixelSpacingMm).toBeUndefined();
      // No identifying values unless asked for.
      expect(cine.meta.identifying).toBeUndefined();
      expect(JSON.stringify(cine.meta)).not.toContain(m.patientName ?? '\u0000never');
      const withId = await openDicomCine(new Uint8Array(readFileSync(e.file)), { includeIdentifying: true });
      if (m.patientName) expect(withId.meta.identifying?.['PatientName']).toBe(m.patientName);
    });
  }
  it('examples_ybr_color.dcm: the stale region (MaxX1 = 595 > 320 columns) is clamped with a warning', async () => {
    const cine = await openDicomCine(new Uint8Array(readFileSync('../shared/data/dicom/examples_ybr_color.dcm')));
    expect(cine.meta.regions[0]!.x1).toBe(320);
    expect(cine.meta.warnings.join(' ')).toMatch(/595.*clamped/);
  });
});

describe('frame timing precedence', () => {
  const FTV = (v: string) => element(0x00181065, 'DS', v);
  const FT = (v: string) => element(0x00181063, 'DS', v);
  const FIP = (tag: number) => element(0x00280009, 'AT', [tag]);
  const CINE = (v: string) => element(0x00180040, 'IS', v);
  const RDFR = (v: string) => element(0x00082144, 'IS', v);
  const AFD = (v: string) => element(0x00181242, 'IS', v);
  const open = (extra: Uint8Array[], frames = 3) => openDicomCine(monoCine(2, 2, frames, extra));

  it('Frame Time Vector holds increments (first 0) and wins over Frame Time', async () => {
    const c = await open([FT('40'), FTV('0\\50\\100')]);
    expect(c.meta.timingSource).toBe('FrameTimeVector');
    expect(Array.from(c.frameTimes)).toEqual([0, 0.05, 0.15]);
  });
  it('a Frame Time Vector of the wrong length is ignored with a warning', async () => {
    const c = await open([FT('40'), FTV('0\\50')]);
    expect(c.meta.timingSource).toBe('FrameTime');
    expect(Array.from(c.frameTimes)).toEqual([0, 0.04, 0.08]);
    expect(c.meta.warnings.join(' ')).toMatch(/Frame Time Vector/);
  });
  it('Frame Increment Pointer to another attribute', async () => {
    // The pointer names Actual Frame Duration (ms per frame); it outranks reading that attribute directly.
    const c = await open([FIP(0x00181242), AFD('25')]);
    expect(c.meta.timingSource).toBe('FrameIncrementPointer');
    expect(Array.from(c.frameTimes)).toEqual([0, 0.025, 0.05]);
  });
  it('Cine Rate, then Recommended Display Frame Rate, then Actual Frame Duration', async () => {
    let c = await open([RDFR('20'), CINE('25'), AFD('30')]);
    expect([c.meta.timingSource, c.frameTimes[1]]).toEqual(['CineRate', 1 / 25]);
    c = await open([RDFR('20'), AFD('30')]);
    expect([c.meta.timingSource, c.frameTimes[1]]).toEqual(['RecommendedDisplayFrameRate', 1 / 20]);
    c = await open([AFD('30')]);
    expect([c.meta.timingSource, c.frameTimes[2]]).toEqual(['ActualFrameDuration', 0.06]);
  });
  it('no timing: empty frameTimes and timingSource none', async () => {
    const c = await open([]);
    expect(c.meta.timingSource).toBe('none');
    expect(c.frameTimes.length).toBe(0);
  });
  it('non-positive Frame Time is ignored', async () => {
    const c = await open([FT('0'), CINE('10')]);
    expect(c.meta.timingSource).toBe('CineRate');
  });
});

describe('ultrasound regions on a hand-built file', () => {
  it('reads UL bounds, FD deltas, US units; spacing from the first 2D tissue region in cm', async () => {
    const region = (fmt: number, type: number, units: number, dx: number) => [
      element(0x00186012, 'US', [fmt]),
      element(0x00186014, 'US', [type]),
      element(0x00186018, 'UL', [1]),
      element(0x0018601a, 'UL', [2]),
      element(0x0018601c, 'UL', [5]),
      element(0x0018601e, 'UL', [6]),
      element(0x00186024, 'US', [units]),
      element(0x00186026, 'US', [units]),
      element(0x0018602c, 'FD', [dx]),
      element(0x0018602e, 'FD', [dx * 2]),
    ];
    // region 0: M-mode (format 2); region 1: 2D tissue in seconds? (units 4); region 2: 2D tissue in cm
    const c = await openDicomCine(monoCine(8, 8, 1, [sequence(0x00186011, [region(2, 1, 3, 0.1), region(1, 1, 4, 0.2), region(1, 1, 3, 0.03)])]));
    expect(c.meta.regions.length).toBe(3);
    expect(c.meta.regions[2]).toMatchObject({ x0: 1, y0: 2, x1: 6, y1: 7, physicalDeltaX: 0.03, physicalDeltaY: 0.06 });
    expect(c.meta.pixelSpacingMm).toEqual({ x: 0.3, y: 0.6 });
    expect(c.meta.warnings).toEqual([]);
  });
});
