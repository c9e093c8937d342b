import { describe, expect, it } from 'vitest';
import {
  calibrationFigure,
  calibrationGridFigure,
  decisionCurveFigure,
  decisionCurveRanges,
  type RocCurveSeries,
  rocFigure,
  timeIntensityFigure,
} from '../../src/report/index.js';
import { demoCalibration, demoDecisionCurve, demoRoc, demoTimeIntensity } from './demo.js';
import { assertWellFormed, attr, textsIn, withClass } from './svg-check.js';

const sonoriskError = (code: string) => expect.objectContaining({ name: 'SonoriskError', code });

const tiny: RocCurveSeries[] = [
  { name: 'A <&> "model"', fpr: [0, 0.25, 0.5, 1], tpr: [0, 0.5, 0.75, 1], auc: 0.8125, ci: [0.7, 0.92] },
  { name: 'B', fpr: [1, 0.5, 0], tpr: [1, 0.5, 0] },
];

describe('rocFigure', () => {
  const svg = rocFigure(demoRoc(), { width: 520, height: 500 });

  it('matches the snapshots and is byte-identical on re-render', async () => {
    await expect(svg).toMatchFileSnapshot('./__snapshots__/roc.svg');
    await expect(rocFigure(tiny, { width: 320, height: 300, fontSize: 11 })).toMatchFileSnapshot('./__snapshots__/roc-tiny.svg');
    expect(rocFigure(demoRoc(), { width: 520, height: 500 })).toBe(svg);
  });

  it('is accessible, well formed and sized by options', () => {
    assertWellFormed(svg);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="520" height="500" viewBox="0 0 520 500" role="img"/);
    expect(svg).toContain('role="img" aria-label="ROC curves"');
    expect(withClass(svg, 'plot').map((t) => attr(t, 'aria-hidden'))).toEqual(['true']);
    expect(svg).toMatch(/<title>ROC curves<\/title>\n<desc>ROC curves of 4 models: R-US: AUC 0\.\d\d/);
    const custom = rocFigure(tiny, { width: 300, height: 260, title: 'Validation set' });
    expect(custom).toContain('width="300" height="260"');
    expect(custom).toContain('<title>Validation set</title>');
  });

  it('draws one path per model, the diagonal, a band and a legend with AUC (95% CI)', () => {
    const series = withClass(svg, 'series');
    expect(series.map((t) => attr(t, 'data-series'))).toEqual(['R-US', 'R-CEUS', 'R-CEUS2', 'R-CEUS45']);
    expect(new Set(series.map((t) => attr(t, 'stroke'))).size).toBe(4);
    expect(withClass(svg, 'band')).toHaveLength(1);
    expect(withClass(svg, 'reference')).toHaveLength(1);
    const legend = textsIn(svg, 'legend');
    expect(legend).toHaveLength(4);
    for (const l of legend) expect(l).toMatch(/^R-[A-Z0-9]+: AUC 0\.\d\d \(0\.\d\d–[01]\.\d\d\)$/);
  });

  it('spans [0, 1] on both axes: the diagonal runs corner to corner of the frame', () => {
    expect(textsIn(svg, 'axis x').slice(0, 6)).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    expect(textsIn(svg, 'axis y').slice(0, 6)).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    const frame = withClass(svg, 'frame')[0]!;
    const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((k) => Number(attr(frame, k)));
    expect(attr(withClass(svg, 'reference')[0]!, 'd')).toBe(`M${x} ${Number((y! + h!).toFixed(2))}L${Number((x! + w!).toFixed(2))} ${y}`);
  });

  it("puts the legend below the axis when asked (room reserved, never over data) and rejects unknown positions", () => {
    const s = rocFigure(tiny, { width: 320, height: 420, legend: 'below' });
    assertWellFormed(s);
    const frame = withClass(s, 'frame')[0]!;
    const frameBottom = Number(attr(frame, 'y')) + Number(attr(frame, 'height'));
    const box = /<g class="legend"[^>]*>\n<rect ([^>]*)>/.exec(s)![1]!;
    const top = Number(/y="([\d.]+)"/.exec(box)![1]);
    const bottom = top + Number(/height="([\d.]+)"/.exec(box)![1]);
    expect(top).toBeGreaterThan(frameBottom + 30); // below the tick labels and axis title
    expect(bottom).toBeLessThanOrEqual(420);
    expect(Number(attr(frame, 'height'))).toBeLessThan(Number(attr(withClass(rocFigure(tiny, { width: 320, height: 420 }), 'frame')[0]!, 'height')));
    expect(() => rocFigure(tiny, { legend: 'middle' as 'below' })).toThrow(sonoriskError('INVALID_ARGUMENT'));
  });

  it('escapes names and sorts points given in either threshold order', () => {
    const s = rocFigure(tiny);
    assertWellFormed(s);
    expect(s).toContain('data-series="A &lt;&amp;&gt; &quot;model&quot;"');
    expect(textsIn(s, 'legend')).toEqual(['A &lt;&amp;&gt; &quot;model&quot;: AUC 0.81 (0.70–0.92)', 'B']);
    const b = withClass(s, 'series')[1]!;
    expect(attr(b, 'd')!.startsWith('M')).toBe(true);
    const xs = [...attr(b, 'd')!.matchAll(/[ML]([\d.]+) /g)].map((m) => Number(m[1]));
    expect(xs).toEqual([...xs].sort((p, q) => p - q));
  });

  it('rejects bad input with SonoriskError, never a broken SVG', () => {
    expect(() => rocFigure([])).toThrow(sonoriskError('EMPTY_INPUT'));
    expect(() => rocFigure([{ name: 'x', fpr: [0, 1], tpr: [0, 0.5, 1] }])).toThrow(sonoriskError('LENGTH_MISMATCH'));
    expect(() => rocFigure([{ name: 'x', fpr: [Number.NaN, Number.NaN], tpr: [Number.NaN, Number.NaN] }])).toThrow(sonoriskError('NON_FINITE'));
    expect(() => rocFigure([{ name: 'x', fpr: [0, 1.5], tpr: [0, 1] }])).toThrow(sonoriskError('INVALID_ARGUMENT'));
    expect(() => rocFigure([{ name: '', fpr: [0, 1], tpr: [0, 1] }])).toThrow(sonoriskError('INVALID_ARGUMENT'));
    expect(() => rocFigure([{ name: 'x', fpr: [0, 1], tpr: [0, 1], auc: 2 }])).toThrow(sonoriskError('INVALID_ARGUMENT'));
    expect(() => rocFigure([{ name: 'x', fpr: [0, 1], tpr: [0, 1], band: { fpr: [0, 1], lower: [0], upper: [0, 1] } }])).toThrow(sonoriskError('EMPTY_INPUT'));
    expect(() => rocFigure([{ name: 'x', fpr: [0, 1], tpr: [0, 1] }], { width: 10 })).toThrow(sonoriskError('INVALID_ARGUMENT'));
    expect(() => rocFigure(null as unknown as RocCurveSeries[])).toThrow(sonoriskError('INVALID_ARGUMENT'));
    expect(() => rocFigure([{ name: 'x', fpr: ['0', 1], tpr: [0, 1] } as unknown as RocCurveSeries])).toThrow(sonoriskError('INVALID_ARGUMENT'));
  });
});

