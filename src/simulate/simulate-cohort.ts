import { SonoriskError } from '../errors.js';
import type { CaseOverrides, CaseParams } from './case-params.js';
import { sampleCaseParams } from './case-params.js';
import type { SimulatedCase } from './simulate-case.js';
import { simulateCase } from './simulate-case.js';

/** Options of {@link sampleCohort} and {@link simulateCohort}. */
export interface CohortOptions {
  /** Number of cases, 1..100000. */
  n: number;
  /** Cohort seed; case i (0-based) uses the seed `${seed}-${i}`. */
  seed: number | string;
  /** Overrides applied to every case (e.g. `{ render: { layout: 'dual' }, ceus: { fps: 1 } }`). */
  overrides?: Omit<CaseOverrides, 'id' | 'label'>;
  /** Case id prefix; ids are `${idPrefix}${i + 1}` zero-padded to 3 digits. Default 'case-'. */
  idPrefix?: string;
  /** Root of the DICOM UIDs (simulateCohort only); default '2.25'. */
  uidRoot?: string;
}

/** One case of a sampled cohort: its id, its seed and its full parameters (label included). */
export interface CohortCase {
  id: string;
  seed: string;
  params: CaseParams;
}

const MAX_CASES = 100000;

function check(options: CohortOptions, where: string): void {
  if (options === null || typeof options !== 'object') throw new SonoriskError('INVALID_ARGUMENT', `${where}: options { n, seed } are required.`);
  if (!Number.isInteger(options.n) || options.n < 1 || options.n > MAX_CASES) {
    throw new SonoriskError('INVALID_ARGUMENT', `${where}: n must be an integer in 1..${MAX_CASES}, got ${String(options.n)}.`);
  }
  if (typeof options.seed !== 'string' && !(Number.isSafeInteger(options.seed) && options.seed >= 0)) {
    throw new SonoriskError('INVALID_ARGUMENT', `${where}: seed must be a non-negative integer or a string, got ${String(options.seed)}.`);
  }
}

/**
 * Draws the parameters and labels of a cohort without rendering any image (fast: use it for
 * label statistics, or to render cases one by one with `simulateCase(c.params, { seed: c.seed })`,
 * e.g. on a worker pool).
 *
 * @example
 * ```ts
 * const cohort = sampleCohort({ n: 139, seed: 2024 });
 * cohort.filter((c) => c.params.label === 1).length; // about 42
 * ```
 */
export function sampleCohort(options: CohortOptions): CohortCase[] {
  check(options, 'sampleCohort');
  const prefix = options.idPrefix ?? 'case-';
  const out: CohortCase[] = [];
  for (let i = 0; i < options.n; i++) {
    const seed = `${String(options.seed)}-${i}`;
    const id = `${prefix}${String(i + 1).padStart(3, '0')}`;
    out.push({ id, seed, params: sampleCaseParams(seed, { ...(options.overrides ?? {}), id }) });
  }
  return out;
}

/**
 * Samples and renders a whole cohort in memory (about 2 MB B-mode + 5 MB CEUS per case at the
 * default uncompressed settings; use `overrides: { render: { compression: 'jpeg' } }` for ~10×
 * smaller files, or {@link sampleCohort} + {@link simulateCase} to stream).
 *
 * @example
 * ```ts
 * const cases = simulateCohort({ n: 4, seed: 1, overrides: { render: { compression: 'jpeg' } } });
 * cases[0].ceus; // DICOM bytes
 * ```
 */
export function simulateCohort(options: CohortOptions): SimulatedCase[] {
  check(options, 'simulateCohort');
  return sampleCohort(options).map((c) => simulateCase(c.params, { seed: c.seed, ...(options.uidRoot ? { uidRoot: options.uidRoot } : {}) }));
}
