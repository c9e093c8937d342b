// Benchmark: the study report (`evaluatePredictions`, as `sonorisk evaluate` runs it) on a simulated
// 1,000-case, 6-model cohort with training and validation splits and stratified bootstrap AUC CIs
// (2000 replicates), against R doing the same statistics in the same run (scripts/bench/evaluate-baseline.R):
// pROC (roc, ci.auc bootstrap, coords Youden, roc.test DeLong), prop.test Wilson CIs, glm + confint
// (uni/multivariable, clinical and combined models, predict), rms::val.prob, the decision-curve formula,
// subgroup AUCs. sonorisk's time also includes building every table, SVG figure and the HTML/Markdown;
// R's covers the statistics only (no tables, no figures).
//   npx tsx scripts/bench/evaluate.ts
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCsv } from '../../src/study/index.js';
import { evaluatePredictions } from '../../src/study/index.js';
import { studyCohort } from '../../test/helpers/study-cohort.js';

const dir = join(process.cwd(), '.bench');
mkdirSync(dir, { recursive: true });
const N = 1000;
const MODELS = 6;
const REPLICATES = 2000;
const { table, cases, study } = studyCohort({ n: N, models: MODELS, seed: 2026 });
const modelIds = Object.keys(table.models);
const vars = ['age', 'sex', 'hbv', 'sizeMm', 'segment', 'afp', 'echo'];
const header = ['id', 'outcome', 'split', ...vars, ...modelIds];
const rows = table.ids.map((id, i) => [id, table.outcome[i], table.split[i], ...vars.map((v) => cases[i]!.covariates[v]), ...modelIds.map((m) => table.models[m]![i])] as (string | number | undefined)[]);
writeFileSync(join(dir, "evaluate-cohort.csv"), formatCsv(header, rows));

const options = { cases, study, aucCI: { method: 'bootstrap' as const, replicates: REPLICATES, seed: 1 } };
evaluatePredictions(table, options); // warm-up (JIT)
const runs: number[] = [];
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  evaluatePredictions(table, options);
  runs.push(performance.now() - t0);
}
const sonorisk = runs.sort((a, b) => a - b)[1]! / 1000;

const r = spawnSync('Rscript', ['scripts/bench/evaluate-baseline.R', join(dir, 'evaluate-cohort.csv'), String(REPLICATES)], { encoding: 'utf8' });
if (r.status !== 0) throw new Error(`Rscript failed: ${r.stderr}`);
const rSeconds = Number(/R_SECONDS=([\d.]+)/.exec(r.stdout)?.[1]);

console.log(`evaluate: ${N} cases, ${MODELS} models, training + validation, bootstrap AUC CIs (${REPLICATES} replicates)`);
console.log(`  sonorisk evaluatePredictions (statistics + tables + figures + report), median of 3: ${sonorisk.toFixed(2)} s`);
console.log(`  R (pROC + glm/confint + rms::val.prob + decision-curve formula), statistics only:  ${rSeconds.toFixed(2)} s`);
console.log(`  ratio R / sonorisk: ${(rSeconds / sonorisk).toFixed(1)}×`);
