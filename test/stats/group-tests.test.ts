// Parity with R's stats package for describe/quantile, t.test, wilcox.test, chisq.test, fisher.test
// and shapiro.test. Fixture: test/fixtures/stats-tests/group-tests.json, written by
// `Rscript scripts/fixtures/stats-tests.R tests`.
import { readFileSync } from 'node:fs';
import { describe as suite, expect, it } from 'vitest';
import {
  chiSquareTest,
  describe,
  fisherExactTest,
  mannWhitneyU,
  quantile,
  shapiroWilk,
  tTest,
} from '../../src/stats/index.js';
import { expectCode as throwsCode } from '../helpers/expect-code.js';

// biome-ignore lint/suspicious/noExplicitAny: fixture JSON
type Any = any;
const fx = JSON.parse(readFileSync(new URL('../fixtures/stats-tests/group-tests.json', import.meta.url), 'utf8')) as Record<string, Any[]>;
const alt = (a: string) => (a === 'two.sided' ? 'two-sided' : (a as 'less' | 'greater'));

function close(got: number, want: number, tol: number, what: string): void {
  if (want === got) return;
  const err = Math.abs(got - want) / Math.max(Math.abs(want), 1e-300);
  expect(err, `${what}: got ${got}, want ${want}`).toBeLessThan(tol);
}


suite('describe / quantile vs R', () => {
  it('matches mean, sd, quantile(type = 7), min, max', () => {
    expect(fx.describe!.length).toBeGreaterThan(10);
    for (const c of fx.describe!) {
      const x = (c.x as (number | null)[]).map((v) => (v === null ? Number.NaN : v));
      const d = describe(x);
      expect(d.n).toBe(c.n);
      expect(d.missing).toBe(c.missing);
      close(d.mean, c.mean, 1e-14, 'mean');
      if (c.sd === null) expect(d.sd).toBeNaN();
      else close(d.sd, c.sd, 1e-12, 'sd');
      expect(d.min).toBe(c.min);
      expect(d.max).toBe(c.max);
      const q = quantile(x, c.probs);
      q.forEach((v, i) => void close(v, c.q[i], 1e-14, `q${c.probs[i]}`));
      close(d.median, c.q[5], 1e-14, 'median');
      close(d.q1, c.q[3], 1e-14, 'p25');
      close(d.q3, c.q[6], 1e-14, 'p75');
    }
  });
  it('counts null/NaN as missing, rejects Infinity', () => {
    expect(describe([null, Number.NaN, undefined]).n).toBe(0);
    expect(describe([]).mean).toBeNaN();
    throwsCode(() => describe([1, Number.POSITIVE_INFINITY]), 'NON_FINITE');
    throwsCode(() => quantile([1, 2], [1.5]), 'INVALID_ARGUMENT');
  });
});

suite('tTest vs t.test', () => {
  it('matches statistic, df, P, CI and estimates (Welch, Student, one-sample, paired)', () => {
    expect(fx.tTest!.length).toBeGreaterThan(30);
    for (const c of fx.tTest!) {
      const r = tTest(c.x, c.type === 'one' ? undefined : c.y, {
        varEqual: c.varEqual,
        paired: c.type === 'paired',
        alternative: alt(c.alternative),
        level: c.level,
        mu: c.mu,
      });
      close(r.statistic, c.statistic, 1e-10, 't');
      close(r.df, c.df, 1e-10, 'df');
      close(r.p, c.p, 1e-9, 'p');
      close(r.confInt[0], c.confInt[0], 1e-9, 'lo');
      close(r.confInt[1], c.confInt[1], 1e-9, 'hi');
      r.estimate.forEach((e, i) => void close(e, c.estimate[i], 1e-12, 'estimate'));
      close(r.stderr, c.stderr, 1e-12, 'stderr');
    }
  });
  it('rejects bad input', () => {
    throwsCode(() => tTest([1], [1, 2, 3]), 'TOO_FEW_OBSERVATIONS');
    throwsCode(() => tTest([1, 2, Number.NaN], [1, 2, 3]), 'NON_FINITE');
    throwsCode(() => tTest([2, 2, 2], [2, 2, 2]), 'CONSTANT_DATA');
    throwsCode(() => tTest([1, 2, 3], [1, 2], { paired: true }), 'LENGTH_MISMATCH');
    throwsCode(() => tTest([1, 2, 3], [1, 2, 4], { level: 95 }), 'INVALID_ARGUMENT');
    throwsCode(() => tTest([1, 2, 3], [1, 2, 4], { alternative: 'bigger' as 'less' }), 'INVALID_ARGUMENT');
  });
});

