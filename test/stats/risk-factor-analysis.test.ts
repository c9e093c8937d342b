// riskFactorAnalysis vs separate R glm fits (univariable per predictor, multivariable on those with
// P < 0.05). Fixture: the `risk` field of the cohort-139 case in test/fixtures/stats-tests/logistic.json
// (`Rscript scripts/fixtures/stats-tests.R logistic`).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSonoriskError } from '../../src/errors.js';
import { riskFactorAnalysis } from '../../src/stats/index.js';

// biome-ignore lint/suspicious/noExplicitAny: fixture JSON
type Any = any;
const fx = JSON.parse(readFileSync(new URL('../fixtures/stats-tests/logistic.json', import.meta.url), 'utf8')) as { cases: Any[] };
const cohort = fx.cases.find((c) => c.name === 'cohort-139');

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('riskFactorAnalysis', () => {
  it('matches univariable and multivariable glm fits and lists reference levels', () => {
    const t = riskFactorAnalysis(cohort.rows, 'y', { predictors: cohort.predictors, categorical: { echo: { reference: 'iso' } } });
    expect(t.selected).toEqual(cohort.risk.selected);
    const risk = cohort.risk;
    cohort.predictors.forEach((pr: string, k: number) => {
      const u = risk.univariable[k];
      u.terms.forEach((term: string, j: number) => {
        const row = t.rows.find((r) => r.term === term)!;
        expect(row.predictor).toBe(pr);
        expect(rel(row.univariable!.oddsRatio, u.or[j])).toBeLessThan(1e-9);
        expect(rel(row.univariable!.ci[0], u.lo[j])).toBeLessThan(1e-8);
        expect(rel(row.univariable!.ci[1], u.hi[j])).toBeLessThan(1e-8);
        expect(rel(row.univariable!.p, u.p[j])).toBeLessThan(1e-8);
        if (!risk.selected.includes(pr)) expect(row.multivariable).toBeNull();
      });
    });
    const m = risk.multivariable;
    m.terms.forEach((term: string, j: number) => {
      const row = t.rows.find((r) => r.term === term)!;
      expect(rel(row.multivariable!.oddsRatio, m.or[j])).toBeLessThan(1e-9);
      expect(rel(row.multivariable!.ci[0], m.lo[j])).toBeLessThan(1e-8);
      expect(rel(row.multivariable!.ci[1], m.hi[j])).toBeLessThan(1e-8);
      expect(rel(row.multivariable!.p, m.p[j])).toBeLessThan(1e-8);
    });
    const ref = t.rows.find((r) => r.reference)!;
    expect(ref).toMatchObject({ predictor: 'echo', term: 'echoiso', level: 'iso', univariable: null, multivariable: null });
    // row order: predictors in the given order, the reference level first within a categorical predictor
    expect(t.rows.map((r) => r.term)).toEqual(['age', 'size', 'echoiso', 'echohyper', 'echohypo', 'marginirregular', 'marginsmooth', 'afp']);
  });

  it("enters every predictor with 'all' and validates the threshold", () => {
    const t = riskFactorAnalysis(cohort.rows, 'y', { predictors: ['age', 'size'], multivariableThreshold: 'all', ci: 'wald' });
    expect(t.selected).toEqual(['age', 'size']);
    expect(t.rows.every((r) => r.multivariable !== null)).toBe(true);
    let caught: unknown;
    try {
      riskFactorAnalysis(cohort.rows, 'y', { predictors: ['age'], multivariableThreshold: 5 });
    } catch (e) {
      caught = e;
    }
    expect(isSonoriskError(caught, 'INVALID_ARGUMENT')).toBe(true);
  });
});
