import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SonoriskError, isSonoriskErrorCode } from '../errors.js';
import type { ModelSpec } from '../models/index.js';
import type { CohortCase } from '../study/index.js';
import type { StudyClipOptions } from './case-models.js';
import { packageRoot } from './package-root.js';
import { nativeJpegSetting, nativeJpegStatus } from './native-jpeg.js';

/** Parallelism of a cohort stage. */
export interface WorkerOptions {
  /**
   * Worker threads, one case each at a time. Unset: cases run in-process. With 1 or more (and the
   * built package), each case runs in a worker thread with its own codecs and models, under
   * `workerMemoryMb`, so a runaway case fails alone (`CRASHED`) instead of taking the run down.
   */
  workers?: number;
  /** V8 heap limit of each worker thread in MiB (`resourceLimits.maxOldGenerationSizeMb`); default 4096. */
  workerMemoryMb?: number;
}

/** What every worker sets up before taking cases. */
export type CasePoolInit =
  | { stage: 'prepare'; specs: ModelSpec[]; clipOptions: Record<string, StudyClipOptions> }
  | { stage: 'predict'; modelsPath: string; threads: number; clipOptions: Record<string, StudyClipOptions> };

/** A pool of worker threads that each process one case at a time. */
export interface CasePool {
  size: number;
  run(c: CohortCase, dir: string, todo: string[]): Promise<unknown>;
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
 * The number of worker threads to use: `workers` when set and the compiled worker script exists,
 * else 0 (cases run in-process).
 *
 * @example
 * ```ts
 * workerCount({ workers: 4 }); // 4 from the built package, 0 from the sources
 * ```
 */
export function workerCount(options: WorkerOptions): number {
  const n = options.workers ?? 0;
  return n >= 1 && caseWorkerScript() ? n : 0;
}

type Reply = { type: 'ready' } | { type: 'done'; result: unknown } | { type: 'failed'; code: string; message: string };

/**
 * Starts `size` worker threads running the compiled case worker, each initialised with `init`
 * (prepare: the specs; predict: the models folder, loaded once per worker) and limited to
 * `workerMemoryMb` of heap. Cases go to the next free worker; a case's error comes back as a
 * SonoriskError with its code. A worker that dies (out of memory, a native crash) fails its case
 * with `CRASHED` and is replaced.
 *
 * @example
 * ```ts
 * const pool = await createCasePool({ stage: 'prepare', specs, clipOptions: {} }, 2);
 * try { await pool.run(cohort.cases[0], 'out/cases/P001', ['R-US']); } finally { await pool.close(); }
 * ```
 */
export async function createCasePool(init: CasePoolInit, size: number, options: WorkerOptions = {}): Promise<CasePool> {
  const script = caseWorkerScript();
  if (!script) throw new SonoriskError('INVALID_ARGUMENT', 'The case worker is not built: run `npm run build`, or leave workers unset.');
  const memory = options.workerMemoryMb ?? 4096;
  if (!Number.isInteger(memory) || memory < 64) throw new SonoriskError('INVALID_ARGUMENT', `workerMemoryMb must be an integer ≥ 64, got ${String(memory)}.`);
  // sharp (native JPEG) must be loaded by the main thread before worker threads load it: on glibc
  // Linux a worker's exit could otherwise unload the shared library others still use.
  await nativeJpegStatus();
  const nativeJpeg = nativeJpegSetting();
  const spawn = () => new Worker(script, { workerData: { ...init, nativeJpeg }, resourceLimits: { maxOldGenerationSizeMb: memory } });
  const once = (w: Worker): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const cleanup = () => {
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
      };
      const onMessage = (m: Reply) => {
        cleanup();
        resolve(m);
      };
      const onError = (e: Error) => {
        cleanup();
        reject(e);
      };
      const onExit = (code: number) => {
        cleanup();
        reject(new Error(`the worker thread exited (code ${code})`));
      };
      w.once('message', onMessage);
      w.once('error', onError);
      w.once('exit', onExit);
    });
  const start = async (): Promise<Worker> => {
    const w = spawn();
    try {
      const r = await once(w);
      if (r.type === 'failed') throw rebuildError(r);
      return w;
    } catch (e) {
      await w.terminate();
      throw e;
    }
  };
  const workers: Worker[] = [];
  const started = await Promise.allSettled(Array.from({ length: size }, start));
  for (const s of started) if (s.status === 'fulfilled') workers.push(s.value);
  const failed = started.find((s) => s.status === 'rejected');
  if (failed && failed.status === 'rejected') {
    await Promise.all(workers.map((w) => w.terminate()));
    throw failed.reason;
  }
  const idle: Worker[] = [...workers];
  const waiting: ((w: Worker) => void)[] = [];
  const acquire = (): Promise<Worker> => (idle.length > 0 ? Promise.resolve(idle.pop()!) : new Promise((r) => waiting.push(r)));
  const release = (w: Worker) => {
    const next = waiting.shift();
    if (next) next(w);
    else idle.push(w);
  };
  let closed = false;
  return {
    size,
    async run(c, dir, todo) {
      let w = await acquire();
      try {
        const reply = once(w);
        w.postMessage({ case: c, dir, todo });
        let m: Reply;
        try {
          m = await reply;
        } catch (e) {
          // The worker died with this case (heap limit, native crash): replace it, fail the case alone.
          const dead = w;
          workers.splice(workers.indexOf(dead), 1);
          await dead.terminate().catch(() => {});
          if (!closed) {
            w = await start();
            workers.push(w);
          }
          const why = (e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? `it ran out of memory (worker heap limit ${memory} MiB; raise it with --worker-memory)` : (e as Error).message;
          throw new SonoriskError('CRASHED', `The worker thread processing case ${c.id} died: ${why}.`, { case: c.id });
        }
        if (m.type === 'failed') throw rebuildError(m);
        return m.type === 'done' ? m.result : undefined;
      } finally {
        if (workers.includes(w)) release(w);
      }
    },
    async close() {
      closed = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** A worker's failure as the error it was: a SonoriskError for a known code, else a plain Error (recorded as INTERNAL). */
function rebuildError(m: { code: string; message: string }): Error {
  return isSonoriskErrorCode(m.code) ? new SonoriskError(m.code, m.message) : new Error(m.message);
}
