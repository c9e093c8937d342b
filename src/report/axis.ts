/**
 * The plot frame shared by the figures: the plot rectangle and its scales, the axes with nice
 * ticks, grid lines and labels, and the clip region for data.
 * @module
 */
import { escapeXml } from './escape.js';
import type { ResolvedFigureOptions } from './figure-options.js';
import { linearScale, type LinearScale } from './scale.js';
import { svgNum } from './svg.js';
import { niceTicks } from './ticks.js';

/** The plot rectangle (pixels) and its two scales. */
export interface PlotFrame {
  left: number;
  top: number;
  width: number;
  height: number;
  x: LinearScale;
  y: LinearScale;
}

/** Extra space (pixels) a figure reserves around the plot rectangle, on top of the defaults. */
export interface ExtraMargins {
  top?: number;
  right?: number;
  bottom?: number;
  left?: number;
}

/**
 * Lays out the plot rectangle inside the figure (room for title, tick labels and axis labels)
 * and builds the scales for the given domains.
 *
 * @example
 * ```ts
 * const f = plotFrame(resolveFigureOptions({}, 'ROC'), [0, 1], [0, 1]);
 * f.x(0) === f.left; // true
 * ```
 */
export function plotFrame(
  o: ResolvedFigureOptions,
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
  extra: ExtraMargins = {},
): PlotFrame {
  const fs = o.fontSize;
  const top = (o.showTitle ? fs * 2.6 : fs * 1.0) + (extra.top ?? 0);
  const left = fs * 4.6 + (extra.left ?? 0);
  const bottom = fs * 3.4 + (extra.bottom ?? 0);
  const right = fs * 1.4 + (extra.right ?? 0);
  const width = Math.max(40, o.width - left - right);
  const height = Math.max(40, o.height - top - bottom);
  return {
    left,
    top,
    width,
    height,
    x: linearScale(xDomain, [left, left + width]),
    y: linearScale(yDomain, [top + height, top]),
  };
}

/**
 * Prints an axis tick value with the given decimals and a true minus sign (U+2212).
 *
 * @example
 * ```ts
 * tickLabel(-0.05, 2); // '\u22120.05'
 * ```
 */
export function tickLabel(v: number, decimals: number): string {
  const s = v.toFixed(decimals);
  return s.startsWith('-') && Number(s) !== 0 ? `\u2212${s.slice(1)}` : s.replace(/^-/, '');
}

/** Options for {@link renderAxes}. */
export interface AxesSpec {
  xLabel: string;
  yLabel: string;
  /** Approximate tick counts; defaults 5 and 5. */
  xTickCount?: number;
  yTickCount?: number;
  /** Draw light grid lines at the ticks; default true. */
  grid?: boolean;
  /** Extra space between the plot bottom and the x tick labels (e.g. a histogram strip). */
  xAxisOffset?: number;
}

/**
 * Grid, frame, ticks, tick labels and axis labels for a plot frame, as `<g class="axes">`.
 * Tick marks point outwards; the x axis sits `xAxisOffset` pixels below the plot.
 *
 * @example
 * ```ts
 * renderAxes(frame, { xLabel: '1 − Specificity', yLabel: 'Sensitivity' }, options);
 * ```
 */
export function renderAxes(f: PlotFrame, spec: AxesSpec, o: ResolvedFigureOptions): string {
  const fs = o.fontSize;
  const [x0, x1] = f.x.domain;
  const [y0, y1] = f.y.domain;
  const xt = niceTicks(x0, x1, spec.xTickCount ?? 5);
  const yt = niceTicks(y0, y1, spec.yTickCount ?? 5);
  const bottom = f.top + f.height + (spec.xAxisOffset ?? 0);
  const right = f.left + f.width;
  const parts: string[] = ['<g class="axes">'];
  if (spec.grid ?? true) {
    const grid: string[] = [];
    for (const v of xt.ticks) grid.push(`M${svgNum(f.x(v))} ${svgNum(f.top)}V${svgNum(f.top + f.height)}`);
    for (const v of yt.ticks) grid.push(`M${svgNum(f.left)} ${svgNum(f.y(v))}H${svgNum(right)}`);
    parts.push(`<path class="grid" d="${grid.join('')}" stroke="#E3E3E3" stroke-width="1" fill="none"/>`);
  }
  parts.push(`<rect class="frame" x="${svgNum(f.left)}" y="${svgNum(f.top)}" width="${svgNum(f.width)}" height="${svgNum(f.height)}" fill="none" stroke="#4D4D4D" stroke-width="1"/>`);
  const xTicks = xt.ticks.map((v) => `M${svgNum(f.x(v))} ${svgNum(bottom)}v5`).join('');
  const yTicks = yt.ticks.map((v) => `M${svgNum(f.left)} ${svgNum(f.y(v))}h-5`).join('');
  if (spec.xAxisOffset) parts.push(`<path d="M${svgNum(f.left)} ${svgNum(bottom)}H${svgNum(right)}" stroke="#4D4D4D" stroke-width="1"/>`);
  parts.push(`<path class="ticks" d="${xTicks}${yTicks}" stroke="#4D4D4D" stroke-width="1"/>`);
  parts.push(`<g class="axis x" text-anchor="middle" fill="#222222">`);
  for (const v of xt.ticks) parts.push(`<text x="${svgNum(f.x(v))}" y="${svgNum(bottom + 6 + fs)}">${tickLabel(v, xt.decimals)}</text>`);
  parts.push(`<text class="axis-label" x="${svgNum(f.left + f.width / 2)}" y="${svgNum(bottom + 6 + fs * 2.35)}" font-size="${svgNum(fs * 1.05)}">${escapeXml(spec.xLabel)}</text>`);
  parts.push('</g>');
  parts.push(`<g class="axis y" text-anchor="end" fill="#222222">`);
  for (const v of yt.ticks) parts.push(`<text x="${svgNum(f.left - 8)}" y="${svgNum(f.y(v) + fs * 0.35)}">${tickLabel(v, yt.decimals)}</text>`);
  const ly = f.top + f.height / 2;
  const lx = f.left - fs * 3.6;
  parts.push(`<text class="axis-label" text-anchor="middle" transform="translate(${svgNum(lx)} ${svgNum(ly)}) rotate(-90)" font-size="${svgNum(fs * 1.05)}">${escapeXml(spec.yLabel)}</text>`);
  parts.push('</g>');
  if (o.showTitle) {
    parts.push(`<text class="title" x="${svgNum(f.left)}" y="${svgNum(fs * 1.6)}" font-size="${svgNum(fs * 1.2)}" font-weight="bold" fill="#111111">${escapeXml(o.title)}</text>`);
  }
  parts.push('</g>');
  return parts.join('\n') + '\n';
}