suite('mannWhitneyU vs wilcox.test', () => {
  it('matches W and P (exact without ties, normal approximation with tie/continuity correction)', () => {
    expect(fx.wilcox!.length).toBeGreaterThan(30);
    let exactCases = 0;
    for (const c of fx.wilcox!) {
      const opts: Parameters<typeof mannWhitneyU>[2] = { alternative: alt(c.alternative), correct: c.correct };
      if (c.exact !== null && c.exact !== undefined) opts.exact = c.exact;
      const r = mannWhitneyU(c.x, c.y, opts);
      expect(r.w).toBeCloseTo(c.w, 9);
      expect(r.method).toBe(c.method);
      close(r.p, c.p, r.exact ? 1e-9 : 1e-9, `p (${c.method})`);
      if (r.exact) {
        exactCases++;
        expect(r.z).toBeNull();
      } else expect(Number.isFinite(r.z)).toBe(true);
    }
    expect(exactCases).toBeGreaterThan(5);
  });
  it('warns when exact is impossible because of ties, and rejects bad input', () => {
    expect(mannWhitneyU([1, 2, 2, 3], [2, 4, 5]).warnings).toContain('cannot compute exact p-value with ties');
    throwsCode(() => mannWhitneyU([], [1, 2]), 'TOO_FEW_OBSERVATIONS');
    throwsCode(() => mannWhitneyU([1, Number.POSITIVE_INFINITY], [1, 2]), 'NON_FINITE');
    // every value tied: R's wilcox.test returns W with P NA (z = 0/0), not an error
    const tied = mannWhitneyU([1, 1], [1, 1]);
    expect(tied.w).toBe(2);
    expect(Number.isNaN(tied.p)).toBe(true);
    throwsCode(() => mannWhitneyU(new Array(600).fill(0).map((_, i) => i), new Array(600).fill(0).map((_, i) => i + 0.5), { exact: true }), 'LIMIT_EXCEEDED');
  });
});

suite('chiSquareTest vs chisq.test', () => {
  it('matches statistic, df, P, expected counts and the small-expected warning', () => {
    for (const c of fx.chisq!) {
      const r = chiSquareTest(c.table, { correct: c.correct });
      close(r.statistic, c.statistic, 1e-12, 'X2');
      expect(r.df).toBe(c.df);
      close(r.p, c.p, 1e-10, 'p');
      expect(r.warnings.length > 0).toBe(c.warn);
      r.expected.forEach((row, i) => {
        for (const [j, e] of row.entries()) close(e, c.expected[i][j], 1e-13, "E");
      });
    }
  });
  it('rejects malformed tables', () => {
    throwsCode(() => chiSquareTest([[1, 2]]), 'INVALID_ARGUMENT');
    throwsCode(() => chiSquareTest([[1, 2], [3]]), 'LENGTH_MISMATCH');
    throwsCode(() => chiSquareTest([[1, -2], [3, 4]]), 'INVALID_ARGUMENT');
    throwsCode(() => chiSquareTest([[0, 0], [3, 4]]), 'INVALID_ARGUMENT');
    throwsCode(() => chiSquareTest([[1, Number.NaN], [3, 4]]), 'NON_FINITE');
  });
});

suite('fisherExactTest vs fisher.test', () => {
  it('matches P, conditional MLE odds ratio and its CI (2×2) and P (r×c)', () => {
    let rxc = 0;
    for (const c of fx.fisher!) {
      const r = fisherExactTest(c.table, { alternative: alt(c.alternative), ...(c.level ? { level: c.level } : {}) });
      close(r.p, c.p, 1e-9, `p ${JSON.stringify(c.table)}`);
      if (c.table.length === 2 && c.table[0].length === 2) {
        close(r.oddsRatio!, c.oddsRatio, 1e-7, `OR ${JSON.stringify(c.table)}`);
        close(r.confInt![0], c.confInt[0], 1e-7, `lo ${JSON.stringify(c.table)}`);
        close(r.confInt![1], c.confInt[1], 1e-7, `hi ${JSON.stringify(c.table)}`);
      } else rxc++;
    }
    expect(rxc).toBeGreaterThan(10);
  });
  it('refuses tables too large to enumerate instead of hanging', () => {
    const big = [
      [40, 35, 30, 25],
      [30, 40, 35, 20],
      [20, 30, 40, 45],
    ];
    throwsCode(() => fisherExactTest(big, { maxTables: 1e5 }), 'LIMIT_EXCEEDED');
    throwsCode(() => fisherExactTest([[1.5, 2], [3, 4]]), 'INVALID_ARGUMENT');
    throwsCode(() => fisherExactTest([[1, 2, 3], [3, 4, 5]], { alternative: 'less' }), 'INVALID_ARGUMENT');
  });
});

suite('shapiroWilk vs shapiro.test', () => {
  it('matches W and P for n = 3..5000', () => {
    expect(fx.shapiro!.length).toBeGreaterThan(30);
    for (const c of fx.shapiro!) {
      const r = shapiroWilk(c.x);
      close(r.w, c.w, 1e-10, `W n=${c.x.length}`);
      close(r.p, c.p, 1e-8, `p n=${c.x.length}`);
    }
  });
  it('rejects too few, too many and constant samples', () => {
    throwsCode(() => shapiroWilk([1, 2]), 'TOO_FEW_OBSERVATIONS');
    throwsCode(() => shapiroWilk(new Float64Array(5001).map((_, i) => i)), 'LIMIT_EXCEEDED');
    throwsCode(() => shapiroWilk([3, 3, 3, 3]), 'CONSTANT_DATA');
    throwsCode(() => shapiroWilk([1, 2, Number.NaN]), 'NON_FINITE');
  });
});
