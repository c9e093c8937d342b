import { type Table, validateTable } from './table.js';

/**
 * Renders a {@link Table} as pretty-printed JSON: `{ caption, columns, rows, footnotes }` where
 * each row keeps its formatted `cells`, its `level` and the raw `values` behind them. Non-finite
 * numbers become `null`. Key order is fixed, so the output is deterministic.
 *
 * @example
 * ```ts
 * JSON.parse(toJson(table)).rows[0].values.auc; // the unrounded AUC
 * ```
 */
export function toJson(table: Table): string {
  validateTable(table);
  const plain = {
    caption: table.caption,
    columns: table.columns.map((c, i) => ({ key: c.key, label: c.label, align: c.align ?? (i === 0 ? 'left' : 'right') })),
    rows: table.rows.map((r) => ({
      level: r.level ?? 0,
      cells: Object.fromEntries(table.columns.map((c) => [c.key, r.cells[c.key] ?? ''])),
      ...(r.values ? { values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, typeof v === 'number' && !Number.isFinite(v) ? null : v])) } : {}),
    })),
    footnotes: [...(table.footnotes ?? [])],
  };
  return JSON.stringify(plain, null, 2) + '\n';
}
