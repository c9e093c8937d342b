/**
 * Seeded mutation fuzzing of the cine parser and decoders over real and fixture files (see
 * fuzz-cases.ts). Every outcome must be a decoded frame or a SonoriskError — never another exception,
 * never a hang (the vitest timeout bounds it). `npm test` runs a slice (the per-file counts of
 * FUZZ_FILES); `npm run test:fuzz` sets SONORISK_FUZZ_SCALE=15 for ≥ 50 000 cases (CONTRIBUTING.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSonoriskError } from '../../../src/errors.js';
import { openDicomCine } from '../../../src/preprocess/index.js';
import { createRng } from '../../../src/stats/index.js';
import { FUZZ_FILES, findTargets, mutate } from './fuzz-cases.js';

const SCALE = Number(process.env['SONORISK_FUZZ_SCALE'] ?? 1);
const files = FUZZ_FILES.filter(([f]) => !f.startsWith('../shared/') || existsSync(f));
const TOTAL = files.reduce((s, [, n]) => s + Math.round(n * SCALE), 0);

describe('fuzz: mutated real files give frames or SonoriskErrors only', () => {
  if (files.length < FUZZ_FILES.length) console.warn('fuzz: ../shared/data/dicom is absent; its four files are skipped.');
  it(`${TOTAL} seeded cases`, async () => {
    const rng = createRng(`sonorisk-decode-fuzz-${SCALE}`);
    const codes = new Map<string, number>();
    let decoded = 0;
    for (const [file, n] of files) {
      const original = new Uint8Array(readFileSync(file));
      const targets = findTargets(original);
      const cases = Math.round(n * SCALE);
      for (let c = 0; c < cases; c++) {
        const bytes = mutate(original, targets, rng);
        try {
          const cine = await openDicomCine(bytes, { maxBytes: 64 * 1024 * 1024 });
          const last = cine.frameCount - 1;
          for (const i of last > 0 ? [0, last] : [0]) {
            const f = await cine.frame(i);
            expect(f.data.length).toBe(f.width * f.height * f.channels);
          }
          decoded++;
        } catch (e) {
          if (!isSonoriskError(e)) throw new Error(`${file} case ${c}: non-Sonorisk error ${String((e as Error)?.stack ?? e)}`);
          codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
        }
      }
    }
    console.log(`fuzz: ${TOTAL} cases, ${decoded} decoded, errors ${JSON.stringify(Object.fromEntries(codes))}`);
    // Both outcomes occur, and the errors span several codes (the mutations reach different checks).
    expect(decoded).toBeGreaterThan(0);
    expect(codes.size).toBeGreaterThanOrEqual(4);
  }, 3_600_000);
});
