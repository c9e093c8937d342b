import { csvField } from './csv.js';
import { type Table, validateTable } from './table.js';

/** Options for {@link toCsv}. */
export interface CsvOptions {
  /** Field delimiter; default `','`. */
  delimiter?: ',' | ';' | '\t';
  /** Add the footnotes as trailing single-field records; default false. */
  footnotes?: boolean;
  /**
   * Append the rows' unformatted `values` as numeric columns (one per key, in order of first
   * appearance, headed by the key, e.g. `auc,aucLower,aucUpper`), so a spreadsheet or R reads
   * numbers rather than "0.948 (0.909–0.987)"; default false. Numbers print in full precision
   * (JavaScript's shortest round-trip form), null and NaN as empty fields.
   */
  values?: boolean;
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
  const valueKeys = options.values ? [...new Set(table.rows.flatMap((r) => Object.keys(r.values ?? {})))] : [];
  const value = (v: number | string | boolean | null | undefined): string =>
    v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? '' : typeof v === 'number' ? (Number.isFinite(v) ? String(v) : v > 0 ? 'Inf' : '-Inf') : field(String(v));
  const lines = [[...table.columns.map((c) => field(c.label)), ...valueKeys.map(field)].join(d)];
  for (const row of table.rows) {
    const cells = table.columns.map((c, i) => field((i === 0 && row.level ? '  '.repeat(row.level) : '') + (row.cells[c.key] ?? '')));
    lines.push([...cells, ...valueKeys.map((k) => value(row.values?.[k]))].join(d));
  }
  if (options.footnotes) for (const f of table.footnotes ?? []) lines.push(field(f));
  return lines.join('\r\n') + '\r\n';
}
