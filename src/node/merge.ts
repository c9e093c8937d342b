import { readFile } from 'node:fs/promises';
import { SonoriskError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { formatCsv, parseCsv } from '../study/index.js';

/**
 * Joins prediction CSV files written by shards into one (rows sorted by case id), checking that
 * all share the same columns (first column `id`) and that no case id appears twice.
 *
 * @example
 * ```ts
 * await mergePredictionFiles(['part1/predictions.csv', 'part2/predictions.csv'], 'predictions.csv');
 * ```
 */
export async function mergePredictionFiles(paths: readonly string[], outPath: string): Promise<{ rows: number }> {
  let header: string[] | undefined;
  const byId = new Map<string, string[]>();
  for (const path of paths) {
    const table = parseCsv(await readFile(path, 'utf8'));
    if (table.header[0] !== 'id') throw new SonoriskError('INVALID_ARGUMENT', `${path}: the first column must be 'id'.`);
    if (header && table.header.join(',') !== header.join(',')) {
      throw new SonoriskError('INVALID_ARGUMENT', `${path}: columns differ from ${paths[0]} (${table.header.join(',')} vs ${header.join(',')}).`);
    }
    header = table.header;
    for (const row of table.rows) {
      const id = row[0]!;
      if (byId.has(id)) throw new SonoriskError('INVALID_ARGUMENT', `${path}: case '${id}' appears in more than one file.`);
      byId.set(id, row);
    }
  }
  const rows = [...byId.keys()].sort().map((id) => byId.get(id)!);
  await writeFileAtomic(outPath, formatCsv(header ?? [], rows));
  return { rows: rows.length };
}
