import { SonoriskError } from '../errors.js';
import { clipToPlot, plotFrame, renderAxes } from './axis.js';
import { type FigureOptions, resolveFigureOptions } from './figure-options.js';
import { formatCI, formatNumber } from './format.js';
import { type LegendItem, type LegendPosition, legendReserve, renderLegend } from './legend.js';
import { REFERENCE_GREY, seriesStyle } from './palette.js';
import { numericSeries, sameLength, seriesList, seriesName } from './series-input.js';
import { escapeXml } from './escape.js';
import { linePath, strokeAttrs, svgDocument, svgNum } from './svg.js';

/**
 * One model's ROC curve: false-positive rate (1 − specificity) and true-positive rate
 * (sensitivity) per threshold, both in [0, 1], with optional AUC, its 95% CI and a pointwise
 * confidence band for sensitivity (e.g. pROC `ci.se`) drawn as a shaded area.
 *
 * @example
 * ```ts
 * const s: RocCurveSeries = { name: 'R-US', fpr: [0, 0.1, 1], tpr: [0, 0.8, 1], auc: 0.93, ci: [0.88, 0.97] };
 * ```
 */
export interface RocCurveSeries {
  name: string;
  fpr: ArrayLike<number>;
  tpr: ArrayLike<number>;
  auc?: number;
  ci?: readonly [number, number];
  band?: { fpr: ArrayLike<number>; lower: ArrayLike<number>; upper: ArrayLike<number> };
}

/** Options for {@link rocFigure}. */
export interface RocFigureOptions extends FigureOptions {
  /** Legend corner; default `'bottom-right'`. */
  legend?: LegendPosition;
  /** Decimals of the AUC and CI in the legend; default 2. */
  aucDigits?: number;
  /** Draw the chance diagonal; default true. */
  diagonal?: boolean;
}

interface CheckedRoc {
  name: string;
  fpr: Float64Array;
  tpr: Float64Array;
  auc: number | undefined;
  ci: readonly [number, number] | undefined;
  band: { fpr: Float64Array; lower: Float64Array; upper: Float64Array } | undefined;
}

function checkSeries(s: RocCurveSeries, i: number): CheckedRoc {
  if (typeof s !== 'object' || s === null) throw new SonoriskError('INVALID_ARGUMENT', `ROC series ${i} must be an object { name, fpr, tpr }.`);
  const name = seriesName(s.name, i);
  const unit = { range: [0, 1] as const, finite: true };
  const fpr = numericSeries(s.fpr, 'fpr', name, unit);
  const tpr = numericSeries(s.tpr, 'tpr', name, unit);
  sameLength(name, { fpr, tpr });
  // Sort by (fpr, tpr) so a curve given in either threshold order draws as one monotone line.
  const order = Array.from(fpr.keys()).sort((a, b) => fpr[a]! - fpr[b]! || tpr[a]! - tpr[b]!);
  const sf = Float64Array.from(order, (k) => fpr[k]!);
  const st = Float64Array.from(order, (k) => tpr[k]!);
  if (s.auc !== undefined && !(Number.isFinite(s.auc) && s.auc >= 0 && s.auc <= 1)) {
    throw new SonoriskError('INVALID_ARGUMENT', `${name}: auc must lie in [0, 1], got ${String(s.auc)}.`, { name, auc: s.auc });
  }
  // a CI that R reports as NA (NaN bounds, e.g. DeLong with one event) draws no CI in the legend
  let ci = s.ci;
  if (ci !== undefined && Array.isArray(ci) && ci.length === 2 && (Number.isNaN(ci[0]) || Number.isNaN(ci[1]))) ci = undefined;
  if (ci !== undefined) {
    const [lo, hi] = ci;
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo >= 0 && hi <= 1 && lo <= hi)) {
      throw new SonoriskError('INVALID_ARGUMENT', `${name}: ci must be [lower, upper] with 0 <= lower <= upper <= 1.`, { name, ci: s.ci });
    }
  }
  let band: CheckedRoc['band'];
  if (s.band !== undefined) {
    const bf = numericSeries(s.band.fpr, 'band.fpr', name, unit);
    const lower = numericSeries(s.band.lower, 'band.lower', name, unit);
    const upper = numericSeries(s.band.upper, 'band.upper', name, unit);
    sameLength(name, { 'band.fpr': bf, 'band.lower': lower, 'band.upper': upper });
    band = { fpr: bf, lower, upper };
  }
  return { name, fpr: sf, tpr: st, auc: s.auc, ci, band };
}

