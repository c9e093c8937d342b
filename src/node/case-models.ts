import type { ModelSpec } from '../models/index.js';
import { type PlannedClip, type SpecClip, clipForSpec, prefetchClipFrames } from '../phases/index.js';
import type { CohortCase, StageCaseError } from '../study/index.js';
import { type CaseModelResult, stageError } from './cohort-runner.js';
import type { OpenedCase } from './cohort-files.js';

/** Clip options of `clipForSpec` that a study sets per model (`--specs`) or for all (`--allow-partial`, `--allow-repeats`). */
export interface StudyClipOptions {
  /** Use the covered part of a phase window the cine covers only in part (`PHASE_NOT_COVERED` otherwise). */
  allowPartial?: boolean;
  /** Repeat frames when the window has fewer frames than the model takes (`TOO_FEW_FRAMES` otherwise). */
  allowRepeats?: boolean;
}

/** The same clip (spec input + options) is built once per case, shared by the models that need it; failures are shared too. */
function clipKey(spec: ModelSpec, options: StudyClipOptions): string {
  const i = spec.input;
  return JSON.stringify([i.source, i.window.start, i.window.end, i.frames, i.size, i.channels, i.normalize, i.strategy ?? 'uniform', i.resizeMode ?? 'area', !!options.allowPartial, !!options.allowRepeats]);
}

/**
 * Runs `each(spec, clip)` for every model in `todo`, isolating failures per model: a model whose
 * recording the case lacks is skipped (`NO_RECORDING`), one whose recording failed to open fails
 * with that recording's error, one whose clip or work throws fails alone. Every error names the
 * model, the recording, the file as the manifest gives it and the code — the same for `prepare` and
 * `predict` on the same input.
 *
 * @example
 * ```ts
 * const results = await forEachModelClip(c, opened, specs, ['R-US'], {}, async (spec, clip) => clip.frameIndices);
 * ```
 */
export async function forEachModelClip(
  c: CohortCase,
  opened: OpenedCase,
  specs: readonly ModelSpec[],
  todo: readonly string[],
  clipOptions: Readonly<Record<string, StudyClipOptions>>,
  each: (spec: ModelSpec, clip: SpecClip) => Promise<unknown>,
): Promise<Record<string, CaseModelResult>> {
  const clips = new Map<string, Promise<SpecClip>>();
  const results: Record<string, CaseModelResult> = {};
  const clipOptionsOf = (spec: ModelSpec) => {
    const options = clipOptions[spec.id] ?? {};
    return {
      box: opened.boxes[spec.input.source]!,
      injectionTime: c.injectionOffset,
      ...(options.allowPartial ? { allowPartial: true } : {}),
      ...(options.allowRepeats ? { allowRepeats: true } : {}),
    };
  };
  // A recording read over DICOMweb fetches the frames of all its models together (one request where
  // the server allows); a failure here is left for the clips below to report per model.
  for (const source of ['bmode', 'ceus'] as const) {
    const cine = opened.cines[source];
    if (!cine?.prefetch || !c[source] || opened.failures[source]) continue;
    const planned: PlannedClip[] = specs.filter((s) => todo.includes(s.id) && s.input.source === source).map((s) => ({ spec: s.input, options: clipOptionsOf(s) }));
    await prefetchClipFrames(cine, planned).catch(() => undefined);
  }
  for (const spec of specs) {
    if (!todo.includes(spec.id)) continue;
    const source = spec.input.source;
    const rec = c[source];
    const where: Omit<StageCaseError, 'code' | 'message'> = { model: spec.id, recording: source, ...(rec ? { path: rec.givenPath ?? rec.path } : {}) };
    if (!rec) {
      results[spec.id] = { status: 'skipped', error: { ...where, code: 'NO_RECORDING', message: `case ${c.id} has no ${source} recording in the manifest; ${spec.id} reads it.` } };
      continue;
    }
    const failure = opened.failures[source];
    if (failure) {
      results[spec.id] = { status: 'failed', error: { ...failure, model: spec.id } };
      continue;
    }
    const options = clipOptions[spec.id] ?? {};
    const key = clipKey(spec, options);
    let clip = clips.get(key);
    if (!clip) {
      clip = clipForSpec(opened.cines[source]!, spec.input, clipOptionsOf(spec));
      clip.catch(() => {}); // handled below, for every model that shares it
      clips.set(key, clip);
    }
    try {
      results[spec.id] = { status: 'ok', result: await each(spec, await clip) };
    } catch (e) {
      results[spec.id] = { status: 'failed', error: stageError(e, where) };
    }
  }
  return results;
}
