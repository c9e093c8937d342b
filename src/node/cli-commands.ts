import type { ParseArgsConfig } from 'node:util';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { didYouMean } from '../closest-name.js';
import { SonoriskError } from '../errors.js';
import { MODELS } from '../models/index.js';
import { copyBrowserAssets } from './browser-assets.js';
import type { StudyClipOptions } from './case-models.js';
import { describeStageError, type StageSummary } from './cohort-runner.js';
import { readCohortManifest } from './cohort-files.js';
import { runDemo } from './demo.js';
import { evaluateToFolder } from './evaluate.js';
import { mergePredictionFiles } from './merge.js';
import { readModelManifests, readSpecsFile } from './model-specs-file.js';
import { prepareCohort } from './prepare.js';
import { predictCohort } from './predict.js';
import type { ProgressReporter } from './progress.js';
import { parseShard } from '../study/index.js';
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
const COHORT_OPTIONS = `  --out <dir>           Output folder (required; locked while the run lasts)
  --workers <n>         Worker threads, one case each (default: number of cores)
  --worker-memory <MB>  Heap limit of each worker thread; a case that needs more fails alone (default 4096)
  --force               Redo cases and models that already finished, and cases marked CRASHED
                        (default: resume — only what is missing or whose inputs or models changed)
  --shard <i/n>         Process only shard i of n (for array jobs; see docs/cluster.md)
  --allow-partial       Use the covered part of a phase window a CEUS cine covers only in part
                        (instead of failing with PHASE_NOT_COVERED); a warning says how much
  --allow-repeats       Repeat frames when a window has fewer frames than the model takes
                        (instead of failing with TOO_FEW_FRAMES)
  --dicomweb-url <url>  DICOMweb base URL for dicomweb:<study>/<series>/<instance> recordings
                        (a bearer token may come from SONORISK_DICOMWEB_TOKEN; see docs/pacs.md)
`;
const cohortOptions = {
  out: { type: 'string' },
  workers: { type: 'string' },
  'worker-memory': { type: 'string' },
  force: { type: 'boolean' },
  shard: { type: 'string' },
  'allow-partial': { type: 'boolean' },
  'allow-repeats': { type: 'boolean' },
  specs: { type: 'string' },
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
    ...(ctx.values['worker-memory'] !== undefined ? { workerMemoryMb: intOption(ctx, 'worker-memory', 4096, 64) } : {}),
    progress: ctx.progress,
    ...(shard ? { shard } : {}),
  };
}

/** Clip options per model: the specs file's per-model entries over the --allow-* flags. */
function clipOptionsFor(ctx: CommandContext, modelIds: readonly string[], perModel: Record<string, StudyClipOptions>): Record<string, StudyClipOptions> {
  const global: StudyClipOptions = {
    ...(ctx.values['allow-partial'] === true ? { allowPartial: true } : {}),
    ...(ctx.values['allow-repeats'] === true ? { allowRepeats: true } : {}),
  };
  for (const id of Object.keys(perModel)) {
    if (!modelIds.includes(id)) throw new SonoriskError('USAGE', `The specs file gives clip options for model ${id}, which this run does not have (models: ${modelIds.join(', ')}).${didYouMean(id, modelIds)}`);
  }
  return Object.fromEntries(modelIds.map((id) => [id, { ...global, ...perModel[id] }]));
}

function reportWarnings(ctx: CommandContext, warnings: readonly string[]): void {
  for (const w of warnings) {
    if (ctx.json) ctx.out(`${JSON.stringify({ event: 'warning', message: w })}\n`);
    else ctx.err(`warning: ${w}\n`);
  }
}

