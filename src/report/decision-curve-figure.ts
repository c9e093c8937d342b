import { SonoriskError } from '../errors.js';
import { clipMarkers, clipToPlot, plotFrame, renderAxes } from './axis.js';
import { escapeXml } from './escape.js';
import { type FigureOptions, resolveFigureOptions } from './figure-options.js';
import { type LegendItem, type LegendPosition, legendReserve, renderLegend } from './legend.js';
import { OKABE_ITO, REFERENCE_GREY, seriesStyle } from './palette.js';
import { numericSeries, sameLength, seriesList, seriesName } from './series-input.js';
import { linePath, strokeAttrs, svgDocument, svgNum } from './svg.js';
import { niceStep } from './ticks.js';

/**
 * One model's decision curve: net benefit at each threshold probability (thresholds in [0, 1),
 * ascending or not).
 *
 * @example
 * ```ts
 * const s: DecisionCurveSeries = { name: 'R-US', thresholds: [0.1, 0.2, 0.3], netBenefit: [0.24, 0.2, 0.15] };
 * ```
 */
export interface DecisionCurveSeries {
  name: string;
  thresholds: ArrayLike<number>;
  netBenefit: ArrayLike<number>;
}

/**
 * Input to {@link decisionCurveFigure}: the models, and either the treat-all curve or the
 * outcome prevalence from which it is computed (`NB = p − (1 − p)·pt / (1 − pt)`).
 *
 * @example
 * ```ts
 * const input: DecisionCurveInput = { models: [s], prevalence: 0.302 };
 * ```
 */
export interface DecisionCurveInput {
  models: readonly DecisionCurveSeries[];
  treatAll?: { thresholds: ArrayLike<number>; netBenefit: ArrayLike<number> };
  prevalence?: number;
}

/** Options for {@link decisionCurveFigure}. */
export interface DecisionCurveFigureOptions extends FigureOptions {
  /** Legend corner; default `'top-right'`. */
  legend?: LegendPosition;
  /** Threshold axis range; default chosen by the rule in {@link decisionCurveRanges}. */
  thresholdRange?: readonly [number, number];
  /** Net-benefit axis range; default chosen by the rule in {@link decisionCurveRanges}. */
  netBenefitRange?: readonly [number, number];
}

interface Curve {
  name: string;
  t: Float64Array;
  nb: Float64Array;
}

function sortCurve(name: string, thresholds: ArrayLike<number>, netBenefit: ArrayLike<number>): Curve {
  const t = numericSeries(thresholds, 'thresholds', name, { range: [0, 1], finite: true });
  const nb = numericSeries(netBenefit, 'netBenefit', name);
  sameLength(name, { thresholds: t, netBenefit: nb });
  const order = Array.from(t.keys()).sort((a, b) => t[a]! - t[b]!);
  return { name, t: Float64Array.from(order, (k) => t[k]!), nb: Float64Array.from(order, (k) => nb[k]!) };
}

/** Net benefit of a curve at threshold t (linear between its points; NaN outside them). */
function nbAt(m: { t: Float64Array; nb: Float64Array }, t: number): number {
  let k = 0;
  while (k < m.t.length && m.t[k]! < t) k++;
  if (k < m.t.length && m.t[k] === t) return m.nb[k]!;
  if (k === 0 || k === m.t.length) return Number.NaN;
  const f = (t - m.t[k - 1]!) / (m.t[k]! - m.t[k - 1]!);
  return m.nb[k - 1]! + f * (m.nb[k]! - m.nb[k - 1]!);
}

/**
 * The axis ranges {@link decisionCurveFigure} uses unless given. The rule:
 *
 * - thresholds: from the smallest model threshold rounded down to a multiple of 0.1 to `hi`, where `hi` is the threshold
 *   from which every model's net benefit stays ≤ 0 for at least 0.1 (or the largest threshold at
 *   which some model has positive net benefit, if that is earlier), rounded up to the next 0.1
 *   and widened by 0.1, but never beyond the largest threshold given. Past that point no model
 *   helps anyone; isolated positive blips from a few high-risk cases are not worth the axis.
 * - net benefit: top = the largest net benefit of any model or of treat-all inside the threshold
 *   range (at least the prevalence when known), rounded up to a nice step; bottom = the next
 *   multiple of half that step below the lowest model net benefit inside the range, at least −15% and at most
 *   −50% of the top, so where a model turns harmful stays visible. Treat-all falls steeply below
 *   zero at higher thresholds; it does not set the floor and is clipped there (an open triangle
 *   marks where any curve leaves the frame).
 *
 * @example
 * ```ts
 * decisionCurveRanges([{ name: 'm', t: Float64Array.of(0, 0.5), nb: Float64Array.of(0.3, -0.1) }], undefined, 0.3);
 * ```
 */
