/**
 * The page side of `sonorisk/worker`: a typed client for a worker running
 * {@link serveSonoriskWorker}. Each method posts one request and resolves with its result.
 * @module
 */
import { SonoriskError, isSonoriskErrorCode } from '../errors.js';
import type { RiskPrediction } from '../models/index.js';
import type { CodecConfig, Frame } from '../preprocess/index.js';
import type { MessageEndpoint, WorkerCine, WorkerModel, WorkerPredictInput, WorkerProgress, WorkerRequest, WorkerResponse } from './protocol.js';

/** Options of a request: progress callback and cancellation. */
export interface WorkerCallOptions {
  /** Called for each progress message of this request. */
  onProgress?: (progress: WorkerProgress) => void;
  /**
   * Cancels the request: the promise rejects at once with `ABORTED` and the worker stops at its next
   * check (before each frame, clip and model run; a model run already started finishes first).
   */
  signal?: AbortSignal;
}

/** Options of {@link SonoriskWorker.open}. */
export interface WorkerOpenOptions extends WorkerCallOptions {
  /** Transfer an ArrayBuffer/Uint8Array source to the worker instead of copying it (the caller's buffer is detached). */
  transfer?: boolean;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void; onProgress: ((p: WorkerProgress) => void) | undefined };

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * A typed client for a sonorisk Web Worker. The worker module calls `serveSonoriskWorker({ ort })`;
 * the page wraps the `Worker` in this class. Pixels, frame times and model outputs come back as
 * transferred buffers.
 *
 * @example
 * ```ts
 * import { SonoriskWorker } from 'sonorisk/worker';
 * const sw = new SonoriskWorker(new Worker(new URL('./sonorisk.worker.js', import.meta.url), { type: 'module' }));
 * await sw.configure({ codecs: { wasmBaseUrl: '/sonorisk/codecs/' } });
 * const cine = await sw.open(file);                                  // a File from <input type=file>
 * const model = await sw.loadModel('/sonorisk/models/demo/r-us/manifest.json');
 * const { predictions } = await sw.predict(
 *   { cines: { bmode: cine.id }, boxes: { bmode: { x0: 100, y0: 80, x1: 260, y1: 210 } }, models: [model.id] },
 *   { onProgress: (p) => console.log(p.stage, p.done, p.total), signal: AbortSignal.timeout(60_000) },
 * );
 * ```
 */
