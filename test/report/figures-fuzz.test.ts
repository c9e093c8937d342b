/**
 * Random, often malformed inputs: every figure either returns a well-formed SVG with no NaN or
 * Infinity in it, or throws a SonoriskError — never a TypeError, never a broken SVG.
 */
import { describe, expect, it } from 'vitest';
import { isSonoriskError } from '../../src/errors.js';
import { calibrationFigure, decisionCurveFigure, rocFigure, timeIntensityFigure } from '../../src/report/index.js';
import { createRng } from '../../src/stats/index.js';
import { assertWellFormed } from './svg-check.js';

const rng = createRng('report-fuzz');
const specials = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, -0.5, 1.5, 1e300];

function values(n: number, bad: number): number[] {
  return Array.from({ length: n }, () => (rng.next() < bad ? specials[rng.int(specials.length)]! : rng.next()));
}
function arr(): number[] {
  const n = rng.int(6);
  return values(n, rng.next() < 0.5 ? 0 : 0.3);
}

function check(make: () => string): 'ok' | 'error' {
  let svg: string;
  try {
    svg = make();
  } catch (e) {
    if (!isSonoriskError(e)) throw e;
    return 'error';
  }
  assertWellFormed(svg);
  expect(svg).not.toMatch(/NaN|Infinity/);
  return 'ok';
}

describe('figures under random input', () => {
  it('never produce a broken SVG or a non-Sonorisk error', () => {
    const outcomes = { ok: 0, error: 0 };
    for (let k = 0; k < 300; k++) {
      const name = rng.next() < 0.05 ? '' : `m${k} <&>`;
      outcomes[check(() => rocFigure(Array.from({ length: rng.int(3) }, () => ({ name, fpr: arr(), tpr: arr(), ...(rng.next() < 0.3 ? { auc: rng.next() * 1.2, ci: [rng.next(), rng.next()] as [number, number] } : {}) }))))]++;
      outcomes[check(() => calibrationFigure([{ name, bins: { predicted: arr(), observed: arr(), ...(rng.next() < 0.5 ? { lower: arr(), upper: arr() } : {}) }, ...(rng.next() < 0.5 ? { smooth: { x: arr(), y: arr() } } : {}), ...(rng.next() < 0.5 ? { predictions: arr() } : {}) }]))]++;
      const t = arr().sort((a, b) => a - b);
      outcomes[check(() => decisionCurveFigure({ models: [{ name, thresholds: t, netBenefit: values(t.length, 0.2).map((v) => v - 0.5) }], ...(rng.next() < 0.8 ? { prevalence: rng.next() } : {}) }))]++;
      const times = Array.from({ length: rng.int(6) }, (_, i) => i * (rng.next() < 0.9 ? 1 : -1));
      outcomes[check(() => timeIntensityFigure({ t: times, intensity: values(times.length, 0.4), ...(rng.next() < 0.5 ? { arrival: rng.next() * 5 } : {}), windows: [{ name: 'w', start: 0, end: rng.next() < 0.5 ? Number.POSITIVE_INFINITY : 3 }] }))]++;
    }
    // both branches exercised
    expect(outcomes.ok).toBeGreaterThan(50);
    expect(outcomes.error).toBeGreaterThan(50);
  });
});
