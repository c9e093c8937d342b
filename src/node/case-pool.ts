import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SonoriskError, isSonoriskErrorCode } from '../errors.js';
import type { ModelSpec } from '../models/index.js';
import type { CohortCase } from '../study/index.js';
import { packageRoot } from './package-root.js';

/** Parallelism of a cohort stage. */
export interface WorkerOptions {
  /** Worker threads, one case each at a time (default 1: in-process). Each loads its own codecs and models. */
  workers?: number;
}

/** What every worker sets up before taking cases. */
export type CasePoolInit = { stage: 'prepare'; specs: ModelSpec[] } | { stage: 'predict'; modelsPath: string; threads: number };

/** A pool of worker threads that each process one case at a time. */
export interface CasePool {
  size: number;
  run(c: CohortCase, dir: string): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * The compiled worker script; undefined when running from the TypeScript sources without a build.
 *
 * @example
 * ```ts
 * if (!caseWorkerScript()) console.warn('not built: cases run in-process');
 * ```
 */
export function caseWorkerScript(): string | undefined {
  const path = join(packageRoot(), 'dist', 'node', 'case-worker.js');
  return existsSync(path) ? path : undefined;
}

/**
 * The number of worker threads to use: `workers` when above 1 and the compiled worker script exists
 * (else 1, in-process).
 *
 * @example
 * ```ts
 * workerCount({ workers: 4 }); // 4 from the built package, 1 from the sources
 * ```
 */
export function workerCount(options: WorkerOptions): number {
  const n = options.workers ?? 1;
  return n > 1 && caseWorkerScript() ? n : 1;
}

type Reply = { type: 'ready' } | { type: 'done'; result: unknown } | { type: 'failed'; code: string; message: string };

/**
 * Starts `size` worker threads running the compiled case worker, each initialised with `init`
 * (prepare: the specs; predict: the models folder, loaded once per worker). Cases go to the next
 * free worker; a case's error comes back as a SonoriskError with its code.
 *
 * @example
 * ```ts
 * const pool = await createCasePool({ stage: 'prepare', specs }, 2);
 * try { await pool.run(cohort.cases[0], 'out/cases/P001'); } finally { await pool.close(); }
 * ```
 */
export async function createCasePool(init: CasePoolInit, size: number): Promise<CasePool> {
  const script = caseWorkerScript();
  if (!script) throw new SonoriskError('INVALID_ARGUMENT', 'The case worker is not built: run `npm run build`, or use workers: 1.');
  const workers = Array.from({ length: size }, () => new Worker(script, { workerData: init }));
  const idle: Worker[] = [];
  const waiting: ((w: Worker) => void)[] = [];
  const once = (w: Worker): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const onMessage = (m: Reply) => {
        w.off('error', onError);
        resolve(m);
      };
      const onError = (e: Error) => {
        w.off('message', onMessage);
        reject(e);
      };
      w.once('message', onMessage);
      w.once('error', onError);
    });
  try {
    const ready = await Promise.all(workers.map(once));
    const failed = ready.find((r) => r.type === 'failed');
    if (failed && failed.type === 'failed') throw rebuildError(failed);
  } catch (e) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw e;
  }
  idle.push(...workers);
  const acquire = (): Promise<Worker> => (idle.length > 0 ? Promise.resolve(idle.pop()!) : new Promise((r) => waiting.push(r)));
  const release = (w: Worker) => {
    const next = waiting.shift();
    if (next) next(w);
    else idle.push(w);
  };
  return {
    size,
    async run(c, dir) {
      const w = await acquire();
      try {
        const reply = once(w);
        w.postMessage({ case: c, dir });
        const m = await reply;
        if (m.type === 'failed') throw rebuildError(m);
        return m.type === 'done' ? m.result : undefined;
      } finally {
        release(w);
      }
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** A worker's failure as the error it was: a SonoriskError for a known code, else a plain Error (recorded as INTERNAL). */
function rebuildError(m: { code: string; message: string }): Error {
  return isSonoriskErrorCode(m.code) ? new SonoriskError(m.code, m.message) : new Error(m.message);
}
