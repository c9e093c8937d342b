import { describe, expect, it } from 'vitest';
import { parseCohortManifest } from '../../src/study/index.js';

const HEAD = 'id,outcome,ceus_path,ceus_x0,ceus_y0,ceus_x1,ceus_y1';
const invalid = (text: string, format: 'csv' | 'json'): Error & { code?: string; details?: Record<string, unknown> } => {
  try {
    parseCohortManifest(text, format);
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected MANIFEST_INVALID');
};

describe('cohort manifest: declared covariates and unknown columns', () => {
  it('stores cov_ columns under their bare name', () => {
    const { cases } = parseCohortManifest(`${HEAD},cov_afp,cov_halo,cov_segment\nP1,1,c.dcm,1,2,3,4,35.2,1,S4\n`, 'csv');
    expect(cases[0]!.covariates).toEqual({ afp: 35.2, halo: 1, segment: 'S4' });
  });
  it('rejects an unknown column, naming it and the nearest known column', () => {
    for (const [typo, near] of [
      ['injection_ofset', 'injection_offset'],
      ['bmode_pth', 'bmode_path'],
      ['outcom', 'outcome'],
      ['ceus_frame_rat', 'ceus_frame_rate'],
    ]) {
      const e = invalid(`id,ceus_path,ceus_x0,ceus_y0,ceus_x1,ceus_y1,${typo}\nP1,c.dcm,1,2,3,4,5\n`, 'csv');
      expect(e.code).toBe('MANIFEST_INVALID');
      expect(e.message).toContain(`unknown column '${typo}'`);
      expect(e.message).toContain(`Did you mean '${near}'?`);
    }
    const plain = invalid(`${HEAD},weight\nP1,1,c.dcm,1,2,3,4,70\n`, 'csv');
    expect(plain.message).toContain("'cov_weight'");
    expect(invalid(`${HEAD},cov_\nP1,1,c.dcm,1,2,3,4,70\n`, 'csv').message).toContain("after 'cov_'");
    expect(invalid(`${HEAD},outcome\nP1,1,c.dcm,1,2,3,4,1\n`, 'csv').message).toContain('appears twice');
  });
  it('rejects unknown JSON keys at every level with a suggestion', () => {
    const rec = { path: 'c.dcm', corners: [[1, 2], [3, 4]] };
    expect(invalid(JSON.stringify({ cases: [{ id: 'A', ceus: rec, injectionOfset: 3 }] }), 'json').message).toContain("Did you mean 'injectionOffset'?");
    expect(invalid(JSON.stringify({ cases: [{ id: 'A', ceus: { ...rec, corner: 1 } }] }), 'json').message).toMatch(/unknown key 'corner'.*Did you mean 'corners'\?/);
    expect(invalid(JSON.stringify({ case: [] , cases: [{ id: 'A', ceus: rec }] }), 'json').message).toContain("Did you mean 'cases'?");
    const { cases } = parseCohortManifest(JSON.stringify({ cases: [{ id: 'A', ceus: { ...rec, frameRate: 12 }, covariates: { afp: 3 } }] }), 'json');
    expect(cases[0]!.ceus!.frameRate).toBe(12);
    expect(cases[0]!.covariates).toEqual({ afp: 3 });
  });
  it('reads frame-rate columns and rejects bad ones', () => {
    const { cases } = parseCohortManifest('id,bmode_path,bmode_x0,bmode_y0,bmode_x1,bmode_y1,bmode_frame_rate\nP1,b.dcm,1,2,3,4,25\n', 'csv');
    expect(cases[0]!.bmode).toMatchObject({ path: 'b.dcm', givenPath: 'b.dcm', frameRate: 25 });
    expect(invalid('id,bmode_path,bmode_x0,bmode_y0,bmode_x1,bmode_y1,bmode_frame_rate\nP1,b.dcm,1,2,3,4,0\n', 'csv').message).toContain("field 'bmode_frame_rate'");
  });
  it("rejects '.' and '..' as case ids", () => {
    for (const id of ['.', '..']) expect(invalid(`${HEAD}\n${id},1,c.dcm,1,2,3,4\n`, 'csv').message).toContain("field 'id'");
    expect(parseCohortManifest(`${HEAD}\n.hidden,1,c.dcm,1,2,3,4\n`, 'csv').cases[0]!.id).toBe('.hidden');
  });
});