describe('calibrationGridFigure', () => {
  const series = demoCalibration();
  const leaving = { name: 'Leaves', smooth: { x: [0, 0.5, 0.8, 1], y: [0.2, 0.9, 1.4, 0.7] }, bins: { predicted: [0.3], observed: [0.5] } };
  const svg = calibrationGridFigure([...series, leaving]);

  it('draws one panel per model on shared axes, tick labels on the outer panels only', () => {
    assertWellFormed(svg);
    expect(svg.match(/<g class="panel"/g)).toHaveLength(series.length + 1);
    expect([...svg.matchAll(/<text class="panel-title"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])).toEqual([...series.map((s) => s.name), 'Leaves']);
    // y tick labels once per row, x tick labels once per column
    const cols = series.length + 1 <= 4 ? 2 : 3;
    expect(svg.match(/<g class="axis y"/g)).toHaveLength(Math.ceil((series.length + 1) / cols));
    expect(svg.match(/<g class="axis x"/g)).toHaveLength(Math.min(cols, series.length + 1));
    expect(calibrationGridFigure([...series, leaving])).toBe(svg);
  });

  it('marks where a curve leaves the frame', () => {
    expect(svg.match(/class="clip-marker"/g)).toHaveLength(1);
    expect(calibrationGridFigure(series).match(/class="clip-marker"/g) ?? []).toHaveLength(0);
  });

  it('rejects bad input', () => {
    expect(() => calibrationGridFigure([])).toThrow(sonoriskError('EMPTY_INPUT'));
    expect(() => calibrationGridFigure(series, { columns: 0 })).toThrow(sonoriskError('INVALID_ARGUMENT'));
    expect(() => calibrationGridFigure(series, { limits: [1, 0] })).toThrow(sonoriskError('INVALID_ARGUMENT'));
    expect(() => calibrationGridFigure(series, { histogramBins: -1 })).toThrow(sonoriskError('INVALID_ARGUMENT'));
  });
});

