import { SonoriskError } from '../errors.js';
import type { PhaseWindow } from '../phases/index.js';
import { clipToPlot, plotFrame, renderAxes } from './axis.js';
import { escapeXml } from './escape.js';
import { type FigureOptions, resolveFigureOptions } from './figure-options.js';
import { formatNumber } from './format.js';
import { type LegendItem, type LegendPosition, legendReserve, renderLegend } from './legend.js';
import { OKABE_ITO, seriesStyle } from './palette.js';
import { numericSeries, sameLength } from './series-input.js';
import { linePath, strokeAttrs, svgDocument, svgNum } from './svg.js';
import { niceDomain } from './ticks.js';

/**
 * A CEUS time-intensity curve: mean intensity per frame time (s after injection), optionally a
 * fitted model curve on the same times, the contrast arrival time, and the phase windows to
 * shade. Non-finite intensities are gaps (the line breaks there).
 *
 * @example
 * ```ts
 * const tic: TimeIntensitySeries = {
 *   t: [0, 5, 10, 20, 40], intensity: [2, 3, 30, 22, 12], arrival: 6,
 *   windows: [{ name: 'arterial', start: 0, end: 45 }],
 * };
 * ```
 */
export interface TimeIntensitySeries {
  /** Curve name for the legend; default `'Measured'`. */
  name?: string;
  t: ArrayLike<number>;
  intensity: ArrayLike<number>;
  fitted?: ArrayLike<number>;
  /** Name of the fitted model for the legend; default `'Fitted'`. */
  fittedName?: string;
  arrival?: number;
  windows?: readonly PhaseWindow[];
}

/** Options for {@link timeIntensityFigure}. */
export interface TimeIntensityFigureOptions extends FigureOptions {
  /** Legend corner; default `'top-right'`. */
  legend?: LegendPosition;
  /** y-axis label; default `'Mean intensity (a.u.)'`. */
  yLabel?: string;
}

const WINDOW_COLORS = [OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple, OKABE_ITO.yellow];

/**
 * A time-intensity curve as a standalone SVG string: measured intensity (and the fitted curve,
 * dashed) against time after injection, the arrival time as a vertical line, and each phase
 * window shaded over the plot and labelled in its own row above it (so overlapping windows such
 * as arterial 0–45 s and dual 0–60 s stay readable). A window ending at `Infinity` runs to the
 * last frame. Gaps (NaN) break the line; an all-NaN curve is an error.
 *
 * @example
 * ```ts
 * const svg = timeIntensityFigure({ t: [0, 10, 20, 30], intensity: [1, 25, 18, 12], windows: [{ name: 'arterial', start: 0, end: 45 }] });
 * ```
 */
