import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/report/index.js';
import { csvField, formatCsv, neutraliseFormula, parseCsv } from '../../src/report/index.js';

describe('CSV formula neutralisation (OWASP CSV Injection)', () => {
  it("prefixes ' to cells starting with = + - @ tab or CR, and quotes them", () => {
    for (const t of ['=1+1', '+1-1', '-A1', '@SUM(A1)', '\tcmd', '\rcmd', '=HYPERLINK("http://x","y")', '  =indented']) {
      expect(neutraliseFormula(t)).toBe(`'${t}`);
      expect(csvField(t).startsWith(`"'`)).toBe(true);
    }
  });
  it('leaves numbers as numbers, including signed and exponent forms', () => {
    for (const t of ['-0.5', '+3', '1e-4', '-2.5E+3', '.5', '-.5']) expect(csvField(t)).toBe(t);
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
  });
  it('round-trips every cell through formatCsv and parseCsv, including ones that already start with a quote', () => {
    const cells = ['=1+1', "'=1+1", "''@x", '-0.5', "'-0.5", ' -0.5', 'x,"y"', '-', "'", ' padded ', '  =x', "'  @y"];
    const text = formatCsv(['id', ...cells.map((_, i) => `c${i}`)], [['P1', ...cells]]);
    expect(parseCsv(text).rows[0]).toEqual(['P1', ...cells]);
  });
  it("report tables' toCsv uses the same writer", () => {
    const csv = toCsv({ caption: '', columns: [{ key: 'a', label: 'A' }, { key: 'b', label: 'B' }], rows: [{ cells: { a: '=cmd|calc', b: '-0.25' } }] });
    expect(csv).toBe(`A,B\r\n"'=cmd|calc",-0.25\r\n`);
  });
});