describe('calibrationFigure', () => {
  const svg = calibrationFigure(demoCalibration(), { width: 520, height: 520 });

  it('matches the snapshot and is deterministic', async () => {
    await expect(svg).toMatchFileSnapshot('./__snapshots__/calibration.svg');
    expect(calibrationFigure(demoCalibration(), { width: 520, height: 520 })).toBe(svg);
    assertWellFormed(svg);
  });

  it('draws per model a smoothed path and a group of binned points with whiskers, an ideal line and the histogram', () => {
    expect(withClass(svg, 'smooth').map((t) => attr(t, 'data-series'))).toEqual(['R-US', 'R-CEUS45']);
    expect(withClass(svg, 'bins').map((t) => attr(t, 'data-series'))).toEqual(['R-US', 'R-CEUS45']);
    expect(withClass(svg, 'whiskers')).toHaveLength(2);
    expect((svg.match(/<circle /g) ?? []).length).toBe(5 + 5 + 2); // 5 bins per model + 2 legend swatches
    expect(withClass(svg, 'reference')).toHaveLength(1);
    expect(withClass(svg, 'histogram')).toHaveLength(1);
    expect(textsIn(svg, 'legend')).toEqual(['Ideal', 'R-US: smoothed', 'R-US: grouped (95% CI)', 'R-CEUS45: smoothed', 'R-CEUS45: grouped (95% CI)']);
    expect(textsIn(svg, 'axis x').slice(0, 6)).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
  });

  it('omits the strip without predictions and rejects bad input', () => {
    const s = calibrationFigure([{ name: 'm', bins: { predicted: [0.2, 0.6], observed: [0.25, 0.5] } }]);
    expect(withClass(s, 'histogram')).toHaveLength(0);
    assertWellFormed(s);
    expect(() => calibrationFigure([])).toThrow(sonoriskError('EMPTY_INPUT'));
    expect(() => calibrationFigure([{ name: 'm' }])).toThrow(sonoriskError('INVALID_ARGUMENT'));
    expect(() => calibrationFigure([{ name: 'm', bins: { predicted: [0.2, 0.6], observed: [0.25] } }])).toThrow(sonoriskError('LENGTH_MISMATCH'));
    expect(() => calibrationFigure([{ name: 'm', smooth: { x: [Number.NaN, Number.NaN], y: [Number.NaN, Number.NaN] } }])).toThrow(sonoriskError('NON_FINITE'));
    expect(() => calibrationFigure([{ name: 'm', bins: { predicted: [0.2], observed: [0.3], lower: [0.1] } }])).toThrow(sonoriskError('INVALID_ARGUMENT'));
    expect(() => calibrationFigure([{ name: 'm', bins: { predicted: [0.2], observed: [0.3] }, predictions: [0.5, 1.5] }])).toThrow(sonoriskError('INVALID_ARGUMENT'));
  });
});

