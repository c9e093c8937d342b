import { SonoriskError } from '../../errors.js';

/** A contingency table as rows of counts (r × c). */
export type ContingencyTable = ReadonlyArray<ArrayLike<number>>;

/** Validated table with its margins. Internal. */
export interface CheckedTable {
  cells: number[][];
  rows: number[];
  cols: number[];
  total: number;
}

/**
 * Checks an r × c table of non-negative finite counts (r, c ≥ 2, rectangular) and computes its
 * margins. `integer` additionally requires whole numbers. Internal.
 */
export function checkTable(table: ContingencyTable, fn: string, integer: boolean): CheckedTable {
  if (!Array.isArray(table) || table.length < 2) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: table must be an array of at least 2 rows of counts, e.g. [[12, 5], [7, 14]].`);
  }
  const nc = (table[0] as ArrayLike<number> | undefined)?.length ?? 0;
  if (nc < 2) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: table needs at least 2 columns.`);
  const cells: number[][] = [];
  const rows: number[] = [];
  const cols = new Array<number>(nc).fill(0);
  let total = 0;
  for (let i = 0; i < table.length; i++) {
    const r = table[i];
    if (!r || typeof r !== 'object' || r.length !== nc) {
      throw new SonoriskError('LENGTH_MISMATCH', `${fn}: row ${i} has ${r?.length ?? 0} cells; every row needs ${nc}.`);
    }
    const row: number[] = [];
    let rs = 0;
    for (let j = 0; j < nc; j++) {
      const v = r[j];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (integer && !Number.isInteger(v))) {
        throw new SonoriskError(
          v !== undefined && typeof v === 'number' && !Number.isFinite(v) ? 'NON_FINITE' : 'INVALID_ARGUMENT',
          `${fn}: cell [${i}][${j}] is ${String(v)}; counts must be finite, non-negative${integer ? ' integers' : ' numbers'}.`,
          { row: i, col: j, value: v },
        );
      }
      row.push(v);
      rs += v;
      cols[j]! += v;
    }
    cells.push(row);
    rows.push(rs);
    total += rs;
  }
  return { cells, rows, cols, total };
}