export class SonoriskWorker {
  readonly #endpoint: MessageEndpoint & { terminate?(): void };
  readonly #pending = new Map<number, Pending>();
  #next = 0;
  #closed: SonoriskError | undefined;
  readonly #onMessage = (event: MessageEvent) => {
    const m = event.data as WorkerResponse;
    const p = typeof m === 'object' && m !== null ? this.#pending.get(m.id) : undefined;
    if (!p) return;
    if (m.type === 'progress') {
      p.onProgress?.(m.progress);
      return;
    }
    this.#pending.delete(m.id);
    if (m.type === 'result') p.resolve(m.value);
    else {
      const code = isSonoriskErrorCode(m.error?.code) ? m.error.code : 'WORKER_FAILED';
      p.reject(new SonoriskError(code, String(m.error?.message ?? 'The worker failed.'), m.error?.details));
    }
  };
  readonly #onError = (event: Event) => {
    const message = (event as ErrorEvent).message || 'the worker script failed to load or threw outside a request';
    this.#fail(new SonoriskError('WORKER_FAILED', `sonorisk worker: ${message}.`));
  };

  /** @param worker a `Worker` whose module calls `serveSonoriskWorker` (or a `MessagePort` to one). */
  constructor(worker: MessageEndpoint & { terminate?(): void }) {
    if (typeof worker !== 'object' || worker === null || typeof worker.postMessage !== 'function' || typeof worker.addEventListener !== 'function') {
      throw new SonoriskError('INVALID_ARGUMENT', 'SonoriskWorker needs a Worker (new Worker(url, { type: "module" })) or a MessagePort.');
    }
    this.#endpoint = worker;
    worker.addEventListener('message', this.#onMessage);
    (worker as unknown as EventTarget).addEventListener('error', this.#onError);
    worker.start?.();
  }

  #fail(error: SonoriskError): void {
    this.#closed ??= error;
    for (const p of this.#pending.values()) p.reject(error);
    this.#pending.clear();
  }

  #call<T>(request: Distribute<WorkerRequest>, options: WorkerCallOptions = {}, transfer: Transferable[] = []): Promise<T> {
    if (this.#closed) return Promise.reject(this.#closed);
    const { signal, onProgress } = options;
    if (signal?.aborted) return Promise.reject(new SonoriskError('ABORTED', 'The request was cancelled before it started.'));
    const id = ++this.#next;
    return new Promise<T>((resolve, reject) => {
      const abort = () => {
        if (!this.#pending.delete(id)) return;
        this.#endpoint.postMessage({ id: ++this.#next, type: 'cancel', target: id } satisfies WorkerRequest);
        reject(new SonoriskError('ABORTED', 'The request was cancelled.'));
      };
      const done = () => signal?.removeEventListener('abort', abort);
      this.#pending.set(id, {
        resolve: (v) => {
          done();
          resolve(v as T);
        },
        reject: (e) => {
          done();
          reject(e);
        },
        onProgress,
      });
      signal?.addEventListener('abort', abort, { once: true });
      this.#endpoint.postMessage({ ...request, id } as WorkerRequest, transfer);
    });
  }

  /** Configures the worker's codecs (e.g. `{ codecs: { wasmBaseUrl } }`, resolved against the page URL). */
  configure(config: { codecs?: CodecConfig }, options?: WorkerCallOptions): Promise<void> {
    const codecs = config?.codecs;
    const url = codecs?.wasmBaseUrl;
    const resolved = url === undefined ? codecs : { ...codecs, wasmBaseUrl: absolute(url) };
    return this.#call({ type: 'configure', ...(resolved !== undefined && { codecs: resolved }) }, options);
  }

  /** Opens a DICOM cine in the worker (a File/Blob is passed by reference, not copied). */
  open(source: Blob | ArrayBuffer | Uint8Array, options: WorkerOpenOptions = {}): Promise<WorkerCine> {
    const buffer = source instanceof ArrayBuffer ? source : ArrayBuffer.isView(source) ? source.buffer : undefined;
    return this.#call({ type: 'open', source }, options, options.transfer && buffer instanceof ArrayBuffer ? [buffer] : []);
  }

  /** Decodes one frame in the worker; its pixels arrive as a transferred buffer. */
  frame(cine: WorkerCine | string, index: number, options?: WorkerCallOptions): Promise<Frame> {
    return this.#call({ type: 'frame', cine: typeof cine === 'string' ? cine : cine.id, index }, options);
  }

  /** Loads a model in the worker from its manifest URL (folds next to it), relative to the page. */
  loadModel(manifestUrl: string | URL, options?: WorkerCallOptions): Promise<WorkerModel> {
    return this.#call({ type: 'loadModel', manifestUrl: absolute(String(manifestUrl)) }, options);
  }

  /** Runs `predictRisk` in the worker for cines and models loaded there. */
  predict(input: WorkerPredictInput, options?: WorkerCallOptions): Promise<RiskPrediction> {
    return this.#call({ type: 'predict', input }, options);
  }

  /** Forgets a cine and/or disposes a model in the worker. */
  release(what: { cine?: WorkerCine | string; model?: WorkerModel | string }, options?: WorkerCallOptions): Promise<void> {
    const cine = typeof what.cine === 'object' ? what.cine.id : what.cine;
    const model = typeof what.model === 'object' ? what.model.id : what.model;
    return this.#call({ type: 'release', ...(cine !== undefined && { cine }), ...(model !== undefined && { model }) }, options);
  }

  /** Rejects pending requests with `WORKER_FAILED` and terminates the worker (when it is one). */
  terminate(): void {
    this.#fail(new SonoriskError('WORKER_FAILED', 'The sonorisk worker was terminated.'));
    this.#endpoint.removeEventListener('message', this.#onMessage);
    this.#endpoint.terminate?.();
  }
}

/** A URL resolved against the page (the worker's own base URL differs). */
function absolute(url: string): string {
  const base = (globalThis as { location?: { href?: string } }).location?.href;
  try {
    return base === undefined ? new URL(url).href : new URL(url, base).href;
  } catch {
    return url;
  }
}
