// Degenerate designs vs R's glm / MASS confint / anova: constant, zero and duplicate columns are
// aliased by the QR pivoting (NA), 1 event / all-but-one events, n = 2..5. Fixture:
// test/fixtures/stats-tests/logistic-degenerate.json, written by
// `Rscript scripts/fixtures/stats-tests.R degenerate`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logisticRegression } from '../../src/stats/index.js';

// biome-ignore lint/suspicious/noExplicitAny: fixture JSON
type Any = any;
const fx = JSON.parse(readFileSync(new URL('../fixtures/stats-tests/logistic-degenerate.json', import.meta.url), 'utf8')) as {
  cases: Any[];
};

function close(got: number, want: number | null, tol: number, what: string): void {
  if (want === null) {
    expect(Number.isNaN(got), `${what}: want NA, got ${got}`).toBe(true);
    return;
  }
  const err = Math.abs(got - want) / Math.max(Math.abs(want), 1);
  expect(err, `${what}: got ${got}, want ${want}`).toBeLessThan(tol);
}

describe('logisticRegression on degenerate designs vs R', () => {
  for (const c of fx.cases) {
    it(`${c.name}: aliasing, estimates, deviance, LR test, profile CI`, () => {
      const r = logisticRegression(c.rows, 'y', { predictors: c.predictors });
      // separated fits (|estimate| > 10): R and sonorisk both stop on the deviance rule far from the
      // (infinite) optimum, so only the aliasing, the deviance and the finite-ness are compared
      const sep = c.estimate.some((e: number | null) => e !== null && Math.abs(e) > 10);
      expect(r.terms.map((t) => t.term)).toEqual(c.terms);
      expect(r.terms.map((t) => t.aliased)).toEqual(c.estimate.map((e: number | null) => e === null));
      expect(r.dfResidual).toBe(c.dfResidual);
      expect(r.lrTest.df).toBe(Math.abs(c.lrDf)); // R writes 0 df as -0
      close(r.nullDeviance, c.nullDeviance, 1e-12, 'null deviance');
      close(r.deviance, c.deviance, sep ? 1e-6 : 1e-11, 'deviance');
      close(r.aic, c.aic, sep ? 1e-6 : 1e-10, 'aic');
      close(r.lrTest.p, c.lrP, sep ? 1e-4 : 1e-9, 'LR P');
      if (!sep) expect(r.iterations).toBe(c.iter);
      for (let k = 0; k < c.terms.length; k++) {
        const t = r.terms[k]!;
        if (sep && c.estimate[k] !== null) {
          expect(Number.isFinite(t.estimate)).toBe(true);
          continue;
        }
        close(t.estimate, c.estimate[k], 1e-9, `${t.term} estimate`);
        close(t.se, c.se[k], 1e-9, `${t.term} se`);
        close(t.p, c.p[k], 1e-8, `${t.term} p`);
        if (c.profileLo) {
          close(Math.log(t.ciProfile![0]), c.profileLo[k], 1e-8, `${t.term} profile lo`);
          close(Math.log(t.ciProfile![1]), c.profileHi[k], 1e-8, `${t.term} profile hi`);
        }
      }
    });
  }

  it('the reproducer (zero column, 8 rows, 1 event) returns promptly with the intercept estimated', () => {
    const rows = [0, 0, 0, 0, 0, 0, 0, 1].map((o) => ({ outcome: o, s4: 0 }));
    const r = logisticRegression(rows, 'outcome', { predictors: ['s4'] });
    expect(r.terms[0]!.aliased).toBe(false);
    expect(r.terms[1]!.aliased).toBe(true);
    expect(r.terms[1]!.ciProfile!.every(Number.isNaN)).toBe(true);
    expect(Number.isNaN(r.lrTest.p)).toBe(true);
  });
});
