import { SonoriskError } from '../../errors.js';
import { assertCine } from '../cine/cine-checks.js';
import { assertBoxInside, regionValues } from '../roi/region-values.js';
import type { Box, Cine, CineMeta, Frame, UltrasoundRegion } from '../types.js';

/**
 * Where the two panes of a dual-display frame are: halves of the frame (`side-by-side`: left and
 * right; `top-bottom`), or explicit boxes.
 */
export type DualDisplayLayout = 'side-by-side' | 'top-bottom' | { bmode: Box; ceus: Box };

/** Options for {@link splitDualDisplay}. */
export interface SplitDualDisplayOptions {
  /** Pane layout; default: the two largest 2D regions of `cine.meta.regions` (DICOM US regions). */
  layout?: DualDisplayLayout;
  /**
   * Which pane is the CEUS image when the layout does not say: 'first' (left / top), 'second', or
   * 'auto' (default): the darker pane over a few sampled frames, since contrast-specific imaging
   * suppresses tissue signal and shows a mostly dark image.
   */
  ceusPane?: 'first' | 'second' | 'auto';
  /** Frames sampled, evenly over the clip, for `ceusPane: 'auto'` (default 5). */
  sampleFrames?: number;
}

/** The two panes of a dual-display cine, as cines of the same size and frame times. */
export interface DualDisplay {
  bmode: Cine;
  ceus: Cine;
  /** Each pane's box in the original frame (same width and height). */
  panes: { bmode: Box; ceus: Box };
  /** How the panes were found and which one was taken as CEUS. */
  basis: string;
  warnings: string[];
}

/**
 * Splits a dual-display CEUS recording (contrast image and B-mode reference side by side, as many
 * scanners record them) into a B-mode cine and a CEUS cine with the same size, pixel grid and frame
 * times, so a box tracked on the B-mode pane (`trackBox`) can crop or measure the CEUS pane with
 * the same coordinates. Panes come from the DICOM ultrasound regions (the two largest 2D regions)
 * or a given layout; both are cut to their common size, anchored at each pane's top-left corner.
 * The pane cines share the source's decode: reading frame i from both decodes it once (only the
 * last decoded frame is kept).
 *
 * Throws `INVALID_ARGUMENT` when no layout is given and the cine has no two 2D regions, and
 * `BOX_OUT_OF_BOUNDS` for pane boxes outside the frame.
 *
 * @example
 * ```ts
 * import { splitDualDisplay, trackBox } from 'sonorisk/preprocess';
 * const { bmode, ceus, basis } = await splitDualDisplay(cine, { layout: 'side-by-side', ceusPane: 'first' });
 * const tracked = await trackBox(bmode, box, { search: { x: 10, y: 20 } });
 * // tracked.boxes index the CEUS pane too: timeIntensityCurve(ceus, tracked.boxes, { frames: tracked.frames })
 * ```
 */
