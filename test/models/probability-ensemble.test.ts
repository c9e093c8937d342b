import { describe, expect, it } from 'vitest';
import { type ClipTensor, type Runner, ensemble, isSonoriskError, toLogOdds, toProbability } from '../../src/index.js';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('toProbability / toLogOdds', () => {
  it('sigmoid: σ(0) = 1/2, σ(−z) = 1 − σ(z), stable at ±1000', () => {
    const p = toProbability(new Float32Array([0, 1.5, -1.5, 1000, -1000]), 'sigmoid');
    expect(p[0]).toBe(0.5);
    expect(p[1]! + p[2]!).toBeCloseTo(1, 15);
    expect(p[1]).toBeCloseTo(sigmoid(1.5), 15);
    expect(p[3]).toBe(1);
    expect(p[4]).toBeGreaterThanOrEqual(0);
    expect(p[4]).toBeLessThan(1e-300);
  });

  it('softmax over two logits is σ(z1 − z0); over three it sums to one; stable for large logits', () => {
    const z = [0.3, 1.3, -2, 0.5, 800, 801];
    const p = toProbability(z, 'softmax');
    expect(p.length).toBe(3);
    expect(p[0]).toBeCloseTo(sigmoid(1), 14);
    expect(p[1]).toBeCloseTo(sigmoid(2.5), 14);
    expect(p[2]).toBeCloseTo(sigmoid(1), 14);
    expect(Array.from(toLogOdds(z, 'softmax'))).toEqual([expect.closeTo(1, 12), expect.closeTo(2.5, 12), expect.closeTo(1, 12)]);
    const three = [1, 2, 3];
    const total = [0, 1, 2].map((c) => toProbability(three, 'softmax', { classes: 3, positiveIndex: c })[0]!);
    expect(total.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    expect(total[2]).toBeCloseTo(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)), 14);
  });

  it('rejects ragged lengths, NaN, bad kinds', () => {
    expect(() => toProbability([1, 2, 3], 'softmax')).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH' }));
    expect(() => toProbability([], 'sigmoid')).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH' }));
    expect(() => toProbability([Number.NaN], 'sigmoid')).toThrow(expect.objectContaining({ code: 'NON_FINITE' }));
    expect(() => toProbability([1], 'tanh' as 'sigmoid')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => toProbability([1, 2], 'softmax', { positiveIndex: 2 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => toProbability(null as unknown as number[], 'sigmoid')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

function fixed(values: number[]): Runner & { disposed: boolean } {
  const r = {
    disposed: false,
    run: async (_clips: ClipTensor | readonly ClipTensor[]) => Float32Array.from(values),
    dispose: async () => {
      r.disposed = true;
    },
  };
  return r;
}
const clip: ClipTensor = { data: new Float32Array(1), shape: [1, 1, 1, 1, 1] };

describe('ensemble', () => {
  it('mean-probability: the probability of the output is the members’ mean probability', async () => {
    const members = [fixed([0.5, -1]), fixed([2, -3]), fixed([-1, 0])];
    const out = await ensemble(members, { combine: 'mean-probability', output: 'sigmoid' }).run(clip);
    const p = toProbability(out, 'sigmoid');
    expect(p[0]).toBeCloseTo((sigmoid(0.5) + sigmoid(2) + sigmoid(-1)) / 3, 6);
    expect(p[1]).toBeCloseTo((sigmoid(-1) + sigmoid(-3) + sigmoid(0)) / 3, 6);
  });

  it('mean-probability with softmax members', async () => {
    const out = await ensemble([fixed([0, 1, 3, 1]), fixed([0, -1, 0, 2])], { output: 'softmax' }).run(clip);
    const p = toProbability(out, 'softmax');
    expect(p[0]).toBeCloseTo((sigmoid(1) + sigmoid(-1)) / 2, 6);
    expect(p[1]).toBeCloseTo((sigmoid(-2) + sigmoid(2)) / 2, 6);
  });

  it('mean-logit averages raw outputs', async () => {
    const out = await ensemble([fixed([1, 2]), fixed([3, -2])], { combine: 'mean-logit' }).run(clip);
    expect(Array.from(out)).toEqual([2, 0]);
  });

  it('disposes its members, rejects after dispose, and checks members and outputs', async () => {
    const members = [fixed([1]), fixed([2])];
    const e = ensemble(members);
    await e.dispose();
    expect(members.every((m) => m.disposed)).toBe(true);
    await expect(e.run(clip)).rejects.toSatisfy((x) => isSonoriskError(x, 'MODEL_DISPOSED'));
    await expect(ensemble([fixed([1]), fixed([1, 2])]).run(clip)).rejects.toSatisfy((x) => isSonoriskError(x, 'LENGTH_MISMATCH'));
    await expect(ensemble([fixed([1, 2, 3])], { output: 'softmax' }).run(clip)).rejects.toSatisfy((x) => isSonoriskError(x, 'LENGTH_MISMATCH'));
    expect(() => ensemble([])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() => ensemble([{} as Runner])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => ensemble([fixed([1])], { combine: 'max' as 'mean-logit' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