export function timeIntensityFigure(series: TimeIntensitySeries, options: TimeIntensityFigureOptions = {}): string {
  if (typeof series !== 'object' || series === null) throw new SonoriskError('INVALID_ARGUMENT', 'timeIntensityFigure expects { t, intensity, fitted?, arrival?, windows? }.');
  const name = series.name ?? 'Measured';
  const t = numericSeries(series.t, 't', name, { finite: true });
  const y = numericSeries(series.intensity, 'intensity', name);
  sameLength(name, { t, intensity: y });
  for (let i = 1; i < t.length; i++) {
    if (!(t[i]! > t[i - 1]!)) throw new SonoriskError('INVALID_ARGUMENT', `${name}: times must increase strictly; t[${i}] = ${t[i]} after ${t[i - 1]}.`, { index: i });
  }
  const fitted = series.fitted !== undefined ? numericSeries(series.fitted, 'fitted', name) : undefined;
  if (fitted) sameLength(name, { t, fitted });
  const arrival = series.arrival;
  if (arrival !== undefined && !Number.isFinite(arrival)) throw new SonoriskError('NON_FINITE', `${name}: arrival must be a finite time in seconds.`, { arrival });
  const windows = series.windows ?? [];
  if (!Array.isArray(windows) || windows.length > 8) throw new SonoriskError('INVALID_ARGUMENT', 'windows must be an array of at most 8 PhaseWindow objects.');
  for (const w of windows) {
    if (typeof w?.name !== 'string' || !Number.isFinite(w.start) || !(w.end > w.start)) {
      throw new SonoriskError('INVALID_ARGUMENT', `Phase window ${JSON.stringify(w)} needs a name, a finite start and end > start.`, { window: w });
    }
  }
  const o = resolveFigureOptions(options, 'Time-intensity curve');
  const tLo = Math.min(0, t[0]!);
  const tHi = t[t.length - 1]!;
  let yMin = 0;
  let yMax = -Infinity;
  for (const a of fitted ? [y, fitted] : [y]) {
    for (const v of a) {
      if (!Number.isFinite(v)) continue;
      yMin = Math.min(yMin, v);
      yMax = Math.max(yMax, v);
    }
  }
  const rowH = o.fontSize * 1.35;
  const legendAt = options.legend ?? 'top-right';
  // Top: rounded up to a nice tick. Bottom: 0, or just below the lowest value when noise dips
  // under 0 (not rounded down to a whole step, which would waste a band of the plot).
  const yTop = niceDomain(0, Math.max(yMax * 1.05, 0))[1];
  const yLo = yMin < 0 ? yMin - 0.02 * (yTop - yMin) : 0;
  const f = plotFrame(o, niceDomain(tLo, tHi, 6), [yLo, yTop], {
    top: windows.length * rowH + (windows.length ? 4 : 0),
    bottom: legendReserve(legendAt, 1 + (fitted ? 1 : 0) + (arrival !== undefined ? 1 : 0), o.fontSize),
  });
  const [x0, x1] = f.x.domain;
  const shade: string[] = [];
  const labels: string[] = [];
  windows.forEach((w, i) => {
    const color = WINDOW_COLORS[i % WINDOW_COLORS.length]!;
    const a = f.x(Math.max(x0, w.start));
    const b = f.x(Math.min(x1, w.end));
    if (!(b > a)) return;
    shade.push(`<rect class="phase" data-phase="${escapeXml(w.name)}" x="${svgNum(a)}" y="${svgNum(f.top)}" width="${svgNum(b - a)}" height="${svgNum(f.height)}" fill="${color}" fill-opacity="0.1"/>`);
    const ry = f.top - 4 - (windows.length - i) * rowH;
    const range = `${formatNumber(w.start, { digits: 0 })}\u2013${Number.isFinite(w.end) ? formatNumber(w.end, { digits: 0 }) + ' s' : 'end'}`;
    labels.push(
      `<rect x="${svgNum(a)}" y="${svgNum(ry + 2)}" width="${svgNum(b - a)}" height="${svgNum(rowH - 4)}" fill="${color}" fill-opacity="0.45"/>`,
      `<text x="${svgNum(a + 4)}" y="${svgNum(ry + rowH * 0.5 + o.fontSize * 0.32)}" font-size="${svgNum(o.fontSize * 0.85)}" fill="#111111">${escapeXml(w.name)} (${range})</text>`,
    );
  });
  const data: string[] = [...shade];
  const legend: LegendItem[] = [];
  const measured = seriesStyle(0);
  data.push(`<path class="series" data-series="${escapeXml(name)}" d="${linePath(t, y, f.x, f.y)}" ${strokeAttrs(measured.color, 1.8)}/>`);
  legend.push({ label: name, color: measured.color, kind: 'line' });
  if (fitted) {
    const fs = seriesStyle(1);
    const fittedName = series.fittedName ?? 'Fitted';
    data.push(`<path class="series fitted" data-series="${escapeXml(fittedName)}" d="${linePath(t, fitted, f.x, f.y)}" ${strokeAttrs(fs.color, 2.25, fs.dash)}/>`);
    legend.push({ label: fittedName, color: fs.color, dash: fs.dash, kind: 'line' });
  }
  if (arrival !== undefined) {
    data.push(`<path class="arrival" d="M${svgNum(f.x(arrival))} ${svgNum(f.top)}V${svgNum(f.top + f.height)}" ${strokeAttrs(OKABE_ITO.black, 1.2, '2 3')}/>`);
    legend.push({ label: `Arrival ${formatNumber(arrival, { digits: 1 })} s`, color: OKABE_ITO.black, dash: '2 3', kind: 'line' });
  }
  const body =
    renderAxes(f, { xLabel: 'Time after injection (s)', yLabel: options.yLabel ?? 'Mean intensity (a.u.)', xTickCount: 8 }, o) +
    (labels.length ? `<g class="phase-labels">\n${labels.join('\n')}\n</g>\n` : '') +
    clipToPlot(f, data.join('\n') + '\n') +
    renderLegend(legend, f, legendAt, o.fontSize, o.height);
  const description =
    o.description ??
    `Time-intensity curve over ${formatNumber(t[0]!, { digits: 1 })}–${formatNumber(tHi, { digits: 1 })} s` +
      (arrival !== undefined ? `, contrast arrival at ${formatNumber(arrival, { digits: 1 })} s` : '') +
      (windows.length ? `; shaded phase windows: ${windows.map((w) => `${w.name} ${w.start}–${Number.isFinite(w.end) ? w.end : 'end'} s`).join(', ')}` : '') +
      '.';
  return svgDocument({ width: o.width, height: o.height, title: o.title, description, fontSize: o.fontSize, ...(o.fontFamily ? { fontFamily: o.fontFamily } : {}), body });
}