export async function splitDualDisplay(cine: Cine, options: SplitDualDisplayOptions = {}): Promise<DualDisplay> {
  const fn = 'splitDualDisplay';
  assertCine(cine, options, fn);
  const ceusPane = options.ceusPane ?? 'auto';
  if (ceusPane !== 'first' && ceusPane !== 'second' && ceusPane !== 'auto') {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: ceusPane must be 'first', 'second' or 'auto'.`);
  }
  const sampleFrames = options.sampleFrames ?? 5;
  if (!Number.isInteger(sampleFrames) || sampleFrames < 1 || sampleFrames > 1000) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: sampleFrames must be an integer in 1..1000.`);
  }
  const warnings: string[] = [];
  const { width: W, height: H } = cine;
  let first: Box;
  let second: Box;
  let regions: [UltrasoundRegion | undefined, UltrasoundRegion | undefined] = [undefined, undefined];
  let how: string;
  let fixed: 'first' | 'second' | null = null;
  const layout = options.layout;
  if (layout === 'side-by-side') {
    const hw = Math.floor(W / 2);
    [first, second] = [
      { x0: 0, y0: 0, x1: hw, y1: H },
      { x0: hw, y0: 0, x1: 2 * hw, y1: H },
    ];
    how = 'left and right halves of the frame (layout side-by-side)';
  } else if (layout === 'top-bottom') {
    const hh = Math.floor(H / 2);
    [first, second] = [
      { x0: 0, y0: 0, x1: W, y1: hh },
      { x0: 0, y0: hh, x1: W, y1: 2 * hh },
    ];
    how = 'top and bottom halves of the frame (layout top-bottom)';
  } else if (layout !== undefined) {
    if (typeof layout !== 'object' || layout === null) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: layout must be 'side-by-side', 'top-bottom' or { bmode, ceus } boxes.`);
    assertBoxInside(layout.ceus, W, H, fn);
    assertBoxInside(layout.bmode, W, H, fn);
    [first, second] = [layout.ceus, layout.bmode];
    fixed = 'first';
    how = 'the given pane boxes';
  } else {
    const twoD = (cine.meta?.regions ?? []).filter((r) => r.spatialFormat === 1 && (r.x1 - r.x0) * (r.y1 - r.y0) >= 0.01 * W * H);
    if (twoD.length < 2) {
      throw new SonoriskError('INVALID_ARGUMENT', `${fn}: the cine has ${twoD.length} 2D ultrasound region(s); give options.layout ('side-by-side', 'top-bottom' or { bmode, ceus }).`, { regions: twoD.length });
    }
    const area = (r: UltrasoundRegion) => (r.x1 - r.x0) * (r.y1 - r.y0);
    const top2 = [...twoD].sort((a, b) => area(b) - area(a)).slice(0, 2);
    const apart = top2[0]!.x1 <= top2[1]!.x0 || top2[1]!.x1 <= top2[0]!.x0;
    top2.sort((a, b) => (apart ? a.x0 - b.x0 : a.y0 - b.y0));
    regions = [top2[0], top2[1]];
    [first, second] = top2.map((r) => ({ x0: Math.round(r.x0), y0: Math.round(r.y0), x1: Math.round(r.x1), y1: Math.round(r.y1) })) as [Box, Box];
    how = `the two largest 2D ultrasound regions (${apart ? 'left/right' : 'top/bottom'})`;
    if (twoD.length > 2) warnings.push(`${twoD.length} 2D regions found; the two largest were used.`);
  }
  // Common size, anchored at each pane's top-left corner.
  const w = Math.min(first.x1 - first.x0, second.x1 - second.x0);
  const h = Math.min(first.y1 - first.y0, second.y1 - second.y0);
  if (first.x1 - first.x0 !== w || first.y1 - first.y0 !== h || second.x1 - second.x0 !== w || second.y1 - second.y0 !== h) {
    warnings.push(`The panes differ in size; both were cut to ${w}×${h} from their top-left corners.`);
  }
  first = { x0: first.x0, y0: first.y0, x1: first.x0 + w, y1: first.y0 + h };
  second = { x0: second.x0, y0: second.y0, x1: second.x0 + w, y1: second.y0 + h };

  // One decoded source frame shared by both pane cines.
  let lastIndex = -1;
  let last: Promise<Frame> | null = null;
  const source = (i: number): Promise<Frame> => {
    if (i !== lastIndex || last === null) {
      lastIndex = i;
      last = cine.frame(i);
    }
    return last;
  };

  let which: 'first' | 'second';
  let choice: string;
  if (fixed !== null) {
    which = fixed;
    choice = 'as given';
  } else if (ceusPane !== 'auto') {
    which = ceusPane;
    choice = `the ${ceusPane} pane as CEUS (ceusPane option)`;
  } else {
    const k = Math.min(sampleFrames, cine.frameCount);
    let m1 = 0;
    let m2 = 0;
    for (let s = 0; s < k; s++) {
      const idx = k === 1 ? 0 : Math.round((s * (cine.frameCount - 1)) / (k - 1));
      const f = await source(idx);
      m1 += mean(regionValues(f, first, 'luma'));
      m2 += mean(regionValues(f, second, 'luma'));
    }
    [m1, m2] = [m1 / k, m2 / k];
    which = m1 <= m2 ? 'first' : 'second';
    choice = `the darker pane as CEUS (mean luma ${m1.toFixed(1)} vs ${m2.toFixed(1)} over ${k} frames)`;
    if (Math.abs(m1 - m2) < 0.1 * Math.max(m1, m2, 1e-9)) {
      warnings.push('The two panes are about equally bright; the CEUS pane choice is uncertain — set ceusPane.');
    }
  }
  const ceusBox = which === 'first' ? first : second;
  const bmodeBox = which === 'first' ? second : first;
  const ceusRegion = which === 'first' ? regions[0] : regions[1];
  const bmodeRegion = which === 'first' ? regions[1] : regions[0];
  return {
    bmode: paneCine(cine, bmodeBox, bmodeRegion, 'bmode', source),
    ceus: paneCine(cine, ceusBox, ceusRegion, 'ceus', source),
    panes: { bmode: bmodeBox, ceus: ceusBox },
    basis: `Panes from ${how}; ${choice}.`,
    warnings,
  };
}

function mean(a: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s / a.length;
}

function paneCine(parent: Cine, box: Box, region: UltrasoundRegion | undefined, pane: 'bmode' | 'ceus', source: (i: number) => Promise<Frame>): Cine {
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  const meta: CineMeta = {
    ...parent.meta,
    regions: region ? [{ ...region, x0: region.x0 - box.x0, y0: region.y0 - box.y0, x1: Math.min(region.x1, box.x1) - box.x0, y1: Math.min(region.y1, box.y1) - box.y0 }] : [],
    warnings: [...(parent.meta?.warnings ?? [])],
    extra: { ...parent.meta?.extra, dualDisplayPane: pane, paneBox: box },
  };
  if (region?.spacingMm) meta.pixelSpacingMm = region.spacingMm;
  return {
    width: w,
    height: h,
    frameCount: parent.frameCount,
    frameTimes: parent.frameTimes,
    meta,
    async frame(index: number): Promise<Frame> {
      const f = await source(index);
      const c = f.channels;
      const data = f.data instanceof Uint16Array ? new Uint16Array(w * h * c) : new Uint8Array(w * h * c);
      for (let y = 0; y < h; y++) {
        const from = ((box.y0 + y) * f.width + box.x0) * c;
        data.set(f.data.subarray(from, from + w * c), y * w * c);
      }
      return { width: w, height: h, channels: c, data };
    },
  };
}
