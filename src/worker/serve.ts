/**
 * The worker side of `sonorisk/worker`: answers {@link WorkerRequest}s by opening cines, decoding
 * frames, loading models from manifests and running `predictRisk`, all inside the worker.
 * @module
 */
import { SonoriskError, isSonoriskError } from '../errors.js';
import {
  type LoadedModelManifest,
  type OrtLike,
  type OrtSessionLike,
  type Runner,
  loadModelManifest,
  onnxRunner,
  predictRisk,
} from '../models/index.js';
import { checkFoldDigest, clipKey, runnerFromFolds } from '../models/internal.js';
import { clipForSpec } from '../phases/index.js';
import { type Cine, configureCodecs, openDicomCine } from '../preprocess/index.js';
import type { MessageEndpoint, WorkerCine, WorkerModel, WorkerPredictInput, WorkerProgress, WorkerRequest, WorkerResponse } from './protocol.js';

/** onnxruntime-web (or -node) as far as the worker uses it: sessions from bytes, and tensors. */
export interface WorkerOrtLike extends OrtLike {
  readonly InferenceSession: { create(model: Uint8Array, options?: Record<string, unknown>): Promise<OrtSessionLike> };
}

/**
 * Options of {@link serveSonoriskWorker}. Give `ort` to load ONNX manifests, or `loadRunner` for
 * any other runtime (tfjs, a remote service).
 *
 * @example
 * ```ts
 * const options: ServeWorkerOptions = { ort, sessionOptions: { executionProviders: ['wasm'] } };
 * ```
 */
export interface ServeWorkerOptions {
  /** The onnxruntime module (`import * as ort from 'onnxruntime-web'`), configured by the caller. */
  ort?: WorkerOrtLike;
  /** Passed to `ort.InferenceSession.create` for every fold. */
  sessionOptions?: Record<string, unknown>;
  /** Builds one fold's runner from its bytes instead of onnxruntime (e.g. a tfjs GraphModel). */
  loadRunner?: (fold: { bytes: Uint8Array; url: string; manifest: LoadedModelManifest }) => Promise<Runner>;
  /** Fetches manifests and folds; default the global `fetch`. */
  fetch?: (url: string) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer>; text(): Promise<string> }>;
  /** Where requests arrive; default the worker's global scope (`self`). */
  endpoint?: MessageEndpoint;
}

const aborted = (): SonoriskError => new SonoriskError('ABORTED', 'The request was cancelled.');

