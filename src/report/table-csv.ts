import { csvField } from '../study/index.js';
import { type Table, validateTable } from './table.js';

/** Options for {@link toCsv}. */
export interface CsvOptions {
  /** Field delimiter; default `','`. */
  delimiter?: ',' | ';' | '\t';
  /** Add the footnotes as trailing single-field records; default false. */
  footnotes?: boolean;
}

/**
 * Renders a {@link Table} as CSV per RFC 4180: CRLF line ends, a header record of column labels,
 * and fields quoted with `"` (inner quotes doubled) when they contain the delimiter, a quote,
 * CR or LF, or leading/trailing spaces; text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`
 * first) is neutralised with a leading `'` (OWASP), numbers such as `-0.5` are not. Nested rows keep their indentation as two leading
 * spaces per level (so those fields are quoted). The caption is not part of the CSV.
 *
 * @example
 * ```ts
 * toCsv({ caption: '', columns: [{ key: 'a', label: 'A' }], rows: [{ cells: { a: 'x, "y"' } }] });
 * // 'A\r\n"x, ""y"""\r\n'
 * ```
 */
export function toCsv(table: Table, options: CsvOptions = {}): string {
  validateTable(table);
  const d = options.delimiter ?? ',';
  const field = (s: string): string => csvField(s, d);
  const lines = [table.columns.map((c) => field(c.label)).join(d)];
  for (const row of table.rows) {
    lines.push(table.columns.map((c, i) => field((i === 0 && row.level ? '  '.repeat(row.level) : '') + (row.cells[c.key] ?? ''))).join(d));
  }
  if (options.footnotes) for (const f of table.footnotes ?? []) lines.push(field(f));
  return lines.join('\r\n') + '\r\n';
}
