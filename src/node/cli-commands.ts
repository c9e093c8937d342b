import type { ParseArgsConfig } from 'node:util';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { SonoriskError } from '../errors.js';
import type { StageSummary } from './cohort-runner.js';
import { readCohortManifest } from './cohort-files.js';
import { runDemo } from './demo.js';
import { evaluateToFolder } from './evaluate.js';
import { mergePredictionFiles } from './merge.js';
import { resolveSpecs } from './model-specs-file.js';
import { prepareCohort } from './prepare.js';
import { predictCohort } from './predict.js';
import type { ProgressReporter } from './progress.js';
import { parseShard } from './shard.js';
import { writeSyntheticCohort } from './synthetic-cohort.js';

/** What a command handler receives. */
export interface CommandContext {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  out: (text: string) => void;
  err: (text: string) => void;
  json: boolean;
  progress: ProgressReporter;
}

/** A CLI subcommand: its options, help text and handler (returns the exit code). */
export interface CommandSpec {
  summary: string;
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run: (ctx: CommandContext) => Promise<number>;
}

/** Reads a string option, or throws a usage error naming it. */
export function stringOption(ctx: CommandContext, name: string, fallback?: string): string {
  const v = ctx.values[name];
  if (typeof v === 'string' && v !== '') return v;
  if (fallback !== undefined) return fallback;
  throw new SonoriskError('USAGE', `--${name} is required.`);
}