async function sha256Hex(bytes: Uint8Array): Promise<string | undefined> {
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (!subtle) return undefined;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Serves sonorisk in a Web Worker: call it once in your worker module, after configuring the runtime.
 * The page talks to it with {@link SonoriskWorker}. Returns a function that stops serving and
 * disposes every loaded model.
 *
 * @example
 * ```ts
 * // sonorisk.worker.ts — the worker module of your app
 * import * as ort from 'onnxruntime-web';
 * import { serveSonoriskWorker } from 'sonorisk/worker';
 * ort.env.wasm.numThreads = 1;
 * serveSonoriskWorker({ ort });
 * ```
 */
export function serveSonoriskWorker(options: ServeWorkerOptions): () => Promise<void> {
  if (typeof options !== 'object' || options === null) throw new SonoriskError('INVALID_ARGUMENT', 'serveSonoriskWorker: options must be an object.');
  const { ort, loadRunner } = options;
  if (loadRunner === undefined && (typeof ort !== 'object' || ort === null || typeof ort.InferenceSession?.create !== 'function')) {
    throw new SonoriskError('RUNTIME_NOT_FOUND', "serveSonoriskWorker needs { ort } (import * as ort from 'onnxruntime-web') or a loadRunner function.");
  }
  const endpoint = options.endpoint ?? (globalThis as unknown as MessageEndpoint);
  const fetchFn = options.fetch ?? ((url: string) => fetch(url));
  const cines = new Map<string, Cine>();
  const models = new Map<string, { info: WorkerModel; runner: Runner }>();
  const cancelled = new Set<number>();
  let nextCine = 0;

  const post = (message: WorkerResponse, transfer: Transferable[] = []) => endpoint.postMessage(message, transfer);
  const check = (id: number) => {
    if (cancelled.has(id)) throw aborted();
  };
  const cineOf = (handle: string | undefined, what: string): Cine | undefined => {
    if (handle === undefined) return undefined;
    const c = cines.get(handle);
    if (!c) throw new SonoriskError('INVALID_ARGUMENT', `${what}: no open cine "${String(handle)}" in the worker (opened and not released?).`, { cine: handle });
    return c;
  };

  async function fetchOk(url: string, what: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer>; text(): Promise<string> }> {
    let res: Awaited<ReturnType<typeof fetchFn>>;
    try {
      res = await fetchFn(url);
    } catch (e) {
      throw new SonoriskError('MODEL_LOAD_FAILED', `Cannot fetch ${what} ${url}: ${String((e as Error)?.message ?? e)}`, { url }, { cause: e });
    }
    if (!res.ok) throw new SonoriskError('MODEL_LOAD_FAILED', `Cannot fetch ${what} ${url}: HTTP ${res.status}.`, { url, status: res.status });
    return res;
  }

  async function loadModel(id: number, manifestUrl: string): Promise<WorkerModel> {
    if (typeof manifestUrl !== 'string' || manifestUrl.length === 0) throw new SonoriskError('INVALID_ARGUMENT', 'loadModel needs the manifest URL.');
    const loaded = loadModelManifest(await (await fetchOk(manifestUrl, 'the model manifest')).text());
    if (loadRunner === undefined && loaded.manifest.runtime !== 'onnx') {
      throw new SonoriskError('INVALID_ARGUMENT', `The worker loads ONNX folds with ort; ${manifestUrl} is a '${loaded.manifest.runtime}' model — pass loadRunner to serveSonoriskWorker.`);
    }
    const folds = loaded.manifest.folds;
    const progress = (done: number) => post({ id, type: 'progress', progress: { stage: 'load', done, total: folds.length, model: loaded.spec.id } });
    const runner = await runnerFromFolds(loaded, async (fold, i) => {
      check(id);
      progress(i);
      const url = new URL(fold.file, manifestUrl).href;
      const bytes = new Uint8Array(await (await fetchOk(url, 'the model fold')).arrayBuffer());
      if (fold.sha256 !== undefined) checkFoldDigest(fold, await sha256Hex(bytes));
      if (loadRunner) return loadRunner({ bytes, url, manifest: loaded });
      try {
        return onnxRunner(await ort!.InferenceSession.create(bytes, options.sessionOptions), ort!);
      } catch (e) {
        if (isSonoriskError(e)) throw e;
        throw new SonoriskError('MODEL_LOAD_FAILED', `onnxruntime could not load ${url}: ${String((e as Error)?.message ?? e)}`, { url }, { cause: e });
      }
    });
    try {
      check(id);
    } catch (e) {
      await runner.dispose();
      throw e;
    }
    progress(folds.length);
    const info: WorkerModel = { id: loaded.spec.id, spec: loaded.spec, folds: folds.length, warnings: loaded.warnings };
    await models.get(info.id)?.runner.dispose();
    models.set(info.id, { info, runner });
    return info;
  }

  async function predict(id: number, input: WorkerPredictInput) {
    if (typeof input !== 'object' || input === null || !Array.isArray(input.models)) throw new SonoriskError('INVALID_ARGUMENT', 'predict: input must be { cines, boxes, models, ... }.');
    const progress = (p: WorkerProgress) => post({ id, type: 'progress', progress: p });
    const checked = (c: Cine | undefined): Cine | undefined =>
      c && {
        width: c.width,
        height: c.height,
        frameCount: c.frameCount,
        frameTimes: c.frameTimes,
        meta: c.meta,
        frame: (i: number) => {
          check(id);
          return c.frame(i);
        },
      };
    const bmode = checked(cineOf(input.cines?.bmode, 'predict'));
    const ceus = checked(cineOf(input.cines?.ceus, 'predict'));
    const runners: Record<string, Runner> = {};
    const specs = input.models.map((m) => {
      const loaded = models.get(m);
      if (!loaded) throw new SonoriskError('INVALID_ARGUMENT', `predict: model "${String(m)}" is not loaded in the worker (loadModel first).`, { model: m });
      return loaded;
    });
    // predictRisk builds each distinct clip once and shares it between the models that use it, so
    // the clip stage counts distinct clips (clipKey), not models: its last event reaches the total.
    const clipTotal = new Set(specs.map((s) => clipKey(s.info.spec.input))).size;
    let run = 0;
    let clips = 0;
    for (const { info, runner } of specs) {
      runners[info.id] = {
        ...(runner.inputShape !== undefined && { inputShape: runner.inputShape }),
        run: async (clip) => {
          check(id);
          progress({ stage: 'model', done: run, total: specs.length, model: info.id });
          const out = await runner.run(clip);
          run++;
          check(id);
          return out;
        },
        dispose: () => runner.dispose(),
      };
    }
    const result = await predictRisk({
      cines: { ...(bmode && { bmode }), ...(ceus && { ceus }) },
      boxes: input.boxes ?? {},
      ...(input.injectionTime !== undefined && { injectionTime: input.injectionTime }),
      models: specs.map((s) => s.info.spec),
      runners,
      ...(input.clipOptions !== undefined && { clipOptions: input.clipOptions }),
      clipBuilder: async (cine, spec, opts) => {
        check(id);
        progress({ stage: 'clip', done: clips, total: clipTotal });
        const built = await clipForSpec(cine, spec, opts);
        clips++;
        if (clips === clipTotal) progress({ stage: 'clip', done: clips, total: clipTotal });
        return built;
      },
    });
    progress({ stage: 'model', done: run, total: specs.length });
    return result;
  }

  async function handle(req: WorkerRequest): Promise<[unknown, Transferable[]]> {
    switch (req.type) {
      case 'configure':
        if (req.codecs !== undefined) configureCodecs(req.codecs);
        return [undefined, []];
      case 'open': {
        const cine = await openDicomCine(req.source);
        const handle = `cine-${++nextCine}`;
        cines.set(handle, cine);
        const info: WorkerCine = { id: handle, width: cine.width, height: cine.height, frameCount: cine.frameCount, frameTimes: cine.frameTimes.slice(), meta: cine.meta };
        return [info, [info.frameTimes.buffer]];
      }
      case 'frame': {
        const f = await cineOf(req.cine, 'frame')!.frame(req.index);
        const data = f.data.slice();
        return [{ ...f, data }, [data.buffer]];
      }
      case 'loadModel':
        return [await loadModel(req.id, req.manifestUrl), []];
      case 'predict': {
        const r = await predict(req.id, req.input);
        return [r, r.predictions.map((p) => p.outputs.buffer)];
      }
      case 'release': {
        if (req.cine !== undefined) cines.delete(req.cine);
        if (req.model !== undefined) {
          await models.get(req.model)?.runner.dispose();
          models.delete(req.model);
        }
        return [undefined, []];
      }
      default:
        throw new SonoriskError('INVALID_ARGUMENT', `Unknown sonorisk worker request "${String((req as { type?: unknown }).type)}".`);
    }
  }

  const listener = (event: MessageEvent) => {
    const req = event.data as WorkerRequest;
    if (typeof req !== 'object' || req === null || typeof req.id !== 'number') return;
    if (req.type === 'cancel') {
      cancelled.add(req.target);
      return;
    }
    handle(req).then(
      ([value, transfer]) => {
        cancelled.delete(req.id);
        post({ id: req.id, type: 'result', value }, transfer);
      },
      (e: unknown) => {
        cancelled.delete(req.id);
        const error = isSonoriskError(e)
          ? { code: e.code, message: e.message, ...(e.details !== undefined && { details: { ...e.details } }) }
          : { code: 'WORKER_FAILED' as const, message: String((e as Error)?.message ?? e) };
        try {
          post({ id: req.id, type: 'error', error });
        } catch {
          // details that cannot be cloned: send the code and message alone
          post({ id: req.id, type: 'error', error: { code: error.code, message: error.message } });
        }
      },
    );
  };
  endpoint.addEventListener('message', listener);
  endpoint.start?.();
  return async () => {
    endpoint.removeEventListener('message', listener);
    for (const { runner } of models.values()) await runner.dispose();
    models.clear();
    cines.clear();
  };
}
