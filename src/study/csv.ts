import { SonoriskError } from '../errors.js';

/**
 * Parses RFC 4180 CSV text (quoted fields, doubled quotes, CRLF or LF) into header + rows of strings.
 * A blank trailing line is ignored; rows whose field count differs from the header's are rejected.
 *
 * @example
 * ```ts
 * const { header, rows } = parseCsv('id,outcome\nP001,1\n');
 * // header = ['id', 'outcome'], rows = [['P001', '1']]
 * ```
 */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  if (typeof text !== 'string') throw new SonoriskError('INVALID_ARGUMENT', 'parseCsv: text must be a string.');
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let inQuotes = false;
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"') {
      if (field.length > 0) throw new SonoriskError('MANIFEST_INVALID', `CSV line ${line}: a quote may only open a field.`, { line });
      inQuotes = true;
    } else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      line++;
    } else field += ch;
  }
  if (inQuotes) throw new SonoriskError('MANIFEST_INVALID', `CSV: a quoted field opened before line ${line} is never closed.`, { line });
  if (field.length > 0 || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const nonEmpty = records.filter((r) => !(r.length === 1 && r[0] === ''));
  const [header, ...rows] = nonEmpty;
  if (header === undefined) throw new SonoriskError('EMPTY_INPUT', 'CSV: no header line.');
  rows.forEach((r, k) => {
    if (r.length !== header.length) {
      throw new SonoriskError('MANIFEST_INVALID', `CSV row ${k + 1}: ${r.length} fields, but the header has ${header.length}.`, { row: k + 1 });
    }
  });
  return { header: header.map((h) => h.trim()), rows };
}

/**
 * Formats rows as RFC 4180 CSV (fields quoted when they hold a comma, quote or newline), LF line ends.
 *
 * @example
 * ```ts
 * formatCsv(['id', 'p'], [['A', 0.5]]); // 'id,p\nA,0.5\n'
 * ```
 */
export function formatCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  if (!Array.isArray(header) || !Array.isArray(rows) || !rows.every((r) => Array.isArray(r))) {
    throw new SonoriskError('INVALID_ARGUMENT', 'formatCsv needs a header array and an array of row arrays.');
  }
  const cell = (v: string | number | null | undefined): string => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}