describe('decisionCurveFigure', () => {
  const input = demoDecisionCurve();
  const svg = decisionCurveFigure(input, { width: 520, height: 440 });

  it('matches the snapshot and is deterministic', async () => {
    await expect(svg).toMatchFileSnapshot('./__snapshots__/decision-curve.svg');
    expect(decisionCurveFigure(demoDecisionCurve(), { width: 520, height: 440 })).toBe(svg);
    assertWellFormed(svg);
  });

  it('draws one path per model plus treat-all and treat-none, with the legend', () => {
    expect(withClass(svg, 'series').map((t) => attr(t, 'data-series'))).toEqual(['R-US', 'R-CEUS', 'R-CEUS2', 'R-CEUS45']);
    expect(withClass(svg, 'treat-all')).toHaveLength(1);
    expect(withClass(svg, 'treat-none')).toHaveLength(1);
    expect(textsIn(svg, 'legend')).toEqual(['R-US', 'R-CEUS', 'R-CEUS2', 'R-CEUS45', 'Treat all', 'Treat none']);
  });

  it('chooses the ranges by the documented rule', () => {
    // Hand-checked (rule in decisionCurveRanges' doc): a model positive up to t = 0.33 → hi = ceil(3.3)/10 + 0.1 = 0.5 (< max threshold 0.9);
    // lo = floor(0.05 × 10)/10 = 0; top = max(prevalence 0.3, NB 0.28) = 0.3 → nice step 0.05 → 0.3;
    // bottom: lowest model NB in [0, 0.5] is −0.05 → next multiple of half a step (0.025) below it = −0.075,
    // inside [−50%, −15%] of the top.
    const t = Float64Array.of(0.05, 0.2, 0.33, 0.5, 0.9);
    const r = decisionCurveRanges([{ t, nb: Float64Array.of(0.28, 0.1, 0.01, -0.05, -0.5) }], undefined, 0.3);
    expect(r).toEqual({ x: [0, 0.5], y: [-0.075, 0.3] });
    // a model that dips deep is shown down to −50% of the top, no further; treat-all never sets the floor
    const deep = decisionCurveRanges([{ t, nb: Float64Array.of(0.28, 0.1, 0.01, -0.5, -0.6) }], { t, nb: Float64Array.of(0.25, 0.1, -2, -3, -9) }, 0.3);
    expect(deep.y).toEqual([-0.15, 0.3]);
    // a positive blip far beyond the point where every model turned ≤ 0 does not stretch the axis
    const t2 = Float64Array.from({ length: 100 }, (_, i) => i / 100);
    const blip = decisionCurveRanges([{ t: t2, nb: t2.map((x) => (x < 0.4 ? 0.35 - x : x === 0.95 ? 0.01 : -0.05)) }], undefined, 0.3);
    expect(blip.x).toEqual([0, 0.5]);
    // The demo: R-US keeps NB > 0 to the last thresholds, so the range runs to the largest threshold given.
    expect(textsIn(svg, 'axis x').slice(0, -1)).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8']);
    // Treat-all is clipped: its path leaves the plot, which is a nested <svg overflow="hidden">.
    expect(svg).toContain('<svg class="plot"');
    expect(svg).toContain('overflow="hidden"');
  });

  it('uses the treat-all curve when given and rejects bad input', () => {
    const s = decisionCurveFigure({ models: input.models.slice(0, 1), treatAll: { thresholds: [0.1, 0.2], netBenefit: [0.2, 0.1] } });
    assertWellFormed(s);
    expect(() => decisionCurveFigure({ models: [] , prevalence: 0.3 })).toThrow(sonoriskError('EMPTY_INPUT'));
    expect(() => decisionCurveFigure({ models: input.models })).toThrow(sonoriskError('INVALID_ARGUMENT'));
    expect(() => decisionCurveFigure({ models: input.models, prevalence: 1.2 })).toThrow(sonoriskError('INVALID_ARGUMENT'));
    expect(() => decisionCurveFigure({ models: [{ name: 'm', thresholds: [0.1, 0.2, 0.3], netBenefit: [0.1, 0.05] }], prevalence: 0.3 })).toThrow(sonoriskError('LENGTH_MISMATCH'));
    expect(() => decisionCurveFigure({ models: [{ name: 'm', thresholds: [0.1, 0.2], netBenefit: [Number.NaN, Number.NaN] }], prevalence: 0.3 })).toThrow(sonoriskError('NON_FINITE'));
    expect(() => decisionCurveFigure({ models: input.models, prevalence: 0.3 }, { thresholdRange: [0.5, 0.1] })).toThrow(sonoriskError('INVALID_ARGUMENT'));
  });
});

