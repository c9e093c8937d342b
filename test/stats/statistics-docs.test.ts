// Runs the examples of the docs/statistics.md sections added for issue 16 and checks the numbers printed there.
import { describe, expect, it } from 'vitest';
import { binomTest, delongTest, fisherExactTest, kruskalWallis, mcnemarTest, oneWayAnova, pAdjust, tTest, wilcoxonSignedRank } from '../../src/stats/index.js';

const r4 = (v: number) => Number(v.toPrecision(4));

describe('docs/statistics.md examples', () => {
  it('unknown options', () => {
    expect(() => delongTest([0, 1, 0, 1], [1, 2, 3, 4], [2, 1, 4, 3], { method: 'bootstrap' } as never)).toThrow(
      "delongTest: unknown option 'method'; did you mean 'level'? Valid options: direction, positive, level, alternative.",
    );
    expect(() => tTest([1, 2, 3], [2, 3, 5], { confLevel: 0.9 } as never)).toThrow(/unknown option 'confLevel'; did you mean 'level'\?/);
  });
  it('signed rank', () => {
    const r = wilcoxonSignedRank([1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3], [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29], { paired: true });
    expect([r.v, r.p, r4(r.estimate!), r4(r.confInt![0]), r4(r.confInt![1])]).toEqual([40, 0.0390625, 0.46, 0.01, 0.786]);
  });
  it('k samples', () => {
    expect(kruskalWallis([[2.9, 3.0, 2.5, 2.6, 3.2], [3.8, 2.7, 4.0, 2.4], [2.8, 3.4, 3.7, 2.2, 2.0]]).p.toFixed(3)).toBe('0.680');
    const a = oneWayAnova([[4.2, 4.8, 5.1, 4.6], [5.5, 6.1, 5.8], [4.9, 5.3, 5.0, 5.6, 5.2]]);
    expect([a.statistic.toFixed(3), a.df1, a.df2, a.p.toPrecision(3)]).toEqual(['10.785', 2, 9, '0.00408']);
  });
  it('McNemar and binomial', () => {
    expect(mcnemarTest([[59, 6], [16, 80]]).p.toFixed(4)).toBe('0.0550');
    const b = binomTest(7, 20, { p: 0.2 });
    expect([b.p.toFixed(4), b.confInt[0].toFixed(4), b.confInt[1].toFixed(4)]).toEqual(['0.0982', '0.1539', '0.5922']);
  });
  it('Monte-Carlo Fisher', () => {
    const t = [[3, 1, 0, 2], [5, 1, 0, 1], [4, 2, 2, 0]];
    expect(fisherExactTest(t).p.toFixed(4)).toBe('0.6009');
    expect(fisherExactTest(t, { simulatePValue: true, replicates: 20000, seed: 1 }).p.toFixed(4)).toBe('0.6003');
  });
  it('pAdjust', () => {
    expect(pAdjust([0.01, 0.04, 0.03], 'BY').map(r4)).toEqual([0.055, 0.07333, 0.07333]);
    expect(pAdjust([0.01, 0.04, 0.03, 0.005], 'hommel')).toEqual([0.03, 0.04, 0.04, 0.02]);
  });
});
