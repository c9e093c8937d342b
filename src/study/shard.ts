import { SonoriskError } from '../errors.js';

/** One part of a cohort split across machines: `index` in 1..count. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Parses `--shard i/n` (1-based, e.g. `2/8`).
 *
 * @example
 * ```ts
 * parseShard('2/8'); // { index: 2, count: 8 }
 * ```
 */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new SonoriskError('INVALID_ARGUMENT', `--shard must look like i/n with 1 ≤ i ≤ n (e.g. 2/8), got '${text}'.`);
  }
  return { index, count };
}

/**
 * True when the case belongs to the shard. Membership depends only on the case id (FNV-1a hash),
 * so it does not change when cases are reordered or added, and the shards partition the cohort.
 *
 * @example
 * ```ts
 * const mine = cases.filter((c) => inShard(c.id, { index: 1, count: 4 }));
 * ```
 */
export function inShard(caseId: string, shard: Shard): boolean {
  if (typeof caseId !== 'string' || typeof shard !== 'object' || shard === null || !Number.isInteger(shard.count) || shard.count < 1 || !Number.isInteger(shard.index) || shard.index < 1 || shard.index > shard.count) {
    throw new SonoriskError('INVALID_ARGUMENT', 'inShard needs a case id string and a shard { index, count } with 1 ≤ index ≤ count.');
  }
  let h = 2166136261;
  for (let i = 0; i < caseId.length; i++) h = Math.imul(h ^ caseId.charCodeAt(i), 16777619) >>> 0;
  return h % shard.count === shard.index - 1;
}
