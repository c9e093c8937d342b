/**
 * The messages between a page and a sonorisk Web Worker (`sonorisk/worker`). Every request carries
 * an `id`; the worker answers with any number of `progress` messages and then exactly one `result`
 * or `error` for that id. Large arrays travel as transferred buffers, never copied twice: frame
 * pixels, frame times and model outputs are transferred from the worker, a caller's ArrayBuffer
 * source is transferred to it when asked.
 * @module
 */
import type { SonoriskErrorCode } from '../errors.js';
import type { ModelSpec, PredictClipOptions } from '../models/index.js';
import type { Box, CineMeta, CodecConfig } from '../preprocess/index.js';

/** What the page knows of a cine opened in the worker: its geometry and timing, not its pixels. */
export interface WorkerCine {
  /** Handle used in later requests (`frame`, `predict`, `release`). */
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly frameCount: number;
  readonly frameTimes: Float64Array;
  readonly meta: CineMeta;
}

/** A model loaded in the worker from its manifest (all folds, combined as the manifest says). */
export interface WorkerModel {
  /** The model id (the manifest's `model`, e.g. `R-US`), used in `predict`'s `models`. */
  readonly id: string;
  readonly spec: ModelSpec;
  readonly folds: number;
  /** The manifest's warnings (e.g. a different preprocessing version). */
  readonly warnings: readonly string[];
}

/**
 * Progress of one request, per stage: `load` counts model folds fetched and compiled, `clip` the
 * distinct clips built (models with the same input spec share one clip, so `total` can be below the
 * number of models), `model` the models run. An event is sent when a unit starts (`done` = units
 * finished so far; for `load` and `model`, `model` names the model) and once when the stage's last
 * unit has finished (`done === total`), so a progress bar always reaches its end.
 */
export interface WorkerProgress {
  readonly stage: 'load' | 'clip' | 'model';
  readonly done: number;
  readonly total: number;
  readonly model?: string;
}

/** A prediction for one patient, with cines and models given by their worker handles. */
export interface WorkerPredictInput {
  /** Cine handles from `open`, by recording. */
  cines: { bmode?: string; ceus?: string };
  boxes: { bmode?: Box; ceus?: Box };
  injectionTime?: number;
  /** Model ids from `loadModel`. */
  models: readonly string[];
  clipOptions?: PredictClipOptions;
}

/** An error as it crosses the worker boundary. */
export interface WorkerErrorPayload {
  code: SonoriskErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** A request from the page. */
export type WorkerRequest =
  | { id: number; type: 'configure'; codecs?: CodecConfig }
  | { id: number; type: 'open'; source: Blob | ArrayBuffer | Uint8Array }
  | { id: number; type: 'frame'; cine: string; index: number }
  | { id: number; type: 'loadModel'; manifestUrl: string }
  | { id: number; type: 'predict'; input: WorkerPredictInput }
  | { id: number; type: 'release'; cine?: string; model?: string }
  | { id: number; type: 'cancel'; target: number };

/** A message from the worker. */
export type WorkerResponse =
  | { id: number; type: 'result'; value: unknown }
  | { id: number; type: 'progress'; progress: WorkerProgress }
  | { id: number; type: 'error'; error: WorkerErrorPayload };

/** The part of `Worker`, `DedicatedWorkerGlobalScope` or a `MessagePort` the protocol uses. */
export interface MessageEndpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  /** MessagePorts need it before messages flow; Workers do not have it. */
  start?(): void;
}
