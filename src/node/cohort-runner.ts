import { hostname } from 'node:os';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isSonoriskError, SonoriskError } from '../errors.js';
import { type CohortCase, inShard, type Shard, type StageCaseError, type StageCaseSummary, type StageSummary } from '../study/index.js';
import { writeFileAtomic } from './atomic-write.js';
import { lockOutDir, removeOrphanedTempFiles } from './out-lock.js';
import type { ProgressReporter } from './progress.js';

export type { StageCaseError, StageCaseSummary, StageSummary } from '../study/index.js';

/** How one case ended (one line of `<stage>-summary.json`). */
export type CaseOutcome = StageCaseSummary & {
  /** The first of `errors` (kept for readers of older summaries). */
  error?: StageCaseError;
  /** The models this run computed for the case (the others were already done, or not applicable). */
  computed?: string[];
};

/** One model's result for one case, as a per-model stage work function returns it. */
export interface CaseModelResult {
  /** `'skipped'`: the case lacks the recording the model reads (see `error`, code `NO_RECORDING`). */
  status: 'ok' | 'failed' | 'skipped';
  /** What the marker stores for the model (e.g. the probability). */
  result?: unknown;
  error?: StageCaseError;
}

/** What a per-model stage work function returns for one case: each model's result, and the bytes its recordings cost over DICOMweb. */
export interface CaseWork {
  models: Record<string, CaseModelResult>;
  /** Bytes fetched over DICOMweb for the case (absent for files). */
  bytesFetched?: number;
}

/** Options of {@link runStage}. */
export interface RunStageOptions {
  /** Output folder; per-case results go to `<outDir>/cases/<id>/`. */
  outDir: string;
  /** Redo cases (and models) that already finished, and cases marked CRASHED. */
  force?: boolean;
  shard?: Shard;
  /** Cases processed at once (in-process concurrency for I/O-bound work). */
  concurrency?: number;
  progress?: ProgressReporter;
  /**
   * Per-model fingerprints of a case: a hash of everything that decides each model's output (model
   * and fold hashes, clip spec and options, preprocessing version, input files, box, injection).
   * When given, markers are per model: only models whose fingerprint changed (or that failed) are
   * recomputed, the work receives them as `todo` and returns a {@link CaseModelResult} per model.
   */
  fingerprints?: (c: CohortCase) => Promise<Record<string, string>>;
}

/** A case's completion marker, `<outDir>/cases/<id>/<stage>.done.json`. */
interface DoneMarker {
  stage: string;
  id: string;
  seconds: number;
  /** Per-model mode: what produced each finished model's output, and that output. */
  models?: Record<string, { fingerprint: string; status: 'ok' | 'skipped'; result?: unknown; error?: StageCaseError }>;
  /** Case mode: the work's result. */
  result?: unknown;
}

/** Written before a case runs, removed once its marker is written: a leftover one means a run died in that case. */
interface StartedMarker {
  pid: number;
  host: string;
  started: string;
  /** Runs that started this case and died before finishing it. */
  attempts: number;
}

/** After this many runs died while a case was in flight, the case is marked CRASHED and skipped (unless force). */
const CRASH_ATTEMPTS = 2;

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
 * A stage's stored per-model results for one case (what `<stage>.done.json` holds), or undefined.
 *
 * @example
 * ```ts
 * const models = await readCaseMarker('out', 'predict', 'P001'); // { 'R-US': { status: 'ok', result: { probability: 0.31 } } }
 * ```
 */
