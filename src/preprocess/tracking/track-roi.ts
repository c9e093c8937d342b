/**
 * Tracking an ROI box in a cine's own coordinates, on a dual display's B-mode pane when asked.
 * @module
 */
import { SonoriskError } from '../../errors.js';
import { checkBox } from '../roi/box.js';
import { type SplitDualDisplayOptions, splitDualDisplay } from './split-dual-display.js';
import { type TrackBoxOptions, type TrackedBoxes, trackBox } from './track-box.js';
import type { Box, Cine } from '../types.js';

/** Options for {@link trackRoi}: those of `trackBox`, plus where to track. */
export interface TrackRoiOptions extends TrackBoxOptions {
  /**
   * Dual-display recording (B-mode and CEUS panes side by side): `true` finds the panes from the
   * DICOM ultrasound regions, or pass `splitDualDisplay` options (`layout`, `ceusPane`). The box
   * must lie on the CEUS pane; it is tracked at the same position on the B-mode pane (tissue
   * texture is stable there, the contrast image changes with the bolus), and the boxes returned
   * are back on the CEUS pane. Default: track on the cine itself.
   */
  dual?: boolean | SplitDualDisplayOptions;
}

/** What {@link trackRoi} returns: `trackBox`'s result in the cine's coordinates, and how it was tracked. */
export interface TrackedRoi extends TrackedBoxes {
  /** `'cine'`: tracked on the frames themselves; `'bmode-pane'`: on the dual display's B-mode pane. */
  trackedOn: 'cine' | 'bmode-pane';
  /** The dual display's pane boxes in the cine, when tracked on a pane. */
  panes?: { bmode: Box; ceus: Box };
  /** One sentence for reports: where and how the box was tracked. */
  basis: string;
  warnings: string[];
}

const shift = (b: Box, dx: number, dy: number): Box => ({ x0: b.x0 + dx, y0: b.y0 + dy, x1: b.x1 + dx, y1: b.y1 + dy });

/**
 * Follows an ROI box through a cine with `trackBox` (NCC template matching) and returns one box
 * per frame in the cine's own pixel coordinates, ready for `buildClip(cine, { box: boxes,
 * frameIndices: frames })` or `timeIntensityCurve(cine, boxes, { frames })`. With `dual`, the box
 * (on the CEUS pane) is tracked on the B-mode pane and the boxes are mapped back to the CEUS
 * pane, so crops come from the contrast image while the motion comes from the tissue image.
 * Throws the errors of `trackBox` and `splitDualDisplay`, and `BOX_OUT_OF_BOUNDS` when, with
 * `dual`, the box is not inside the CEUS pane.
 *
 * @example
 * ```ts
 * import { buildClip, trackRoi } from 'sonorisk/preprocess';
 * const tracked = await trackRoi(cine, box, { search: { x: 8, y: 8 }, dual: true });
 * const clip = await buildClip(cine, { box: tracked.boxes, frameIndices: Array.from(tracked.frames), size: 112 });
 * ```
 */
export async function trackRoi(cine: Cine, box: Box, options: TrackRoiOptions = {}): Promise<TrackedRoi> {
  if (typeof options !== 'object' || options === null) throw new SonoriskError('INVALID_ARGUMENT', 'trackRoi: options must be an object.');
  const { dual, ...trackOptions } = options;
  const how = (t: TrackedBoxes, where: string) =>
    `Box tracked by NCC template matching on ${where} (reference frame ${t.referenceFrame}, search ±${(options.search ?? { x: 16 }).x}×±${(options.search ?? { y: 16 }).y} px, min confidence ${t.minConfidence}); ${t.lowConfidence.length} of ${t.frames.length} frames below it.`;
  if (dual === undefined || dual === false) {
    const t = await trackBox(cine, box, trackOptions);
    return { ...t, trackedOn: 'cine', basis: how(t, 'the frames'), warnings: [] };
  }
  if (dual !== true && (typeof dual !== 'object' || dual === null)) {
    throw new SonoriskError('INVALID_ARGUMENT', 'trackRoi: dual must be true or splitDualDisplay options ({ layout, ceusPane }).');
  }
  const split = await splitDualDisplay(cine, dual === true ? {} : dual);
  const { ceus, bmode } = split.panes;
  const b = checkBox(box, { within: { width: cine.width, height: cine.height } }).box;
  if (b.x0 < ceus.x0 || b.y0 < ceus.y0 || b.x1 > ceus.x1 || b.y1 > ceus.y1) {
    throw new SonoriskError(
      'BOX_OUT_OF_BOUNDS',
      `trackRoi: with dual, the box ${JSON.stringify(b)} must lie on the CEUS pane ${JSON.stringify(ceus)} (${split.basis}); draw it on the contrast image, or set ceusPane/layout.`,
      { box: b, ceusPane: ceus },
    );
  }
  const t = await trackBox(split.bmode, shift(b, -ceus.x0, -ceus.y0), trackOptions);
  return {
    ...t,
    boxes: t.boxes.map((x) => shift(x, ceus.x0, ceus.y0)),
    trackedOn: 'bmode-pane',
    panes: { bmode, ceus },
    basis: `${how(t, `the B-mode pane at the CEUS box's position (${split.basis})`)} Boxes are on the CEUS pane.`,
    warnings: split.warnings,
  };
}