function reportSummary(ctx: CommandContext, summary: StageSummary, extra: Record<string, unknown> = {}): number {
  if (ctx.json) ctx.out(`${JSON.stringify({ event: 'summary', ...summary, ...extra })}\n`);
  for (const c of summary.cases) {
    if (c.status !== 'failed' && c.status !== 'partial') continue;
    for (const e of c.errors ?? []) if (e.code !== 'NO_RECORDING') ctx.err(`  case ${c.id}: ${describeStageError(e)}\n`);
  }
  return summary.failed > 0 || (summary.partial ?? 0) > 0 ? 3 : 0;
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
    help: `Usage: sonorisk prepare <cohort.csv|json> --out <dir> [--models <dir>] [--specs <file>]

For every case and model, writes <out>/cases/<id>/<model>.npy (float32, [1,C,T,H,W]) and
<model>.json (frames used, their times, box, spec), so a model can be trained in PyTorch/MONAI on
exactly the tensors sonorisk will feed it. Each model of a case succeeds or fails alone; errors
name the case, recording, file, model and code (also in <out>/prepare-summary.json).

Options:
${COHORT_OPTIONS}  --models <dir>        Take the input specs from these model manifests
  --specs <file>        JSON per model id: spec overrides (frames, size, window, ...; a model id of
                        your own needs source and window) and clip options (allowPartial,
                        allowRepeats). Default: the built-in R-US, R-CEUS, R-CEUS45, R-CEUS2
${COMMON}`,
    options: { ...cohortOptions, models: { type: 'string' } },
    run: async (ctx) => {
      const { cases } = await readCohortManifest(onePositional(ctx, 'cohort manifest'), manifestOptions(ctx));
      const m = ctx.values['models'];
      const s = ctx.values['specs'];
      const file = typeof s === 'string' ? await readSpecsFile(s, { clipOnly: typeof m === 'string' }) : undefined;
      let specs = file && file.specs.length > 0 ? file.specs : undefined;
      if (typeof m === 'string') {
        const manifests = await readModelManifests(m);
        reportWarnings(ctx, manifests.flatMap((x) => x.warnings.map((w) => `${x.spec.id} (${x.path}): ${w}`)));
        specs = manifests.map((x) => x.spec);
      }
      const ids = (specs ?? Object.values(MODELS)).map((x) => x.id);
      const clipOptions = clipOptionsFor(ctx, ids, file?.clipOptions ?? {});
      return reportSummary(ctx, await prepareCohort(cases, { ...stageOptions(ctx), ...(specs ? { specs } : {}), clipOptions }));
    },
  },
  predict: {
    summary: 'Run the models on every case and write predictions.csv',
    help: `Usage: sonorisk predict <cohort.csv|json> --models <dir> --out <dir>

Loads every model manifest under --models (ONNX folds → ensemble, onnxruntime-node; any model ids),
runs each model on each case (each distinct clip is built once) and writes <out>/predictions.csv
with the columns id, outcome, split and one probability column per model (empty where that model
has no prediction for the case; <out>/predict-summary.json says why). A rerun recomputes exactly
the models whose weights, spec or the case's inputs changed.

Options:
${COHORT_OPTIONS}  --models <dir>        Folder of model manifests (required)
  --specs <file>        JSON of clip options per model id, e.g. { "R-CEUS2": { "allowPartial": true } }
  --threads <n>         onnxruntime intra-op threads per session (default: cores / workers)
${COMMON}`,
    options: { ...cohortOptions, models: { type: 'string' }, threads: { type: 'string' } },
    run: async (ctx) => {
      const { cases } = await readCohortManifest(onePositional(ctx, 'cohort manifest'), manifestOptions(ctx));
      const modelsPath = stringOption(ctx, 'models');
      const s = ctx.values['specs'];
      const file = typeof s === 'string' ? await readSpecsFile(s, { clipOnly: true }) : undefined;
      const manifests = await readModelManifests(modelsPath);
      const clipOptions = clipOptionsFor(ctx, manifests.map((m) => m.spec.id), file?.clipOptions ?? {});
      const options = stageOptions(ctx);
      const threads = intOption(ctx, 'threads', Math.max(1, Math.floor(availableParallelism() / options.workers)));
      const summary = await predictCohort(cases, modelsPath, { ...options, threads, clipOptions });
      reportWarnings(ctx, summary.warnings);
      if (!ctx.json) ctx.out(`${summary.predictionsPath}\n`);
      return reportSummary(ctx, summary, { predictions: summary.predictionsPath });
    },
  },
  evaluate: {
    summary: 'Write the study report (HTML, Markdown, SVG figures, CSV tables) from predictions',
    help: `Usage: sonorisk evaluate <predictions.csv> --out <dir> [--manifest <cohort.csv|json>] [--study <study.json>]

For every split (training, validation, ...): AUC with 95% CIs, accuracy, sensitivity, specificity,
PPV and NPV (Youden threshold from the 'train' split, applied unchanged to the others), pairwise
DeLong tests (Holm), ROC, calibration and decision curves. With --manifest: the patient flow, the
characteristics by split and by outcome, uni/multivariable logistic regression, the clinical model
and each deep-learning score added to it, and subgroups named in the study file. Each model is
evaluated on the cases it has a prediction for; the patient-flow table names the rest (reading
prepare-summary.json / predict-summary.json beside the predictions). Writes report.html,
report.md, figures/*.svg and tables/*.csv (with numeric columns) into --out.

Options:
  --out <dir>          Output folder (required)
  --manifest <file>    Cohort manifest with the covariates
  --study <file>       Study file: labels, units, variable types, subgroups (docs/report.md)
  --models <dir>       Model manifests, for clip specs and hashes in the Methods
  --require-complete   Fail when a model lacks a prediction for any case with an outcome
  --bootstrap <n>      AUC CIs by a stratified bootstrap with n replicates instead of DeLong
  --title <text>       Report title
${COMMON}`,
    options: {
      out: { type: 'string' },
      manifest: { type: 'string' },
      study: { type: 'string' },
      models: { type: 'string' },
      'require-complete': { type: 'boolean' },
      bootstrap: { type: 'string' },
      title: { type: 'string' },
    },
    run: async (ctx) => {
      const manifestPath = ctx.values['manifest'];
      const cases = typeof manifestPath === 'string' ? (await readCohortManifest(manifestPath)).cases : undefined;
      const outDir = stringOption(ctx, 'out');
      const title = ctx.values['title'];
      const study = ctx.values['study'];
      const models = ctx.values['models'];
      const replicates = ctx.values['bootstrap'] === undefined ? undefined : intOption(ctx, 'bootstrap', 2000, 100);
      const files = await evaluateToFolder(onePositional(ctx, 'predictions.csv'), outDir, {
        ...(cases ? { cases } : {}),
        ...(typeof title === 'string' ? { title } : {}),
        ...(typeof study === 'string' ? { studyPath: study } : {}),
        ...(typeof models === 'string' ? { modelsPath: models } : {}),
        ...(ctx.values['require-complete'] === true ? { requireComplete: true } : {}),
        ...(replicates !== undefined ? { aucCI: { method: 'bootstrap' as const, replicates } } : {}),
      });
      ctx.out(ctx.json ? `${JSON.stringify({ event: 'report', outDir, files })}\n` : `${join(outDir, 'report.html')}\n`);
      return 0;
    },
  },
  merge: {
    summary: 'Join predictions.csv files written by several shards',
    help: `Usage: sonorisk merge <predictions.csv>... --out <file> [--manifest <cohort.csv|json>]

Joins the prediction tables that several shards (--shard i/n) wrote into one, in the cohort
manifest's order, checking that they share their columns, that no case appears twice and that no
shard is missing (from each shard's predict-summary.json, and with --manifest, every case).

Options:
  --out <file>        The merged predictions.csv (required)
  --manifest <file>   The cohort manifest: every case must be in one of the files
${COMMON}`,
    options: { out: { type: 'string' }, manifest: { type: 'string' } },
    run: async (ctx) => {
      const out = stringOption(ctx, 'out');
      if (ctx.positionals.length === 0) throw new SonoriskError('USAGE', 'give the predictions.csv files to merge.');
      const manifestPath = ctx.values['manifest'];
      const cases = typeof manifestPath === 'string' ? (await readCohortManifest(manifestPath)).cases : undefined;
      const { rows } = await mergePredictionFiles(ctx.positionals, out, cases ? { cases } : {});
      if (ctx.json) ctx.out(`${JSON.stringify({ event: 'merged', rows, out })}\n`);
      else ctx.out(`merged ${ctx.positionals.length} files, ${rows} cases → ${out}\n`);
      return 0;
    },
  },
  assets: {
    summary: 'Copy the files a browser app serves (codec WASM, optionally onnxruntime-web and demo models)',
    help: `Usage: sonorisk assets --out <dir> [--ort wasm|jsep] [--models] [--bundle]

Copies exactly the files a browser app serves into <dir> (e.g. public/sonorisk), with
<dir>/sonorisk-assets.json listing each file's path, size and sha256:
  codecs/*.wasm                 configureCodecs({ wasmBaseUrl: '/sonorisk/codecs/' })
  ort/ort-wasm-simd-threaded*   ort.env.wasm.wasmPaths = '/sonorisk/ort/' (with --ort)
  models/demo/<id>/...          demo models, synthetic data, NOT for clinical use (with --models)
  lib/index.js, lib/worker.js   standalone ESM build for pages without a bundler (with --bundle)
Recipes per bundler: docs/runtimes.md.

Options:
  --out <dir>         Output folder (required)
  --ort <flavour>     Also onnxruntime-web's pair: 'wasm' for import 'onnxruntime-web/wasm'
                      (14 MB), 'jsep' for import 'onnxruntime-web' (28 MB); resolved from the
                      current folder's node_modules
  --models            Also the demo models (2.4 MB)
  --bundle            Also the standalone browser build (0.45 MB; needs the WASM codecs)
${COMMON}`,
    options: { out: { type: 'string' }, ort: { type: 'string' }, models: { type: 'boolean' }, bundle: { type: 'boolean' } },
    run: async (ctx) => {
      if (ctx.positionals.length > 0) throw new SonoriskError('USAGE', `assets takes no positional arguments, got '${ctx.positionals[0]}'.`);
      const ort = ctx.values['ort'];
      if (ort !== undefined && ort !== 'wasm' && ort !== 'jsep') throw new SonoriskError('USAGE', `--ort must be 'wasm' or 'jsep', got '${String(ort)}'.`);
      const outDir = stringOption(ctx, 'out');
      const r = await copyBrowserAssets(outDir, { ...(ort !== undefined && { ort }), models: ctx.values['models'] === true, bundle: ctx.values['bundle'] === true });
      if (ctx.json) ctx.out(`${JSON.stringify({ event: 'assets', manifest: r.manifestPath, files: r.files.length, totalBytes: r.totalBytes })}\n`);
      else ctx.out(`${r.files.map((f) => `${f.path}  ${(f.bytes / 1024).toFixed(1)} kB`).join('\n')}\n${r.files.length} files, ${(r.totalBytes / 1048576).toFixed(1)} MB → ${outDir} (manifest: ${r.manifestPath})\n`);
      return 0;
    },
  },
};
