import { SonoriskError } from '../errors.js';
import { type AucCIOptions, aucCI, type BinaryLabels, type NumericArray, type RocDirection, thresholdMetrics, youdenThreshold } from '../stats/index.js';
import { type PerformanceEntry, performanceTable } from './performance-table.js';
import type { Table } from './table.js';

/** One data split: outcome labels and each model's scores on the same cases. */
export interface PerformanceSplit {
  name: string;
  labels: BinaryLabels;
  scores: Readonly<Record<string, NumericArray>>;
}

/** Options for {@link computePerformanceTable}. */
export interface ComputePerformanceTableOptions {
  /** Split whose Youden threshold is used everywhere; default `'Training'`. */
  trainingSplit?: string;
  /** Score direction; default `'higher-is-positive'`. */
  direction?: RocDirection;
  /** Options for `aucCI` (default: DeLong, 95%). */
  aucCI?: AucCIOptions;
  /** Print Wilson 95% CIs (R's `prop.test(correct = FALSE)`) for accuracy, sensitivity, specificity, PPV and NPV; default false. */
  ratioCI?: boolean;
  caption?: string;
  digits?: number;
}

/**
 * The cases of one model with a score: NaN marks a case the model has no prediction for (each
 * model is evaluated on the cases it has).
 */
export function available(labels: BinaryLabels, scores: NumericArray): { labels: Uint8Array; scores: Float64Array; kept: number[] } {
  const kept: number[] = [];
  for (let i = 0; i < scores.length; i++) if (!Number.isNaN(scores[i]!)) kept.push(i);
  return { labels: Uint8Array.from(kept, (i) => Number(labels[i]!)), scores: Float64Array.from(kept, (i) => scores[i]!), kept };
}

/**
 * Computes and builds the model performance table from labels and scores with `sonorisk/stats`:
 * per model, the Youden threshold on the training split (`youdenThreshold`), then on every split
 * `aucCI` and `thresholdMetrics` at that same threshold. A NaN score is a missing prediction: each
 * model is evaluated on the cases it has (the row's n says how many). Models are those of the training split.
 * Returns the {@link Table} of `performanceTable`; each row's `values` hold the unrounded numbers.
 *
 * @example
 * ```ts
 * const table = computePerformanceTable([
 *   { name: 'Training', labels: yTrain, scores: { 'R-US': pUsTrain, 'R-CEUS': pCeusTrain } },
 *   { name: 'Validation', labels: yVal, scores: { 'R-US': pUsVal, 'R-CEUS': pCeusVal } },
 * ]);
 * ```
 */
export function computePerformanceTable(splits: readonly PerformanceSplit[], options: ComputePerformanceTableOptions = {}): Table {
  if (!Array.isArray(splits) || splits.length === 0) throw new SonoriskError('EMPTY_INPUT', 'computePerformanceTable: pass at least the training split.');
  const trainingName = options.trainingSplit ?? 'Training';
  const training = splits.find((s) => s?.name === trainingName);
  if (!training) throw new SonoriskError('INVALID_ARGUMENT', `computePerformanceTable: no split named "${trainingName}" (the Youden threshold is chosen there).`);
  const models = Object.keys(training.scores ?? {});
  if (models.length === 0) throw new SonoriskError('EMPTY_INPUT', 'computePerformanceTable: the training split has no model scores.');
  const direction = options.direction ?? 'higher-is-positive';
  const entries: PerformanceEntry[] = [];
  for (const model of models) {
    const t = available(training.labels, training.scores[model]!);
    const threshold = youdenThreshold(t.labels, t.scores, { direction }).threshold;
    for (const split of splits) {
      const all = split.scores[model];
      if (all === undefined) throw new SonoriskError('INVALID_ARGUMENT', `computePerformanceTable: split "${split.name}" has no scores for model "${model}".`);
      const { labels, scores } = available(split.labels, all);
      const ci = aucCI(labels, scores, { direction, ...options.aucCI });
      const m = thresholdMetrics(labels, scores, threshold, { direction });
      const entry: PerformanceEntry = {
        model,
        split: split.name,
        auc: ci.auc,
        aucCI: [ci.lower, ci.upper],
        threshold,
        thresholdSource: 'youden-training',
        tp: m.tp,
        fp: m.fp,
        tn: m.tn,
        fn: m.fn,
      };
      if (options.ratioCI) {
        entry.ci = {
          accuracy: [m.accuracy.lower, m.accuracy.upper],
          sensitivity: [m.sensitivity.lower, m.sensitivity.upper],
          specificity: [m.specificity.lower, m.specificity.upper],
          ppv: [m.ppv.lower, m.ppv.upper],
          npv: [m.npv.lower, m.npv.upper],
        };
        entry.ciMethod = 'Wilson score interval (as R prop.test(correct = FALSE))';
      }
      entries.push(entry);
    }
  }
  const input: Parameters<typeof performanceTable>[0] = { entries, trainingSplit: trainingName };
  if (options.caption !== undefined) input.caption = options.caption;
  if (options.digits !== undefined) input.digits = options.digits;
  return performanceTable(input);
}
