import { describe, expect, it } from 'vitest';
import { baselineTable, delongTable, performanceTable, riskFactorTable, toHtml, toMarkdown } from '../../src/report/index.js';
import { demoBaselineInput, demoDelongInput, demoPerformanceInput, demoRiskFactorInput } from './demo-tables.js';

const sonoriskError = (code: string) => expect.objectContaining({ name: 'SonoriskError', code });

describe('baselineTable', () => {
  const t = baselineTable(demoBaselineInput());

  it('matches the snapshots', async () => {
    await expect(toMarkdown(t)).toMatchFileSnapshot('./__snapshots__/baseline-table.md');
    await expect(toHtml(t)).toMatchFileSnapshot('./__snapshots__/baseline-table.html');
  });

  it('lays out groups, levels, summaries and tests', () => {
    expect(t.columns.map((c) => c.label)).toEqual(['Characteristic', 'No recurrence (n = 97)', 'Early recurrence (n = 42)', 'Statistic', 'P', 'Test']);
    const byLabel = Object.fromEntries(t.rows.map((r) => [r.cells['variable'], r]));
    expect(byLabel['Age (years), mean ± SD']!.cells).toMatchObject({ g0: '58.1 ± 9.8', g1: '60.3 ± 10.4', statistic: 't = -1.14', p: '0.256', test: 't test' });
    // normal: false → median (P25, P75) and the Mann–Whitney Z
    expect(byLabel['AFP (ng/mL), median (P25, P75)']!.cells).toMatchObject({ g0: '12.4 (4.1, 88.0)', statistic: 'Z = -3.02', p: '0.003', test: 'Mann–Whitney U' });
    // column percentages: 80 of 97 = 82.47 %, 36 of 42 = 85.71 %
    expect(byLabel['Male']).toMatchObject({ level: 1, cells: { g0: '80 (82.5)', g1: '36 (85.7)' } });
    expect(byLabel['Sex']!.cells).toMatchObject({ statistic: 'χ² = 0.21', test: 'χ²' });
    // Fisher: no statistic
    expect(byLabel['Child–Pugh class']!.cells).toMatchObject({ statistic: '', p: '0.118', test: 'Fisher exact' });
    expect(byLabel['Tumour size (cm), mean ± SD']!.cells['p']).toBe('<0.001');
  });

  it('forces the summary when asked, whatever the normality flag says', () => {
    const input = demoBaselineInput();
    const v = { ...input.variables[0]!, normal: true, summary: 'median-iqr' as const, groups: [{ n: 97, median: 58, q1: 50, q3: 66 }, { n: 42, median: 61, q1: 52, q3: 68 }] };
    const t2 = baselineTable({ ...input, variables: [v] });
    expect(t2.rows[0]!.cells).toMatchObject({ variable: 'Age (years), median (P25, P75)', g0: '58.0 (50.0, 66.0)' });
  });

  it('rejects bad input with SonoriskError', () => {
    const input = demoBaselineInput();
    expect(() => baselineTable({ ...input, variables: [] })).toThrow(sonoriskError('EMPTY_INPUT'));
    expect(() => baselineTable({ ...input, groups: [] })).toThrow(sonoriskError('EMPTY_INPUT'));
    const cat = input.variables[1]!;
    if (cat.kind !== 'categorical') throw new Error('fixture');
    expect(() => baselineTable({ ...input, variables: [{ ...cat, levels: [{ label: 'Male', counts: [1] }] }] })).toThrow(sonoriskError('LENGTH_MISMATCH'));
    expect(() => baselineTable({ ...input, variables: [{ ...cat, test: { name: 'chi-square', statistic: 1, p: 1.5 } }] })).toThrow(sonoriskError('INVALID_ARGUMENT'));
    const cont = input.variables[0]!;
    if (cont.kind !== 'continuous') throw new Error('fixture');
    expect(() => baselineTable({ ...input, variables: [{ ...cont, groups: [{ n: 1, mean: Number.NaN, sd: 1 }, { n: 1, mean: 1, sd: 1 }] }] })).toThrow(sonoriskError('NON_FINITE'));
    expect(() => baselineTable({ ...input, variables: [{ ...cont, groups: [{ n: 1, mean: 1, sd: 1 }] }] })).toThrow(sonoriskError('LENGTH_MISMATCH'));
  });
});

