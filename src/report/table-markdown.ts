import { escapeMarkdown } from './escape.js';
import { columnAlign, type Table, validateTable } from './table.js';

/**
 * Renders a {@link Table} as GitHub-flavoured Markdown: the caption in bold, a pipe table with
 * alignment markers, nested rows indented with non-breaking spaces, then the footnotes.
 * All text is escaped, so `|` or `*` in a label cannot break the table.
 *
 * @example
 * ```ts
 * toMarkdown({ caption: 'T', columns: [{ key: 'a', label: 'A' }], rows: [{ cells: { a: '1' } }] });
 * // '**T**\n\n| A |\n| :--- |\n| 1 |\n'
 * ```
 */
export function toMarkdown(table: Table): string {
  validateTable(table);
  const out: string[] = [];
  if (table.caption) out.push(`**${escapeMarkdown(table.caption)}**`, '');
  out.push(`| ${table.columns.map((c) => escapeMarkdown(c.label)).join(' | ')} |`);
  out.push(`| ${table.columns.map((c, i) => ({ left: ':---', center: ':---:', right: '---:' })[columnAlign(c, i)]).join(' | ')} |`);
  for (const row of table.rows) {
    const cells = table.columns.map((c, i) => {
      const text = escapeMarkdown(row.cells[c.key] ?? '');
      return i === 0 && row.level ? '\u00a0\u00a0\u00a0\u00a0'.repeat(row.level) + text : text;
    });
    out.push(`| ${cells.join(' | ')} |`);
  }
  if (table.footnotes?.length) {
    out.push('');
    for (const f of table.footnotes) out.push(escapeMarkdown(f) + '  ');
  }
  return out.join('\n') + '\n';
}
