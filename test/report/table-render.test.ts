import { describe, expect, it } from 'vitest';
import { type Table, toCsv, toHtml, toJson, toMarkdown } from '../../src/report/index.js';

const table: Table = {
  caption: 'Table X. <Tricky> & "quoted"',
  columns: [
    { key: 'name', label: 'Name' },
    { key: 'v', label: 'Value, 95% CI' },
    { key: 'note', label: 'Note', align: 'center' },
  ],
  rows: [
    { cells: { name: 'Group | A', v: '0.93 (0.88–0.97)', note: 'has "quotes"' } },
    { cells: { name: 'level *x*', v: '<0.001' }, level: 1, values: { v: 0.0004, inf: Number.POSITIVE_INFINITY } },
    { cells: { name: 'multi\nline', v: ' padded ', note: 'a,b' } },
  ],
  footnotes: ['P < 0.05 & more.'],
};

describe('table renderers', () => {
  it('Markdown: escaped pipe table with alignment row and indented levels', () => {
    expect(toMarkdown(table)).toBe(
      [
        '**Table X. \\<Tricky\\> & "quoted"**',
        '',
        '| Name | Value, 95% CI | Note |',
        '| :--- | ---: | :---: |',
        '| Group \\| A | 0.93 (0.88–0.97) | has "quotes" |',
        '| \u00a0\u00a0\u00a0\u00a0level \\*x\\* | \\<0.001 |  |',
        '| multi line |  padded  | a,b |',
        '',
        'P \\< 0.05 & more.  ',
        '',
      ].join('\n'),
    );
  });

  it('HTML: semantic table with caption, thead, row headers, tfoot and escaping', () => {
    const html = toHtml(table);
    expect(html).toContain('<caption>Table X. &lt;Tricky&gt; &amp; &quot;quoted&quot;</caption>');
    expect(html).toContain('<thead>\n<tr><th scope="col">Name</th><th scope="col" style="text-align:right">Value, 95% CI</th><th scope="col" style="text-align:center">Note</th></tr>\n</thead>');
    expect(html).toContain('<th scope="row" style="padding-left:1.6em">level *x*</th><td style="text-align:right">&lt;0.001</td>');
    expect(html).toContain('<tfoot>\n<tr><td colspan="3">P &lt; 0.05 &amp; more.</td></tr>\n</tfoot>');
    expect(html.match(/<tr>/g)).toHaveLength(1 + 3 + 1);
    // ranges never break inside: only at spaces
    expect(html).toContain('<td style="text-align:right">0.93 <span style="white-space:nowrap">(0.88–0.97)</span></td>');
    expect(html).not.toMatch(/<Tricky>/);
  });

  it('CSV: numeric columns from the rows\' values', () => {
    const t: Table = {
      caption: 'c',
      columns: [{ key: 'm', label: 'Model' }, { key: 'auc', label: 'AUC (95% CI)' }],
      rows: [
        { cells: { m: 'A', auc: '0.93 (0.88–0.97)' }, values: { model: 'A', auc: 0.9312345678901234, lower: 0.88, upper: Number.POSITIVE_INFINITY, p: null } },
        { cells: { m: 'B', auc: 'NA' }, values: { model: 'B, the second', auc: Number.NaN, extra: -0.5 } },
      ],
    };
    expect(toCsv(t, { values: true }).split('\r\n')).toEqual([
      'Model,AUC (95% CI),model,auc,lower,upper,p,extra',
      'A,0.93 (0.88–0.97),A,0.9312345678901234,0.88,Inf,,',
      'B,NA,"B, the second",,,,,-0.5',
      '',
    ]);
  });

  it('CSV: RFC 4180 quoting and CRLF', () => {
    expect(toCsv(table)).toBe(
      'Name,"Value, 95% CI",Note\r\n' +
        'Group | A,0.93 (0.88–0.97),"has ""quotes"""\r\n' +
        '"  level *x*",<0.001,\r\n' +
        '"multi\nline"," padded ","a,b"\r\n',
    );
    expect(toCsv(table, { delimiter: ';', footnotes: true }).split('\r\n')).toEqual([
      'Name;Value, 95% CI;Note',
      'Group | A;0.93 (0.88–0.97);"has ""quotes"""',
      '"  level *x*";<0.001;',
      '"multi\nline";" padded ";a,b',
      'P < 0.05 & more.',
      '',
    ]);
  });

  it('JSON: cells, levels, raw values (non-finite → null), deterministic', () => {
    const j = JSON.parse(toJson(table));
    expect(j.caption).toBe(table.caption);
    expect(j.columns.map((c: { align: string }) => c.align)).toEqual(['left', 'right', 'center']);
    expect(j.rows[1]).toEqual({ level: 1, cells: { name: 'level *x*', v: '<0.001', note: '' }, values: { v: 0.0004, inf: null } });
    expect(toJson(table)).toBe(toJson(structuredClone(table)));
  });

  it('rejects malformed tables with SonoriskError', () => {
    const bad: unknown[] = [
      null,
      { caption: 'x', columns: [], rows: [] },
      { caption: 'x', columns: [{ key: 'a', label: 'A' }, { key: 'a', label: 'B' }], rows: [] },
      { caption: 'x', columns: [{ key: 'a', label: 'A' }], rows: [{ cells: { a: 1 } }] },
      { caption: 'x', columns: [{ key: 'a', label: 'A' }], rows: [{ cells: { a: '1' }, level: -1 }] },
      { caption: 1, columns: [{ key: 'a', label: 'A' }], rows: [] },
    ];
    for (const t of bad) {
      for (const render of [toMarkdown, toHtml, toCsv, toJson]) {
        expect(() => render(t as Table)).toThrow(expect.objectContaining({ name: 'SonoriskError' }));
      }
    }
  });
});
