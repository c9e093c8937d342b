import { SonoriskError } from '../errors.js';
import { parseCsv } from '../report/index.js';

/** A predictions table as `sonorisk predict` writes it. */
export interface PredictionsTable {
  ids: string[];
  outcome: (0 | 1 | undefined)[];
  split: (string | undefined)[];
  /** Probability per model column; NaN where a case has no prediction for that model. */
  models: Record<string, Float64Array>;
}

/**
 * Parses `predictions.csv` (`id, outcome, split, <model>...`).
 *
 * @example
 * ```ts
 * const table = parsePredictions('id,outcome,split,R-US\nP1,1,validation,0.8\n');
 * ```
 */
export function parsePredictions(text: string): PredictionsTable {
  const { header, rows } = parseCsv(text);
  if (header[0] !== 'id' || header[1] !== 'outcome' || header[2] !== 'split') {
    throw new SonoriskError('INVALID_ARGUMENT', `predictions.csv must start with the columns id,outcome,split; got ${header.slice(0, 3).join(',')}.`);
  }
  const modelNames = header.slice(3);
  if (modelNames.length === 0) throw new SonoriskError('INVALID_ARGUMENT', 'predictions.csv has no model columns.');
  const models: Record<string, Float64Array> = {};
  modelNames.forEach((m, j) => {
    models[m] = Float64Array.from(rows, (r, k) => {
      const v = r[3 + j] ?? '';
      if (v === '') return Number.NaN;
      const p = Number(v);
      if (!(p >= 0 && p <= 1)) throw new SonoriskError('PROBABILITY_OUT_OF_RANGE', `predictions.csv row ${k + 1}, column ${m}: '${v}' is not a probability in [0, 1].`);
      return p;
    });
  });
  return {
    ids: rows.map((r) => r[0]!),
    outcome: rows.map((r, k) => {
      const v = r[1];
      if (v === '' || v === undefined) return undefined;
      if (v !== '0' && v !== '1') throw new SonoriskError('NON_BINARY_LABELS', `predictions.csv row ${k + 1}: outcome must be 0, 1 or empty, got '${v}'.`);
      return Number(v) as 0 | 1;
    }),
    split: rows.map((r) => (r[2] === '' ? undefined : r[2])),
    models,
  };
}
