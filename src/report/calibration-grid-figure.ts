import { SonoriskError } from '../errors.js';
import { clipMarkers, clipToPlot, renderAxes } from './axis.js';
import { type CalibrationSeries, checkCalibrationSeries } from './calibration-figure.js';
import { escapeXml } from './escape.js';
import { type FigureOptions, resolveFigureOptions } from './figure-options.js';
import { REFERENCE_GREY, seriesStyle } from './palette.js';
import { linearScale } from './scale.js';
import { seriesList } from './series-input.js';
import { linePath, strokeAttrs, svgDocument, svgNum } from './svg.js';

/** Options for {@link calibrationGridFigure}. */
export interface CalibrationGridOptions extends FigureOptions {
  /** Panels per row; default 3 (2 for up to 4 models, 1 for one). */
  columns?: number;
  /** Axis range of both axes in every panel; default [0, 1]. */
  limits?: readonly [number, number];
  /** Bins of each panel's histogram of predicted risks; default 20. 0 hides it. */
  histogramBins?: number;
}

/**
 * Calibration as small multiples: one panel per model on shared axes (same limits, tick labels on
 * the outer panels only), each with the ideal diagonal, binned observed rates with 95% CI
 * whiskers, the smoothed curve and a histogram of the predictions along the bottom. Curves are
 * clipped at the frame and an open triangle marks each place a curve leaves it, so clipping is
 * visible. No legend covers the data: each panel is titled with its model.
 *
 * @example
 * ```ts
 * const svg = calibrationGridFigure([calibrationSeriesFrom('R-US', calibration(y, p), p), calibrationSeriesFrom('R-CEUS', calibration(y, q), q)]);
 * ```
 */
