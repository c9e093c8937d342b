import { SonoriskError } from '../errors.js';
import { clipToPlot, plotFrame, renderAxes } from './axis.js';
import { escapeXml } from './escape.js';
import { type FigureOptions, resolveFigureOptions } from './figure-options.js';
import { type LegendItem, type LegendPosition, legendReserve, renderLegend } from './legend.js';
import { REFERENCE_GREY, seriesStyle } from './palette.js';
import { numericSeries, sameLength, seriesList, seriesName } from './series-input.js';
import { linePath, strokeAttrs, svgDocument, svgNum } from './svg.js';

/**
 * One model's calibration: binned mean predicted risk against the observed event rate (with an
 * optional 95% CI per bin), a smoothed curve (e.g. lowess of outcome on prediction, as
 * `rms::val.prob` draws it), and the raw predictions for the distribution strip.
 *
 * @example
 * ```ts
 * const s: CalibrationSeries = {
 *   name: 'R-US',
 *   bins: { predicted: [0.1, 0.5, 0.8], observed: [0.12, 0.45, 0.85], lower: [0.05, 0.3, 0.7], upper: [0.25, 0.6, 0.95] },
 *   smooth: { x: [0.05, 0.5, 0.95], y: [0.06, 0.48, 0.9] },
 *   predictions: [0.1, 0.2, 0.7],
 * };
 * ```
 */
export interface CalibrationSeries {
  name: string;
  bins?: {
    predicted: ArrayLike<number>;
    observed: ArrayLike<number>;
    lower?: ArrayLike<number>;
    upper?: ArrayLike<number>;
  };
  smooth?: { x: ArrayLike<number>; y: ArrayLike<number> };
  predictions?: ArrayLike<number>;
}

/** Options for {@link calibrationFigure}. */
export interface CalibrationFigureOptions extends FigureOptions {
  /** Legend corner; default `'top-left'`. */
  legend?: LegendPosition;
  /** Axis range of both axes; default [0, 1]. */
  limits?: readonly [number, number];
  /** Bins of the prediction histogram strip (over `limits`); default 50. 0 hides the strip. */
  histogramBins?: number;
}

export interface Checked {
  name: string;
  bins?: { predicted: Float64Array; observed: Float64Array; lower?: Float64Array; upper?: Float64Array };
  smooth?: { x: Float64Array; y: Float64Array };
  predictions?: Float64Array;
}

/** Validates one series (shared with the panel grid). Internal. */
export function checkCalibrationSeries(s: CalibrationSeries, i: number): Checked {
  if (typeof s !== 'object' || s === null) throw new SonoriskError('INVALID_ARGUMENT', `Calibration series ${i} must be an object.`);
  const name = seriesName(s.name, i);
  if (!s.bins && !s.smooth) throw new SonoriskError('INVALID_ARGUMENT', `${name}: give bins, smooth, or both.`, { name });
  const out: Checked = { name };
  const unit = { range: [0, 1] as const, finite: true, minLength: 1 };
  if (s.bins) {
    const predicted = numericSeries(s.bins.predicted, 'bins.predicted', name, unit);
    const observed = numericSeries(s.bins.observed, 'bins.observed', name, unit);
    sameLength(name, { 'bins.predicted': predicted, 'bins.observed': observed });
    const b: NonNullable<Checked['bins']> = { predicted, observed };
    if (s.bins.lower !== undefined || s.bins.upper !== undefined) {
      if (s.bins.lower === undefined || s.bins.upper === undefined) throw new SonoriskError('INVALID_ARGUMENT', `${name}: give both bins.lower and bins.upper.`, { name });
      b.lower = numericSeries(s.bins.lower, 'bins.lower', name, unit);
      b.upper = numericSeries(s.bins.upper, 'bins.upper', name, unit);
      sameLength(name, { 'bins.predicted': predicted, 'bins.lower': b.lower, 'bins.upper': b.upper });
    }
    out.bins = b;
  }
  if (s.smooth) {
    const x = numericSeries(s.smooth.x, 'smooth.x', name);
    const y = numericSeries(s.smooth.y, 'smooth.y', name);
    sameLength(name, { 'smooth.x': x, 'smooth.y': y });
    out.smooth = { x, y };
  }
  if (s.predictions !== undefined) out.predictions = numericSeries(s.predictions, 'predictions', name, unit);
  return out;
}

/**
 * A calibration plot as a standalone SVG string: observed event rate against predicted risk,
 * the ideal 45° line, per model the binned points with 95% CI whiskers and the smoothed curve,
 * and under the plot a strip with the histogram of predicted risks (one bar colour per model,
 * bars side by side within a bin). Values beyond `limits` are clipped at the plot edge.
 *
 * @example
 * ```ts
 * const svg = calibrationFigure([{ name: 'R-US', bins: { predicted: [0.1, 0.5, 0.8], observed: [0.12, 0.45, 0.85] } }]);
 * ```
 */