export function decisionCurveRanges(
  models: readonly { t: Float64Array; nb: Float64Array }[],
  treatAll: { t: Float64Array; nb: Float64Array } | undefined,
  prevalence: number | undefined,
): { x: [number, number]; y: [number, number] } {
  let tMin = Infinity;
  let tMax = -Infinity;
  let lastPositive = -Infinity;
  for (const m of models) {
    for (let i = 0; i < m.t.length; i++) {
      const t = m.t[i]!;
      tMin = Math.min(tMin, t);
      tMax = Math.max(tMax, t);
      if (m.nb[i]! > 0) lastPositive = Math.max(lastPositive, t);
    }
  }
  // the curves' useful range ends where every model's net benefit has dropped to ≤ 0 and stays
  // there for 0.1 (noise from a handful of high-risk cases beyond that is not shown)
  const grid = [...new Set(models.flatMap((m) => [...m.t]))].sort((a, b) => a - b);
  const envelope = grid.map((t) => Math.max(...models.map((m) => nbAt(m, t))));
  let settle = Number.POSITIVE_INFINITY;
  for (let i = 0; i < grid.length && !Number.isFinite(settle); i++) {
    if (!(envelope[i]! <= 0)) continue;
    let stays = true;
    for (let j = i; j < grid.length && grid[j]! <= grid[i]! + 0.1; j++) if (envelope[j]! > 0) stays = false;
    if (stays && grid[grid.length - 1]! >= grid[i]! + 0.1) settle = grid[i]!;
  }
  const end = Math.min(lastPositive, settle);
  let hi = Number.isFinite(end) ? Math.min(tMax, Math.ceil(end * 10 - 1e-9) / 10 + 0.1) : tMax;
  if (!(hi > Math.floor(tMin * 10 + 1e-9) / 10)) hi = Math.min(1, Math.floor(tMin * 10 + 1e-9) / 10 + 0.1);
  const lo = Math.floor(tMin * 10 + 1e-9) / 10;
  const x: [number, number] = [lo, Number(hi.toFixed(6))];
  let top = prevalence ?? 0;
  const consider = (c: { t: Float64Array; nb: Float64Array }): void => {
    for (let i = 0; i < c.t.length; i++) if (c.t[i]! >= x[0] && c.t[i]! <= x[1] && Number.isFinite(c.nb[i]!)) top = Math.max(top, c.nb[i]!);
  };
  for (const m of models) consider(m);
  if (treatAll) consider(treatAll);
  if (!(top > 0)) top = 0.1;
  const step = niceStep(top, 5);
  const yTop = Number((Math.ceil(top / step - 1e-9) * step).toFixed(10));
  // floor: deep enough to show where a model's net benefit turns negative (down to half the top),
  // never less than 15% of the top; treat-all, which plunges at high thresholds, does not set it
  let low = 0;
  for (const m of models) for (let i = 0; i < m.t.length; i++) if (m.t[i]! >= x[0] && m.t[i]! <= x[1] && Number.isFinite(m.nb[i]!)) low = Math.min(low, m.nb[i]!);
  const half = step / 2;
  const floor = Math.max(-0.5 * yTop, Math.min(-0.15 * yTop, Math.floor(low / half - 1e-9) * half));
  return { x, y: [Number(floor.toFixed(10)), yTop] };
}

/**
 * Decision curves as a standalone SVG string: net benefit against threshold probability for each
 * model, plus "Treat all" and "Treat none" (net benefit 0) reference strategies. The axis ranges
 * follow {@link decisionCurveRanges} unless set in options; curves beyond them are clipped.
 *
 * @example
 * ```ts
 * const svg = decisionCurveFigure({
 *   models: [{ name: 'R-US', thresholds: [0.05, 0.2, 0.4, 0.6], netBenefit: [0.27, 0.2, 0.1, 0.02] }],
 *   prevalence: 0.302,
 * });
 * ```
 */
