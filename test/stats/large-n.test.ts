// n = 100000 parity with R. The data are regenerated here by the same exact integer/IEEE arithmetic
// as in `Rscript scripts/fixtures/stats-tests.R large` (test/fixtures/stats-tests/large-n.json holds
// only R's results).
import { readFileSync } from 'node:fs';
import { describe as suite, expect, it } from 'vitest';
import { calibration, describe, logisticRegression, mannWhitneyU, quantile, tTest } from '../../src/stats/index.js';

// biome-ignore lint/suspicious/noExplicitAny: fixture JSON
const fx = JSON.parse(readFileSync(new URL('../fixtures/stats-tests/large-n.json', import.meta.url), 'utf8')) as any;
const n = 100000;
const a = new Float64Array(n);
const b = new Float64Array(n);
const c = new Float64Array(n);
const v = new Float64Array(n);
for (let k = 0; k < n; k++) {
  const i = k + 1;
  a[k] = ((i * 48271) % 65521) / 65521;
  b[k] = ((i * 69621) % 65519) / 65519;
  c[k] = ((i * 40692) % 65497) / 65497;
  v[k] = Math.floor((a[k]! + b[k]! + c[k]! - 1.5) * 2 * 100) / 100;
}
const g1 = v.filter((_, k) => (k + 1) % 2 === 1);
const g2 = v.filter((_, k) => (k + 1) % 2 === 0).map((x) => x + 0.01);

function close(got: number, want: number, tol: number, what: string): void {
  const err = Math.abs(got - want) / Math.max(Math.abs(want), 1e-300);
  expect(err, `${what}: got ${got}, want ${want}`).toBeLessThan(tol);
}

suite('n = 100000 vs R', () => {
  it('describe, quantile, t.test, wilcox.test (ties, normal approximation)', () => {
    const d = describe(v);
    close(d.mean, fx.describe.mean, 1e-12, 'mean');
    close(d.sd, fx.describe.sd, 1e-12, 'sd');
    quantile(v, [0.25, 0.5, 0.75]).forEach((q, k) => void close(q, fx.describe.q[k], 1e-14, 'q'));
    const t = tTest(g1, g2);
    close(t.statistic, fx.tTest.statistic, 1e-9, 't');
    close(t.df, fx.tTest.df, 1e-10, 'df');
    close(t.p, fx.tTest.p, 1e-9, 'p');
    close(t.confInt[0], fx.tTest.ci[0], 1e-9, 'lo');
    close(t.confInt[1], fx.tTest.ci[1], 1e-9, 'hi');
    const tp = tTest(g1, g2, { varEqual: true });
    close(tp.statistic, fx.tTestPooled.statistic, 1e-9, 't pooled');
    close(tp.p, fx.tTestPooled.p, 1e-9, 'p pooled');
    const w = mannWhitneyU(g1, g2);
    expect(w.w).toBe(fx.wilcox.w);
    expect(w.exact).toBe(false);
    close(w.p, fx.wilcox.p, 1e-9, 'wilcox p');
  });

  it('calibration (val.prob statistics)', () => {
    const p = a.map((x) => 0.02 + 0.96 * x);
    const y = Array.from(p, (pi, k) => (b[k]! < pi * 0.9 + 0.03 ? 1 : 0));
    const r = calibration(y, p);
    close(r.intercept.estimate, fx.calibration.intercept, 1e-6, 'Intercept');
    close(r.slope.estimate, fx.calibration.slope, 1e-6, 'Slope');
    close(r.calibrationInTheLarge.estimate, fx.calibration.citl, 1e-9, 'CITL');
    close(r.brier, fx.calibration.brier, 1e-12, 'Brier');
    close(r.emax, fx.calibration.emax, 1e-9, 'Emax');
    close(r.e90, fx.calibration.e90, 1e-9, 'E90');
    close(r.eavg, fx.calibration.eavg, 1e-9, 'Eavg');
  });

  it('logistic regression (Wald)', () => {
    const rows = Array.from({ length: n }, (_, k) => ({
      y: b[k]! < 0.2 + 0.5 * a[k]! * c[k]! ? 1 : 0,
      a10: a[k]! * 10,
      c: c[k]!,
      cat3: ['A', 'B', 'C'][(k + 1) % 3]!,
    }));
    const r = logisticRegression(rows, 'y', { predictors: ['a10', 'c', 'cat3'], profile: false });
    expect(r.iterations).toBe(fx.logistic.iter);
    close(r.deviance, fx.logistic.deviance, 1e-11, 'deviance');
    r.terms.forEach((t, k) => {
      close(t.estimate, fx.logistic.estimate[k], 1e-9, `${t.term} estimate`);
      close(t.se, fx.logistic.se[k], 1e-9, `${t.term} se`);
      close(t.p, fx.logistic.p[k], 1e-7, `${t.term} p`);
    });
  });
});