describe('timeIntensityFigure', () => {
  const svg = timeIntensityFigure(demoTimeIntensity(), { width: 760, height: 420 });

  it('matches the snapshot and is deterministic', async () => {
    await expect(svg).toMatchFileSnapshot('./__snapshots__/time-intensity.svg');
    expect(timeIntensityFigure(demoTimeIntensity(), { width: 760, height: 420 })).toBe(svg);
    assertWellFormed(svg);
  });

  it('shades and labels each phase window, marks arrival, breaks the line at gaps', () => {
    expect(withClass(svg, 'phase').map((t) => attr(t, 'data-phase'))).toEqual(['arterial', 'portal', 'dual']);
    expect(textsIn(svg, 'phase-labels')).toEqual(['arterial (0–45 s)', 'portal (46–120 s)', 'dual (0–60 s)']);
    expect(withClass(svg, 'arrival')).toHaveLength(1);
    const measured = attr(withClass(svg, 'series')[0]!, 'd')!;
    expect(measured.match(/M/g)).toHaveLength(2); // one NaN gap → two sub-paths
    expect(textsIn(svg, 'legend')).toEqual(['Lesion ROI', 'Lognormal fit', 'Arrival 11.5 s']);
    expect(textsIn(svg, 'axis x').slice(0, -1)).toEqual(['0', '20', '40', '60', '80', '100', '120']);
  });

  it('runs an open-ended window to the last frame and rejects bad input', () => {
    const s = timeIntensityFigure({ t: [0, 10, 20], intensity: [1, 5, 3], windows: [{ name: 'bmode', start: 0, end: Number.POSITIVE_INFINITY }] });
    assertWellFormed(s);
    expect(textsIn(s, 'phase-labels')).toEqual(['bmode (0–end)']);
    expect(() => timeIntensityFigure({ t: [0, 1, 2], intensity: [Number.NaN, Number.NaN, Number.NaN] })).toThrow(sonoriskError('NON_FINITE'));
    expect(() => timeIntensityFigure({ t: [0, 1, 2], intensity: [1, 2] })).toThrow(sonoriskError('LENGTH_MISMATCH'));
    expect(() => timeIntensityFigure({ t: [0, 2, 1], intensity: [1, 2, 3] })).toThrow(sonoriskError('INVALID_ARGUMENT'));
    expect(() => timeIntensityFigure({ t: [], intensity: [] })).toThrow(sonoriskError('EMPTY_INPUT'));
    expect(() => timeIntensityFigure({ t: [0, 1], intensity: [1, 2], windows: [{ name: 'x', start: 5, end: 1 }] })).toThrow(sonoriskError('INVALID_ARGUMENT'));
    expect(() => timeIntensityFigure({ t: [0, 1], intensity: [1, 2], arrival: Number.NaN })).toThrow(sonoriskError('NON_FINITE'));
  });
});
