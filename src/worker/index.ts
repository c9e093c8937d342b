/**
 * sonorisk/worker — run `openDicomCine` → `predictRisk` in a Web Worker so the page never freezes:
 * {@link serveSonoriskWorker} in the worker module, {@link SonoriskWorker} on the page. A small typed
 * message protocol (see docs/runtimes.md for why not Comlink) with progress events, cancellation by
 * `AbortSignal` and transferred buffers.
 * @module worker
 */
export { SONORISK_ERROR_CODES, SonoriskError, isSonoriskError, isSonoriskErrorCode } from '../errors.js';
export type { SonoriskErrorCode } from '../errors.js';
export { SonoriskWorker } from './client.js';
export type { WorkerCallOptions, WorkerOpenOptions } from './client.js';
export { serveSonoriskWorker } from './serve.js';
export type { ServeWorkerOptions, WorkerOrtLike } from './serve.js';
export type {
  MessageEndpoint,
  WorkerCine,
  WorkerErrorPayload,
  WorkerModel,
  WorkerPredictInput,
  WorkerProgress,
  WorkerRequest,
  WorkerResponse,
} from './protocol.js';
