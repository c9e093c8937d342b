/**
 * Seeded mutation fuzzing of the cine parser and decoders over real and fixture files (see
 * fuzz-cases.ts). Every outcome must be a decoded frame or a SonoriskError — never another exception,
 * never a hang (the vitest timeout bounds it). `npm test` runs a slice (the per-file counts of
 * FUZZ_FILES); `npm run test:fuzz` sets SONORISK_FUZZ_SCALE=15 for ≥ 50 000 cases (CONTRIBUTING.md).
 * SONORISK_FUZZ_TRACE=<file> appends each case's `file:case` there before running it (to name a hang).
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSonoriskError } from '../../../src/errors.js';
import { openDicomCine } from '../../../src/preprocess/index.js';
import { createRng } from '../../../src/stats/index.js';
import { FUZZ_FILES, findTargets, mutate } from './fuzz-cases.js';

const SCALE = Number(process.env['SONORISK_FUZZ_SCALE'] ?? 1);
/** A file to append `file:case` to before each case, so a case that hangs (a codec spin) is named. */
const TRACE = process.env['SONORISK_FUZZ_TRACE'];
const files = FUZZ_FILES.filter(([f]) => !f.startsWith('../shared/') || existsSync(f));
const TOTAL = files.reduce((s, [, n]) => s + Math.round(n * SCALE), 0);

describe('fuzz: mutated real files give frames or SonoriskErrors only', () => {
  if (files.length < FUZZ_FILES.length) console.warn('fuzz: ../shared/data/dicom is absent; its four files are skipped.');
  it(`${TOTAL} seeded cases`, async () => {
    const rng = createRng(`sonorisk-decode-fuzz-${SCALE}`);
    const codes = new Map<string, number>();
    const failures: string[] = [];
    const slowest: { what: string; seconds: number }[] = [];
    const t0 = performance.now();
    let decoded = 0;
    for (const [file, n] of files) {
      const original = new Uint8Array(readFileSync(file));
      const targets = findTargets(original);
      const cases = Math.round(n * SCALE);
      for (let c = 0; c < cases; c++) {
        const bytes = mutate(original, targets, rng);
        if (TRACE) appendFileSync(TRACE, `${file}:${c}\n`);
        const start = performance.now();
        try {
          const cine = await openDicomCine(bytes, { maxBytes: 64 * 1024 * 1024 });
          const last = cine.frameCount - 1;
          for (const i of last > 0 ? [0, last] : [0]) {
            const f = await cine.frame(i);
            expect(f.data.length).toBe(f.width * f.height * f.channels);
          }
          decoded++;
        } catch (e) {
          // Collected, not thrown: a nightly run reports every failing case, not just the first.
          if (!isSonoriskError(e)) failures.push(`${file} case ${c}: non-Sonorisk error ${String((e as Error)?.stack ?? e)}`);
          else codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
        }
        const seconds = (performance.now() - start) / 1000;
        if (slowest.length < 3 || seconds > slowest[2]!.seconds) {
          slowest.push({ what: `${file.split('/').pop()} case ${c}`, seconds: Number(seconds.toFixed(3)) });
          slowest.sort((a, b) => b.seconds - a.seconds);
          slowest.length = Math.min(slowest.length, 3);
        }
      }
    }
    const total = ((performance.now() - t0) / 1000).toFixed(0);
    console.log(`fuzz: ${TOTAL} cases in ${total} s, ${decoded} decoded, errors ${JSON.stringify(Object.fromEntries(codes))}, ${failures.length} non-Sonorisk; slowest ${JSON.stringify(slowest)}`);
    for (const f of failures.slice(0, 20)) console.log(f);
    expect(failures).toEqual([]);
    // Both outcomes occur, and the errors span several codes (the mutations reach different checks).
    expect(decoded).toBeGreaterThan(0);
    expect(codes.size).toBeGreaterThanOrEqual(4);
  }, 3_600_000);
});
