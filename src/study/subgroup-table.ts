import { type Table, type TableRow, formatEstimateCI } from '../report/index.js';
import { type AucCIOptions, aucCI } from '../stats/index.js';
import type { StudySubgroup } from './study-file.js';
import type { ResolvedVariable } from './study-variables.js';

/** Input of {@link subgroupTable}. */
export interface SubgroupInput {
  subgroups: readonly StudySubgroup[];
  vars: readonly ResolvedVariable[];
  splits: readonly { name: string; labels: Uint8Array; scores: Readonly<Record<string, Float64Array>>; covariates: readonly Record<string, unknown>[] }[];
  aucCI: AucCIOptions;
  caption: string;
}

const present = (v: unknown) => v !== undefined && v !== null && v !== '' && !(typeof v === 'number' && Number.isNaN(v));

/** The bands of a subgroup: each level of a categorical/ordinal variable, or the intervals between the cut points. */
function bands(g: StudySubgroup, v: ResolvedVariable): { label: string; test: (x: unknown) => boolean }[] {
  if (v.type !== 'continuous') return v.levels.map((l) => ({ label: v.levelLabels[String(l)] ?? String(l), test: (x) => present(x) && String(x) === String(l) }));
  const cuts = g.cuts ?? [];
  const unit = v.unit ? ` ${v.unit}` : '';
  if (cuts.length === 0) return [{ label: 'all', test: (x) => present(x) }];
  return [...cuts, Number.POSITIVE_INFINITY].map((hi, k) => {
    const lo = k === 0 ? Number.NEGATIVE_INFINITY : cuts[k - 1]!;
    const label = k === 0 ? `< ${hi}${unit}` : hi === Number.POSITIVE_INFINITY ? `≥ ${lo}${unit}` : `${lo}–<${hi}${unit}`;
    return { label, test: (x: unknown) => typeof x === 'number' && x >= lo && x < hi };
  });
}

/**
 * AUC (95% CI) per subgroup band, model and split, with n and events (TRIPOD+AI item 23b). A band
 * with one outcome class only prints NA. Each model uses the cases of the band it has a prediction for.
 */
export function subgroupTable(input: SubgroupInput): Table {
  const models = Object.keys(input.splits[0]?.scores ?? {});
  const rows: TableRow[] = [];
  for (const g of input.subgroups) {
    const v = input.vars.find((x) => x.key === g.variable);
    if (!v) continue;
    rows.push({ cells: { subgroup: g.label ?? v.label }, values: { variable: v.key } });
    for (const b of bands(g, v)) {
      const members = input.splits.map((s) => s.covariates.map((c, k) => (b.test(c[v.key]) ? k : -1)).filter((k) => k >= 0));
      models.forEach((m, mi) => {
        const cells: Record<string, string> = { subgroup: mi === 0 ? b.label : '', model: m };
        const values: Record<string, number | string | null> = { variable: v.key, band: b.label, model: m };
        input.splits.forEach((s, si) => {
          const k = members[si]!.filter((j) => !Number.isNaN(s.scores[m]![j]!));
          const y = Uint8Array.from(k, (j) => s.labels[j]!);
          const events = y.reduce((a, x) => a + x, 0);
          cells[`n${si}`] = `${k.length} (${events})`;
          values[`n${si}`] = k.length;
          values[`events${si}`] = events;
          if (events > 0 && events < k.length) {
            const ci = aucCI(y, Float64Array.from(k, (j) => s.scores[m]![j]!), { direction: 'higher-is-positive', ...input.aucCI });
            cells[`auc${si}`] = formatEstimateCI(ci.auc, [ci.lower, ci.upper], { digits: 3 });
            values[`auc${si}`] = ci.auc;
            values[`lower${si}`] = Number.isFinite(ci.lower) ? ci.lower : null;
            values[`upper${si}`] = Number.isFinite(ci.upper) ? ci.upper : null;
          } else {
            cells[`auc${si}`] = 'NA';
            values[`auc${si}`] = null;
          }
        });
        rows.push({ level: 1, cells, values });
      });
    }
  }
  return {
    caption: input.caption,
    columns: [
      { key: 'subgroup', label: 'Subgroup' },
      { key: 'model', label: 'Model', align: 'left' },
      ...input.splits.flatMap((s, si) => [
        { key: `n${si}`, label: `${s.name} n (events)` },
        { key: `auc${si}`, label: `${s.name} AUC (95% CI)` },
      ]),
    ],
    rows,
    footnotes: ['NA: the subgroup has cases of one outcome only in that split, so no AUC is defined. Small subgroups give wide intervals; differences between subgroups are descriptive.'],
  };
}