export async function readCaseMarker(outDir: string, stage: string, caseId: string): Promise<DoneMarker['models'] | undefined> {
  const marker = await readJson<DoneMarker>(join(caseDir(outDir, caseId), `${stage}.done.json`));
  return marker?.models;
}

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** A thrown value as a stage error (code and message; `INTERNAL` for what is not a SonoriskError). */
export function stageError(e: unknown, where: Omit<StageCaseError, 'code' | 'message'> = {}): StageCaseError {
  return { ...where, code: isSonoriskError(e) ? e.code : 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

/**
 * One line per error: `model R-US, bmode recording P1/bmode.dcm: DICOM_INVALID: ...`.
 *
 * @example
 * ```ts
 * describeStageError({ model: 'R-US', recording: 'bmode', path: 'b.dcm', code: 'DICOM_INVALID', message: 'not DICOM' });
 * ```
 */
export function describeStageError(e: StageCaseError): string {
  const where = [e.model ? `model ${e.model}` : '', e.recording ? `${e.recording} recording${e.path ? ` ${e.path}` : ''}` : e.path ? `file ${e.path}` : ''].filter(Boolean).join(', ');
  return `${where ? `${where}: ` : ''}${e.code}: ${e.message}`;
}

/**
 * Runs one pipeline stage over a cohort: locks `outDir` (the lock names its holder), removes temp
 * files a killed run left, keeps the cases of the shard, skips what already finished (unless
 * `force`), runs the rest with bounded concurrency, and never lets one failing case stop the others.
 *
 * Before a case runs, `<stage>.started.json` is written; after it, the completion marker
 * `<stage>.done.json` (atomically, last) — with `fingerprints`, per model, recording what produced
 * each output, so a changed input or model recomputes exactly the affected models. A case left
 * started by runs that died twice in a row is marked failed with `CRASHED` and skipped unless
 * `force`. The stage writes `<outDir>/<stage>-summary.json` (see `parseStageSummary`).
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
  work: (c: CohortCase, dir: string, todo: string[]) => Promise<unknown>,
  options: RunStageOptions,
): Promise<StageSummary> {
  if (!Array.isArray(cases) || typeof work !== 'function' || typeof options?.outDir !== 'string' || options.outDir === '') {
    throw new SonoriskError('INVALID_ARGUMENT', 'runStage needs an array of cases, a work function and options.outDir.');
  }
  const release = await lockOutDir(options.outDir);
  try {
    await removeOrphanedTempFiles(options.outDir);
    const mine = cases.map((c, index) => ({ c, index })).filter(({ c }) => !options.shard || inShard(c.id, options.shard));
    const outcomes: CaseOutcome[] = new Array(mine.length);
    let done = 0;
    options.progress?.start(stage, mine.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < mine.length) {
        const k = next++;
        const { c, index } = mine[k]!;
        const outcome = await runCase(stage, c, index, work, options);
        outcomes[k] = outcome;
        done++;
        const message = outcome.errors?.filter((e) => e.code !== 'NO_RECORDING').map(describeStageError).join('; ');
        options.progress?.update({ stage, done, total: mine.length, caseId: c.id, status: outcome.status === 'partial' ? 'failed' : outcome.status, ...(message ? { message } : {}) });
      }
    };
    const n = Math.max(1, Math.min(options.concurrency ?? 1, mine.length || 1));
    await Promise.all(Array.from({ length: n }, worker));
    const count = (s: CaseOutcome['status']) => outcomes.filter((o) => o.status === s).length;
    const summary: StageSummary = {
      stage,
      ok: count('ok'),
      skipped: count('skipped'),
      failed: count('failed'),
      partial: count('partial'),
      ...(options.shard ? { shard: { ...options.shard } } : {}),
      manifestCases: cases.length,
      cases: outcomes,
    };
    await writeFileAtomic(join(options.outDir, `${stage}-summary.json`), `${JSON.stringify(summary, null, 2)}\n`);
    options.progress?.finish(
      `${stage}: ${summary.ok} done, ${summary.skipped} skipped (already done), ${summary.partial ? `${summary.partial} partly failed, ` : ''}${summary.failed} failed`,
    );
    return summary;
  } finally {
    await release();
  }
}

async function runCase(
  stage: string,
  c: CohortCase,
  index: number,
  work: (c: CohortCase, dir: string, todo: string[]) => Promise<unknown>,
  options: RunStageOptions,
): Promise<CaseOutcome> {
  const dir = caseDir(options.outDir, c.id);
  const markerPath = join(dir, `${stage}.done.json`);
  const startedPath = join(dir, `${stage}.started.json`);
  const t0 = performance.now();
  const seconds = () => (performance.now() - t0) / 1000;
  const finish = (o: Omit<CaseOutcome, 'id' | 'index' | 'seconds'>): CaseOutcome => {
    const out: CaseOutcome = { id: c.id, index, status: o.status, seconds: o.status === 'skipped' ? 0 : seconds() };
    if (o.models) out.models = o.models;
    if (o.computed) out.computed = o.computed;
    if (o.bytesFetched) out.bytesFetched = o.bytesFetched;
    if (o.errors?.length) {
      out.errors = o.errors;
      out.error = o.errors[0]!;
    }
    return out;
  };
  let fingerprints: Record<string, string> | undefined;
  try {
    fingerprints = options.fingerprints ? await options.fingerprints(c) : undefined;
  } catch (e) {
    return finish({ status: 'failed', errors: [stageError(e)] });
  }
  const marker = await readJson<DoneMarker>(markerPath);
  const stored = fingerprints && marker?.models ? marker.models : {};
  const modelIds = fingerprints ? Object.keys(fingerprints) : [];
  const todo = fingerprints ? modelIds.filter((m) => options.force || stored[m]?.fingerprint !== fingerprints![m]) : options.force || !marker ? ['*'] : [];
  const storedState = () => {
    const models: Record<string, 'ok' | 'skipped' | 'failed'> = {};
    const errors: StageCaseError[] = [];
    for (const m of modelIds) {
      const s = stored[m];
      if (!s || todo.includes(m)) continue;
      models[m] = s.status;
      if (s.error) errors.push(s.error);
    }
    return { models, errors };
  };
  if (todo.length === 0) {
    const { models, errors } = storedState();
    return finish({ status: 'skipped', ...(fingerprints ? { models } : {}), errors });
  }

  const started = await readJson<StartedMarker>(startedPath);
  const attempts = started && !options.force ? started.attempts : 0;
  if (attempts >= CRASH_ATTEMPTS) {
    const { models, errors } = storedState();
    for (const m of todo) if (m !== '*') models[m] = 'failed';
    const crash: StageCaseError = {
      code: 'CRASHED',
      message: `case ${c.id} was being processed when ${attempts} runs in a row stopped without finishing it (last: pid ${started!.pid} on ${started!.host}, ${started!.started}); it is skipped. Rerun with --force to try it again.`,
    };
    return finish({ status: 'failed', ...(fingerprints ? { models } : {}), errors: [crash, ...errors] });
  }
  const me: StartedMarker = { pid: process.pid, host: hostname(), started: new Date().toISOString(), attempts: attempts + 1 };
  await writeFileAtomic(startedPath, `${JSON.stringify(me, null, 2)}\n`);

  let result: unknown;
  let failure: StageCaseError | undefined;
  try {
    result = await work(c, dir, todo);
  } catch (e) {
    failure = stageError(e);
  }
  if (!fingerprints) {
    if (failure) {
      await rm(startedPath, { force: true });
      return finish({ status: 'failed', errors: [failure] });
    }
    await writeFileAtomic(markerPath, `${JSON.stringify({ stage, id: c.id, seconds: seconds(), result: result ?? null }, null, 2)}\n`);
    await rm(startedPath, { force: true });
    return finish({ status: 'ok' });
  }

  const caseWork = failure ? undefined : (result as CaseWork | undefined);
  const results = caseWork?.models ?? {};
  const kept: NonNullable<DoneMarker['models']> = {};
  for (const m of modelIds) if (!todo.includes(m) && stored[m]) kept[m] = stored[m]!;
  const models: Record<string, 'ok' | 'skipped' | 'failed'> = {};
  const errors: StageCaseError[] = [];
  let failed = 0;
  for (const m of modelIds) {
    if (!todo.includes(m)) {
      if (kept[m]) {
        models[m] = kept[m]!.status;
        if (kept[m]!.error) errors.push(kept[m]!.error!);
      }
      continue;
    }
    const r = failure ? { status: 'failed' as const, error: { ...failure, model: m } } : results[m];
    if (!r || r.status === 'failed') {
      failed++;
      models[m] = 'failed';
      errors.push(r?.error ?? { model: m, code: 'INTERNAL', message: `the ${stage} work returned no result for model ${m}.` });
      continue;
    }
    models[m] = r.status;
    kept[m] = { fingerprint: fingerprints[m]!, status: r.status, ...(r.result === undefined ? {} : { result: r.result }), ...(r.error ? { error: r.error } : {}) };
    if (r.error) errors.push(r.error);
  }
  const doneMarker: DoneMarker = { stage, id: c.id, seconds: seconds(), models: kept };
  await writeFileAtomic(markerPath, `${JSON.stringify(doneMarker, null, 2)}\n`);
  await rm(startedPath, { force: true });
  const okCount = Object.values(models).filter((s) => s === 'ok').length;
  const status = failed === 0 ? 'ok' : okCount > 0 ? 'partial' : 'failed';
  return finish({ status, models, computed: todo, errors, ...(caseWork?.bytesFetched ? { bytesFetched: caseWork.bytesFetched } : {}) });
}
