import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { PREPROCESSING_VERSION } from '../models/index.js';
import type { ModelSpec } from '../models/index.js';
import type { CaseRecording, CohortCase } from '../study/index.js';
import type { StudyClipOptions } from './case-models.js';

/** JSON has no Infinity: window ends at Infinity are written as null ("to the end of the clip"). */
export function jsonNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

/**
 * The sha256 (hex) of a value's JSON (Infinity as null).
 *
 * @example
 * ```ts
 * sha256Json({ a: 1 }); // '015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862'
 * ```
 */
export function sha256Json(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value, jsonNumbers)).digest('hex');
}

/** What identifies a recording's input: the file (path, size, modification time), its box and frame rate. */
async function recordingIdentity(rec: CaseRecording | undefined): Promise<unknown> {
  if (!rec) return null;
  const info = await stat(rec.path).catch(() => undefined);
  return { path: rec.path, size: info?.size ?? null, mtimeMs: info?.mtimeMs ?? null, box: rec.box, frameRate: rec.frameRate ?? null };
}

/** A model as far as the markers care: its id, spec, and a key of its weights (manifest + fold hashes) where it has weights. */
export interface ModelIdentity {
  spec: ModelSpec;
  /** Hash of the model manifest and its fold files; absent for `prepare` (only the spec decides the tensors). */
  weights?: string;
}

/**
 * Per-model fingerprints of one case: a hash of everything that decides that model's output — the
 * stage, the model (spec, and manifest + fold hashes for `predict`), the clip options, the
 * preprocessing version, the recording's file (path, size, modification time), box and frame rate,
 * and for CEUS models the injection offset. A changed fingerprint makes the stage recompute that model.
 *
 * @example
 * ```ts
 * const fps = await caseFingerprints('predict', c, [{ spec, weights }], {});
 * ```
 */
export async function caseFingerprints(
  stage: string,
  c: CohortCase,
  models: readonly ModelIdentity[],
  clipOptions: Readonly<Record<string, StudyClipOptions>>,
): Promise<Record<string, string>> {
  const recordings = { bmode: await recordingIdentity(c.bmode), ceus: await recordingIdentity(c.ceus) };
  const out: Record<string, string> = {};
  for (const m of models) {
    const source = m.spec.input.source;
    out[m.spec.id] = sha256Json({
      stage,
      spec: m.spec,
      weights: m.weights ?? null,
      clip: clipOptions[m.spec.id] ?? {},
      preprocessing: PREPROCESSING_VERSION,
      recording: recordings[source],
      injectionOffset: source === 'ceus' ? c.injectionOffset : null,
    });
  }
  return out;
}