export function decisionCurveFigure(input: DecisionCurveInput, options: DecisionCurveFigureOptions = {}): string {
  if (typeof input !== 'object' || input === null) throw new SonoriskError('INVALID_ARGUMENT', 'decisionCurveFigure expects { models, treatAll? | prevalence? }.');
  const models = seriesList<DecisionCurveSeries>(input.models, 'decisionCurveFigure').map((m, i) => sortCurve(seriesName(m?.name, i), m.thresholds, m.netBenefit));
  const p = input.prevalence;
  if (p !== undefined && !(Number.isFinite(p) && p > 0 && p < 1)) throw new SonoriskError('INVALID_ARGUMENT', `prevalence must lie in (0, 1), got ${String(p)}.`, { prevalence: p });
  if (!input.treatAll && p === undefined) throw new SonoriskError('INVALID_ARGUMENT', 'Give treatAll or prevalence so the "Treat all" strategy can be drawn.');
  let treatAll = input.treatAll ? sortCurve('Treat all', input.treatAll.thresholds, input.treatAll.netBenefit) : undefined;
  const auto = decisionCurveRanges(models, treatAll, p);
  const xr = options.thresholdRange ?? auto.x;
  const yr = options.netBenefitRange ?? auto.y;
  for (const [name, r] of [['thresholdRange', xr], ['netBenefitRange', yr]] as const) {
    if (!(Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[0] < r[1])) throw new SonoriskError('INVALID_ARGUMENT', `${name} must be [lo, hi] with lo < hi.`, { [name]: r });
  }
  if (!treatAll && p !== undefined) {
    const n = 201;
    const t = Float64Array.from({ length: n }, (_, i) => Math.min(xr[0] + ((xr[1] - xr[0]) * i) / (n - 1), 0.999));
    treatAll = { name: 'Treat all', t, nb: t.map((pt) => p - ((1 - p) * pt) / (1 - pt)) };
  }
  const o = resolveFigureOptions(options, 'Decision curves');
  const legendAt = options.legend ?? 'top-right';
  const f = plotFrame(o, xr, yr, { bottom: legendReserve(legendAt, models.length + 2, o.fontSize) });
  const data: string[] = [];
  data.push(`<path class="reference treat-none" d="M${svgNum(f.x(xr[0]))} ${svgNum(f.y(0))}H${svgNum(f.x(xr[1]))}" ${strokeAttrs(OKABE_ITO.black, 1.6)}/>`);
  data.push(`<path class="reference treat-all" d="${linePath(treatAll!.t, treatAll!.nb, f.x, f.y)}" ${strokeAttrs(REFERENCE_GREY, 1.6, '5 4')}/>`);
  let markers = clipMarkers(f, treatAll!.t, treatAll!.nb, REFERENCE_GREY);
  models.forEach((m, i) => {
    const { color, dash } = seriesStyle(i);
    data.push(`<path class="series" data-series="${escapeXml(m.name)}" d="${linePath(m.t, m.nb, f.x, f.y)}" ${strokeAttrs(color, 2.25, dash)}/>`);
    markers += clipMarkers(f, m.t, m.nb, color);
  });
  const legend: LegendItem[] = [
    ...models.map((m, i) => ({ label: m.name, ...seriesStyle(i), kind: 'line' as const })),
    { label: 'Treat all', color: REFERENCE_GREY, dash: '5 4', kind: 'line' },
    { label: 'Treat none', color: OKABE_ITO.black, kind: 'line' },
  ];
  const body =
    renderAxes(f, { xLabel: 'Threshold probability', yLabel: 'Net benefit' }, o) +
    clipToPlot(f, data.join('\n') + '\n') +
    markers +
    renderLegend(legend, f, legendAt, o.fontSize, o.height);
  const description =
    o.description ??
    `Decision curves of ${models.map((m) => m.name).join(', ')} with treat-all and treat-none strategies; x axis: threshold probability from ${xr[0]} to ${xr[1]}; y axis: net benefit from ${svgNum(yr[0])} to ${svgNum(yr[1])}.`;
  return svgDocument({ width: o.width, height: o.height, title: o.title, description, fontSize: o.fontSize, ...(o.fontFamily ? { fontFamily: o.fontFamily } : {}), body });
}
