import type { Table, TableRow } from '../report/index.js';
import type { PredictionsTable } from './predictions.js';
import type { StageSummary } from './stage-summary.js';

/** Cases one model is evaluated on, per split, and the cases it lacks. */
export interface ModelAvailability {
  model: string;
  split: string;
  /** Indices into the predictions table (cases with an outcome and a prediction). */
  indices: number[];
  /** Ids of the cases of the split (with an outcome) without a prediction of this model. */
  missing: string[];
}

const list = (ids: readonly string[], max = 12): string => (ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} … (+${ids.length - max})`);

/**
 * The patient-flow table: cases in the manifest (or the predictions), those left out for lack of
 * an outcome, the recordings that failed in `prepare` / `predict` by recording and error code,
 * and the cases analysed per model and split, naming the excluded ones.
 */
export function patientFlowTable(
  table: PredictionsTable,
  manifestIds: readonly string[] | undefined,
  availability: readonly ModelAvailability[],
  splitLabel: (s: string) => string,
  stages: Readonly<Record<string, StageSummary | undefined>>,
): Table {
  const rows: TableRow[] = [];
  const row = (step: string, n: number, ids: readonly string[], level = 0, values: Record<string, string | number> = {}) =>
    rows.push({ level, cells: { step, n: String(n), cases: list(ids) }, values: { step, n, ...values } });
  const predicted = new Set(table.ids);
  if (manifestIds) {
    row('Cases in the cohort manifest', manifestIds.length, []);
    const notInPredictions = manifestIds.filter((id) => !predicted.has(id));
    if (notInPredictions.length) row('Not in the predictions table', notInPredictions.length, notInPredictions, 1);
  } else row('Cases in the predictions table', table.ids.length, []);
  const noOutcome = table.ids.filter((_, i) => table.outcome[i] === undefined);
  if (noOutcome.length) row('Excluded: outcome unknown', noOutcome.length, noOutcome, 1);
  for (const [stage, summary] of Object.entries(stages)) {
    if (!summary) continue;
    const byReason = new Map<string, Set<string>>();
    for (const c of summary.cases) {
      for (const e of c.errors ?? []) {
        const key = `${e.recording ? `${e.recording === 'bmode' ? 'B-mode' : 'CEUS'} recording` : 'case'}: ${e.code}${e.model ? ` (model ${e.model})` : ''}`;
        if (!byReason.has(key)) byReason.set(key, new Set());
        byReason.get(key)!.add(c.id);
      }
      if (c.status === 'failed' && !(c.errors ?? []).length) {
        const key = 'case: failed (no error recorded)';
        if (!byReason.has(key)) byReason.set(key, new Set());
        byReason.get(key)!.add(c.id);
      }
    }
    const failed = summary.cases.filter((c) => c.status === 'failed' || c.status === 'partial').map((c) => c.id);
    row(`${stage}: cases with a failure`, failed.length, failed, 0, { stage });
    for (const [reason, ids] of [...byReason].sort((a, b) => (a[0] < b[0] ? -1 : 1))) row(reason, ids.size, [...ids], 1, { stage, reason });
  }
  for (const split of [...new Set(availability.map((a) => a.split))]) {
    const inSplit = table.ids.filter((_, i) => table.outcome[i] !== undefined && (table.split[i] ?? '') === split);
    row(`${splitLabel(split)} split, outcome known`, inSplit.length, [], 0, { split });
    for (const a of availability.filter((x) => x.split === split)) {
      row(`Analysed with ${a.model}`, a.indices.length, [], 1, { model: a.model, split: a.split, events: a.indices.filter((i) => table.outcome[i] === 1).length });
      if (a.missing.length) row('Excluded: no prediction', a.missing.length, a.missing, 2, { model: a.model, split: a.split });
    }
  }
  return {
    caption: 'Patient flow',
    columns: [
      { key: 'step', label: 'Step' },
      { key: 'n', label: 'n' },
      { key: 'cases', label: 'Cases', align: 'left' },
    ],
    rows,
    footnotes: [
      'Each model is evaluated on the cases it has a prediction for; pairwise comparisons use the cases both models have. Failures are listed by recording and error code as prepare and predict recorded them (see docs/cohort.md for what each code needs).',
    ],
  };
}
