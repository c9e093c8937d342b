// pROC parity for the ROC tools: direction = "auto" (median rule), labels with a named positive level,
// partial AUC (+ McClish) and its bootstrap CI, ci.se / ci.sp / ci.thresholds / ci.coords("best"),
// coords("best") with closest.topleft and best.weights, power.roc.test and smooth(method = "binormal").
// Fixture: test/fixtures/stats-roc/roc-tools.json, written by `Rscript scripts/fixtures/stats-roc-tools.R`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  auc,
  aucCI,
  bestThreshold,
  ciBestThreshold,
  ciSensitivity,
  ciSpecificity,
  ciThresholds,
  delongTest,
  partialAuc,
  powerRocTest,
  powerRocTestPaired,
  type RocDirection,
  roc,
  smoothRoc,
} from '../../src/stats/index.js';
import { expectClose, throwsCode } from './fixture-helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: fixture JSON
type Any = any;
const fx = JSON.parse(readFileSync(new URL('../fixtures/stats-roc/roc-tools.json', import.meta.url), 'utf8')) as Record<string, Any[]>;
const data = new Map<string, Any>(fx.datasets!.map((d: Any) => [d.name, d]));
const nan = (v: number | null) => (v === null ? Number.NaN : v);
const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
const sd = (a: number[]) => Math.sqrt(a.reduce((s, v) => s + (v - mean(a)) ** 2, 0) / (a.length - 1));

/** Ours vs the mean of pROC's five seeds: within 5 SD of R's seed-to-seed spread plus a floor (Monte-Carlo error). */
function withinMC(got: number, rs: number[], floor: number, what: string): void {
  const tol = 5 * sd(rs) + floor;
  expect(Math.abs(got - mean(rs)), `${what}: got ${got}, pROC ${rs.join(', ')}`).toBeLessThanOrEqual(tol);
}


describe("direction 'auto' = pROC's median rule", () => {
  it('picks the direction pROC picks and gives its AUC (even below 0.5), with no warning', () => {
    for (const c of fx.auto!) {
      const r = roc(c.labels, c.scores);
      expect(r.direction).toBe(c.direction);
      expectClose(r.auc, c.auc, 1e-14, 'auc');
      expect(r.warnings).toEqual([]);
      expect(aucCI(c.labels, c.scores).direction).toBe(c.direction);
    }
  });
  it('delongTest reports each curve’s direction', () => {
    const d = data.get('lower-60');
    const t = delongTest(d.labels, d.scoresA, d.scoresB);
    expect([t.directionA, t.directionB]).toEqual(['lower-is-positive', 'lower-is-positive']);
  });
});

describe('labels: any two values with a named positive level', () => {
  it("'Good'/'Poor' with positive 'Poor' equals 0/1 labels", () => {
    const d = data.get('normal-139');
    const words = d.labels.map((v: number) => (v === 1 ? 'Poor' : 'Good'));
    const opts = { direction: 'higher-is-positive' as const };
    expect(auc(words, d.scoresA, { ...opts, positive: 'Poor' })).toBe(auc(d.labels, d.scoresA, opts));
    expect(auc(words, d.scoresA, { ...opts, positive: 'Good' })).toBeCloseTo(1 - auc(d.labels, d.scoresA, opts), 14);
    const t = delongTest(words, d.scoresA, d.scoresB, { ...opts, positive: 'Poor' });
    expect(t.p).toBe(delongTest(d.labels, d.scoresA, d.scoresB, opts).p);
  });
  it('rejects a third level, a missing label and an absent positive level', () => {
    throwsCode(() => auc(['a', 'b', 'c'], [1, 2, 3], { positive: 'a' }), 'NON_BINARY_LABELS');
    throwsCode(() => auc(['a', null, 'b'] as never, [1, 2, 3], { positive: 'a' }), 'NON_BINARY_LABELS');
    throwsCode(() => auc(['a', 'a'], [1, 2], { positive: 'z' }), 'INVALID_ARGUMENT');
    throwsCode(() => auc(['a', 'b'], [1, 2]), 'NON_BINARY_LABELS');
  });
});