describe('performanceTable', () => {
  const t = performanceTable(demoPerformanceInput());

  it('matches the snapshot', async () => {
    await expect(toMarkdown(t)).toMatchFileSnapshot('./__snapshots__/performance-table.md');
  });

  it('computes every ratio from the confusion counts', () => {
    const r = t.rows[1]!; // R-US validation: TP 8, FP 2, TN 17, FN 1
    expect(r.values).toMatchObject({ accuracy: 25 / 28, sensitivity: 8 / 9, specificity: 17 / 19, threshold: 0.412 });
    expect(r.cells).toMatchObject({ model: 'R-US', split: 'Validation', auc: '0.931 (0.842–1.000)', accuracy: '0.893', sensitivity: '0.889', specificity: '0.895', source: 'Youden (training)', counts: '8/2/17/1', ppv: '0.800', npv: '0.944', n: '28 (9)' });
    expect(t.rows[0]!.cells['source']).toBe('Youden');
  });

  it('enforces the protocol: the training Youden threshold is applied unchanged', () => {
    const input = demoPerformanceInput();
    const entries = input.entries.map((e, i) => (i === 1 ? { ...e, threshold: 0.5 } : e));
    expect(() => performanceTable({ entries })).toThrow(sonoriskError('INVALID_ARGUMENT'));
    expect(() => performanceTable({ entries: input.entries.slice(1, 2) })).toThrow(/no "Training" row/);
    expect(() => performanceTable({ entries: [] })).toThrow(sonoriskError('EMPTY_INPUT'));
    expect(() => performanceTable({ entries: [{ ...input.entries[0]!, tp: 0, fp: 0, tn: 0, fn: 0 }] })).toThrow(sonoriskError('EMPTY_INPUT'));
    expect(() => performanceTable({ entries: [{ ...input.entries[0]!, auc: 1.2 }] })).toThrow(sonoriskError('INVALID_ARGUMENT'));
    expect(() => performanceTable({ entries: [{ ...input.entries[0]!, tp: 2.5 }] })).toThrow(sonoriskError('INVALID_ARGUMENT'));
  });
});

describe('riskFactorTable', () => {
  const t = riskFactorTable(demoRiskFactorInput());

  it('matches the snapshot', async () => {
    await expect(toMarkdown(t)).toMatchFileSnapshot('./__snapshots__/risk-factor-table.md');
  });

  it('prints reference levels as 1.00 (Reference) and factors left out of the model as a dash', () => {
    const byLabel = Object.fromEntries(t.rows.map((r) => [r.cells['factor'], r]));
    expect(byLabel['Smooth']).toMatchObject({ level: 1, cells: { uni: '1.00 (Reference)', multi: '1.00 (Reference)' } });
    expect(byLabel['Irregular']!.cells).toMatchObject({ uni: '3.10 (1.43–6.72)', uniP: '0.004', multi: '2.41 (1.04–5.58)', multiP: '0.040' });
    expect(byLabel['Tumour size (per 1 cm)']!.cells).toMatchObject({ uni: '2.71 (1.60–4.60)', uniP: '<0.001' });
    expect(byLabel['Hypo-enhancement in portal phase']!.cells).toMatchObject({ multi: '\u2014', multiP: '' });
    expect(t.footnotes).toContain('\u2014, not entered into the multivariable model (or not estimable).');
  });

  it('rejects bad input', () => {
    const input = demoRiskFactorInput();
    const margin = input.factors[2]!;
    expect(() => riskFactorTable({ factors: [{ ...margin, levels: margin.levels!.map((l) => ({ ...l, reference: false })) }] })).toThrow(/exactly one level/);
    expect(() => riskFactorTable({ factors: [{ label: 'x', univariable: { or: 2, ci: [3, 1], p: 0.5 } }] })).toThrow(sonoriskError('INVALID_ARGUMENT'));
    expect(() => riskFactorTable({ factors: [{ label: 'x', univariable: { or: Number.NaN, ci: [1, 3], p: 0.5 } }] })).toThrow(sonoriskError('NON_FINITE'));
    expect(() => riskFactorTable({ factors: [] })).toThrow(sonoriskError('EMPTY_INPUT'));
  });
});

describe('delongTable', () => {
  const t = delongTable(demoDelongInput());

  it('matches the snapshot', async () => {
    await expect(toMarkdown(t)).toMatchFileSnapshot('./__snapshots__/delong-table.md');
  });

  it('prints the comparison, ΔAUC (95% CI), Z, P and adjusted P', () => {
    expect(t.columns.at(-1)!.label).toBe('Adjusted P (Holm)');
    expect(t.rows[1]!.cells).toMatchObject({ comparison: 'R-US vs R-CEUS45', aucs: '0.931 vs 0.812', difference: '0.119 (0.005–0.233)', z: '2.04', p: '0.041', pAdjusted: '0.246' });
    expect(t.rows[0]!.cells['difference']).toBe('0.023 (-0.061 to 0.107)');
    expect(t.rows[0]!.cells['pAdjusted']).toBe('>0.999');
  });

  it('rejects adjusted P below raw P and empty lists', () => {
    const input = demoDelongInput();
    expect(() => delongTable({ ...input, comparisons: [{ ...input.comparisons[1]!, pAdjusted: 0.01 }] })).toThrow(sonoriskError('INVALID_ARGUMENT'));
    expect(() => delongTable({ ...input, comparisons: [] })).toThrow(sonoriskError('EMPTY_INPUT'));
  });
});