function intOption(ctx: CommandContext, name: string, fallback: number, min = 1): number {
  const v = ctx.values[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new SonoriskError('USAGE', `--${name} must be an integer ≥ ${min}, got '${String(v)}'.`);
  return n;
}

function onePositional(ctx: CommandContext, what: string): string {
  if (ctx.positionals.length !== 1) throw new SonoriskError('USAGE', `give exactly one ${what}.`);
  return ctx.positionals[0]!;
}

const COMMON = `  --json            Machine-readable progress and results (JSON lines on stdout)
  -h, --help        Show this help
`;
const COHORT_OPTIONS = `  --out <dir>       Output folder (required)
  --workers <n>     Worker threads, one case each (default: number of cores)
  --force           Redo cases that already finished (default: resume, skipping them)
  --shard <i/n>     Process only shard i of n (for array jobs; see docs/cluster.md)
  --dicomweb-url <url>  DICOMweb base URL for dicomweb:<study>/<series>/<instance> recordings
                    (a bearer token may come from SONORISK_DICOMWEB_TOKEN; see docs/pacs.md)
`;
const cohortOptions = {
  out: { type: 'string' },
  workers: { type: 'string' },
  force: { type: 'boolean' },
  shard: { type: 'string' },
  'dicomweb-url': { type: 'string' },
} as const;

/** `--dicomweb-url`, for readCohortManifest. */
function manifestOptions(ctx: CommandContext): { dicomWebUrl?: string } {
  const url = ctx.values['dicomweb-url'];
  return typeof url === 'string' ? { dicomWebUrl: url } : {};
}

function stageOptions(ctx: CommandContext) {
  const shard = typeof ctx.values['shard'] === 'string' ? parseShard(ctx.values['shard']) : undefined;
  return {
    outDir: stringOption(ctx, 'out'),
    force: ctx.values['force'] === true,
    workers: intOption(ctx, 'workers', availableParallelism()),
    progress: ctx.progress,
    ...(shard ? { shard } : {}),
  };
}

function reportSummary(ctx: CommandContext, summary: StageSummary, extra: Record<string, unknown> = {}): number {
  if (ctx.json) ctx.out(`${JSON.stringify({ event: 'summary', ...summary, ...extra })}\n`);
  for (const c of summary.cases) if (c.status === 'failed') ctx.err(`  ${c.id}: ${c.error?.code}: ${c.error?.message}\n`);
  return summary.failed > 0 ? 3 : 0;
}

/** The subcommands of `sonorisk`, in help order. */
export const COMMANDS: Record<string, CommandSpec> = {
  demo: {
    summary: 'Run the whole method on a bundled synthetic cohort with demo models',
    help: `Usage: sonorisk demo [--out ./sonorisk-demo] [--cases 100] [--seed 2026]

Simulates a held-out synthetic cohort (B-mode + CEUS DICOM cines), runs the four bundled demo
models (R-US, R-CEUS, R-CEUS45, R-CEUS2 — small 3D ResNets trained on simulated data, NOT for
clinical use) and writes the study report. Needs onnxruntime-node.

Options:
  --out <dir>       Output folder (default ./sonorisk-demo)
  --cases <n>       Cases to simulate (default 100)
  --seed <s>        Cohort seed (default 2026)
  --workers <n>     Worker threads, one case each (default: number of cores)
${COMMON}`,
    options: { out: { type: 'string' }, cases: { type: 'string' }, seed: { type: 'string' }, workers: { type: 'string' } },
    run: async (ctx) => {
      const result = await runDemo({
        outDir: stringOption(ctx, 'out', 'sonorisk-demo'),
        cases: intOption(ctx, 'cases', 100, 4),
        seed: stringOption(ctx, 'seed', '2026'),
        workers: intOption(ctx, 'workers', availableParallelism()),
        progress: ctx.progress,
        log: (t) => (ctx.json ? undefined : ctx.err(t)),
      });
      if (ctx.json) ctx.out(`${JSON.stringify({ event: 'demo', ...result })}\n`);
      else ctx.out(`\nReport: ${result.reportPath}\n${result.aucs.map((a) => `  ${a.model}: AUC ${a.auc.toFixed(3)}`).join('\n')}\nDemonstration models trained on simulated data — not for clinical use.\n`);
      return result.failed > 0 ? 3 : 0;
    },
  },
  simulate: {
    summary: 'Write a seeded synthetic cohort (DICOM cines + cohort.json)',
    help: `Usage: sonorisk simulate --out <dir> [--cases 40] [--seed 1] [--train-fraction 0.8]

Writes <dir>/<case>/bmode.dcm and ceus.dcm for each case and <dir>/cohort.json (outcome, split,
boxes, injection offset, covariates). Synthetic data for testing pipelines (docs/simulator.md).

Options:
  --out <dir>             Output folder (required)
  --cases <n>             Number of cases (default 40)
  --seed <s>              Seed (default 1)
  --train-fraction <f>    Mark a stratified fraction 'train', the rest 'validation'
${COMMON}`,
    options: { out: { type: 'string' }, cases: { type: 'string' }, seed: { type: 'string' }, 'train-fraction': { type: 'string' } },
    run: async (ctx) => {
      const tf = ctx.values['train-fraction'];
      const path = await writeSyntheticCohort({
        outDir: stringOption(ctx, 'out'),
        n: intOption(ctx, 'cases', 40),
        seed: stringOption(ctx, 'seed', '1'),
        ...(typeof tf === 'string' ? { trainFraction: Number(tf) } : {}),
        progress: ctx.progress,
      });
      ctx.out(ctx.json ? `${JSON.stringify({ event: 'simulated', manifest: path })}\n` : `${path}\n`);
      return 0;
    },
  },
  prepare: {
    summary: "Write each case's model input tensors (NPY, NCDHW) with JSON sidecars",
    help: `Usage: sonorisk prepare <cohort.csv|json> --out <dir> [--models <dir> | --specs <file>]

For every case and model, writes <out>/cases/<id>/<model>.npy (float32, [1,C,T,H,W]) and
<model>.json (frames used, their times, box, spec), so a model can be trained in PyTorch/MONAI on
exactly the tensors sonorisk will feed it.

Options:
${COHORT_OPTIONS}  --models <dir>    Take the input specs from these model manifests
  --specs <file>    JSON of spec overrides per model id (default: the built-in MODELS)
${COMMON}`,
    options: { ...cohortOptions, models: { type: 'string' }, specs: { type: 'string' } },
    run: async (ctx) => {
      const { cases } = await readCohortManifest(onePositional(ctx, 'cohort manifest'), manifestOptions(ctx));
      const m = ctx.values['models'];
      const s = ctx.values['specs'];
      const specs = await resolveSpecs({ ...(typeof m === 'string' ? { modelsPath: m } : {}), ...(typeof s === 'string' ? { specsPath: s } : {}) });
      return reportSummary(ctx, await prepareCohort(cases, { ...stageOptions(ctx), ...(specs ? { specs } : {}) }));
    },
  },
  predict: {
    summary: 'Run the models on every case and write predictions.csv',
    help: `Usage: sonorisk predict <cohort.csv|json> --models <dir> --out <dir>

Loads every model manifest under --models (ONNX folds → ensemble, onnxruntime-node), runs each
model on each case (each distinct clip is built once) and writes <out>/predictions.csv with the
columns id, outcome, split and one probability column per model.

Options:
${COHORT_OPTIONS}  --models <dir>    Folder of model manifests (required)
  --threads <n>     onnxruntime intra-op threads per session (default 1 per worker)
${COMMON}`,
    options: { ...cohortOptions, models: { type: 'string' }, threads: { type: 'string' } },
    run: async (ctx) => {
      const { cases } = await readCohortManifest(onePositional(ctx, 'cohort manifest'), manifestOptions(ctx));
      const summary = await predictCohort(cases, stringOption(ctx, 'models'), { ...stageOptions(ctx), threads: intOption(ctx, 'threads', 1) });
      if (!ctx.json) ctx.out(`${summary.predictionsPath}\n`);
      return reportSummary(ctx, summary, { predictions: summary.predictionsPath });
    },
  },
  evaluate: {
    summary: 'Write the study report (HTML, Markdown, SVG figures, CSV tables) from predictions',
    help: `Usage: sonorisk evaluate <predictions.csv> --out <dir> [--manifest <cohort.csv|json>]

Computes AUC with DeLong 95% CIs, accuracy, sensitivity and specificity (Youden threshold from the
'train' split, applied unchanged to the others), pairwise DeLong tests (Holm), decision curves and,
with --manifest, the baseline table by outcome; writes report.html, report.md, figures/*.svg and
tables/*.csv into --out.

Options:
  --out <dir>         Output folder (required)
  --manifest <file>   Cohort manifest with the covariates
  --title <text>      Report title
${COMMON}`,
    options: { out: { type: 'string' }, manifest: { type: 'string' }, title: { type: 'string' } },
    run: async (ctx) => {
      const manifestPath = ctx.values['manifest'];
      const cases = typeof manifestPath === 'string' ? (await readCohortManifest(manifestPath)).cases : undefined;
      const outDir = stringOption(ctx, 'out');
      const title = ctx.values['title'];
      const files = await evaluateToFolder(onePositional(ctx, 'predictions.csv'), outDir, { ...(cases ? { cases } : {}), ...(typeof title === 'string' ? { title } : {}) });
      ctx.out(ctx.json ? `${JSON.stringify({ event: 'report', outDir, files })}\n` : `${join(outDir, 'report.html')}\n`);
      return 0;
    },
  },
  merge: {
    summary: 'Join predictions.csv files written by several shards',
    help: `Usage: sonorisk merge <predictions.csv>... --out <file>

Joins the prediction tables that several shards (--shard i/n) wrote into one, checking that they
share their columns and that no case appears twice.

Options:
  --out <file>      The merged predictions.csv (required)
${COMMON}`,
    options: { out: { type: 'string' } },
    run: async (ctx) => {
      const out = stringOption(ctx, 'out');
      if (ctx.positionals.length === 0) throw new SonoriskError('USAGE', 'give the predictions.csv files to merge.');
      const { rows } = await mergePredictionFiles(ctx.positionals, out);
      if (ctx.json) ctx.out(`${JSON.stringify({ event: 'merged', rows, out })}\n`);
      else ctx.out(`merged ${ctx.positionals.length} files, ${rows} cases → ${out}\n`);
      return 0;
    },
  },
};