describe('partialAuc vs auc(partial.auc, partial.auc.focus, partial.auc.correct)', () => {
  it('matches pROC for every range, focus and correction', () => {
    expect(fx.partial!.length).toBe(48);
    for (const c of fx.partial!) {
      const d = data.get(c.name);
      const got = partialAuc(d.labels, d.scoresA, { direction: d.direction as RocDirection, range: c.range, focus: c.focus, correct: c.correct });
      expectClose(got, nan(c.value), 1e-12, `${c.name} ${c.range} ${c.focus} correct=${c.correct}`);
    }
  });
  it('bootstrap CI within Monte-Carlo error of ci.auc; DeLong refused as by pROC', () => {
    for (const c of fx.partialCI!) {
      const d = data.get(c.name);
      const ci = aucCI(d.labels, d.scoresA, { direction: d.direction as RocDirection, partial: { range: c.range, correct: c.correct }, seed: 4 });
      expect(ci.method).toBe('bootstrap');
      expectClose(ci.auc, c.value, 1e-12, 'pAUC');
      withinMC(ci.lower, c.lower, 0.01, 'lower');
      withinMC(ci.median!, c.median, 0.01, 'median');
      withinMC(ci.upper, c.upper, 0.01, 'upper');
      throwsCode(() => aucCI(d.labels, d.scoresA, { method: 'delong', partial: { range: c.range } }), 'INVALID_ARGUMENT');
    }
    throwsCode(() => partialAuc([0, 1], [1, 2], { range: [1, 1] }), 'INVALID_ARGUMENT');
    throwsCode(() => partialAuc([0, 1], [1, 2], { range: [1, 0.8], focus: 'npv' as never }), 'INVALID_ARGUMENT');
  });
});

describe('ciSensitivity / ciSpecificity / ciThresholds / ciBestThreshold vs ci.se / ci.sp / ci.thresholds / ci.coords', () => {
  for (const c of fx.cis!) {
    it(c.name, () => {
      const d = data.get(c.name);
      const opts = { direction: d.direction as RocDirection, seed: 5 };
      // bootstrap quantiles of se (sp) move in steps of 1/cases (1/controls): allow two steps besides the MC spread
      const m = d.labels.filter((v: number) => v === 1).length;
      const seStep = 2 / m;
      const spStep = 2 / (d.labels.length - m);
      const check = (got: { lower: number; median: number; upper: number }[], want: number[][][], floor: number, what: string) => {
        got.forEach((g, k) => {
          withinMC(g.lower, want[0]!.map((s) => s[k]!), floor, `${what}[${k}] lower`);
          withinMC(g.median, want[1]!.map((s) => s[k]!), floor, `${what}[${k}] median`);
          withinMC(g.upper, want[2]!.map((s) => s[k]!), floor, `${what}[${k}] upper`);
        });
      };
      check(ciSensitivity(d.labels, d.scoresA, c.specificities, opts).intervals, c.ciSe, seStep, 'ci.se');
      check(ciSpecificity(d.labels, d.scoresA, c.sensitivities, opts).intervals, c.ciSp, spStep, 'ci.sp');
      const th = ciThresholds(d.labels, d.scoresA, c.thresholds, opts);
      check(th.specificity, c.ciThrSp, spStep, 'ci.thresholds sp');
      check(th.sensitivity, c.ciThrSe, seStep, 'ci.thresholds se');
      const b = ciBestThreshold(d.labels, d.scoresA, opts);
      const range = Math.max(...d.scoresA) - Math.min(...d.scoresA);
      check([b.threshold], c.ciBestThreshold, 0.03 * range, 'ci.coords threshold');
      check([b.sensitivity], c.ciBestSe, 2 * seStep, 'ci.coords se');
      check([b.specificity], c.ciBestSp, 2 * spStep, 'ci.coords sp');
      expect(ciSensitivity(d.labels, d.scoresA, c.specificities, opts)).toEqual(ciSensitivity(d.labels, d.scoresA, c.specificities, opts));
    });
  }
  it('rejects bad points and options', () => {
    throwsCode(() => ciSensitivity([0, 1, 0, 1], [1, 2, 3, 4], [1.5]), 'INVALID_ARGUMENT');
    throwsCode(() => ciThresholds([0, 1, 0, 1], [1, 2, 3, 4], []), 'INVALID_ARGUMENT');
    throwsCode(() => ciBestThreshold([0, 1, 0, 1], [1, 2, 3, 4], { boot: 10 } as never), 'INVALID_ARGUMENT');
  });
});