/**
 * The legend text of a ROC series: `R-US: AUC 0.93 (0.88–0.97)`.
 *
 * @example
 * ```ts
 * rocLegendLabel({ name: 'R-US', auc: 0.931, ci: [0.884, 0.972] }, 2); // 'R-US: AUC 0.93 (0.88–0.97)'
 * ```
 */
export function rocLegendLabel(s: { name: string; auc?: number | undefined; ci?: readonly [number, number] | undefined }, digits = 2): string {
  if (s.auc === undefined) return s.name;
  const ci = s.ci ? ` (${formatCI(s.ci[0], s.ci[1], { digits })})` : '';
  return `${s.name}: AUC ${formatNumber(s.auc, { digits })}${ci}`;
}

/**
 * ROC curves of one or more models as a standalone SVG string: square-ish plot of sensitivity
 * against 1 − specificity on [0, 1] × [0, 1], one `<path class="series">` per model (Okabe–Ito
 * colour plus a dash pattern), optional shaded CI bands, the chance diagonal, and a legend
 * with "AUC (95% CI)". Output is deterministic.
 *
 * Throws `SonoriskError` for an empty list (`EMPTY_INPUT`), mismatched lengths
 * (`LENGTH_MISMATCH`), non-finite values (`NON_FINITE`) or rates outside [0, 1].
 *
 * @example
 * ```ts
 * const svg = rocFigure([
 *   { name: 'R-US', fpr: [0, 0.1, 0.3, 1], tpr: [0, 0.7, 0.95, 1], auc: 0.93, ci: [0.88, 0.97] },
 *   { name: 'R-CEUS', fpr: [0, 0.2, 0.4, 1], tpr: [0, 0.6, 0.9, 1], auc: 0.91 },
 * ], { width: 480, height: 480 });
 * ```
 */
export function rocFigure(series: readonly RocCurveSeries[], options: RocFigureOptions = {}): string {
  const list = seriesList<RocCurveSeries>(series, 'rocFigure').map(checkSeries);
  const o = resolveFigureOptions(options, 'ROC curves');
  const digits = options.aucDigits ?? 2;
  const legendAt = options.legend ?? 'bottom-right';
  const f = plotFrame(o, [0, 1], [0, 1], { bottom: legendReserve(legendAt, list.length, o.fontSize) });
  const data: string[] = [];
  list.forEach((s, i) => {
    if (!s.band) return;
    const { color } = seriesStyle(i);
    const up = linePath(s.band.fpr, s.band.upper, f.x, f.y);
    const rev = (a: Float64Array): Float64Array => a.slice().reverse();
    const down = linePath(rev(s.band.fpr), rev(s.band.lower), f.x, f.y).replace(/^M/, 'L');
    data.push(`<path class="band" data-series="${escapeXml(s.name)}" d="${up}${down}Z" fill="${color}" fill-opacity="0.14" stroke="none"/>`);
  });
  if (options.diagonal ?? true) {
    data.push(`<path class="reference" d="M${svgNum(f.x(0))} ${svgNum(f.y(0))}L${svgNum(f.x(1))} ${svgNum(f.y(1))}" ${strokeAttrs(REFERENCE_GREY, 1.2, '5 4')}/>`);
  }
  list.forEach((s, i) => {
    const { color, dash } = seriesStyle(i);
    data.push(`<path class="series" data-series="${escapeXml(s.name)}" d="${linePath(s.fpr, s.tpr, f.x, f.y)}" ${strokeAttrs(color, 2.25, dash)}/>`);
  });
  const legend: LegendItem[] = list.map((s, i) => ({ label: rocLegendLabel(s, digits), ...seriesStyle(i), kind: 'line' as const }));
  const body =
    renderAxes(f, { xLabel: '1 \u2212 Specificity (false-positive rate)', yLabel: 'Sensitivity (true-positive rate)' }, o) +
    clipToPlot(f, data.join('\n') + '\n') +
    renderLegend(legend, f, legendAt, o.fontSize, o.height);
  const description =
    o.description ??
    `ROC curves of ${list.length} model${list.length > 1 ? 's' : ''}: ${list.map((s) => rocLegendLabel(s, digits)).join('; ')}. ` +
      'x axis: 1 minus specificity from 0 to 1; y axis: sensitivity from 0 to 1; dashed diagonal: chance.';
  return svgDocument({ width: o.width, height: o.height, title: o.title, description, fontSize: o.fontSize, ...(o.fontFamily ? { fontFamily: o.fontFamily } : {}), body });
}
