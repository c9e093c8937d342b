// Parity with scipy.optimize.curve_fit (method='lm'); fixture written by
// scripts/fixtures/perfusion-fit.py (regenerate: /usr/bin/python3 scripts/fixtures/perfusion-fit.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type SonoriskErrorCode, isSonoriskError } from '../../src/errors.js';
import { fitGammaVariate, fitLognormal, gammaVariateCurve, lognormalCurve } from '../../src/phases/index.js';

interface Case {
  name: string;
  model: 'lognormal' | 'gamma';
  truth: number[];
  scipy: number[];
  scipySse: number;
  scipyStdErr: number[] | null;
  metricsOfScipy: Record<string, number>;
  metricsOfTruth: Record<string, number>;
  t: number[];
  intensity: number[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/perfusion/fit.json', import.meta.url), 'utf8')) as { cases: Case[] };

function paramsOf(c: Case, fit: ReturnType<typeof fitLognormal> | ReturnType<typeof fitGammaVariate>): number[] {
  const p = fit.params as unknown as Record<string, number>;
  const names = c.model === 'lognormal' ? ['A', 't0', 'mu', 'sigma', 'baseline'] : ['K', 't0', 'alpha', 'beta', 'baseline'];
  return names.map((k) => p[k]!);
}

const metricNames = ['peakEnhancement', 'peakTime', 'timeToPeak', 'riseTime', 'fallTime', 'washInRate', 'washInAUC', 'auc', 'meanTransitTime', 'washOutRatio'] as const;

describe('fitLognormal / fitGammaVariate vs scipy curve_fit', () => {
  for (const c of fixture.cases) {
    it(`${c.name}: parameters within 1% of scipy, SSE no worse, metrics match scipy's numerics`, () => {
      const curve = { t: c.t, intensity: c.intensity };
      const fit = c.model === 'lognormal' ? fitLognormal(curve) : fitGammaVariate(curve);
      const got = paramsOf(c, fit);
      got.forEach((v, i) => {
        const ref = c.scipy[i]!;
        expect(Math.abs(v - ref), `param ${i}: ${v} vs scipy ${ref}`).toBeLessThanOrEqual(0.01 * Math.abs(ref));
      });
      expect(fit.quality.sse).toBeLessThanOrEqual(c.scipySse * (1 + 1e-6) + 1e-9);
      expect(fit.quality.converged).toBe(true);
      if (c.scipySse > 1e-3) {
        // Standard errors vs scipy's √diag(pcov) (residual-variance scaled), within 1%.
        const se = paramsOf(c, { ...fit, params: fit.standardErrors } as typeof fit);
        se.forEach((v, i) => {
          expect(Math.abs(v / c.scipyStdErr![i]! - 1), `SE ${i}: ${v} vs ${c.scipyStdErr![i]}`).toBeLessThan(0.01);
        });
      }
      // Metrics computed by scipy from scipy's parameters; ours come from our parameters, so
      // they agree to the parameter agreement (well inside 1%).
      for (const m of metricNames) {
        const ref = c.metricsOfScipy[m]!;
        const v = fit.metrics[m];
        expect(Math.abs(v - ref), `${m}: ${v} vs ${ref}`).toBeLessThanOrEqual(0.01 * Math.abs(ref) + 1e-9);
      }
      if (c.scipySse === 0) {
        // Clean curves: the truth is recovered and the metrics match scipy's to 1e-6.
        got.forEach((v, i) => {
          expect(v).toBeCloseTo(c.truth[i]!, 6);
        });
        for (const m of metricNames) expect(fit.metrics[m] / c.metricsOfTruth[m]!).toBeCloseTo(1, 6);
        expect(fit.quality.r2).toBeCloseTo(1, 10);
      }
    });
  }

  it('returns fitted values at the input times', () => {
    const c = fixture.cases[2]!;
    const fit = fitLognormal({ t: c.t, intensity: c.intensity });
    expect(fit.fitted.length).toBe(c.t.length);
    expect(fit.fitted[40]).toBeCloseTo(lognormalCurve(fit.params, c.t[40]!), 12);
  });

  it('lognormal closed forms: PE = A·e^(σ²/2−μ)/(σ√2π), TTP = e^(μ−σ²), mTT = e^(μ+σ²/2)', () => {
    const p = { A: 900, t0: 5, mu: Math.log(12), sigma: 0.5, baseline: 1 };
    const t = Array.from({ length: 300 }, (_, i) => i * 0.4);
    const fit = fitLognormal({ t, intensity: t.map((x) => lognormalCurve(p, x)) });
    expect(fit.metrics.peakEnhancement).toBeCloseTo((p.A * Math.exp(0.125 - p.mu)) / (0.5 * Math.sqrt(2 * Math.PI)), 6);
    expect(fit.metrics.timeToPeak).toBeCloseTo(Math.exp(p.mu - 0.25), 6);
    expect(fit.metrics.meanTransitTime).toBeCloseTo(Math.exp(p.mu + 0.125), 6);
    expect(fit.metrics.washOutDelay).toBe(60);
    const short = fitLognormal({ t, intensity: t.map((x) => lognormalCurve(p, x)) }, { washOutDelay: 5 });
    expect(short.metrics.washOutRatio).toBeLessThan(fit.metrics.washOutRatio);
  });

  it('fits a clip that starts after the peak (wash-out only)', () => {
    const p = { A: 900, t0: -20, mu: Math.log(12), sigma: 0.6, baseline: 5 };
    const t = Array.from({ length: 200 }, (_, i) => i * 0.5);
    const fit = fitLognormal({ t, intensity: t.map((x) => lognormalCurve(p, x)) });
    expect(fit.quality.r2).toBeGreaterThan(0.9999);
    expect(fit.params.mu).toBeCloseTo(p.mu, 2);
  });

  it('gamma variate recovers a curve that starts before the first sample', () => {
    const p = { K: 2, t0: -3, alpha: 2, beta: 6, baseline: 4 };
    const t = Array.from({ length: 150 }, (_, i) => i * 0.5);
    const fit = fitGammaVariate({ t, intensity: t.map((x) => gammaVariateCurve(p, x)) });
    expect(fit.params.alpha).toBeCloseTo(2, 4);
    expect(fit.params.t0).toBeCloseTo(-3, 3);
  });
});

describe('fit input checks', () => {
  const bad: [string, unknown, string][] = [
    ['not an object', null, 'INVALID_ARGUMENT'],
    ['length mismatch', { t: [0, 1, 2], intensity: [1, 2] }, 'LENGTH_MISMATCH'],
    ['too few', { t: [0, 1, 2], intensity: [1, 2, 3] }, 'TOO_FEW_OBSERVATIONS'],
    ['NaN', { t: [0, 1, 2, 3, 4, 5, 6], intensity: [1, 2, Number.NaN, 3, 4, 5, 6] }, 'NON_FINITE'],
    ['t not increasing', { t: [0, 1, 1, 3, 4, 5, 6], intensity: [1, 2, 3, 3, 4, 5, 6] }, 'INVALID_ARGUMENT'],
    ['flat', { t: [0, 1, 2, 3, 4, 5, 6], intensity: [5, 5, 5, 5, 5, 5, 5] }, 'NOT_CONVERGED'],
  ];
  for (const [name, curve, code] of bad) {
    it(`${name} → ${code}`, () => {
      for (const f of [fitLognormal, fitGammaVariate]) {
        let err: unknown;
        try {
          f(curve as never);
        } catch (e) {
          err = e;
        }
        expect(isSonoriskError(err, code as SonoriskErrorCode), String(err)).toBe(true);
      }
    });
  }
  it('bad options', () => {
    const t = [0, 1, 2, 3, 4, 5, 6, 7];
    const intensity = [0, 0, 1, 5, 3, 2, 1, 0.5];
    expect(() => fitLognormal({ t, intensity }, { washOutDelay: -1 })).toThrow(/washOutDelay/);
    expect(() => fitLognormal({ t, intensity }, { maxIterations: 0 })).toThrow(/maxIterations/);
  });
});
