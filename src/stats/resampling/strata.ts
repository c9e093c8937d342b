import { SonoriskError } from '../../errors.js';

/** Labels to stratify on: any numbers, strings or booleans (each distinct value is a stratum). */
export type StrataLabels = ArrayLike<number | string | boolean>;

/** Strata in order of first appearance: each sample's stratum and each stratum's members. Internal. */
export interface Strata {
  n: number;
  stratumOf: Int32Array;
  members: Int32Array[];
  keys: (number | string | boolean)[];
}

/** Groups samples by label value. Internal. */
export function strataOf(labels: StrataLabels, fn: string): Strata {
  if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: labels must be an array (or typed array) of class labels.`);
  }
  const n = labels.length;
  if (n === 0) throw new SonoriskError('EMPTY_INPUT', `${fn}: labels is empty.`);
  const ids = new Map<number | string | boolean, number>();
  const stratumOf = new Int32Array(n);
  const counts: number[] = [];
  const keys: (number | string | boolean)[] = [];
  for (let i = 0; i < n; i++) {
    const v = labels[i];
    const ok = typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
    if (!ok) {
      throw new SonoriskError('NON_FINITE', `${fn}: labels[${i}] is ${String(v)}; class labels must be finite numbers, strings or booleans.`, {
        index: i,
      });
    }
    let id = ids.get(v);
    if (id === undefined) {
      id = keys.length;
      ids.set(v, id);
      keys.push(v);
      counts.push(0);
    }
    stratumOf[i] = id;
    counts[id]!++;
  }
  const members = counts.map((c) => new Int32Array(c));
  const fill = new Array<number>(keys.length).fill(0);
  for (let i = 0; i < n; i++) {
    const s = stratumOf[i]!;
    members[s]![fill[s]!++] = i;
  }
  return { n, stratumOf, members, keys };
}
