// Parity with R's stats package for wilcox.test (signed rank, conf.int = TRUE), kruskal.test, oneway.test/aov,
// mcnemar.test, binom.test, simulate.p.value of chisq.test / fisher.test, and p.adjust (hommel, BY, fdr).
// Fixture: test/fixtures/stats-tests/group-tests-k.json, written by `Rscript scripts/fixtures/stats-group-tests.R`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binomTest, chiSquareTest, fisherExactTest, kruskalWallis, mcnemarTest, oneWayAnova, pAdjust, wilcoxonSignedRank } from '../../src/stats/index.js';
import { expectClose, throwsCode } from './fixture-helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: fixture JSON
type Any = any;
const fx = JSON.parse(readFileSync(new URL('../fixtures/stats-tests/group-tests-k.json', import.meta.url), 'utf8')) as Record<string, Any[]>;
const alt = (a: string) => (a === 'two.sided' ? 'two-sided' : (a as 'less' | 'greater'));
const nan = (v: number | null) => (v === null ? Number.NaN : v);


describe('wilcoxonSignedRank vs wilcox.test(conf.int = TRUE)', () => {
  it('matches V, P, the Hodges–Lehmann estimate, the interval and the achieved level', () => {
    expect(fx.signedRank!.length).toBeGreaterThan(30);
    for (const c of fx.signedRank!) {
      const what = `${c.method} n=${c.x.length} ${c.alternative} correct=${c.correct}`;
      const r = wilcoxonSignedRank(c.x, c.y, { paired: c.y !== null && c.y !== undefined, mu: c.mu, alternative: alt(c.alternative), correct: c.correct, level: c.level });
      expect(r.method, what).toBe(c.method);
      expect(r.v, what).toBe(c.v);
      expectClose(r.p, c.p, 1e-10, `${what} p`, 1e-300);
      // exact: order statistics of Walsh averages (exact); approximate: R's uniroot with tol 1e-4
      const tol = r.exact ? 1e-12 : 2e-4;
      const scale = Math.max(...c.x.map(Math.abs), 1);
      expectClose(r.estimate!, c.estimate, tol, `${what} estimate`, scale);
      expectClose(r.confInt![0], c.confInt[0], tol, `${what} lower`, scale);
      expectClose(r.confInt![1], c.confInt[1], tol, `${what} upper`, scale);
      expectClose(r.level!, c.achievedLevel, 1e-12, `${what} level`);
      expect(r.warnings, what).toEqual(c.warnings);
    }
  });
  it('rejects bad input', () => {
    throwsCode(() => wilcoxonSignedRank([]), 'TOO_FEW_OBSERVATIONS');
    throwsCode(() => wilcoxonSignedRank([1, Number.NaN]), 'NON_FINITE');
    throwsCode(() => wilcoxonSignedRank([1, 2], [1]), 'INVALID_ARGUMENT');
    throwsCode(() => wilcoxonSignedRank([1, 2], [1], { paired: true }), 'LENGTH_MISMATCH');
    throwsCode(() => wilcoxonSignedRank([1, 2], null, { level: 2 }), 'INVALID_ARGUMENT');
    throwsCode(() => wilcoxonSignedRank([1, 2], null, { confLevel: 0.9 } as never), 'INVALID_ARGUMENT');
  });
});

describe('kruskalWallis / oneWayAnova vs kruskal.test / oneway.test / aov', () => {
  it('matches statistics, df and P', () => {
    for (const c of fx.kSample!) {
      const kw = kruskalWallis(c.groups);
      expectClose(kw.statistic, c.kw.statistic, 1e-12, 'H');
      expect(kw.df).toBe(c.kw.df);
      expectClose(kw.p, c.kw.p, 1e-10, 'KW p', 1e-300);
      const a = oneWayAnova(c.groups);
      expectClose(a.statistic, c.anova.statistic, 1e-10, 'F');
      expectClose(a.statistic, c.anova.aovF, 1e-10, 'aov F');
      expect([a.df1, a.df2]).toEqual([c.anova.df1, c.anova.df2]);
      expectClose(a.p, c.anova.p, 1e-9, 'ANOVA p', 1e-300);
      const w = oneWayAnova(c.groups, { varEqual: false });
      expectClose(w.statistic, c.welch.statistic, 1e-10, 'Welch F');
      expectClose(w.df2, c.welch.df2, 1e-10, 'Welch df2');
      expectClose(w.p, c.welch.p, 1e-9, 'Welch p', 1e-300);
    }
  });
  it('rejects bad input', () => {
    throwsCode(() => kruskalWallis([[1, 2]]), 'INVALID_ARGUMENT');
    throwsCode(() => kruskalWallis([[1, 2], []]), 'TOO_FEW_OBSERVATIONS');
    throwsCode(() => oneWayAnova([[1], [2]]), 'TOO_FEW_OBSERVATIONS');
    throwsCode(() => oneWayAnova([[1, 2], [2, 4]], { varEqual: false, equal: 1 } as never), 'INVALID_ARGUMENT');
  });
});