export function calibrationGridFigure(series: readonly CalibrationSeries[], options: CalibrationGridOptions = {}): string {
  const list = seriesList<CalibrationSeries>(series, 'calibrationGridFigure').map(checkCalibrationSeries);
  const columns = options.columns ?? (list.length === 1 ? 1 : list.length <= 4 ? 2 : 3);
  if (!Number.isInteger(columns) || columns < 1 || columns > 8) throw new SonoriskError('INVALID_ARGUMENT', 'columns must be an integer from 1 to 8.', { columns });
  const limits = options.limits ?? [0, 1];
  if (!(Number.isFinite(limits[0]) && Number.isFinite(limits[1]) && limits[0] < limits[1])) throw new SonoriskError('INVALID_ARGUMENT', 'limits must be [lo, hi] with lo < hi.', { limits });
  const nBins = options.histogramBins ?? 20;
  if (!Number.isInteger(nBins) || nBins < 0 || nBins > 200) throw new SonoriskError('INVALID_ARGUMENT', 'histogramBins must be an integer from 0 to 200.', { histogramBins: nBins });
  const rowsN = Math.ceil(list.length / columns);
  const fs = options.fontSize ?? 12;
  const panel = Math.round(fs * 14);
  const gap = Math.round(fs * 1.2);
  const titleH = options.showTitle === false ? fs * 0.8 : fs * 2.6;
  const left = fs * 4.4;
  const bottom = fs * 3.6;
  const panelTitle = fs * 1.5;
  const width = options.width ?? Math.round(left + columns * panel + (columns - 1) * gap + fs);
  const height = options.height ?? Math.round(titleH + rowsN * (panel + panelTitle) + (rowsN - 1) * gap + bottom);
  const o = resolveFigureOptions({ ...options, width, height, fontSize: fs }, 'Calibration');
  const size = Math.min((width - left - fs - (columns - 1) * gap) / columns, (height - titleH - bottom - (rowsN - 1) * gap) / rowsN - panelTitle);
  const parts: string[] = [];
  list.forEach((s, i) => {
    const c = i % columns;
    const r = Math.floor(i / columns);
    const x0 = left + c * (size + gap);
    const y0 = titleH + r * (size + panelTitle + gap) + panelTitle;
    const f = { left: x0, top: y0, width: size, height: size, x: linearScale(limits, [x0, x0 + size]), y: linearScale(limits, [y0 + size, y0]) };
    const { color } = seriesStyle(i);
    const lastRow = r === rowsN - 1 || i + columns >= list.length;
    const axes = renderAxes(f, { xLabel: lastRow ? 'Predicted risk' : '', yLabel: c === 0 ? 'Observed proportion' : '', xTickCount: 4, yTickCount: 4 }, { ...o, showTitle: false });
    // shared axes: tick labels only on the outer panels
    const trimmed = axes
      .replace(/<g class="axis x"[\s\S]*?<\/g>\n?/, (m) => (lastRow ? m : ''))
      .replace(/<g class="axis y"[\s\S]*?<\/g>\n?/, (m) => (c === 0 ? m : ''));
    parts.push(`<g class="panel" data-series="${escapeXml(s.name)}">`, trimmed);
    parts.push(`<text class="panel-title" x="${svgNum(x0)}" y="${svgNum(y0 - fs * 0.45)}" font-weight="bold" fill="#111111">${escapeXml(s.name)}</text>`);
    const data: string[] = [`<path class="reference" d="M${svgNum(f.x(limits[0]))} ${svgNum(f.y(limits[0]))}L${svgNum(f.x(limits[1]))} ${svgNum(f.y(limits[1]))}" ${strokeAttrs(REFERENCE_GREY, 1.1, '5 4')}/>`];
    if (nBins > 0 && s.predictions) {
      const counts = new Array<number>(nBins).fill(0);
      for (const p of s.predictions) {
        if (p < limits[0] || p > limits[1]) continue;
        counts[Math.min(nBins - 1, Math.floor(((p - limits[0]) / (limits[1] - limits[0])) * nBins))]!++;
      }
      const max = Math.max(1, ...counts);
      const h = size * 0.14;
      const bw = size / nBins;
      let d = '';
      counts.forEach((n, k) => {
        if (n > 0) d += `M${svgNum(x0 + k * bw)} ${svgNum(y0 + size)}h${svgNum(bw)}v${svgNum(-(n / max) * h)}h${svgNum(-bw)}Z`;
      });
      data.push(`<path class="histogram" d="${d}" fill="${color}" fill-opacity="0.3"/>`);
    }
    const pr = Math.max(2.2, fs * 0.25);
    if (s.bins) {
      const b = s.bins;
      if (b.lower && b.upper) {
        let d = '';
        for (let k = 0; k < b.predicted.length; k++) {
          const x = f.x(b.predicted[k]!);
          d += `M${svgNum(x)} ${svgNum(f.y(b.lower[k]!))}V${svgNum(f.y(b.upper[k]!))}`;
        }
        data.push(`<path class="whiskers" d="${d}" ${strokeAttrs(color, 1.2)}/>`);
      }
      for (let k = 0; k < b.predicted.length; k++) data.push(`<circle cx="${svgNum(f.x(b.predicted[k]!))}" cy="${svgNum(f.y(b.observed[k]!))}" r="${svgNum(pr)}" fill="${color}" stroke="#ffffff" stroke-width="0.8"/>`);
    }
    if (s.smooth) data.push(`<path class="smooth" d="${linePath(s.smooth.x, s.smooth.y, f.x, f.y)}" ${strokeAttrs(color, 2)}/>`);
    parts.push(clipToPlot(f, data.join('\n') + '\n'));
    if (s.smooth) parts.push(clipMarkers(f, s.smooth.x, s.smooth.y, color));
    parts.push('</g>');
  });
  const description =
    o.description ??
    `Calibration of ${list.map((s) => s.name).join(', ')}, one panel each on shared axes from ${limits[0]} to ${limits[1]}: observed proportion against predicted risk; dashed diagonal: ideal; points: grouped observed rates with 95% CI; line: smoothed calibration; open triangles: where a curve leaves the frame; bars: distribution of predicted risks.`;
  const title = o.showTitle ? `<text class="title" x="${svgNum(left)}" y="${svgNum(fs * 1.6)}" font-size="${svgNum(fs * 1.2)}" font-weight="bold" fill="#111111">${escapeXml(o.title)}</text>\n` : '';
  return svgDocument({ width, height, title: o.title, description, fontSize: fs, ...(o.fontFamily ? { fontFamily: o.fontFamily } : {}), body: title + parts.join('\n') + '\n' });
}
