// Inputs rendered both by scripts/fixtures/simulate-write.ts (checked with pydicom and dcmtk by
// scripts/fixtures/simulate-validate.py, which writes test/fixtures/simulate/pydicom-summary.json)
// and by test/simulate/fixture.test.ts.
import type { CaseOverrides, UltrasoundDicomInput } from '../../src/simulate/index.js';
import { encodeJpegBaseline } from '../../src/simulate/index.js';
import { createRng } from '../../src/stats/index.js';

const small = { width: 64, height: 48, bannerHeight: 10, depthCm: 8 };
export const FIXTURE_CASES: { name: string; seed: number | string; params: CaseOverrides }[] = [
  { name: 'case-single', seed: 101, params: { covariates: { sizeMm: 20 }, render: small, bmode: { durationS: 1, fps: 4 }, ceus: { durationS: 6, fps: 1, injectionTimeS: -2 } } },
  { name: 'case-dual', seed: 'dual-7', params: { covariates: { sizeMm: 18, halo: true }, render: { ...small, layout: 'dual' }, bmode: { durationS: 1, fps: 3 }, ceus: { durationS: 5, fps: 1, injectionTimeS: 1.5 } } },
  { name: 'case-jpeg', seed: 303, params: { covariates: { sizeMm: 16 }, render: { ...small, compression: 'jpeg', jpegQuality: 85 }, bmode: { durationS: 1, fps: 2 }, ceus: { durationS: 4, fps: 1 } } },
];

/** Writer-level inputs: seeded frames (smooth pattern + noise), odd sizes, grey, RGB and JPEG. */
export function writerFixtures(): { name: string; frames: Uint8Array[]; input: UltrasoundDicomInput }[] {
  const rng = createRng('writer-fixture');
  const specs = [
    { name: 'writer-grey', width: 17, height: 9, spp: 1 as const, n: 3, jpeg: false },
    { name: 'writer-rgb', width: 12, height: 7, spp: 3 as const, n: 2, jpeg: false },
    { name: 'writer-jpeg', width: 40, height: 24, spp: 1 as const, n: 3, jpeg: true },
  ];
  return specs.map((c) => {
    const frames = Array.from({ length: c.n }, () => {
      const f = new Uint8Array(c.width * c.height * c.spp);
      for (let i = 0; i < f.length; i++) f[i] = Math.max(0, Math.min(255, Math.round(128 + 60 * Math.sin(i / 13) + 20 * rng.normal())));
      return f;
    });
    const input: UltrasoundDicomInput = {
      width: c.width,
      height: c.height,
      samplesPerPixel: c.spp,
      frames,
      frameTimeMs: 250,
      uidSeed: ['writer', c.name],
      regions: [
        { x0: 0, y0: 2, x1: c.width, y1: c.height, physicalDeltaXCm: 0.05, physicalDeltaYCm: 0.04 },
        { x0: 1, y0: 0, x1: 5, y1: 2, physicalDeltaXCm: 0.1, physicalDeltaYCm: 0.1, dataType: 13 },
      ],
      patientName: 'SYNTHETIC^CASE-007',
      patientId: 'SIM-CASE-007',
    };
    if (c.jpeg) {
      input.encapsulated = {
        transferSyntaxUid: '1.2.840.10008.1.2.4.50',
        fragments: frames.map((f) => encodeJpegBaseline(f, c.width, c.height, 90)),
        photometric: 'MONOCHROME2',
        lossyMethod: 'ISO_10918_1',
      };
    }
    return { name: c.name, frames, input };
  });
}
