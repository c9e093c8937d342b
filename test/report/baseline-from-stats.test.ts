/**
 * computeBaselineTable computes with sonorisk/stats; every number in the table must equal what the
 * stats functions return for the same rows (those are verified against R in test/stats).
 */
import { describe as group, expect, it } from 'vitest';
import { computeBaselineTable, toMarkdown } from '../../src/report/index.js';
import { chiSquareTest, createRng, describe, fisherExactTest, kruskalWallis, mannWhitneyU, oneWayAnova, shapiroWilk, tTest } from '../../src/stats/index.js';

const rng = createRng(11);
const rows = Array.from({ length: 139 }, (_, i) => {
  const recurrence = i < 42 ? 1 : 0;
  return {
    recurrence,
    age: Math.round((58 + 2 * recurrence + 10 * rng.normal()) * 10) / 10,
    afp: i % 17 === 3 ? null : Math.round(Math.exp(2.6 + 0.9 * recurrence + 1.4 * rng.normal()) * 10) / 10,
    sex: rng.next() < 0.83 ? 'M' : 'F',
    childPugh: rng.next() < (recurrence ? 0.1 : 0.04) ? 'B' : 'A',
  };
});
const spec = {
  groups: [
    { value: 0, label: 'No recurrence' },
    { value: 1, label: 'Early recurrence' },
  ],
  variables: [
    { key: 'age', label: 'Age', unit: 'years', kind: 'continuous' as const },
    { key: 'afp', label: 'AFP', unit: 'ng/mL', kind: 'continuous' as const },
    { key: 'sex', label: 'Sex', kind: 'categorical' as const, levels: ['M', 'F'], levelLabels: { M: 'Male', F: 'Female' } },
    { key: 'childPugh', label: 'Child–Pugh class', kind: 'categorical' as const, levels: ['A', 'B'] },
  ],
};
const by = (g: number) => rows.filter((r) => r.recurrence === g);
const values = (g: number, k: 'age' | 'afp') => by(g).map((r) => r[k]).filter((x): x is number => x !== null);

group('computeBaselineTable', () => {
  const table = computeBaselineTable(rows, 'recurrence', spec);
  const row = (text: string) => table.rows.find((r) => r.cells['variable']!.startsWith(text))!;

  it('takes group sizes from the rows', () => {
    expect(table.columns[1]!.label).toBe('No recurrence (n = 97)');
    expect(table.columns[2]!.label).toBe('Early recurrence (n = 42)');
  });

  it('continuous, normal in both groups (Shapiro–Wilk): describe + Welch tTest', () => {
    const [a, b] = [values(0, 'age'), values(1, 'age')];
    expect(shapiroWilk(a).p).toBeGreaterThanOrEqual(0.05);
    expect(shapiroWilk(b).p).toBeGreaterThanOrEqual(0.05);
    const t = tTest(a, b);
    expect(row('Age').values).toEqual({ statistic: t.statistic, p: t.p, test: 'welch', summary: 'mean-sd', g0Mean: describe(a).mean, g0Sd: describe(a).sd, g1Mean: describe(b).mean, g1Sd: describe(b).sd });
  });

  it('continuous, skewed: median (P25, P75) + Mann–Whitney Z, missing values left out', () => {
    const [a, b] = [values(0, 'afp'), values(1, 'afp')];
    expect(a.length + b.length).toBeLessThan(139);
    const m = mannWhitneyU(a, b);
    expect(m.z).not.toBeNull();
    const [da, db] = [describe(a), describe(b)];
    expect(row('AFP').values).toEqual({ statistic: m.z, p: m.p, test: 'mann-whitney', summary: 'median-iqr', g0Median: da.median, g0Q1: da.q1, g0Q3: da.q3, g1Median: db.median, g1Q1: db.q1, g1Q3: db.q3 });
    expect(row('AFP').cells['statistic']).toMatch(/^Z = /);
  });

  it('categorical: counts per level and group, χ² when expected counts allow, Fisher otherwise', () => {
    const count = (g: number, k: 'sex' | 'childPugh', v: string) => by(g).filter((r) => r[k] === v).length;
    const sex = [['M', 'F'].map((v) => count(0, 'sex', v)), ['M', 'F'].map((v) => count(1, 'sex', v))];
    const sexTable = [[sex[0]![0]!, sex[1]![0]!], [sex[0]![1]!, sex[1]![1]!]];
    const chi = chiSquareTest(sexTable);
    expect(chi.minExpected).toBeGreaterThanOrEqual(5);
    expect(row('Sex').values).toEqual({ statistic: chi.statistic, p: chi.p, test: 'chi-square' });
    expect(table.rows.find((r) => r.cells['variable'] === 'Male')!.values).toMatchObject({ g0: sexTable[0]![0], g1: sexTable[0]![1] });
    const cp = ['A', 'B'].map((v) => [count(0, 'childPugh', v), count(1, 'childPugh', v)]);
    expect(chiSquareTest(cp).minExpected).toBeLessThan(5);
    expect(row('Child–Pugh').values).toEqual({ statistic: null, p: fisherExactTest(cp).p, test: 'fisher' });
    expect(toMarkdown(table)).toContain('Fisher exact');
  });

  it('forces a summary and a Student t test when asked', () => {
    const t2 = computeBaselineTable(rows, 'recurrence', { ...spec, tTest: 'student', variables: [{ key: 'afp', label: 'AFP', kind: 'continuous', summary: 'mean-sd' }] });
    const t = tTest(values(0, 'afp'), values(1, 'afp'), { varEqual: true });
    expect(t2.rows[0]!.values).toMatchObject({ statistic: t.statistic, p: t.p, test: 't-test', summary: 'mean-sd' });
  });

  it('rejects bad input', () => {
    expect(() => computeBaselineTable([], 'recurrence', spec)).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() => computeBaselineTable(rows, 'sex', { variables: spec.variables.slice(0, 1), groups: [{ value: 'M', label: 'M' }, { value: 'X', label: 'X' }] })).toThrow(/no row has sex = X/);
    expect(() => computeBaselineTable(rows.map((r) => ({ ...r, g: 1 })), 'g', { variables: spec.variables.slice(0, 1) })).toThrow(/at least two/);
    expect(() => computeBaselineTable(rows.map((r) => ({ ...r, age: 'old' })), 'recurrence', { variables: spec.variables.slice(0, 1) })).toThrow(expect.objectContaining({ code: 'NON_FINITE' }));
  });
});

