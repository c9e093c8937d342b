// Parity with rms::val.prob (Intercept, Slope, Emax, E90, Eavg, Brier, Spiegelhalter), glm offset
// fits (calibration-in-the-large), stats::lowess, cut/prop.test bins and ResourceSelection's
// Hosmer–Lemeshow formula. Fixture: test/fixtures/stats-tests/calibration.json, written by
// `Rscript scripts/fixtures/stats-tests.R calibration`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibration, lowess } from '../../src/stats/index.js';
import { thrownCode as code } from '../helpers/expect-code.js';

// biome-ignore lint/suspicious/noExplicitAny: fixture JSON
type Any = any;
const fx = JSON.parse(readFileSync(new URL('../fixtures/stats-tests/calibration.json', import.meta.url), 'utf8')) as Any;

function close(got: number, want: number, tol: number, what: string): void {
  if (got === want) return;
  const err = Math.abs(got - want) / Math.max(Math.abs(want), 1e-12);
  expect(err, `${what}: got ${got}, want ${want}`).toBeLessThan(tol);
}

describe('calibration vs rms::val.prob', () => {
  for (const [name, c] of Object.entries<Any>(fx.sets)) {
    it(`${name}`, () => {
      const r = calibration(c.y, c.p);
      // val.prob fits by lrm.fit (converged to ~1e-8), glm to the same optimum
      close(r.intercept.estimate, c.intercept, 1e-6, 'val.prob Intercept');
      close(r.slope.estimate, c.slope, 1e-6, 'val.prob Slope');
      close(r.intercept.estimate, c.glmIntercept, 1e-9, 'glm intercept');
      close(r.slope.estimate, c.glmSlope, 1e-9, 'glm slope');
      close(r.intercept.se, c.glmSE[0], 1e-7, 'intercept se');
      close(r.slope.se, c.glmSE[1], 1e-7, 'slope se');
      close(r.calibrationInTheLarge.estimate, c.citl, 1e-9, 'CITL');
      close(r.calibrationInTheLarge.se, c.citlSE, 1e-7, 'CITL se');
      close(r.brier, c.brier, 1e-12, 'Brier');
      close(r.emax, c.emax, 1e-10, 'Emax');
      close(r.e90, c.e90, 1e-10, 'E90');
      close(r.eavg, c.eavg, 1e-10, 'Eavg');
      close(r.spiegelhalter.z, c.sz, 1e-10, 'S:z');
      close(r.spiegelhalter.p, c.sp, 1e-9, 'S:p');
      close(r.hosmerLemeshow.statistic, c.hl[0], 1e-10, 'HL');
      expect(r.hosmerLemeshow.df).toBe(c.hl[1]);
      close(r.hosmerLemeshow.p, c.hl[2], 1e-8, 'HL p');
      // the smooth curve is lowess(p, y, iter = 0) on sorted p
      r.smooth.y.forEach((v, i) => void close(v, c.smoothY[i], 1e-10, `smooth[${i}]`));
      expect(r.bins.map((b) => b.n)).toEqual(c.quantileBins.n);
      r.bins.forEach((b, k) => {
        expect(b.events).toBe(c.quantileBins.events[k]);
        close(b.meanPredicted, c.quantileBins.meanPredicted[k], 1e-12, 'bin mean');
        close(b.observed.lower, c.quantileBins.lo[k], 1e-9, 'bin lo');
        close(b.observed.upper, c.quantileBins.hi[k], 1e-9, 'bin hi');
      });
      const u = calibration(c.y, c.p, { strategy: 'uniform' });
      expect(u.bins.map((b) => b.n)).toEqual(c.uniformBins.n);
      expect(u.bins.map((b) => b.events)).toEqual(c.uniformBins.events);
      if (name.startsWith('zeros')) expect(r.warnings[0]).toContain('3 observations deleted');
      expect(r.scaledBrier).toBeLessThan(1);
    });
  }
});

describe('lowess vs stats::lowess', () => {
  it('matches fits with robustness iterations, spans, ties and delta', () => {
    for (const c of fx.lowess as Any[]) {
      const s = lowess(c.x, c.y, { f: c.f, iter: c.iter, delta: c.delta });
      s.x.forEach((v, i) => void expect(v).toBe(c.fitX[i]));
      s.y.forEach((v, i) => void close(v, c.fitY[i], 1e-10, `n=${c.x.length} [${i}]`));
    }
  });
});

describe('calibration: bad input', () => {
  it('throws the documented codes', () => {
    expect(code(() => calibration([0, 1, 1], [0.2, 0.5]))).toBe('LENGTH_MISMATCH');
    expect(code(() => calibration([0, 1, 1], [0.2, Number.NaN, 0.4]))).toBe('NON_FINITE');
    expect(code(() => calibration([0, 1, 2], [0.2, 0.3, 0.4]))).toBe('NON_BINARY_LABELS');
    expect(code(() => calibration([1, 1, 1], [0.2, 0.3, 0.4]))).toBe('SINGLE_CLASS');
    expect(code(() => calibration([0, 1, 1], [0.2, 1.3, 0.4]))).toBe('PROBABILITY_OUT_OF_RANGE');
    expect(code(() => calibration([0, 1], [0.2, 0.3]))).toBe('TOO_FEW_OBSERVATIONS');
    expect(code(() => calibration([0, 1, 1], [0.2, 0.3, 0.4], { bins: 1 }))).toBe('INVALID_ARGUMENT');
    expect(code(() => lowess([1, 2], [1]))).toBe('LENGTH_MISMATCH');
  });
});