/**
 * Wraps data markup in a nested `<svg>` covering the plot rectangle, so anything outside the axis
 * ranges is clipped without needing an element id (figures can be inlined many times in one page).
 *
 * @example
 * ```ts
 * clipToPlot(frame, '<path d="..."/>');
 * ```
 */
export function clipToPlot(f: PlotFrame, content: string): string {
  const box = `${svgNum(f.left)} ${svgNum(f.top)} ${svgNum(f.width)} ${svgNum(f.height)}`;
  return `<svg class="plot" x="${svgNum(f.left)}" y="${svgNum(f.top)}" width="${svgNum(f.width)}" height="${svgNum(f.height)}" viewBox="${box}" overflow="hidden" aria-hidden="true">\n${content}</svg>\n`;
}

/**
 * Small open triangles on the frame where a polyline leaves the plot rectangle (one per place),
 * pointing outwards, so a reader sees that a curve was clipped rather than that it stops.
 *
 * @example
 * ```ts
 * clipMarkers(frame, [0, 0.5, 1], [0.2, 1.3, 0.8], '#0072B2'); // one marker where y crosses 1, one where it comes back
 * ```
 */
export function clipMarkers(f: PlotFrame, xs: ArrayLike<number>, ys: ArrayLike<number>, color: string, size = 5): string {
  const [x0, x1] = f.x.domain;
  const [y0, y1] = f.y.domain;
  const inside = (x: number, y: number) => x >= x0 - 1e-12 && x <= x1 + 1e-12 && y >= y0 - 1e-12 && y <= y1 + 1e-12;
  let d = '';
  const placed: [number, number][] = [];
  for (let i = 1; i < Math.min(xs.length, ys.length); i++) {
    const ax = xs[i - 1]!;
    const ay = ys[i - 1]!;
    const bx = xs[i]!;
    const by = ys[i]!;
    if (![ax, ay, bx, by].every(Number.isFinite)) continue;
    // exits only (a curve that wanders out and back is marked where it leaves)
    if (!inside(ax, ay) || inside(bx, by)) continue;
    // the crossing of the segment with the frame edge it passes (y edges first: curves leave at top or bottom)
    const [ix, iy, ox, oy] = [ax, ay, bx, by];
    let t = 1;
    let dir: 'up' | 'down' | 'left' | 'right' = 'up';
    const cand = (edge: number, from: number, to: number, name: typeof dir) => {
      if ((to > edge && from <= edge) || (to < edge && from >= edge)) {
        const s = (edge - from) / (to - from);
        if (s < t) {
          t = s;
          dir = name;
        }
      }
    };
    cand(y1, iy, oy, 'up');
    cand(y0, iy, oy, 'down');
    cand(x1, ix, ox, 'right');
    cand(x0, ix, ox, 'left');
    const px = f.x(ix + t * (ox - ix));
    const py = f.y(iy + t * (oy - iy));
    if (placed.some(([qx, qy]) => Math.abs(qx - px) < 2 * size && Math.abs(qy - py) < 2 * size)) continue;
    placed.push([px, py]);
    const s = size;
    const tri = { up: `M${svgNum(px - s)} ${svgNum(py + s)}L${svgNum(px)} ${svgNum(py)}L${svgNum(px + s)} ${svgNum(py + s)}Z`, down: `M${svgNum(px - s)} ${svgNum(py - s)}L${svgNum(px)} ${svgNum(py)}L${svgNum(px + s)} ${svgNum(py - s)}Z`, right: `M${svgNum(px - s)} ${svgNum(py - s)}L${svgNum(px)} ${svgNum(py)}L${svgNum(px - s)} ${svgNum(py + s)}Z`, left: `M${svgNum(px + s)} ${svgNum(py - s)}L${svgNum(px)} ${svgNum(py)}L${svgNum(px + s)} ${svgNum(py + s)}Z` }[dir];
    d += tri;
  }
  return d ? `<path class="clip-marker" d="${d}" fill="#ffffff" stroke="${color}" stroke-width="1.5"/>\n` : '';
}
