import { describe, expect, it } from 'vitest';
import { linearScale } from '../../src/report/scale.js';
import { niceDomain, niceTicks } from '../../src/report/ticks.js';

describe('niceTicks / niceDomain / linearScale', () => {
  it('picks 1-2-5 steps and exact decimals', () => {
    expect(niceTicks(0, 1, 5)).toEqual({ ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], step: 0.2, decimals: 1 });
    expect(niceTicks(0, 120, 8).ticks).toEqual([0, 20, 40, 60, 80, 100, 120]);
    expect(niceTicks(-0.05, 0.35, 5).ticks).toEqual([0, 0.1, 0.2, 0.3]);
    const t = niceTicks(0.1, 0.3, 10);
    expect(t.ticks).toEqual([0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.22, 0.24, 0.26, 0.28, 0.3]);
    expect(t.decimals).toBe(2);
    expect(niceTicks(-3, 3, 6).ticks).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(Object.is(niceTicks(-1, 1, 2).ticks[1], -0)).toBe(false);
  });

  it('widens domains to ticks and handles a zero span', () => {
    expect(niceDomain(0.013, 0.287, 5)).toEqual([0, 0.3]);
    expect(niceDomain(-1.4, 97, 5)).toEqual([-20, 100]);
    expect(niceDomain(0, 0)).toEqual([-1, 1]);
    expect(niceDomain(5, 5)).toEqual([4.4, 5.6]); // padded to 4.5–5.5, then out to the 0.2 step
  });

  it('maps linearly and reports its domain', () => {
    const y = linearScale([0, 1], [400, 0]);
    expect(y(0.25)).toBe(300);
    expect(y.domain).toEqual([0, 1]);
  });

  it('rejects bad bounds with SonoriskError', () => {
    expect(() => niceTicks(1, 1)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => niceTicks(0, Number.NaN)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => niceTicks(0, 1, 0)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => niceDomain(2, 1)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => linearScale([1, 1], [0, 1])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
