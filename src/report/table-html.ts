import { escapeXml } from './escape.js';
import { columnAlign, type Table, validateTable } from './table.js';

/**
 * Wraps space-free tokens that contain a hyphen or dash (`0.88–0.97`, `-1.14`) in a no-wrap span,
 * so a narrow table breaks lines only at spaces ("0.93" / "(0.88–0.97)"), never inside a range.
 */
function keepTogether(html: string): string {
  return html.replace(/[^\s]*[-\u2013\u2212][^\s]*/g, (m) => `<span style="white-space:nowrap">${m}</span>`);
}

/** Options for {@link toHtml}. */
export interface HtmlTableOptions {
  /** `class` attribute on the `<table>`; default `'sonorisk-table'`. */
  className?: string;
}

/**
 * Renders a {@link Table} as a semantic HTML `<table>`: `<caption>`, `<thead>` with
 * `<th scope="col">`, `<tbody>` whose first cell is `<th scope="row">`, and footnotes in
 * `<tfoot>`. All text is escaped. Alignment and indentation use inline `style` so the table reads
 * the same without a stylesheet; data cells break lines only at spaces (ranges such as
 * `0.88–0.97` are kept on one line).
 *
 * @example
 * ```ts
 * toHtml({ caption: 'T', columns: [{ key: 'a', label: 'A' }], rows: [{ cells: { a: '<1' } }] });
 * // contains '<caption>T</caption>' and '&lt;1'
 * ```
 */
export function toHtml(table: Table, options: HtmlTableOptions = {}): string {
  validateTable(table);
  const cls = escapeXml(options.className ?? 'sonorisk-table');
  const style = (i: number): string => {
    const a = columnAlign(table.columns[i]!, i);
    return a === 'left' ? '' : ` style="text-align:${a}"`;
  };
  const out: string[] = [`<table class="${cls}">`];
  if (table.caption) out.push(`<caption>${escapeXml(table.caption)}</caption>`);
  out.push('<thead>', '<tr>' + table.columns.map((c, i) => `<th scope="col"${style(i)}>${escapeXml(c.label)}</th>`).join('') + '</tr>', '</thead>');
  out.push('<tbody>');
  for (const row of table.rows) {
    const cells = table.columns.map((c, i) => {
      const text = escapeXml(row.cells[c.key] ?? '');
      if (i === 0) {
        const indent = row.level ? ` style="padding-left:${(0.4 + 1.2 * row.level).toFixed(1)}em"` : '';
        return `<th scope="row"${indent}>${text}</th>`;
      }
      return `<td${style(i)}>${keepTogether(text)}</td>`;
    });
    out.push('<tr>' + cells.join('') + '</tr>');
  }
  out.push('</tbody>');
  if (table.footnotes?.length) {
    out.push('<tfoot>');
    for (const f of table.footnotes) out.push(`<tr><td colspan="${table.columns.length}">${escapeXml(f)}</td></tr>`);
    out.push('</tfoot>');
  }
  out.push('</table>');
  return out.join('\n') + '\n';
}
