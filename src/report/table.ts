/**
 * The generic table model every table builder returns and every renderer reads.
 * @module
 */
import { SonoriskError } from '../errors.js';

/** One column of a {@link Table}. */
export interface TableColumn {
  /** Key into {@link TableRow.cells}. */
  key: string;
  /** Header text. */
  label: string;
  /** Alignment for renderers that support it; default `'left'` for the first column, `'right'` otherwise. */
  align?: 'left' | 'center' | 'right';
}

/** One row of a {@link Table}: formatted text per column key, plus the raw numbers behind it. */
export interface TableRow {
  /** Formatted cell text by column key; a missing key renders as an empty cell. */
  cells: Readonly<Record<string, string>>;
  /** Indentation level of the first cell (0 = variable, 1 = level under it). Default 0. */
  level?: number;
  /**
   * The unformatted numbers behind the cells (e.g. `{ auc: 0.931, aucLower: 0.88 }`), carried to
   * JSON so a reader or a test can check every printed value against the statistics.
   */
  values?: Readonly<Record<string, number | string | boolean | null>>;
}

/**
 * A table: caption, columns, rows and footnotes. Builders such as `baselineTable` return one;
 * `toMarkdown`, `toHtml`, `toCsv` and `toJson` render it.
 *
 * @example
 * ```ts
 * const t: Table = {
 *   caption: 'Table 2. Model performance',
 *   columns: [{ key: 'model', label: 'Model' }, { key: 'auc', label: 'AUC (95% CI)' }],
 *   rows: [{ cells: { model: 'R-US', auc: '0.93 (0.88–0.97)' } }],
 *   footnotes: ['AUC, area under the ROC curve.'],
 * };
 * ```
 */
export interface Table {
  caption: string;
  columns: readonly TableColumn[];
  rows: readonly TableRow[];
  footnotes?: readonly string[];
}

/**
 * Checks that a value is a well-formed {@link Table} (non-empty unique column keys, string
 * cells, sane levels) and throws `SonoriskError('INVALID_ARGUMENT')` otherwise. Renderers call it.
 *
 * @example
 * ```ts
 * validateTable({ caption: 'x', columns: [{ key: 'a', label: 'A' }], rows: [] });
 * ```
 */
export function validateTable(table: Table): void {
  if (typeof table !== 'object' || table === null) throw new SonoriskError('INVALID_ARGUMENT', 'Expected a Table object { caption, columns, rows, footnotes? }.');
  if (typeof table.caption !== 'string') throw new SonoriskError('INVALID_ARGUMENT', 'Table.caption must be a string.');
  if (!Array.isArray(table.columns) || table.columns.length === 0) {
    throw new SonoriskError('EMPTY_INPUT', 'Table.columns must be a non-empty array of { key, label }.');
  }
  const keys = new Set<string>();
  for (const c of table.columns) {
    if (typeof c?.key !== 'string' || typeof c.label !== 'string') throw new SonoriskError('INVALID_ARGUMENT', 'Each column needs a string key and label.', { column: c });
    if (keys.has(c.key)) throw new SonoriskError('INVALID_ARGUMENT', `Duplicate column key "${c.key}".`, { key: c.key });
    keys.add(c.key);
  }
  if (!Array.isArray(table.rows)) throw new SonoriskError('INVALID_ARGUMENT', 'Table.rows must be an array.');
  for (const [i, r] of table.rows.entries()) {
    if (typeof r?.cells !== 'object' || r.cells === null) throw new SonoriskError('INVALID_ARGUMENT', `Row ${i} has no cells object.`, { row: i });
    for (const [k, v] of Object.entries(r.cells)) {
      if (typeof v !== 'string') throw new SonoriskError('INVALID_ARGUMENT', `Row ${i}, column "${k}": cells must be formatted strings.`, { row: i, key: k });
    }
    if (r.level !== undefined && !(Number.isInteger(r.level) && r.level >= 0 && r.level <= 8)) {
      throw new SonoriskError('INVALID_ARGUMENT', `Row ${i}: level must be an integer 0–8.`, { row: i, level: r.level });
    }
  }
  if (table.footnotes !== undefined && (!Array.isArray(table.footnotes) || table.footnotes.some((f) => typeof f !== 'string'))) {
    throw new SonoriskError('INVALID_ARGUMENT', 'Table.footnotes must be an array of strings.');
  }
}

/**
 * Alignment of column `i` (explicit, else left for the first column and right for the rest).
 *
 * @example
 * ```ts
 * columnAlign({ key: 'p', label: 'P' }, 3); // 'right'
 * ```
 */
export function columnAlign(column: TableColumn, index: number): 'left' | 'center' | 'right' {
  return column.align ?? (index === 0 ? 'left' : 'right');
}
