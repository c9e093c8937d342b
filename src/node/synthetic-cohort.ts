import { join } from 'node:path';
import { SonoriskError } from '../errors.js';
import { type CaseOverrides, sampleCohort, simulateCase, toManifestEntry } from '../simulate/index.js';
import { stratifiedSplit } from '../stats/index.js';
import { writeFileAtomic } from './atomic-write.js';
import type { ProgressReporter } from './progress.js';

/** Options of {@link writeSyntheticCohort}. */
export interface SyntheticCohortOptions {
  outDir: string;
  /** Number of cases. */
  n: number;
  seed: number | string;
  /** Fraction of cases marked `split: train` (stratified by outcome; the rest `validation`); omit for no split column. */
  trainFraction?: number;
  /** Case id prefix (default 'case-'). */
  idPrefix?: string;
  /** Simulator overrides for every case; default JPEG-compressed files. */
  overrides?: Omit<CaseOverrides, 'id' | 'label'>;
  progress?: ProgressReporter;
}

/**
 * Simulates a seeded synthetic cohort (B-mode + CEUS DICOM per case) into `outDir/<id>/` and writes
 * the cohort manifest `outDir/cohort.json` (with outcome, split, boxes, injection offset and
 * covariates). Cases are rendered one at a time, so memory stays at one case. Synthetic data from
 * a documented generative model (docs/simulator.md) — for testing pipelines, not for clinical use.
 *
 * @example
 * ```ts
 * const manifestPath = await writeSyntheticCohort({ outDir: 'synthetic', n: 40, seed: 7, trainFraction: 0.8 });
 * ```
 */
export async function writeSyntheticCohort(options: SyntheticCohortOptions): Promise<string> {
  if (!Number.isInteger(options.n) || options.n < 1 || options.n > 100_000) {
    throw new SonoriskError('INVALID_ARGUMENT', `writeSyntheticCohort: n must be an integer in 1..100000, got ${String(options.n)}.`);
  }
  const overrides = options.overrides ?? { render: { compression: 'jpeg' } };
  const sampled = sampleCohort({ n: options.n, seed: options.seed, overrides, ...(options.idPrefix ? { idPrefix: options.idPrefix } : {}) });
  let splitOf: ((i: number) => string) | undefined;
  if (options.trainFraction !== undefined) {
    const labels = sampled.map((c) => c.params.label);
    const { train } = stratifiedSplit(labels, { trainFraction: options.trainFraction, seed: typeof options.seed === 'number' ? options.seed : 1 });
    const inTrain = new Set(train);
    splitOf = (i) => (inTrain.has(i) ? 'train' : 'validation');
  }
  const entries = [];
  options.progress?.start('simulate', sampled.length);
  for (const [i, c] of sampled.entries()) {
    const sim = simulateCase(c.params, { seed: c.seed });
    const bmodePath = `${sim.id}/bmode.dcm`;
    const ceusPath = `${sim.id}/ceus.dcm`;
    await writeFileAtomic(join(options.outDir, bmodePath), sim.bmode);
    await writeFileAtomic(join(options.outDir, ceusPath), sim.ceus);
    entries.push(toManifestEntry(sim, { bmodePath, ceusPath, ...(splitOf ? { split: splitOf(i) } : {}) }));
    options.progress?.update({ stage: 'simulate', done: i + 1, total: sampled.length, caseId: sim.id, status: 'ok' });
  }
  const manifestPath = join(options.outDir, 'cohort.json');
  await writeFileAtomic(manifestPath, `${JSON.stringify({ synthetic: true, seed: options.seed, note: 'Synthetic cohort from the sonorisk simulator; not patient data.', cases: entries }, null, 2)}\n`);
  options.progress?.finish(`simulated ${sampled.length} cases into ${options.outDir}`);
  return manifestPath;
}
