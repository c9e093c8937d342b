/**
 * End to end through the CLI functions: a tiny synthetic cohort (one case with a corrupt CEUS
 * file) → prepare → predict (bundled demo models) → evaluate; outputs agree with direct library
 * calls, a rerun resumes, and the corrupt case is reported while the others finish.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelSpec, predictRisk } from '../../src/models/index.js';
import {
  DEMO_RENDER,
  evaluateToFolder,
  loadModelSet,
  openCase,
  predictCohort,
  prepareCohort,
  readCohortManifest,
  runCli,
  writeSyntheticCohort,
} from '../../src/node/index.js';
import { decodeNpy, parsePredictions } from '../../src/study/index.js';
import type { ModelSet } from '../../src/node/index.js';
import { clipForSpec } from '../../src/phases/index.js';
import { auc, aucCI } from '../../src/stats/index.js';

const dir = mkdtempSync(join(tmpdir(), 'sonorisk-e2e-'));
const modelsDir = join(__dirname, '..', '..', 'models', 'demo');
let models: ModelSet;
let manifestPath: string;

beforeAll(async () => {
  manifestPath = await writeSyntheticCohort({ outDir: join(dir, 'data'), n: 8, seed: 'e2e', overrides: DEMO_RENDER });
  // Corrupt one case's CEUS file: keep only its first 2000 bytes.
  const { cases } = await readCohortManifest(manifestPath);
  const victim = cases[2]!;
  // The test needs both outcomes among the intact cases (true for this seed).
  expect(new Set(cases.filter((c) => c !== victim).map((c) => c.outcome)).size).toBe(2);
  writeFileSync(victim.ceus!.path, readFileSync(victim.ceus!.path).subarray(0, 2000));
  models = await loadModelSet(modelsDir, { threads: 1 });
}, 120_000);

afterAll(async () => {
  await models?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('cohort pipeline', () => {
  it('prepare writes NCDHW tensors equal to clipForSpec, with sidecars; the corrupt case fails alone', async () => {
    const { cases } = await readCohortManifest(manifestPath);
    const out = join(dir, 'prepared');
    const summary = await prepareCohort(cases, { outDir: out, specs: models.specs });
    // The corrupt CEUS file fails only the CEUS models of its case; its R-US tensor is written.
    expect([summary.ok, summary.partial, summary.failed]).toEqual([7, 1, 0]);
    const victim = cases[2]!;
    expect(summary.cases.find((c) => c.status === 'partial')).toMatchObject({
      id: victim.id,
      models: { 'R-US': 'ok', 'R-CEUS': 'failed', 'R-CEUS45': 'failed', 'R-CEUS2': 'failed' },
      error: { code: 'DICOM_TRUNCATED', recording: 'ceus', path: victim.ceus!.givenPath },
    });
    expect(existsSync(join(out, 'cases', victim.id, 'R-US.npy'))).toBe(true);
    expect(existsSync(join(out, 'cases', victim.id, 'R-CEUS.npy'))).toBe(false);
    const c = cases[0]!;
    const spec = models.specs.find((s) => s.id === 'R-CEUS45')!;
    const npy = decodeNpy(readFileSync(join(out, 'cases', c.id, 'R-CEUS45.npy')));
    const sidecar = JSON.parse(readFileSync(join(out, 'cases', c.id, 'R-CEUS45.json'), 'utf8'));
    const opened = await openCase(c);
    try {
      const direct = await clipForSpec(opened.cines.ceus!, spec.input, { box: opened.boxes.ceus!, injectionTime: c.injectionOffset });
      expect(npy.shape).toEqual(direct.clip.shape);
      expect(npy.data).toEqual(direct.clip.data);
      expect(sidecar.frameIndices).toEqual(direct.frameIndices);
      expect(sidecar.box).toEqual(opened.boxes.ceus);
      expect(sidecar.spec.input.window).toEqual({ name: 'arterial', start: 0, end: 45 });
    } finally {
      await opened.close();
    }
    // numpy reads the same values bit for bit (where Debian's python3-numpy is installed).
    const py = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0);
    if (py) {
      const script = `import numpy as n, hashlib, sys; a = n.load(sys.argv[1]); print(a.dtype, list(a.shape), hashlib.sha256(a.astype('<f4').tobytes()).hexdigest())`;
      const got = spawnSync(py, ['-c', script, join(out, 'cases', c.id, 'R-CEUS45.npy')], { encoding: 'utf8' }).stdout.trim();
      const bytes = new Uint8Array(npy.data.buffer, npy.data.byteOffset, npy.data.byteLength);
      expect(got).toBe(`float32 [${npy.shape.join(', ')}] ${createHash('sha256').update(bytes).digest('hex')}`);
    }
    const again = await prepareCohort(cases, { outDir: out, specs: models.specs });
    expect([again.ok, again.skipped, again.partial, again.failed]).toEqual([0, 7, 1, 0]);
  });

  it('predict writes predictions.csv equal to predictRisk, resumes, and evaluate writes the report', async () => {
    const { cases } = await readCohortManifest(manifestPath);
    const out = join(dir, 'predicted');
    const summary = await predictCohort(cases, models, { outDir: out, concurrency: 2 });
    expect([summary.ok, summary.partial, summary.failed]).toEqual([7, 1, 0]);
    const table = parsePredictions(readFileSync(summary.predictionsPath, 'utf8'));
    // Every case in manifest order; the corrupt CEUS leaves only its CEUS cells empty.
    expect(table.ids).toEqual(cases.map((c) => c.id));
    expect(Number.isFinite(table.models['R-US']![2]!)).toBe(true);
    expect(table.models['R-CEUS']![2]).toBeNaN();
    expect(Object.keys(table.models).sort()).toEqual(['R-CEUS', 'R-CEUS2', 'R-CEUS45', 'R-US']);
    const c = cases[1]!;
    const opened = await openCase(c);
    try {
      const direct = await predictRisk({ cines: opened.cines, boxes: opened.boxes, injectionTime: c.injectionOffset, models: models.specs, runners: models.runners });
      const row = table.ids.indexOf(c.id);
      for (const p of direct.predictions) expect(table.models[p.model]![row]).toBe(p.probability);
    } finally {
      await opened.close();
    }
    const rerun = await predictCohort(cases, models, { outDir: out });
    expect([rerun.ok, rerun.skipped, rerun.partial, rerun.failed]).toEqual([0, 7, 1, 0]);
    expect(readFileSync(rerun.predictionsPath, 'utf8')).toBe(readFileSync(summary.predictionsPath, 'utf8'));

    const files = await evaluateToFolder(summary.predictionsPath, join(out, 'report'), { cases });
    expect(files).toEqual(expect.arrayContaining(['report.html', 'report.md', 'figures/roc-all.svg', 'tables/01-patient-flow.csv', 'tables/04-performance.csv']));
    const md = readFileSync(join(out, 'report', 'report.md'), 'utf8');
    // R-US is evaluated on the cases it has a prediction for (the partial case lacks it).
    const has = table.ids.map((_, i) => i).filter((i) => !Number.isNaN(table.models['R-US']![i]!) && table.outcome[i] !== undefined);
    const labels = has.map((i) => table.outcome[i]!);
    const ci = aucCI(labels, Float64Array.from(has, (i) => table.models['R-US']![i]!));
    // One event: DeLong's CI is NA, as in pROC.
    const bound = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : 'NA');
    expect(md).toContain(`| R-US | All | ${labels.length} (${labels.filter((y) => y === 1).length}) | ${ci.auc.toFixed(3)} (${bound(ci.lower)}–${bound(ci.upper)}) |`);
  });

  it('the CLI reports the failed case and exits 3; --json gives machine-readable lines', async () => {
    let outText = '';
    let errText = '';
    const io = { out: (t: string) => void (outText += t), err: (t: string) => void (errText += t), isTTY: false };
    const r = await runCli(['predict', manifestPath, '--models', modelsDir, '--out', join(dir, 'cli'), '--workers', '1', '--json'], io);
    expect(r.exitCode).toBe(3);
    const events = outText.trim().split('\n').map((l) => JSON.parse(l));
    expect(events.at(-1)).toMatchObject({ event: 'summary', ok: 7, partial: 1, failed: 0 });
    expect(existsSync(join(dir, 'cli', 'predictions.csv'))).toBe(true);
    expect(errText).toContain('DICOM_TRUNCATED');
    expect(modelSpec('R-US').input.frames).toBe(16);
  });
});

describe('worker threads', () => {
  it('prepare with 2 worker threads writes the same tensors as in-process (from the built package)', async (ctx) => {
    const { caseWorkerScript } = await import('../../src/node/index.js');
    if (!caseWorkerScript()) return ctx.skip(); // needs `npm run build` (the README's test command builds first)
    const { cases } = await readCohortManifest(manifestPath);
    const ok = cases.filter((_, i) => i !== 2);
    await prepareCohort(ok, { outDir: join(dir, 'inproc'), specs: models.specs, workers: 1 });
    const pooled = await prepareCohort(ok, { outDir: join(dir, 'pooled'), specs: models.specs, workers: 2 });
    expect(pooled.ok).toBe(ok.length);
    for (const c of ok) {
      for (const s of models.specs) {
        expect(readFileSync(join(dir, 'pooled', 'cases', c.id, `${s.id}.npy`))).toEqual(readFileSync(join(dir, 'inproc', 'cases', c.id, `${s.id}.npy`)));
      }
    }
    // predict from a models folder: 2 worker threads load the models themselves; same table as in-process.
    const inproc = await predictCohort(ok, models, { outDir: join(dir, 'pred-inproc') });
    const pooledPredict = await predictCohort(ok, modelsDir, { outDir: join(dir, 'pred-pooled'), workers: 2 });
    expect(pooledPredict.ok).toBe(ok.length);
    expect(readFileSync(pooledPredict.predictionsPath, 'utf8')).toBe(readFileSync(inproc.predictionsPath, 'utf8'));
  });
});

describe('demo', () => {
  it('runs the whole chain on a small held-out synthetic cohort; report numbers equal the stats on predictions.csv', async () => {
    const { runDemo } = await import('../../src/node/index.js');
    const out = join(dir, 'demo');
    const result = await runDemo({ outDir: out, cases: 16, seed: 'demo-test' });
    expect(result.failed).toBe(0);
    const table = parsePredictions(readFileSync(result.predictionsPath, 'utf8'));
    const labels = table.outcome.map((o) => o!);
    const md = readFileSync(join(out, 'report', 'report.md'), 'utf8');
    expect(md.toLowerCase()).toContain('not for clinical use');
    for (const [model, scores] of Object.entries(table.models)) {
      const ci = aucCI(labels, scores);
      expect(result.aucs.find((a) => a.model === model)?.auc).toBe(auc(labels, scores));
      // The performance table prints AUC (95% CI) with three decimals.
      const bound = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : 'NA');
      expect(md).toContain(`| ${model} | All | ${labels.length} (${labels.filter((y) => y === 1).length}) | ${ci.auc.toFixed(3)} (${bound(ci.lower)}–${bound(ci.upper)}) |`);
    }
  });
});
