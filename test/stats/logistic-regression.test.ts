// Parity with R's glm(family = binomial), summary.glm, confint.default and MASS confint (profile
// likelihood). Fixture: test/fixtures/stats-tests/logistic.json, written by
// `Rscript scripts/fixtures/stats-tests.R logistic`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSonoriskError } from '../../src/errors.js';
import { logisticRegression } from '../../src/stats/index.js';

// biome-ignore lint/suspicious/noExplicitAny: fixture JSON
type Any = any;
const fx = JSON.parse(readFileSync(new URL('../fixtures/stats-tests/logistic.json', import.meta.url), 'utf8')) as { cases: Any[] };

function close(got: number, want: number | null, tol: number, what: string): void {
  if (want === null) {
    expect(Number.isNaN(got), `${what}: want NA, got ${got}`).toBe(true);
    return;
  }
  const err = Math.abs(got - want) / Math.max(Math.abs(want), 1e-8);
  expect(err, `${what}: got ${got}, want ${want}`).toBeLessThan(tol);
}

const fitCase = (c: Any) =>
  logisticRegression(c.rows, 'y', {
    predictors: c.predictors,
    categorical: Object.fromEntries(Object.entries(c.reference ?? {}).map(([k, v]) => [k, { reference: v as string }])),
  });

describe('logisticRegression vs R glm', () => {
  for (const c of fx.cases) {
    it(`${c.name}: coefficients, SE, P, deviance, AIC, Wald and profile CIs`, () => {
      const r = fitCase(c);
      const sep = c.name.includes('separation');
      expect(r.terms.map((t) => t.term).sort()).toEqual([...c.terms].sort());
      expect(r.iterations).toBe(c.iter);
      expect(r.converged).toBe(c.converged);
      close(r.deviance, c.deviance, sep ? 1e-6 : 1e-11, 'deviance');
      close(r.nullDeviance, c.nullDeviance, 1e-12, 'null deviance');
      close(r.aic, c.aic, 1e-9, 'aic');
      expect(r.dfResidual).toBe(c.dfResidual);
      for (let k = 0; k < c.terms.length; k++) {
        const t = r.terms.find((x) => x.term === c.terms[k])!;
        const tol = sep ? 1e-6 : 1e-10;
        close(t.estimate, c.estimate[k], tol, `${t.term} estimate`);
        close(t.se, c.se[k], tol, `${t.term} se`);
        if (!sep) close(t.p, c.p[k], 1e-7, `${t.term} p`);
        // odds ratios of exp(±5000) (the calendar-year intercept) over/underflow: compare log-scale values only when finite
        const finite = Number.isFinite(Math.log(t.ciWald[0])) && Number.isFinite(Math.log(t.ciWald[1]));
        if (!sep && finite) {
          close(Math.log(t.ciWald[0]), c.waldLo[k], 1e-8, `${t.term} wald lo`);
          close(Math.log(t.ciWald[1]), c.waldHi[k], 1e-8, `${t.term} wald hi`);
        }
        if (c.profileLo && !sep && finite) {
          close(Math.log(t.ciProfile![0]), c.profileLo[k], 1e-9, `${t.term} profile lo`);
          close(Math.log(t.ciProfile![1]), c.profileHi[k], 1e-9, `${t.term} profile hi`);
        }
      }
      for (const w of c.warnings) expect(r.warnings).toContain(w);
      expect(r.separation.detected).toBe(sep);
      if (c.name === 'collinear') expect(r.terms.find((t) => t.term === 'age2')!.aliased).toBe(true);
      if (c.name === 'missing-values') expect(r.dropped).toBe(5);
    });
  }

  it('names the separating predictor and can throw SEPARATION', () => {
    const quasi = fx.cases.find((c) => c.name === 'quasi-separation');
    const r = fitCase(quasi);
    expect(r.separation.predictors).toEqual(['echo']);
    let caught: unknown;
    try {
      logisticRegression(quasi.rows, 'y', { predictors: ['age', 'echo'], onSeparation: 'error', profile: false });
    } catch (e) {
      caught = e;
    }
    expect(isSonoriskError(caught, 'SEPARATION')).toBe(true);
    expect(String((caught as Error).message)).toContain('echo');
    const complete = fx.cases.find((c) => c.name === 'complete-separation');
    expect(fitCase(complete).separation.predictors).toContain('size');
  });

  it('rejects bad input with codes', () => {
    const codes = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return isSonoriskError(e) ? e.code : String(e);
      }
      return 'no error';
    };
    const rows = [
      { y: 0, a: 1 },
      { y: 1, a: 2 },
      { y: 0, a: 3 },
      { y: 1, a: 5 },
    ];
    expect(codes(() => logisticRegression(rows.map((r) => ({ ...r, y: 1 })), 'y', { predictors: ['a'] }))).toBe('SINGLE_CLASS');
    expect(codes(() => logisticRegression([...rows, { y: 2, a: 1 }], 'y', { predictors: ['a'] }))).toBe('NON_BINARY_LABELS');
    expect(codes(() => logisticRegression([...rows, { y: 1, a: Number.POSITIVE_INFINITY }], 'y', { predictors: ['a'] }))).toBe('NON_FINITE');
    expect(codes(() => logisticRegression(rows.slice(0, 1), 'y', { predictors: ['a'] }))).toBe('SINGLE_CLASS');
    expect(codes(() => logisticRegression(rows, 'y', { predictors: ['a'], categorical: { b: {} } }))).toBe('INVALID_ARGUMENT');
    expect(codes(() => logisticRegression(rows, 'y', { predictors: ['a'], categorical: { a: { reference: 9 } } }))).toBe('INVALID_ARGUMENT');
    expect(
      codes(() =>
        logisticRegression(
          [
            { y: 0, a: 1, b: 2 },
            { y: 1, a: 2, b: 1 },
          ],
          'y',
          { predictors: ['a', 'b'] },
        ),
      ),
    ).toBe('TOO_FEW_OBSERVATIONS');
  });
});

