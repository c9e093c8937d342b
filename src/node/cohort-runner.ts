import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isSonoriskError, SonoriskError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import type { CohortCase } from './cohort-manifest.js';
import type { ProgressReporter } from './progress.js';
import { inShard, type Shard } from './shard.js';

/** How one case ended. */
export interface CaseOutcome {
  id: string;
  status: 'ok' | 'skipped' | 'failed';
  error?: { code: string; message: string };
  seconds: number;
  /** Bytes fetched over DICOMweb for this case, when its recordings came from a PACS. */
  bytesFetched?: number;
}

/** What a stage did over the cohort; `failed > 0` means the CLI exits non-zero. */
export interface StageSummary {
  stage: string;
  ok: number;
  skipped: number;
  failed: number;
  cases: CaseOutcome[];
}

/** Options of {@link runStage}. */
export interface RunStageOptions {
  /** Output folder; per-case results go to `<outDir>/cases/<id>/`. */
  outDir: string;
  /** Redo cases that already finished. */
  force?: boolean;
  shard?: Shard;
  /** Cases processed at once (in-process concurrency for I/O-bound work). */
  concurrency?: number;
  progress?: ProgressReporter;
}

/**
 * The folder where a stage writes one case's outputs.
 *
 * @example
 * ```ts
 * caseDir('out', 'P001'); // 'out/cases/P001'
 * ```
 */
export function caseDir(outDir: string, caseId: string): string {
  return join(outDir, 'cases', caseId);
}

/**
 * Runs one pipeline stage over a cohort: keeps the cases of the shard, skips those whose done
 * marker exists (unless `force`), runs the rest with bounded concurrency, and never lets one
 * failing case stop the others. Each finished case gets `<outDir>/cases/<id>/<stage>.done.json`
 * (written atomically, last), and the stage writes `<outDir>/<stage>-summary.json`.
 *
 * @example
 * ```ts
 * const summary = await runStage('prepare', cases, async (c, dir) => { ... }, { outDir: 'out' });
 * if (summary.failed) process.exitCode = 3;
 * ```
 */
export async function runStage(
  stage: string,
  cases: readonly CohortCase[],
  work: (c: CohortCase, dir: string) => Promise<unknown>,
  options: RunStageOptions,
): Promise<StageSummary> {
  if (!Array.isArray(cases) || typeof work !== 'function' || typeof options?.outDir !== 'string' || options.outDir === '') {
    throw new SonoriskError('INVALID_ARGUMENT', 'runStage needs an array of cases, a work function and options.outDir.');
  }
  const mine = options.shard ? cases.filter((c) => inShard(c.id, options.shard!)) : [...cases];
  const outcomes: CaseOutcome[] = new Array(mine.length);
  let done = 0;
  options.progress?.start(stage, mine.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < mine.length) {
      const k = next++;
      const c = mine[k]!;
      const dir = caseDir(options.outDir, c.id);
      const marker = join(dir, `${stage}.done.json`);
      const t0 = performance.now();
      let outcome: CaseOutcome;
      if (!options.force && existsSync(marker)) {
        outcome = { id: c.id, status: 'skipped', seconds: 0 };
      } else {
        try {
          const result = await work(c, dir);
          const seconds = (performance.now() - t0) / 1000;
          await writeFileAtomic(marker, `${JSON.stringify({ stage, id: c.id, seconds, result: result ?? null }, null, 2)}\n`);
          const bytes = (result as { bytesFetched?: unknown } | null | undefined)?.bytesFetched;
          outcome = { id: c.id, status: 'ok', seconds, ...(typeof bytes === 'number' ? { bytesFetched: bytes } : {}) };
        } catch (e) {
          const error = { code: isSonoriskError(e) ? e.code : 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
          outcome = { id: c.id, status: 'failed', error, seconds: (performance.now() - t0) / 1000 };
        }
      }
      outcomes[k] = outcome;
      done++;
      options.progress?.update({ stage, done, total: mine.length, caseId: c.id, status: outcome.status, ...(outcome.error ? { message: `${outcome.error.code}: ${outcome.error.message}` } : {}) });
    }
  };
  const n = Math.max(1, Math.min(options.concurrency ?? 1, mine.length || 1));
  await Promise.all(Array.from({ length: n }, worker));
  const summary: StageSummary = {
    stage,
    ok: outcomes.filter((o) => o.status === 'ok').length,
    skipped: outcomes.filter((o) => o.status === 'skipped').length,
    failed: outcomes.filter((o) => o.status === 'failed').length,
    cases: outcomes,
  };
  await writeFileAtomic(join(options.outDir, `${stage}-summary.json`), `${JSON.stringify(summary, null, 2)}\n`);
  options.progress?.finish(`${stage}: ${summary.ok} done, ${summary.skipped} skipped (already done), ${summary.failed} failed`);
  return summary;
}
