import { SonoriskError } from '../../errors.js';
import type { PhaseWindow } from '../types.js';

/**
 * The method's phase windows, in seconds after the contrast injection, inclusive at both ends:
 * - `arterial` 0–45 s (R-CEUS45), `portal` 46–120 s (R-CEUS2), `dual` 0–60 s (R-CEUS);
 * - `bmode` = the whole clip: `{ start: -Infinity, end: Infinity }`, so it selects every frame
 *   whatever the injection time (a B-mode cine has no injection; its time axis is irrelevant).
 *
 * Frames between 45 and 46 s belong to neither arterial nor portal, as the method defines them.
 *
 * @example
 * ```ts
 * PHASES.arterial; // { name: 'arterial', start: 0, end: 45 }
 * selectFrames(cine.frameTimes, PHASES.portal, { injectionTime: 3.2, count: 16 });
 * ```
 */
export const PHASES = Object.freeze({
  arterial: Object.freeze({ name: 'arterial', start: 0, end: 45 }),
  portal: Object.freeze({ name: 'portal', start: 46, end: 120 }),
  dual: Object.freeze({ name: 'dual', start: 0, end: 60 }),
  bmode: Object.freeze({ name: 'bmode', start: Number.NEGATIVE_INFINITY, end: Number.POSITIVE_INFINITY }),
}) satisfies Record<string, PhaseWindow>;

/**
 * CEUS LI-RADS (ACR, v2017) liver phases as fixed windows, seconds after injection:
 * - `arterial` 10–45 s: the arterial phase "typically begins 10–20 s after injection and ends
 *   30–45 s";
 * - `portalVenous` 60–120 s: the portal venous phase lasts to about 2 min; it starts at 60 s here
 *   because LI-RADS times washout from 60 s ("late" washout = onset ≥ 60 s), so the window holds
 *   no early-washout frames;
 * - `late` 120–360 s: "after 2 min, until bubble clearance", typically 4–6 min.
 *
 * Sources: ACR CEUS LI-RADS v2017 Core; Kim TK et al., "CEUS LI-RADS 2017 — a review of important
 * differences compared to the CT/MRI system", Clin Mol Hepatol 2017;23(4):280–289
 * (doi:10.3350/cmh.2017.0037); WFUMB–EFSUMB liver CEUS guidelines, update 2012 (phase table:
 * arterial 10–20 → 25–35 s, portal venous 30–45 → 120 s, late > 120 s → 240–360 s).
 * The guideline gives ranges ("typically"); these fixed bounds are one reasonable reading — pass a
 * custom window (see {@link phaseWindow}) when a protocol defines them differently.
 *
 * @example
 * ```ts
 * selectFrames(cine.frameTimes, LIRADS_PHASES.late, { injectionTime: 0, count: 8 });
 * ```
 */
export const LIRADS_PHASES = Object.freeze({
  arterial: Object.freeze({ name: 'lirads-arterial', start: 10, end: 45 }),
  portalVenous: Object.freeze({ name: 'lirads-portal-venous', start: 60, end: 120 }),
  late: Object.freeze({ name: 'lirads-late', start: 120, end: 360 }),
}) satisfies Record<string, PhaseWindow>;

/**
 * Makes (and validates) a custom window in seconds after injection, inclusive at both ends.
 * `start` may be `-Infinity` and `end` `Infinity` (to the edge of the clip).
 *
 * @example
 * ```ts
 * phaseWindow('wash-in', 5, 30); // { name: 'wash-in', start: 5, end: 30 }
 * ```
 */
export function phaseWindow(name: string, start: number, end: number): PhaseWindow {
  const w = { name, start, end };
  checkWindow(w);
  return w;
}

/**
 * Throws `INVALID_ARGUMENT` unless `w` is a valid {@link PhaseWindow}.
 *
 * @example
 * ```ts
 * checkWindow({ name: 'x', start: 10, end: 5 }); // throws: start after end
 * ```
 */
export function checkWindow(w: PhaseWindow): void {
  if (typeof w !== 'object' || w === null || typeof w.name !== 'string') {
    throw new SonoriskError('INVALID_ARGUMENT', 'A phase window is { name, start, end } in seconds after injection (see PHASES).');
  }
  const { start, end } = w;
  if (typeof start !== 'number' || typeof end !== 'number' || Number.isNaN(start) || Number.isNaN(end) || start === Number.POSITIVE_INFINITY || end === Number.NEGATIVE_INFINITY || start > end) {
    throw new SonoriskError('INVALID_ARGUMENT', `Phase window '${w.name}' needs start ≤ end (seconds after injection; start may be -Infinity, end Infinity), got [${String(start)}, ${String(end)}].`, { window: w });
  }
}