// Firth: R's logistf is not installed here; the reference is a separate numpy/scipy implementation
// (scripts/fixtures/stats-tests-firth.py → test/fixtures/stats-tests/firth.json) on the same data.
const firthFx = JSON.parse(readFileSync(new URL('../fixtures/stats-tests/firth.json', import.meta.url), 'utf8')) as { cases: Any[] };

describe("logisticRegression({ firth: true }) vs reference Firth fits", () => {
  for (const ref of firthFx.cases) {
    it(`${ref.name}: estimates, SE, penalised LR P, profile penalised CI`, () => {
      const c = fx.cases.find((x) => x.name === ref.name);
      const r = logisticRegression(c.rows, 'y', {
        predictors: c.predictors,
        categorical: Object.fromEntries(Object.entries(c.reference ?? {}).map(([k, v]) => [k, { reference: v as string }])),
        firth: true,
      });
      expect(r.method).toBe('firth');
      expect(r.converged).toBe(true);
      for (let k = 0; k < ref.terms.length; k++) {
        const t = r.terms.find((x) => x.term === ref.terms[k])!;
        close(t.estimate, ref.estimate[k], 1e-8, `${t.term} estimate`);
        close(t.se, ref.se[k], 1e-8, `${t.term} se`);
        close(t.p, ref.pLR[k], 1e-6, `${t.term} pLR`);
        // null in the reference: no reliable crossing found (complete separation); not compared
        if (ref.ciLo[k] !== null) close(Math.log(t.ciProfile![0]), ref.ciLo[k], 1e-6, `${t.term} lo`);
        if (ref.ciHi[k] !== null) close(Math.log(t.ciProfile![1]), ref.ciHi[k], 1e-6, `${t.term} hi`);
      }
      close(r.lrTest.statistic, ref.lrStatistic, 1e-6, 'LR');
      // separated data stay finite under Firth
      for (const t of r.terms) expect(Number.isFinite(t.estimate)).toBe(true);
    });
  }

  it('saturated 2×2 model equals adding 1/2 to every cell (Jeffreys prior, closed form)', () => {
    // cells: x=0 → 3 events, 9 non-events; x=1 → 7 events, 0 non-events (a zero cell: ML is infinite)
    const rows = [
      ...Array.from({ length: 3 }, () => ({ y: 1, x: 0 })),
      ...Array.from({ length: 9 }, () => ({ y: 0, x: 0 })),
      ...Array.from({ length: 7 }, () => ({ y: 1, x: 1 })),
    ];
    const r = logisticRegression(rows, 'y', { predictors: ['x'], firth: true, profile: false });
    expect(r.terms[0]!.estimate).toBeCloseTo(Math.log(3.5 / 9.5), 10);
    expect(r.terms[1]!.estimate).toBeCloseTo(Math.log((7.5 * 9.5) / (0.5 * 3.5)), 10);
    const ml = logisticRegression(rows, 'y', { predictors: ['x'], profile: false });
    expect(ml.separation.detected).toBe(true);
    expect(ml.separation.predictors).toEqual(['x']);
  });
});
