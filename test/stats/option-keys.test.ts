// One vocabulary across sonorisk/stats: unknown option keys throw, naming the key and the nearest valid one.
import { describe, expect, it } from 'vitest';
import { isSonoriskError } from '../../src/errors.js';
import * as S from '../../src/stats/index.js';

function thrown(f: () => unknown): Error & { code?: string; details?: Record<string, unknown> } {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

const y = [0, 0, 0, 1, 1, 1];
const a = [0.1, 0.4, 0.3, 0.35, 0.8, 0.9];
const b = [0.2, 0.1, 0.5, 0.6, 0.4, 0.7];

describe('unknown option keys', () => {
  it("delongTest(…, { method: 'bootstrap' }) throws and names the key and the nearest valid one", () => {
    const e = thrown(() => S.delongTest(y, a, b, { method: 'bootstrap' } as never));
    expect(isSonoriskError(e, 'INVALID_ARGUMENT')).toBe(true);
    expect(e.message).toMatch(/unknown option 'method'/);
    expect(e.message).toMatch(/did you mean '[a-z]+'\?/);
    expect(e.details?.suggestion).toBeTypeOf('string');
  });

  it('old names are rejected with the new name as the suggestion', () => {
    const cases: [() => unknown, string, string][] = [
      [() => S.tTest([1, 2, 3], [2, 3, 5], { confLevel: 0.9 } as never), 'confLevel', 'level'],
      [() => S.fisherExactTest([[1, 2], [3, 4]], { confLevel: 0.9 } as never), 'confLevel', 'level'],
      [() => S.aucCI(y, a, { bootstrap: { n: 10 } } as never), 'bootstrap', 'replicates'],
      [() => S.bootstrap(6, { replicate: 3 } as never).next(), 'replicate', 'replicates'],
      [() => S.roc(y, a, { directon: 'auto' } as never), 'directon', 'direction'],
      [() => S.calibration(y, a, { confLevel: 0.9 } as never), 'confLevel', 'level'],
      [() => S.decisionCurve(y, { m: a }, { bootstrap: { n: 10 } } as never), 'n', 'replicates'],
      [() => S.mannWhitneyU([1, 2], [3, 4], { alternatve: 'less' } as never), 'alternatve', 'alternative'],
    ];
    for (const [f, key, nearest] of cases) {
      const e = thrown(f);
      expect(isSonoriskError(e, 'INVALID_ARGUMENT'), e.message).toBe(true);
      expect(e.message).toContain(`unknown option '${key}'`);
      expect(e.details?.suggestion, e.message).toBe(nearest);
    }
  });

  it('options must be an object', () => {
    expect(isSonoriskError(thrown(() => S.auc(y, a, 'higher' as never)), 'INVALID_ARGUMENT')).toBe(true);
  });
});
