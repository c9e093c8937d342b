import { describe, expect, it } from 'vitest';
import { auc, aucCI, delongTest, delongTestUnpaired, roc, thresholdMetrics, wilsonInterval, youdenThreshold } from '../../src/stats/index.js';
import { sonoriskError as code } from '../helpers/expect-code.js';

describe('ROC functions reject bad input with SonoriskError codes', () => {
  const fns: [string, (l: unknown, s: unknown) => unknown][] = [
    ['roc', (l, s) => roc(l as number[], s as number[])],
    ['auc', (l, s) => auc(l as number[], s as number[])],
    ['aucCI', (l, s) => aucCI(l as number[], s as number[])],
    ['aucCI bootstrap', (l, s) => aucCI(l as number[], s as number[], { method: 'bootstrap' })],
    ['youdenThreshold', (l, s) => youdenThreshold(l as number[], s as number[])],
    ['thresholdMetrics', (l, s) => thresholdMetrics(l as number[], s as number[], 0.5)],
    ['delongTest', (l, s) => delongTest(l as number[], s as number[], s as number[])],
    ['delongTestUnpaired', (l, s) => delongTestUnpaired(l as number[], s as number[], [0, 1], [0.1, 0.2])],
  ];
  it.each(fns)('%s', (_n, f) => {
    expect(() => f([0, 1, 1], [0.1, 0.2])).toThrow(code('LENGTH_MISMATCH'));
    expect(() => f([0, 1, 1], [0.1, Number.NaN, 0.3])).toThrow(code('NON_FINITE'));
    expect(() => f([0, 1, 1], [0.1, Number.POSITIVE_INFINITY, 0.3])).toThrow(code('NON_FINITE'));
    expect(() => f([1, 1, 1], [0.1, 0.2, 0.3])).toThrow(code('SINGLE_CLASS'));
    expect(() => f([0, 0], [0.1, 0.2])).toThrow(code('SINGLE_CLASS'));
    expect(() => f([0, 2, 1], [0.1, 0.2, 0.3])).toThrow(code('NON_BINARY_LABELS'));
    expect(() => f([0, 0.5, 1], [0.1, 0.2, 0.3])).toThrow(code('NON_BINARY_LABELS'));
    expect(() => f(['0', '1'], [0.1, 0.2])).toThrow(code('NON_BINARY_LABELS'));
    expect(() => f([], [])).toThrow(code('EMPTY_INPUT'));
    expect(() => f(null, [0.1])).toThrow(code('INVALID_ARGUMENT'));
    expect(() => f([0, 1], 'ab')).toThrow(code('INVALID_ARGUMENT'));
  });

  it('rejects bad options', () => {
    const y = [0, 0, 1, 1];
    const s = [0.1, 0.4, 0.35, 0.8];
    expect(() => roc(y, s, { direction: 'up' as never })).toThrow(code('INVALID_ARGUMENT'));
    expect(() => aucCI(y, s, { level: 95 })).toThrow(code('INVALID_ARGUMENT'));
    expect(() => aucCI(y, s, { method: 'exact' as never })).toThrow(code('INVALID_ARGUMENT'));
    expect(() => aucCI(y, s, { method: 'bootstrap', replicates: 0 })).toThrow(code('INVALID_ARGUMENT'));
    expect(() => aucCI(y, s, { method: 'bootstrap', replicates: 1e9 })).toThrow(code('LIMIT_EXCEEDED'));
    expect(() => aucCI(y, s, { method: 'bootstrap', seed: -3 })).toThrow(code('INVALID_ARGUMENT'));
    expect(() => delongTest(y, s, s, { alternative: 'sideways' as never })).toThrow(code('INVALID_ARGUMENT'));
    expect(() => thresholdMetrics(y, s, Number.NaN)).toThrow(code('INVALID_ARGUMENT'));
    expect(() => wilsonInterval(3, 2)).toThrow(code('INVALID_ARGUMENT'));
    expect(() => wilsonInterval(1.5, 2)).toThrow(code('INVALID_ARGUMENT'));
  });

  it('documents R-style NaN results instead of throwing where pROC returns NA', () => {
    // one case only: DeLong variance undefined (pROC ci.auc returns NA)
    const ci = aucCI([1, 0, 0, 0], [0.9, 0.1, 0.95, 0.3]);
    expect(ci.auc).toBeCloseTo(2 / 3, 15);
    expect(ci.lower).toBeNaN();
    expect(ci.upper).toBeNaN();
    // nothing called positive: PPV undefined
    const m = thresholdMetrics([0, 1], [0.1, 0.2], 0.5);
    expect(m.ppv.estimate).toBeNaN();
    expect(m.npv.estimate).toBe(0.5);
  });
});
