/**
 * baselineTableFrom computes with sonorisk/stats; every number in the table must equal what the
 * stats functions return for the same rows (those are verified against R in test/stats).
 */
import { describe as group, expect, it } from 'vitest';
import { baselineTableFrom, toMarkdown } from '../../src/report/index.js';
import { chiSquareTest, createRng, describe, fisherExactTest, mannWhitneyU, shapiroWilk, tTest } from '../../src/stats/index.js';

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

group('baselineTableFrom', () => {
  const table = baselineTableFrom(rows, 'recurrence', spec);
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
    const t2 = baselineTableFrom(rows, 'recurrence', { ...spec, tTest: 'student', variables: [{ key: 'afp', label: 'AFP', kind: 'continuous', summary: 'mean-sd' }] });
    const t = tTest(values(0, 'afp'), values(1, 'afp'), { varEqual: true });
    expect(t2.rows[0]!.values).toMatchObject({ statistic: t.statistic, p: t.p, test: 't-test', summary: 'mean-sd' });
  });

  it('rejects bad input', () => {
    expect(() => baselineTableFrom([], 'recurrence', spec)).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() => baselineTableFrom(rows, 'sex', { variables: spec.variables.slice(0, 1), groups: [{ value: 'M', label: 'M' }, { value: 'X', label: 'X' }] })).toThrow(/no row has sex = X/);
    expect(() => baselineTableFrom(rows.map((r, i) => ({ ...r, g: i % 3 })), 'g', { variables: spec.variables.slice(0, 1) })).toThrow(/exactly two/);
    expect(() => baselineTableFrom(rows.map((r) => ({ ...r, age: 'old' })), 'recurrence', { variables: spec.variables.slice(0, 1) })).toThrow(expect.objectContaining({ code: 'NON_FINITE' }));
  });
});
