/**
 * computeRiskFactorTable runs sonorisk/stats riskFactorAnalysis; every OR, CI and P in the table must
 * equal independent logisticRegression fits (verified against R's glm in test/stats).
 */
import { describe, expect, it } from 'vitest';
import { computeRiskFactorTable, toMarkdown } from '../../src/report/index.js';
import { createRng, logisticRegression } from '../../src/stats/index.js';

const rng = createRng(5);
const rows = Array.from({ length: 160 }, () => {
  const size = Math.round((2.5 + 0.8 * rng.normal()) * 10) / 10;
  const margin = ['smooth', 'irregular', 'lobulated'][rng.int(3)]!;
  const afpHigh = rng.next() < 0.4 ? 1 : 0;
  const noise = rng.normal();
  const lp = -4 + 1.1 * size + (margin === 'irregular' ? 1.0 : 0) + 0.2 * afpHigh;
  return { y: rng.next() < 1 / (1 + Math.exp(-lp)) ? 1 : 0, size, margin, afpHigh, noise };
});
const spec = {
  predictors: ['size', 'margin', 'afpHigh', 'noise'],
  categorical: { margin: { reference: 'smooth' } },
  labels: { size: 'Tumour size (per cm)', margin: 'Margin', afpHigh: 'AFP > 20 ng/mL', noise: 'Noise' },
  levelLabels: { margin: { smooth: 'Smooth', irregular: 'Irregular', lobulated: 'Lobulated' } },
};

describe('computeRiskFactorTable', () => {
  const table = computeRiskFactorTable(rows, 'y', spec);
  const row = (label: string) => table.rows.find((r) => r.cells['factor'] === label)!;

  it('univariable ORs, profile CIs and Wald P equal one-predictor logisticRegression fits', () => {
    const size = logisticRegression(rows, 'y', { predictors: ['size'] }).terms.find((t) => t.term === 'size')!;
    expect(row('Tumour size (per cm)').values).toMatchObject({ uniOr: size.oddsRatio, uniLower: size.ciProfile![0], uniUpper: size.ciProfile![1], uniP: size.p });
    const margin = logisticRegression(rows, 'y', { predictors: ['margin'], categorical: { margin: { reference: 'smooth' } } });
    const irr = margin.terms.find((t) => t.level === 'irregular')!;
    expect(row('Irregular').values).toMatchObject({ uniOr: irr.oddsRatio, uniLower: irr.ciProfile![0], uniUpper: irr.ciProfile![1], uniP: irr.p });
    expect(row('Smooth').cells).toMatchObject({ uni: '1.00 (Reference)' });
  });

  it('the multivariable model holds the predictors with univariable P < 0.05 and matches that fit', () => {
    const uniP = (pr: string) => Math.min(...logisticRegression(rows, 'y', { predictors: [pr], categorical: pr === 'margin' ? spec.categorical : {} }).terms.filter((t) => t.predictor === pr).map((t) => t.p));
    const chosen = spec.predictors.filter((pr) => uniP(pr) < 0.05);
    expect(chosen).toContain('size');
    expect(chosen).not.toContain('noise');
    const multi = logisticRegression(rows, 'y', { predictors: chosen, categorical: chosen.includes('margin') ? spec.categorical : {} });
    const size = multi.terms.find((t) => t.term === 'size')!;
    expect(row('Tumour size (per cm)').values).toMatchObject({ multiOr: size.oddsRatio, multiLower: size.ciProfile![0], multiUpper: size.ciProfile![1], multiP: size.p });
    expect(row('Noise').cells['multi']).toBe('\u2014');
    expect(table.footnotes).toContain('Factors with univariable P < 0.05 entered the multivariable model.');
  });

  it('uses Wald intervals and enters all factors when asked', () => {
    const t = computeRiskFactorTable(rows, 'y', { ...spec, ci: 'wald', multivariableThreshold: 'all' });
    const multi = logisticRegression(rows, 'y', { predictors: spec.predictors, categorical: spec.categorical, profile: false });
    const noise = multi.terms.find((x) => x.term === 'noise')!;
    expect(t.rows.find((r) => r.cells['factor'] === 'Noise')!.values).toMatchObject({ multiOr: noise.oddsRatio, multiLower: noise.ciWald[0], multiUpper: noise.ciWald[1], multiP: noise.p });
    const lob = multi.terms.find((x) => x.level === 'lobulated')!;
    expect(t.rows.find((r) => r.cells['factor'] === 'Lobulated')!.values).toMatchObject({ multiOr: lob.oddsRatio, multiLower: lob.ciWald[0], multiP: lob.p });
    expect(toMarkdown(t)).toContain('Wald CI and P');
    expect(t.footnotes).toContain('All factors entered the multivariable model.');
    expect(() => computeRiskFactorTable(rows, 'y', { ...spec, predictors: [] })).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
  });
});