describe('bestThreshold vs coords("best", best.method, best.weights)', () => {
  it('matches thresholds (all ties), sensitivity, specificity and the criterion', () => {
    for (const c of fx.best!) {
      const d = data.get(c.name);
      const b = bestThreshold(d.labels, d.scoresA, { direction: d.direction as RocDirection, method: c.method, weights: c.weights });
      const what = `${c.name} ${c.method} ${c.weights}`;
      expect(b.ties.map((t) => t.threshold), what).toEqual(c.thresholds);
      expect(b.ties.map((t) => t.sensitivity), what).toEqual(c.sensitivities);
      expect(b.ties.map((t) => t.specificity), what).toEqual(c.specificities);
      expectClose(b.criterion, c.criterion, 1e-14, `${what} criterion`);
    }
    throwsCode(() => bestThreshold([0, 1], [1, 2], { weights: [1, 1] }), 'INVALID_ARGUMENT');
  });
});

describe('powerRocTest / powerRocTestPaired vs power.roc.test', () => {
  it('one curve: solves for ncases, power, auc or alpha', () => {
    for (const c of fx.power1!) {
      const r = powerRocTest(c.args);
      expectClose(r.ncases, c.ncases, 1e-10, 'ncases');
      expectClose(r.ncontrols, c.ncontrols, 1e-10, 'ncontrols');
      // pROC solves auc with uniroot (tol 1.2e-4); our Brent steps are R's, so the roots agree closely
      expectClose(r.auc as number, c.auc, 1e-9, 'auc');
      expectClose(r.alpha, c.alpha, 1e-10, 'alpha');
      expectClose(r.power, c.power, 1e-10, 'power');
    }
    throwsCode(() => powerRocTest({ auc: 0.8 }), 'INVALID_ARGUMENT');
    throwsCode(() => powerRocTest({ auc: 0.4, power: 0.8 }), 'INVALID_ARGUMENT');
  });
  it('two paired curves (DeLong): power of the pilot and the sample size for a target power', () => {
    for (const c of fx.power2!) {
      const d = data.get(c.name);
      const o = { direction: d.direction as RocDirection };
      expectClose(powerRocTestPaired(d.labels, d.scoresA, d.scoresB, o).power, c.power, 1e-10, 'power');
      const n80 = powerRocTestPaired(d.labels, d.scoresA, d.scoresB, { ...o, power: 0.8 });
      expectClose(n80.ncases, c.ncases80, 1e-10, 'ncases');
      expectClose(n80.ncontrols, c.ncontrols80, 1e-10, 'ncontrols');
      const n90 = powerRocTestPaired(d.labels, d.scoresA, d.scoresB, { ...o, power: 0.9, kappa: 1, alpha: 0.01, alternative: 'one-sided' });
      expectClose(n90.ncases, c.ncases90, 1e-10, 'ncases 90');
      expectClose(n90.ncontrols, c.ncontrols90, 1e-10, 'ncontrols 90');
    }
  });
});

describe('smoothRoc vs smooth(method = "binormal")', () => {
  it('matches the curve, the binormal AUC and the model coefficients', () => {
    for (const c of fx.smooth!) {
      const d = data.get(c.name);
      const s = smoothRoc(d.labels, d.scoresA, { direction: d.direction as RocDirection, points: 64 });
      expectClose(s.intercept, c.intercept, 1e-10, 'intercept');
      expectClose(s.slope, c.slope, 1e-10, 'slope');
      expectClose(s.auc, c.auc, 1e-10, 'auc');
      expect(s.sensitivities.length).toBe(c.sensitivities.length);
      s.sensitivities.forEach((v, k) => {
        expectClose(v, c.sensitivities[k], 1e-10, `se[${k}]`);
      });
      s.specificities.forEach((v, k) => {
        expectClose(v, c.specificities[k], 1e-10, `sp[${k}]`);
      });
    }
    throwsCode(() => smoothRoc([0, 1], [1, 2]), 'INVALID_ARGUMENT');
  });
});
