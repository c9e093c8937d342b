import * as v from 'valibot';
import { SonoriskError } from '../errors.js';
import { schemaProblems } from '../schema-problems.js';
import type { ClipSpec } from './types.js';

const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const finite = v.pipe(v.number(), v.finite());

/**
 * @internal
 * The one schema of a phase window `{ name, start, end }` (seconds after injection; `end` may be
 * Infinity, "to the end of the clip"). Model specs, manifests and the specs file reuse it.
 */
export const PhaseWindowSchema = v.strictObject({
  name: v.pipe(v.string(), v.nonEmpty()),
  start: v.pipe(v.number(), v.check((t) => !Number.isNaN(t), 'must be a number')),
  end: v.pipe(v.number(), v.check((t) => !Number.isNaN(t), 'must be a number (Infinity: to the end)')),
});

/** @internal The one schema of a {@link ClipSpec}'s fields (strict: an unknown key is an error with a did-you-mean). */
export const ClipSpecSchema = v.strictObject({
  source: v.picklist(['bmode', 'ceus']),
  window: PhaseWindowSchema,
  frames: int(1, 4096),
  size: v.tuple([int(1, 8192), int(1, 8192)]),
  channels: v.picklist([1, 3]),
  normalize: v.strictObject({ scale: finite, mean: v.pipe(v.array(finite), v.minLength(1)), std: v.pipe(v.array(finite), v.minLength(1)) }),
  strategy: v.optional(v.picklist(['uniform', 'all', 'stride'])),
  resizeMode: v.optional(v.picklist(['area', 'bilinear'])),
});

/**
 * Validates a clip spec with {@link ClipSpecSchema}; throws `INVALID_ARGUMENT` listing each problem
 * (`frames: ...`, `unknown key 'frmes' — did you mean 'frames'?`) and when `window.end <= window.start`.
 *
 * @example
 * ```ts
 * checkClipSpec(MODELS['R-CEUS'].input, 'R-CEUS'); // passes
 * ```
 */
export function checkClipSpec(spec: unknown, where = 'clip spec'): ClipSpec {
  const r = v.safeParse(ClipSpecSchema, spec);
  if (!r.success) throw new SonoriskError('INVALID_ARGUMENT', `${where} is invalid — ${schemaProblems(ClipSpecSchema, r.issues).join('; ')}.`, { problems: schemaProblems(ClipSpecSchema, r.issues) });
  const w = r.output.window;
  if (!(w.end > w.start)) throw new SonoriskError('INVALID_ARGUMENT', `${where}: window.end must be greater than window.start (${w.start}), got ${w.end}.`, { window: w });
  return spec as ClipSpec;
}
