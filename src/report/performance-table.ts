import { SonoriskError } from '../errors.js';
import { formatEstimateCI, formatNumber } from './format.js';
import type { Table, TableRow } from './table.js';
import { count, finite, intervalOrNA, label, nonEmpty, valueOrNull } from './table-input.js';

/** How a row's classification threshold was obtained. */
export type ThresholdSource = 'youden-training' | 'fixed' | (string & {});

/**
 * One model on one data split: AUC (with CI), the threshold and how it was chosen, and the
 * confusion counts at that threshold. Accuracy, sensitivity and specificity are computed from
 * the counts so every printed ratio can be checked; optional CIs for them are printed beside.
 *
 * @example
 * ```ts
 * const row: PerformanceEntry = {
 *   model: 'R-US', split: 'Validation', auc: 0.93, aucCI: [0.85, 1],
 *   threshold: 0.41, thresholdSource: 'youden-training', tp: 8, fp: 2, tn: 17, fn: 1,
 * };
 * ```
 */
export interface PerformanceEntry {
  model: string;
  split: string;
  auc: number;
  aucCI?: readonly [number, number];
  threshold: number;
  thresholdSource?: ThresholdSource;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  ci?: {
    accuracy?: readonly [number, number];
    sensitivity?: readonly [number, number];
    specificity?: readonly [number, number];
    ppv?: readonly [number, number];
    npv?: readonly [number, number];
  };
  /** How the ratio CIs were computed, for the footnote (e.g. "Wilson score"). */
  ciMethod?: string;
}

/** Input to {@link performanceTable}. */
export interface PerformanceInput {
  entries: readonly PerformanceEntry[];
  caption?: string;
  /** Decimals for AUC and the ratios; default 3. */
  digits?: number;
  /** Name of the split whose Youden threshold is carried to the others; default `'Training'`. */
  trainingSplit?: string;
}

/**
 * Builds the model performance table ("Table 2"): per model and split, AUC (95% CI), accuracy,
 * sensitivity, specificity, the threshold and its source, and TP/FP/TN/FN. Checks the protocol:
 * for rows marked `youden-training`, the model's training row must exist with the same
 * threshold (the Youden threshold is chosen on training data and applied unchanged elsewhere).
 *
 * @example
 * ```ts
 * const t = performanceTable({ entries: [row] }); // see PerformanceEntry
 * ```
 */
