// Parity with R p.adjust — fixture: test/fixtures/stats-roc/p-adjust.json, written by scripts/fixtures/stats-roc.R.
import { describe, expect, it } from 'vitest';
import { type PAdjustMethod, pAdjust } from '../../src/stats/index.js';
import fixture from '../fixtures/stats-roc/p-adjust.json' with { type: 'json' };
import { expectAllClose, type FixNum, nums } from './fixture-helpers.js';
import { sonoriskError as code } from '../helpers/expect-code.js';

const cases = fixture.cases as unknown as ({ p: FixNum[] } & Record<PAdjustMethod, FixNum[]>)[];
describe('pAdjust vs R p.adjust', () => {
  it.each(cases.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    for (const m of ['holm', 'bonferroni', 'hochberg', 'BH'] as const) {
      expectAllClose(pAdjust(nums(c.p), m), nums(c[m]), 1e-15, m, 0);
    }
  });
  it('defaults to Holm and rejects bad input', () => {
    expect(pAdjust([0.01, 0.04, 0.03])).toEqual(pAdjust([0.01, 0.04, 0.03], 'holm'));
    expect(() => pAdjust([0.1, 1.5])).toThrow(code('PROBABILITY_OUT_OF_RANGE'));
    expect(() => pAdjust([0.1, -0.1])).toThrow(code('PROBABILITY_OUT_OF_RANGE'));
    expect(() => pAdjust([0.1], 'fdrr' as never)).toThrow(code('INVALID_ARGUMENT'));
    expect(() => pAdjust(null as never)).toThrow(code('INVALID_ARGUMENT'));
    expect(pAdjust([])).toEqual([]);
  });
});
