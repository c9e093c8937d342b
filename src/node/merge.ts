import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SonoriskError } from '../errors.js';
import { type CohortCase, formatCsv, parseCsv, parseStageSummary, type StageSummary } from '../study/index.js';
import { writeFileAtomic } from './atomic-write.js';

/**
 * Joins prediction CSV files written by shards into one. Checks that all share the same columns
 * (first column `id`) and that no case appears twice, and notices a missing shard: each shard's
 * `predict-summary.json` (beside its predictions.csv) says which shard i/n it was, so a set of
 * shards with a gap is `SHARD_MISSING`; with `cases` (the cohort manifest) every case must be
 * there. Rows keep the manifest's order (from `cases`, else from the summaries).
 *
 * @example
 * ```ts
 * await mergePredictionFiles(['part1/predictions.csv', 'part2/predictions.csv'], 'predictions.csv');
 * ```
 */
export async function mergePredictionFiles(paths: readonly string[], outPath: string, options: { cases?: readonly CohortCase[] } = {}): Promise<{ rows: number }> {
  let header: string[] | undefined;
  const byId = new Map<string, string[]>();
  const position = new Map<string, number>();
  const shards = new Map<number, string>();
  let count: number | undefined;
  for (const path of paths) {
    const text = await readFile(path, 'utf8').catch((e: unknown) => {
      throw new SonoriskError('INVALID_ARGUMENT', `Cannot read ${path}: ${(e as Error).message}`, { path });
    });
    const table = parseCsv(text);
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
    const summaryPath = join(dirname(path), 'predict-summary.json');
    let summary: StageSummary | undefined;
    try {
      summary = parseStageSummary(await readFile(summaryPath, 'utf8'));
    } catch {
      summary = undefined;
    }
    if (!summary) {
      if (!options.cases) {
        throw new SonoriskError('SHARD_MISSING', `${path} has no predict-summary.json beside it, so merge cannot check that every shard is there; give the cohort manifest (--manifest) to check against it.`, { path });
      }
      continue;
    }
    for (const c of summary.cases) if (c.index !== undefined) position.set(c.id, c.index);
    const sh = summary.shard ?? { index: 1, count: 1 };
    if (count !== undefined && sh.count !== count) throw new SonoriskError('SHARD_MISSING', `${path} is shard ${sh.index}/${sh.count}, but another file is from a run split into ${count} shards.`, { path });
    count = sh.count;
    if (shards.has(sh.index)) throw new SonoriskError('INVALID_ARGUMENT', `${path} and ${shards.get(sh.index)} are both shard ${sh.index}/${sh.count}.`, { path });
    shards.set(sh.index, path);
  }
  if (count !== undefined) {
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !shards.has(i));
    if (missing.length > 0) {
      throw new SonoriskError('SHARD_MISSING', `Shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing: merge got ${shards.size} of ${count} shards. Run the missing shard(s) or give all their predictions.csv files.`, { missing });
    }
  }
  let order: string[];
  if (options.cases) {
    const absent = options.cases.filter((c) => !byId.has(c.id)).map((c) => c.id);
    if (absent.length > 0) {
      throw new SonoriskError('SHARD_MISSING', `${absent.length} case(s) of the cohort manifest are in none of the files (${absent.slice(0, 5).join(', ')}${absent.length > 5 ? ', …' : ''}): a shard is missing.`, { missing: absent });
    }
    const inManifest = new Set(options.cases.map((c) => c.id));
    const extra = [...byId.keys()].filter((id) => !inManifest.has(id));
    if (extra.length > 0) throw new SonoriskError('INVALID_ARGUMENT', `Case(s) ${extra.slice(0, 5).join(', ')} are not in the cohort manifest.`, { extra });
    order = options.cases.map((c) => c.id);
  } else {
    const ids = [...byId.keys()];
    order = ids.every((id) => position.has(id)) ? ids.sort((a, b) => position.get(a)! - position.get(b)!) : ids;
  }
  const rows = order.map((id) => byId.get(id)!);
  await writeFileAtomic(outPath, formatCsv(header ?? [], rows));
  return { rows: rows.length };
}
