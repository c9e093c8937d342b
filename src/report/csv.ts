import { SonoriskError } from '../errors.js';

/**
 * Parses RFC 4180 CSV text (quoted fields, doubled quotes, CRLF or LF) into header + rows of strings.
 * A blank trailing line is ignored; rows whose field count differs from the header's are rejected.
 * The `'` that {@link neutraliseFormula} puts before a formula-looking cell is removed again.
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
  const restore = (f: string): string => {
    const body = f.replace(/^'+/, '');
    return f.startsWith("'") && FORMULA_START.test(body) && !NUMBER.test(body.trim()) ? f.slice(1) : f;
  };
  return { header: header.map((h) => restore(h.trim())), rows: rows.map((r) => r.map(restore)) };
}

/** A cell that is a plain number (`-0.5`, `+3`, `1e-4`): never neutralised, so numbers stay numbers. */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** First characters a spreadsheet reads as the start of a formula (OWASP "CSV Injection"). */
const FORMULA_START = /^[ \t\r\n]*[=+\-@\t\r]/;

/**
 * Neutralises a cell a spreadsheet would run as a formula, as OWASP recommends ("CSV Injection"):
 * text starting with `=`, `+`, `-`, `@`, tab or CR — also after leading spaces, as in the indented
 * rows of report tables — gets a leading `'`; numbers such as `-0.5` stay
 * as they are. Text that already starts with `'` before such a character gets one more `'`, so
 * {@link parseCsv} (which removes exactly one) gives back the original text.
 *
 * @example
 * ```ts
 * neutraliseFormula('=HYPERLINK("http://x")'); // "'=HYPERLINK(\"http://x\")"
 * neutraliseFormula('-0.5'); // '-0.5'
 * ```
 */
export function neutraliseFormula(text: string): string {
  const body = text.replace(/^'+/, '');
  return FORMULA_START.test(body) && !NUMBER.test(body.trim()) ? `'${text}` : text;
}

/**
 * One CSV field as every CSV sonorisk writes it: formula-neutralised ({@link neutraliseFormula}),
 * then quoted (inner quotes doubled) when it holds the delimiter, a quote, CR, LF, leading or
 * trailing spaces, or was neutralised.
 *
 * @example
 * ```ts
 * csvField('a, b'); // '"a, b"'
 * csvField('=1+1'); // `"'=1+1"`
 * csvField(-0.5); // '-0.5'
 * ```
 */
export function csvField(value: string | number | null | undefined, delimiter: ',' | ';' | '\t' = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = neutraliseFormula(value);
  const quote = safe !== value || safe.includes(delimiter) || /["\r\n]/.test(safe) || /^\s|\s$/.test(safe);
  return quote ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Formats rows as RFC 4180 CSV, LF line ends; each field per {@link csvField} (quoted where needed,
 * formula-looking text neutralised).
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
  return [header, ...rows].map((r) => r.map((v) => csvField(v)).join(',')).join('\n') + '\n';
}
