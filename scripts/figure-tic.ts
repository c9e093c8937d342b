/**
 * Writes docs/figures/tic.svg: the TIC figure from a simulated dual-display CEUS case run through
 * the perfusion steps of sonorisk (box tracked on the B-mode pane, TIC on the CEUS pane, lognormal
 * fit, arrival and injection estimate with the default 15 s delay, the method's phase windows).
 * Not part of `npm test`. Render it to PNG with headless Chromium:
 *
 *   npx tsx scripts/figure-tic.ts
 *   /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
 *     --disable-component-update --no-first-run --window-size=760,420 \
 *     --screenshot=docs/figures/tic.png file://$PWD/docs/figures/tic.svg
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { PHASES, detectArrival, fitLognormal, timeIntensityCurve } from '../src/phases/index.js';
import { openDicomCine, trackRoi } from '../src/preprocess/index.js';
import { timeIntensityFigure, timeIntensitySeriesFrom } from '../src/report/index.js';
import { simulateCase } from '../src/simulate/index.js';

const sim = simulateCase({ render: { layout: 'dual' }, ceus: { durationS: 130, fps: 2, injectionTimeS: 4 }, covariates: { earlyWashout: true, echoPattern: 'hypo', sizeMm: 30 } }, { seed: 2 });
const truth = sim.truth.ceus;
const cine = await openDicomCine(sim.ceus);
// A box inside the lesion on frame 0, on the contrast pane (file pixels).
const p = sim.params;
const s = truth.pixelSpacingMm;
const cx = truth.region.x0 + Math.round(p.lesion.centreXMm / s);
const cy = truth.region.y0 + Math.round(p.lesion.centreDepthMm / s);
const hb = Math.floor((0.5 * Math.min(p.lesion.radiusXMm, p.lesion.radiusYMm)) / s);
const box = { x0: cx - hb, y0: cy - hb, x1: cx + hb, y1: cy + hb };
const tracked = await trackRoi(cine, box, { search: { x: 8, y: 8 }, dual: true, referenceFrame: 0 });
const tic = await timeIntensityCurve(cine, tracked.boxes, { frames: tracked.frames });
const fit = fitLognormal(tic);
const arrival = detectArrival(tic);
const series = timeIntensitySeriesFrom(tic, fit, arrival, [PHASES.arterial, PHASES.portal, PHASES.dual], { name: 'Lesion (tracked box)' });
const svg = timeIntensityFigure(series, {
  width: 760,
  height: 420,
  title: 'Simulated CEUS lesion: time-intensity curve',
});
mkdirSync('docs/figures', { recursive: true });
writeFileSync('docs/figures/tic.svg', svg);
console.log(`injection estimate ${arrival.injectionTimeEstimate?.toFixed(2)} s (true ${truth.injectionTimeS} s); R² ${fit.quality.r2.toFixed(3)}; ${arrival.basis}`);
