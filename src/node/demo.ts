import { join } from 'node:path';
import { auc } from '../stats/index.js';
import { readCohortManifest } from './cohort-files.js';
import { parsePredictions } from '../study/index.js';
import { evaluateToFolder } from './evaluate.js';
import { packageRoot } from './package-root.js';
import { predictCohort } from './predict.js';
import type { StudyFile } from '../study/index.js';
import type { ProgressReporter } from './progress.js';
import { writeSyntheticCohort } from './synthetic-cohort.js';
import { readFile } from 'node:fs/promises';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  outDir: string;
  cases: number;
  seed: string | number;
  /** Worker threads (default 1). */
  workers?: number;
  progress?: ProgressReporter;
  /** Where narration goes (stderr in the CLI). */
  log?: (text: string) => void;
  /** Folder of model manifests; default the bundled demo models. */
  modelsDir?: string;
}

/** What the demo produced. */
export interface DemoResult {
  reportPath: string;
  predictionsPath: string;
  aucs: { model: string; auc: number }[];
  failed: number;
}

const DEMO_BANNER =
  'Demonstration only: synthetic patients from the sonorisk simulator and demonstration models trained on simulated data. Not for clinical use; these numbers say nothing about real patients.';

/**
 * `sonorisk demo`: the whole chain on a synthetic held-out cohort — simulate DICOM cines, decode
 * them lazily, crop the boxes, window the CEUS phases, run the four bundled demo models and write
 * the study report into `outDir/report/`.
 *
 * @example
 * ```ts
 * const { reportPath } = await runDemo({ outDir: 'sonorisk-demo', cases: 100, seed: 2026 });
 * ```
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const log = options.log ?? (() => {});
  const dataDir = join(options.outDir, 'data');
  log(`1/3 Simulating ${options.cases} synthetic cases (B-mode + CEUS DICOM) into ${dataDir}\n`);
  const manifestPath = await writeSyntheticCohort({ outDir: dataDir, n: options.cases, seed: options.seed, idPrefix: 'demo-', overrides: DEMO_RENDER, ...(options.progress ? { progress: options.progress } : {}) });
  const { cases } = await readCohortManifest(manifestPath);
  const modelsDir = options.modelsDir ?? join(packageRoot(), 'models', 'demo');
  log(`2/3 Running the demo models from ${modelsDir}\n`);
  const summary = await predictCohort(cases, modelsDir, {
    outDir: join(options.outDir, 'predict'),
    force: true,
    workers: options.workers ?? 1,
    ...(options.progress ? { progress: options.progress } : {}),
  });
  log('3/3 Writing the study report\n');
  const reportDir = join(options.outDir, 'report');
  await evaluateToFolder(summary.predictionsPath, reportDir, {
    cases,
    study: DEMO_STUDY,
    modelsPath: modelsDir,
    methods: [
      `Cohort: ${options.cases} synthetic cases simulated with seed ${String(options.seed)} (held out: the demo models were trained on a different seed; see models/demo/TRAINING.md).`,
    ],
  });
  const table = parsePredictions(await readFile(summary.predictionsPath, 'utf8'));
  const labels = table.outcome.map((o) => o ?? 0);
  const aucs = Object.entries(table.models).map(([model, scores]) => ({ model, auc: auc(labels, scores, { direction: 'higher-is-positive' }) }));
  return { reportPath: join(reportDir, 'report.html'), predictionsPath: summary.predictionsPath, aucs, failed: summary.failed };
}

/**
 * Simulator settings of the demo cohort: small, fast frames (the demo models were trained on the same settings).
 *
 * @example
 * ```ts
 * await writeSyntheticCohort({ outDir: 'synthetic', n: 20, seed: 1, overrides: DEMO_RENDER });
 * ```
 */
export const DEMO_RENDER = { render: { width: 128, height: 96, compression: 'jpeg' as const, jpegQuality: 80 }, ceus: { fps: 1 } };

/** The demo's study file: labels, units and typing of the simulator's covariates (docs/simulator.md). */
const DEMO_STUDY: StudyFile = {
  title: 'sonorisk demo \u2014 synthetic cohort',
  banner: DEMO_BANNER,
  outcome: { label: 'Early recurrence', event: 'Early recurrence', noEvent: 'No recurrence' },
  variables: {
    age: { label: 'Age', unit: 'years', type: 'continuous', per: 10 },
    sex: { label: 'Sex', type: 'categorical', levels: ['F', 'M'], levelLabels: { F: 'Female', M: 'Male' } },
    hbv: { label: 'HBV infection', type: 'categorical', levels: [0, 1], levelLabels: { '0': 'No', '1': 'Yes' } },
    sizeMm: { label: 'Tumour size', unit: 'mm', type: 'continuous', per: 10 },
    segment: { label: 'Segment', type: 'categorical', levels: [1, 2, 3, 4, 5, 6, 7, 8], levelLabels: Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((k) => [String(k), `S${k}`])) },
    s4: { label: 'Located in S4', type: 'categorical', levels: [0, 1], levelLabels: { '0': 'No', '1': 'Yes' } },
    echoPattern: { label: 'Echo pattern', type: 'categorical' },
    halo: { label: 'Hypoechoic halo', type: 'categorical', levels: [0, 1], levelLabels: { '0': 'No', '1': 'Yes' } },
    earlyWashout: { label: 'Wash-out within 60 s', type: 'categorical', levels: [0, 1], levelLabels: { '0': 'No', '1': 'Yes' } },
    afp: { label: 'AFP', unit: 'ng/mL', type: 'continuous', transform: 'log10' },
  },
  subgroups: [{ variable: 'sex' }, { variable: 'sizeMm', label: 'Tumour size', cuts: [30] }],
};