describe('mcnemarTest vs mcnemar.test', () => {
  it('matches the statistic, df and P (2 × 2 with/without correction, r × r)', () => {
    for (const c of fx.mcnemar!) {
      const r = mcnemarTest(c.table, { correct: c.correct });
      expect(r.method).toBe(c.method);
      expectClose(r.statistic, nan(c.statistic), 1e-12, 'statistic');
      expect(r.df).toBe(c.df);
      expectClose(r.p, nan(c.p), 1e-10, 'p', 1e-300);
    }
  });
  it('rejects non-square tables', () => {
    throwsCode(() => mcnemarTest([[1, 2, 3], [4, 5, 6]]), 'INVALID_ARGUMENT');
  });
});

describe('binomTest vs binom.test', () => {
  it('matches P and the Clopper–Pearson interval', () => {
    for (const c of fx.binom!) {
      const r = binomTest(c.x, c.n, { p: c.p0, alternative: alt(c.alternative), level: c.level });
      const what = `binom ${c.x}/${c.n} p0=${c.p0} ${c.alternative} ${c.level}`;
      expectClose(r.p, c.p, 1e-10, `${what} p`, 1e-300);
      expectClose(r.confInt[0], c.confInt[0], 1e-10, `${what} lower`, 1e-300);
      expectClose(r.confInt[1], c.confInt[1], 1e-10, `${what} upper`, 1e-300);
      expect(r.estimate).toBe(c.estimate);
    }
  });
  it('rejects bad input', () => {
    throwsCode(() => binomTest(3, 2), 'INVALID_ARGUMENT');
    throwsCode(() => binomTest(1.5, 2), 'INVALID_ARGUMENT');
    throwsCode(() => binomTest(1, 2, { p: 2 }), 'INVALID_ARGUMENT');
  });
});

describe('simulated P values (simulate.p.value) within Monte-Carlo error of R', () => {
  it('chiSquareTest and fisherExactTest r × c: seeded, reproducible, inside R’s spread over seeds ± 4 MC SE', () => {
    for (const c of fx.simulated!) {
      const chi = chiSquareTest(c.table, { simulatePValue: true, replicates: c.B, seed: 3 });
      expectClose(chi.statistic, c.chisqStatistic, 1e-12, 'statistic');
      expect(chi.df).toBeNaN();
      expect(chi.method).toMatch(/simulated p-value \(based on 20000 replicates\)/);
      const fis = fisherExactTest(c.table, { simulatePValue: true, replicates: c.B, seed: 3 });
      for (const [got, rs] of [
        [chi.p, c.chisqP],
        [fis.p, c.fisherP],
      ] as [number, number[]][]) {
        const mean = rs.reduce((s, v) => s + v, 0) / rs.length;
        const se = Math.sqrt((mean * (1 - mean)) / c.B) + 1 / c.B;
        expect(Math.abs(got - mean), `simulated P ${got} vs R ${rs.join(', ')}`).toBeLessThan(4 * se);
      }
      // the simulated Fisher P estimates the exact P
      expect(Math.abs(fis.p - c.fisherExactP)).toBeLessThan(4 * (Math.sqrt((c.fisherExactP * (1 - c.fisherExactP)) / c.B) + 1 / c.B));
      expect(chiSquareTest(c.table, { simulatePValue: true, replicates: c.B, seed: 3 }).p).toBe(chi.p);
    }
  });
  it('a table too large to enumerate points to simulatePValue; the simulation answers', () => {
    const big = [
      [40, 32, 28, 35, 30],
      [33, 41, 29, 30, 36],
      [30, 28, 45, 33, 31],
      [29, 35, 31, 44, 30],
    ];
    let msg = '';
    try {
      fisherExactTest(big, { maxTables: 1000 });
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/simulatePValue/);
    const r = fisherExactTest(big, { simulatePValue: true, replicates: 500, seed: 1 });
    expect(r.p).toBeGreaterThan(0);
    expect(r.replicates).toBe(500);
  });
});

describe('pAdjust vs p.adjust (all methods incl. hommel, BY, fdr)', () => {
  it('matches R to 1e-14', () => {
    for (const c of fx.pAdjust!) {
      const p = (c.p as (number | null)[]).map(nan);
      for (const m of ['holm', 'hochberg', 'hommel', 'bonferroni', 'BH', 'BY', 'fdr', 'none'] as const) {
        const got = pAdjust(p, m);
        const want = (c[m] as (number | null)[]).map(nan);
        for (const [i, g] of got.entries()) expectClose(g, want[i]!, 1e-14, `${m}[${i}]`, 1e-300);
      }
    }
  });
});