export function performanceTable(input: PerformanceInput): Table {
  if (typeof input !== 'object' || input === null) throw new SonoriskError('INVALID_ARGUMENT', 'performanceTable expects { entries }.');
  const entries = nonEmpty<PerformanceEntry>(input.entries, 'entries', 1000);
  const digits = input.digits ?? 3;
  const training = input.trainingSplit ?? 'Training';
  const trainThreshold = new Map<string, number>();
  for (const e of entries) if (e?.split === training && e.thresholdSource === 'youden-training') trainThreshold.set(e.model, e.threshold);
  const ciMethods = new Set<string>();
  const rows: TableRow[] = entries.map((e, i) => {
    const what = `entries[${i}]`;
    if (typeof e !== 'object' || e === null) throw new SonoriskError('INVALID_ARGUMENT', `${what} must be an object.`);
    label(e.model, `${what}.model`);
    label(e.split, `${what}.split`);
    const auc = finite(e.auc, `${what}.auc`, 0, 1);
    const aucCI = e.aucCI === undefined ? undefined : intervalOrNA(e.aucCI, `${what}.aucCI`, 0, 1);
    // pROC's Youden threshold is ±Inf when the best cut classifies every case alike (e.g. constant scores)
    const threshold = e.threshold === Number.POSITIVE_INFINITY || e.threshold === Number.NEGATIVE_INFINITY ? e.threshold : finite(e.threshold, `${what}.threshold`);
    const [tp, fp, tn, fn] = (['tp', 'fp', 'tn', 'fn'] as const).map((k) => count(e[k], `${what}.${k}`)) as [number, number, number, number];
    const n = tp + fp + tn + fn;
    if (n === 0) throw new SonoriskError('EMPTY_INPUT', `${what}: the confusion counts are all zero.`);
    if (e.thresholdSource === 'youden-training') {
      const ref = trainThreshold.get(e.model);
      if (ref === undefined) throw new SonoriskError('INVALID_ARGUMENT', `${what}: ${e.model} is marked youden-training but has no "${training}" row with that source.`);
      if (ref !== threshold) {
        throw new SonoriskError('INVALID_ARGUMENT', `${what}: ${e.model} on ${e.split} uses threshold ${threshold}, but its Youden threshold on ${training} is ${ref}; it must be applied unchanged.`, { threshold, training: ref });
      }
    }
    const accuracy = (tp + tn) / n;
    const sensitivity = tp + fn > 0 ? tp / (tp + fn) : Number.NaN;
    const specificity = tn + fp > 0 ? tn / (tn + fp) : Number.NaN;
    const ppv = tp + fp > 0 ? tp / (tp + fp) : Number.NaN;
    const npv = tn + fn > 0 ? tn / (tn + fn) : Number.NaN;
    if (e.ciMethod !== undefined) ciMethods.add(e.ciMethod);
    const ratio = (v: number, ci: readonly [number, number] | undefined, name: string): string =>
      formatEstimateCI(v, ci === undefined ? undefined : intervalOrNA(ci, `${what}.ci.${name}`, 0, 1), { digits });
    const source = e.thresholdSource === 'youden-training' ? (e.split === training ? 'Youden' : `Youden (${training.toLowerCase()})`) : (e.thresholdSource ?? '');
    return {
      cells: {
        model: e.model,
        split: e.split,
        auc: formatEstimateCI(auc, aucCI, { digits }),
        accuracy: ratio(accuracy, e.ci?.accuracy, 'accuracy'),
        sensitivity: ratio(sensitivity, e.ci?.sensitivity, 'sensitivity'),
        specificity: ratio(specificity, e.ci?.specificity, 'specificity'),
        ppv: ratio(ppv, e.ci?.ppv, 'ppv'),
        npv: ratio(npv, e.ci?.npv, 'npv'),
        n: `${n} (${tp + fn})`,
        threshold: Number.isFinite(threshold) ? formatNumber(threshold, { digits }) : threshold > 0 ? 'Inf' : '-Inf',
        source,
        counts: `${tp}/${fp}/${tn}/${fn}`,
      },
      values: {
        model: e.model,
        split: e.split,
        n,
        events: tp + fn,
        auc,
        aucLower: valueOrNull(aucCI?.[0]),
        aucUpper: valueOrNull(aucCI?.[1]),
        accuracy,
        accuracyLower: valueOrNull(e.ci?.accuracy?.[0]),
        accuracyUpper: valueOrNull(e.ci?.accuracy?.[1]),
        sensitivity: valueOrNull(sensitivity),
        sensitivityLower: valueOrNull(e.ci?.sensitivity?.[0]),
        sensitivityUpper: valueOrNull(e.ci?.sensitivity?.[1]),
        specificity: valueOrNull(specificity),
        specificityLower: valueOrNull(e.ci?.specificity?.[0]),
        specificityUpper: valueOrNull(e.ci?.specificity?.[1]),
        ppv: valueOrNull(ppv),
        ppvLower: valueOrNull(e.ci?.ppv?.[0]),
        ppvUpper: valueOrNull(e.ci?.ppv?.[1]),
        npv: valueOrNull(npv),
        npvLower: valueOrNull(e.ci?.npv?.[0]),
        npvUpper: valueOrNull(e.ci?.npv?.[1]),
        threshold: Number.isFinite(threshold) ? threshold : null,
        tp,
        fp,
        tn,
        fn,
      },
    };
  });
  return {
    caption: input.caption ?? 'Table 2. Diagnostic performance of the models',
    columns: [
      { key: 'model', label: 'Model' },
      { key: 'split', label: 'Data set', align: 'left' },
      { key: 'n', label: 'n (events)' },
      { key: 'auc', label: 'AUC (95% CI)' },
      { key: 'accuracy', label: 'Accuracy' },
      { key: 'sensitivity', label: 'Sensitivity' },
      { key: 'specificity', label: 'Specificity' },
      { key: 'ppv', label: 'PPV' },
      { key: 'npv', label: 'NPV' },
      { key: 'threshold', label: 'Threshold' },
      { key: 'source', label: 'Threshold from', align: 'left' },
      { key: 'counts', label: 'TP/FP/TN/FN' },
    ],
    rows,
    footnotes: [
      'AUC, area under the receiver operating characteristic curve; CI, confidence interval; PPV/NPV, positive/negative predictive value; TP/FP/TN/FN, true/false positives/negatives.',
      'Accuracy = (TP + TN)/N, sensitivity = TP/(TP + FN), specificity = TN/(TN + FP), PPV = TP/(TP + FP), NPV = TN/(TN + FN), at the threshold shown.',
      ...(ciMethods.size ? [`95% CIs of the ratios: ${[...ciMethods].join('; ')}.`] : []),
      `Youden: threshold maximising sensitivity + specificity − 1 on the ${training.toLowerCase()} set, applied unchanged to the other sets.`,
    ],
  };
}