group('baselineTableFrom with three groups and an overall column', () => {
  // BCLC stage 0/A/B as three groups
  const stage = (i: number) => ['0', 'A', 'B'][i % 3]!;
  const rows3 = rows.map((r, i) => ({ ...r, stage: stage(i) }));
  const table = computeBaselineTable(rows3, 'stage', { variables: spec.variables, overall: true });
  const row = (text: string) => table.rows.find((r) => r.cells['variable']!.startsWith(text))!;
  const vals = (g: string, k: 'age' | 'afp') => rows3.filter((r) => r.stage === g).map((r) => r[k]).filter((x): x is number => x !== null);

  it('has the overall column first, then one column per group', () => {
    expect(table.columns.map((c) => c.label)).toEqual(['Characteristic', 'Overall (n = 139)', 'stage = 0 (n = 47)', 'stage = A (n = 46)', 'stage = B (n = 46)', 'Statistic', 'P', 'Test']);
  });
  it('continuous: one-way ANOVA (normal) or Kruskal–Wallis, with the overall summary', () => {
    const ages = ['0', 'A', 'B'].map((g) => vals(g, 'age'));
    const a = oneWayAnova(ages);
    expect(row('Age').values!['test']).toBe('anova');
    expect(row('Age').values!['statistic']).toBe(a.statistic);
    expect(row('Age').values!['p']).toBe(a.p);
    expect(row('Age').values!['overallMean']).toBe(describe(ages.flat()).mean);
    expect(row('Age').cells['statistic']).toMatch(/^F = /);
    const afp = ['0', 'A', 'B'].map((g) => vals(g, 'afp'));
    const kw = kruskalWallis(afp);
    expect(row('AFP').values!['test']).toBe('kruskal-wallis');
    expect(row('AFP').values!['statistic']).toBe(kw.statistic);
    expect(row('AFP').values!['overallQ3']).toBe(describe(afp.flat()).q3);
    expect(row('AFP').cells['statistic']).toMatch(/^H = /);
  });
  it('categorical: r × c χ² and overall counts', () => {
    const counts = ['M', 'F'].map((lv) => ['0', 'A', 'B'].map((g) => rows3.filter((r) => r.stage === g && r.sex === lv).length));
    const chi = chiSquareTest(counts);
    expect(row('Sex').values!['p']).toBe(chi.minExpected < 5 ? fisherExactTest(counts).p : chi.p);
    const male = table.rows[table.rows.indexOf(row('Sex')) + 1]!;
    expect(male.values!['overall']).toBe(rows3.filter((r) => r.sex === 'M').length);
  });
  it('an r × c Fisher table too large to enumerate gets a seeded Monte-Carlo P and a footnote', () => {
    const rng2 = createRng(3);
    const big = Array.from({ length: 600 }, (_, i) => ({ g: ['a', 'b', 'c', 'd'][i % 4], cat: rng2.next() < 0.01 ? 'rare' : ['x', 'y', 'z', 'w', 'v'][rng2.int(5)] }));
    const t = computeBaselineTable(big, 'g', { variables: [{ key: 'cat', kind: 'categorical' }] });
    expect((t.footnotes ?? []).join(' ')).toMatch(/simulated tables/);
    expect(t.rows[0]!.values!['test']).toBe('fisher');
    expect(computeBaselineTable(big, 'g', { variables: [{ key: 'cat', kind: 'categorical' }] }).rows[0]!.values!['p']).toBe(t.rows[0]!.values!['p']);
  });
});
