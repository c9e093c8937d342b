import { describe, expect, it } from 'vitest';
import { closestName, didYouMean, editDistance } from '../src/closest-name.js';

describe('closestName', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions', () => {
    expect(editDistance('injection_ofset', 'injection_offset')).toBe(1);
    expect(editDistance('otucome', 'outcome')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
  it('suggests the nearest known name, and nothing when none is close', () => {
    const columns = ['id', 'outcome', 'split', 'injection_offset', 'bmode_path', 'ceus_path'];
    expect(closestName('injection_ofset', columns)).toBe('injection_offset');
    expect(closestName('bmode_pth', columns)).toBe('bmode_path');
    expect(closestName('outcom', columns)).toBe('outcome');
    expect(closestName('OUTCOME', columns)).toBe('outcome');
    expect(closestName('weight', columns)).toBeUndefined();
    expect(closestName('xyz', columns)).toBeUndefined();
    expect(didYouMean('wokers', ['workers', 'out'], (f) => `--${f}`)).toBe(' Did you mean --workers?');
    expect(didYouMean('zzz', ['workers'])).toBe('');
  });
});