export function calibrationFigure(series: readonly CalibrationSeries[], options: CalibrationFigureOptions = {}): string {
  const list = seriesList<CalibrationSeries>(series, "calibrationFigure").map(checkCalibrationSeries);
  const o = resolveFigureOptions(options, 'Calibration');
  const limits = options.limits ?? [0, 1];
  if (!(Number.isFinite(limits[0]) && Number.isFinite(limits[1]) && limits[0] < limits[1])) {
    throw new SonoriskError('INVALID_ARGUMENT', 'limits must be [lo, hi] with lo < hi.', { limits });
  }
  const nBins = options.histogramBins ?? 50;
  if (!Number.isInteger(nBins) || nBins < 0 || nBins > 500) throw new SonoriskError('INVALID_ARGUMENT', 'histogramBins must be an integer from 0 to 500.', { histogramBins: nBins });
  const withPredictions = list.filter((s) => s.predictions);
  const strip = nBins > 0 && withPredictions.length > 0 ? Math.round(o.fontSize * 3.2) : 0;
  const legendAt = options.legend ?? 'top-left';
  const legendCount = 1 + list.reduce((a, s) => a + (s.smooth ? 1 : 0) + (s.bins ? 1 : 0), 0);
  const f = plotFrame(o, limits, limits, { bottom: strip + legendReserve(legendAt, legendCount, o.fontSize) });
  const data: string[] = [
    `<path class="reference" d="M${svgNum(f.x(limits[0]))} ${svgNum(f.y(limits[0]))}L${svgNum(f.x(limits[1]))} ${svgNum(f.y(limits[1]))}" ${strokeAttrs(REFERENCE_GREY, 1.2, '5 4')}/>`,
  ];
  const legend: LegendItem[] = [{ label: 'Ideal', color: REFERENCE_GREY, kind: 'line', dash: '5 4' }];
  const r = Math.max(2.5, o.fontSize * 0.28);
  list.forEach((s, i) => {
    const { color, dash } = seriesStyle(i);
    const attr = `data-series="${escapeXml(s.name)}"`;
    if (s.smooth) {
      data.push(`<path class="series smooth" ${attr} d="${linePath(s.smooth.x, s.smooth.y, f.x, f.y)}" ${strokeAttrs(color, 2.25, dash)}/>`);
      legend.push({ label: `${s.name}: smoothed`, color, dash, kind: 'line' });
    }
    if (s.bins) {
      const b = s.bins;
      const parts: string[] = [];
      if (b.lower && b.upper) {
        let d = '';
        const cap = r * 0.9;
        for (let k = 0; k < b.predicted.length; k++) {
          const x = f.x(b.predicted[k]!);
          const y0 = f.y(b.lower[k]!);
          const y1 = f.y(b.upper[k]!);
          d += `M${svgNum(x)} ${svgNum(y0)}V${svgNum(y1)}M${svgNum(x - cap)} ${svgNum(y0)}h${svgNum(2 * cap)}M${svgNum(x - cap)} ${svgNum(y1)}h${svgNum(2 * cap)}`;
        }
        parts.push(`<path class="whiskers" d="${d}" ${strokeAttrs(color, 1.3)}/>`);
      }
      for (let k = 0; k < b.predicted.length; k++) {
        parts.push(`<circle cx="${svgNum(f.x(b.predicted[k]!))}" cy="${svgNum(f.y(b.observed[k]!))}" r="${svgNum(r)}" fill="${color}" stroke="#ffffff" stroke-width="0.8"/>`);
      }
      data.push(`<g class="series bins" ${attr}>\n${parts.join('\n')}\n</g>`);
      legend.push({ label: `${s.name}: grouped${b.lower ? ' (95% CI)' : ''}`, color, kind: 'point' });
    }
  });
  let hist = '';
  if (strip > 0) {
    const top = f.top + f.height + 8;
    const h = strip - 12;
    const counts = withPredictions.map((s) => {
      const c = new Array<number>(nBins).fill(0);
      for (const p of s.predictions!) {
        if (p < limits[0] || p > limits[1]) continue;
        const k = Math.min(nBins - 1, Math.floor(((p - limits[0]) / (limits[1] - limits[0])) * nBins));
        c[k]!++;
      }
      return c;
    });
    const max = Math.max(1, ...counts.flat());
    const binW = f.width / nBins;
    const barW = binW / withPredictions.length;
    const parts: string[] = [`<g class="histogram">`, `<path d="M${svgNum(f.left)} ${svgNum(top + h)}H${svgNum(f.left + f.width)}" stroke="#9E9E9E" stroke-width="1"/>`];
    counts.forEach((c, j) => {
      const color = seriesStyle(list.indexOf(withPredictions[j]!)).color;
      let d = '';
      c.forEach((n, k) => {
        if (n === 0) return;
        const bh = (n / max) * h;
        d += `M${svgNum(f.left + k * binW + j * barW)} ${svgNum(top + h)}h${svgNum(barW)}v${svgNum(-bh)}h${svgNum(-barW)}Z`;
      });
      parts.push(`<path data-series="${escapeXml(withPredictions[j]!.name)}" d="${d}" fill="${color}" fill-opacity="0.75"/>`);
    });
    parts.push(
      `<path d="M${svgNum(f.left)} ${svgNum(top)}h-4" stroke="#9E9E9E" stroke-width="1"/>`,
      `<text x="${svgNum(f.left - 6)}" y="${svgNum(top + o.fontSize * 0.75)}" text-anchor="end" font-size="${svgNum(o.fontSize * 0.8)}" fill="#555555">n=${max}</text>`,
      '</g>',
    );
    hist = parts.join('\n') + '\n';
  }
  const body =
    renderAxes(f, { xLabel: 'Predicted risk', yLabel: 'Observed proportion', xAxisOffset: strip }, o) +
    clipToPlot(f, data.join('\n') + '\n') +
    hist +
    renderLegend(legend, f, legendAt, o.fontSize, o.height);
  const description =
    o.description ??
    `Calibration plot of ${list.map((s) => s.name).join(', ')}: observed proportion against predicted risk, both from ${limits[0]} to ${limits[1]}; dashed diagonal: ideal calibration` +
      (strip > 0 ? '; bars under the plot: distribution of predicted risks.' : '.');
  return svgDocument({ width: o.width, height: o.height, title: o.title, description, fontSize: o.fontSize, ...(o.fontFamily ? { fontFamily: o.fontFamily } : {}), body });
}
