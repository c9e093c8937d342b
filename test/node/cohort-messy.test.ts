/**
 * Issue 14's "done when": a messy cohort through the CLI — simulated cases (sonorisk/simulate) plus
 * a non-DICOM B-mode file, a case without B-mode, a too-short CEUS cine, a misspelt column, a model
 * swapped between runs, a model added, a formula-looking cell — checked behaviour by behaviour.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RENDER, runCli, writeSyntheticCohort } from '../../src/node/index.js';
import { simulateCase, toManifestEntry } from '../../src/simulate/index.js';
import { formatCsv, parsePredictions, parseStageSummary } from '../../src/study/index.js';

const root = mkdtempSync(join(tmpdir(), 'sonorisk-messy-'));
const data = join(root, 'data');
const models = join(root, 'models');
const demoModels = join(__dirname, '..', '..', 'models', 'demo');
let ids: string[] = [];

type Io = { outText: string; errText: string; out: (t: string) => void; err: (t: string) => void; isTTY: false };
const io = (): Io => {
  const o: Io = { outText: '', errText: '', out: (t) => void (o.outText += t), err: (t) => void (o.errText += t), isTTY: false };
  return o;
};
const cli = async (...args: string[]) => {
  const x = io();
  const { exitCode } = await runCli(args, x);
  return { exitCode, out: x.outText, err: x.errText };
};
const summary = (out: string, stage: string) => parseStageSummary(readFileSync(join(root, out, `${stage}-summary.json`), 'utf8'));
const byId = (s: ReturnType<typeof summary>, id: string) => s.cases.find((c) => c.id === id)!;

/** Writes the CSV manifest; `column` renames the injection-offset column (to misspell it). */
function writeManifest(entries: ReturnType<typeof toManifestEntry>[], column = 'injection_offset'): string {
  const header = ['id', 'outcome', 'split', 'bmode_path', 'bmode_x0', 'bmode_y0', 'bmode_x1', 'bmode_y1', 'ceus_path', 'ceus_x0', 'ceus_y0', 'ceus_x1', 'ceus_y1', column, 'cov_age', 'cov_note'];
  const rows = entries.map((e, i) => [
    e.id, e.outcome, '',
    ...(i === 1 ? ['', '', '', '', ''] : [e.bmode.path, ...e.bmode.corners.flat()]),
    e.ceus.path, ...e.ceus.corners.flat(), e.injectionOffset, e.covariates['age'] as number,
    i === 0 ? '=HYPERLINK("http://example.invalid","click")' : 'none',
  ]);
  const path = join(data, 'cohort.csv');
  writeFileSync(path, formatCsv(header, rows));
  return path;
}

let entries: ReturnType<typeof toManifestEntry>[] = [];
const specs = join(root, 'specs.json');
let manifest = '';

beforeAll(async () => {
  const json = await writeSyntheticCohort({ outDir: data, n: 6, seed: 'messy', overrides: DEMO_RENDER });
  entries = JSON.parse(readFileSync(json, 'utf8')).cases;
  ids = entries.map((e) => e.id);
  // Case 1: its B-mode "file" is a PNG, not DICOM. Case 2: a CEUS cine of 70 s only (portal phase 46–120 s not covered).
  writeFileSync(join(data, ids[0]!, 'bmode.png'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
  entries[0]!.bmode.path = `${ids[0]}/bmode.png`;
  const short = simulateCase({ ...DEMO_RENDER, ceus: { fps: 1, durationS: 70 }, id: ids[2]! }, { seed: 'messy-short' });
  writeFileSync(join(data, ids[2]!, 'ceus-short.dcm'), short.ceus);
  const shortEntry = toManifestEntry(short, { bmodePath: 'unused', ceusPath: `${ids[2]}/ceus-short.dcm` });
  entries[2] = { ...entries[2]!, ceus: shortEntry.ceus, injectionOffset: shortEntry.injectionOffset };
  cpSync(demoModels, models, { recursive: true });
}, 120_000);

afterAll(() => (process.env["KEEP"] ? undefined : rmSync(root, { recursive: true, force: true })));

describe('a messy cohort through the CLI', () => {
  it('a misspelt column stops the run before anything is written, naming the column and the nearest known one', async () => {
    const path = writeManifest(entries, 'injection_ofset');
    const r = await cli('predict', path, '--models', models, '--out', join(root, 'pred'), '--workers', '1');
    expect(r.exitCode).toBe(1);
    expect(r.err).toContain("unknown column 'injection_ofset'. Did you mean 'injection_offset'?");
    expect(r.err).toContain('[MANIFEST_INVALID]');
    expect(existsSync(join(root, 'pred', 'predictions.csv'))).toBe(false);
    const flag = await cli('predict', path, '--modles', models);
    expect([flag.exitCode, flag.err.includes('Did you mean --models?')]).toEqual([2, true]);
    manifest = writeManifest(entries);
  });

  it('prepare and predict: a recording fails only the models that need it, and both report the same error naming case, recording, file, model and code', async () => {
    const prep = await cli('prepare', manifest, '--models', models, '--out', join(root, 'prep'), '--workers', '1');
    const pred = await cli('predict', manifest, '--models', models, '--out', join(root, 'pred'), '--workers', '1', '--json');
    expect([prep.exitCode, pred.exitCode]).toEqual([3, 3]);
    const [ps, qs] = [summary('prep', 'prepare'), summary('pred', 'predict')];
    // Case 1: non-DICOM B-mode → R-US fails, the CEUS models are written.
    for (const s of [ps, qs]) {
      expect(byId(s, ids[0]!)).toMatchObject({ status: 'partial', models: { 'R-US': 'failed', 'R-CEUS': 'ok', 'R-CEUS45': 'ok', 'R-CEUS2': 'ok' } });
    }
    const bmodeError = byId(qs, ids[0]!).errors![0]!;
    expect(bmodeError).toMatchObject({ model: 'R-US', recording: 'bmode', path: `${ids[0]}/bmode.png` });
    expect(bmodeError.code).toMatch(/^DICOM_/);
    expect(byId(ps, ids[0]!).errors).toEqual(byId(qs, ids[0]!).errors);
    expect(pred.err).toContain(`case ${ids[0]}: model R-US, bmode recording ${ids[0]}/bmode.png: ${bmodeError.code}`);
    expect(existsSync(join(root, 'prep', 'cases', ids[0]!, 'R-US.npy'))).toBe(false);
    expect(existsSync(join(root, 'prep', 'cases', ids[0]!, 'R-CEUS.npy'))).toBe(true);
    // Case 2: no B-mode → R-US skipped (NO_RECORDING), the case is complete otherwise.
    expect(byId(qs, ids[1]!)).toMatchObject({ status: 'ok', models: { 'R-US': 'skipped', 'R-CEUS': 'ok' }, errors: [{ model: 'R-US', recording: 'bmode', code: 'NO_RECORDING' }] });
    // Case 3: a 70 s CEUS → only R-CEUS2 (portal, 46–120 s) fails, PHASE_NOT_COVERED.
    expect(byId(qs, ids[2]!)).toMatchObject({ status: 'partial', models: { 'R-US': 'ok', 'R-CEUS': 'ok', 'R-CEUS45': 'ok', 'R-CEUS2': 'failed' } });
    expect(byId(qs, ids[2]!).errors).toEqual([expect.objectContaining({ model: 'R-CEUS2', recording: 'ceus', path: `${ids[2]}/ceus-short.dcm`, code: 'PHASE_NOT_COVERED' })]);
    expect(byId(ps, ids[2]!).errors).toEqual(byId(qs, ids[2]!).errors);
    // predictions.csv: every case in manifest order, empty cells where a model has no prediction.
    const table = parsePredictions(readFileSync(join(root, 'pred', 'predictions.csv'), 'utf8'));
    expect(table.ids).toEqual(ids);
    expect(table.models['R-US']![0]).toBeNaN();
    expect(table.models['R-US']![1]).toBeNaN();
    expect(table.models['R-CEUS2']![2]).toBeNaN();
    expect(table.models['R-CEUS']!.every((p) => p >= 0 && p <= 1)).toBe(true);
  });

  it('allowPartial for one model (--specs) recomputes only that model; a rerun without changes recomputes nothing', async () => {
    writeFileSync(specs, JSON.stringify({ 'R-CEUS2': { allowPartial: true } }));
    const typo = await cli('predict', manifest, '--models', models, '--out', join(root, 'pred'), '--specs', join(root, 'typo.json'));
    expect(typo.exitCode).toBe(1);
    writeFileSync(join(root, 'typo.json'), JSON.stringify({ 'R-CEUS2': { allowPartal: true } }));
    expect((await cli('predict', manifest, '--models', models, '--out', join(root, 'pred'), '--specs', join(root, 'typo.json'))).err).toContain("unknown key 'allowPartal' — did you mean 'allowPartial'?");
    const r = await cli('predict', manifest, '--models', models, '--out', join(root, 'pred'), '--workers', '1', '--specs', specs);
    const raw = JSON.parse(readFileSync(join(root, 'pred', 'predict-summary.json'), 'utf8'));
    expect(raw.cases.find((c: { id: string }) => c.id === ids[2])).toMatchObject({ status: 'ok', models: { 'R-CEUS2': 'ok' }, computed: ['R-CEUS2'] });
    expect(raw.cases.find((c: { id: string }) => c.id === ids[3]).computed).toEqual(['R-CEUS2']);
    expect(r.exitCode).toBe(3); // case 1's B-mode is still not DICOM
    const again = await cli('predict', manifest, '--models', models, '--out', join(root, 'pred'), '--workers', '1', '--specs', specs);
    const s2 = JSON.parse(readFileSync(join(root, 'pred', 'predict-summary.json'), 'utf8'));
    // Only the failed R-US of case 1 is tried again.
    expect(s2.cases.filter((c: { computed?: string[] }) => c.computed).map((c: { id: string; computed: string[] }) => [c.id, c.computed])).toEqual([[ids[0], ['R-US']]]);
    expect(again.exitCode).toBe(3);
    expect(Number.isFinite(parsePredictions(readFileSync(join(root, 'pred', 'predictions.csv'), 'utf8')).models['R-CEUS2']![2]!)).toBe(true);
  });

  it('a swapped model, an added model and a changed input recompute exactly what they affect', async () => {
    const before = parsePredictions(readFileSync(join(root, 'pred', 'predictions.csv'), 'utf8'));
    // Swap R-US's weights for R-CEUS45's (same input shape), as retraining under the same id would.
    const usManifest = JSON.parse(readFileSync(join(models, 'r-us', 'manifest.json'), 'utf8'));
    const otherManifest = JSON.parse(readFileSync(join(models, 'r-ceus45', 'manifest.json'), 'utf8'));
    for (const [k, fold] of usManifest.folds.entries()) cpSync(join(models, 'r-ceus45', otherManifest.folds[k].file), join(models, 'r-us', fold.file));
    usManifest.folds = otherManifest.folds;
    writeFileSync(join(models, 'r-us', 'manifest.json'), JSON.stringify(usManifest));
    // Add a model of the study's own id, trained with another preprocessing version.
    mkdirSync(join(models, 'r-ceus-v2'));
    const v2 = JSON.parse(readFileSync(join(models, 'r-ceus', 'manifest.json'), 'utf8'));
    for (const f of v2.folds) cpSync(join(models, 'r-ceus', f.file), join(models, 'r-ceus-v2', f.file));
    v2.model = 'R-CEUS-v2';
    v2.spec = { ...v2.spec, source: 'ceus', window: { name: 'dual', start: 0, end: 60 } };
    v2.preprocessing = { version: 'my-clip/2' };
    writeFileSync(join(models, 'r-ceus-v2', 'manifest.json'), JSON.stringify(v2));
    // Touch one case's CEUS file (new modification time): its CEUS models are recomputed.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(data, ids[3]!, 'ceus.dcm'), later, later);
    const r = await cli('predict', manifest, '--models', models, '--out', join(root, 'pred'), '--workers', '1', '--specs', specs, '--json');
    expect(r.out).toContain("trained with preprocessing 'my-clip/2'");
    const s = summary('pred', 'predict');
    const computed = new Map(JSON.parse(readFileSync(join(root, 'pred', 'predict-summary.json'), 'utf8')).cases.map((c: { id: string; computed?: string[] }) => [c.id, c.computed]));
    expect(computed.get(ids[4]!)).toEqual(['R-CEUS-v2', 'R-US']);
    expect(computed.get(ids[3]!)).toEqual(['R-CEUS', 'R-CEUS-v2', 'R-CEUS2', 'R-CEUS45', 'R-US']);
    expect(computed.get(ids[1]!)).toEqual(['R-CEUS-v2', 'R-US']); // R-US: re-checked, still no B-mode
    const marker = (id: string) => JSON.parse(readFileSync(join(root, 'pred', 'cases', id, 'predict.done.json'), 'utf8'));
    expect(Object.keys(marker(ids[4]!).models).sort()).toEqual(['R-CEUS', 'R-CEUS-v2', 'R-CEUS2', 'R-CEUS45', 'R-US']);
    expect(byId(s, ids[4]!).status).toBe('ok');
    const after = parsePredictions(readFileSync(join(root, 'pred', 'predictions.csv'), 'utf8'));
    expect(Object.keys(after.models)).toContain('R-CEUS-v2');
    // R-CEUS-v2 has R-CEUS's weights and spec: the same probabilities.
    expect(Array.from(after.models['R-CEUS-v2']!)).toEqual(Array.from(after.models['R-CEUS']!));
    expect(after.models['R-US']![4]).not.toBe(before.models['R-US']![4]);
    for (const m of ['R-CEUS', 'R-CEUS45']) expect(Array.from(after.models[m]!)).toEqual(Array.from(before.models[m]!));
  });

  it('the formula-looking cell is neutralised in the report tables', async () => {
    // Evaluate on the cases every model has (excluding incomplete cases is the report's own job, issue 15).
    const table = readFileSync(join(root, 'pred', 'predictions.csv'), 'utf8').split('\n');
    const complete = [table[0], ...table.slice(1).filter((l) => l !== '' && !l.split(',').slice(3).includes(''))].join('\n');
    expect(complete.split('\n').length).toBeGreaterThan(3);
    const all = join(root, 'pred', 'complete.csv');
    writeFileSync(all, `${complete}\n`);
    // Case 1 (the formula cell) lacks R-US; give it one so the note reaches the baseline table.
    const withNote = table[1]!.split(',').map((v, j) => (j >= 3 && v === '' ? '0.5' : v)).join(',');
    writeFileSync(all, `${[complete, withNote].join('\n')}\n`);
    const r = await cli('evaluate', all, '--manifest', manifest, '--out', join(root, 'report'));
    expect(r.exitCode, r.err).toBe(0);
    // every table the report writes: the note appears neutralised (in the baseline table), never raw
    const dir = join(root, 'report', 'tables');
    const csvs = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));
    expect(csvs.some((csv) => csv.includes(`"'  =HYPERLINK(""http://example.invalid"",""click"")"`))).toBe(true);
    for (const csv of csvs) expect(csv).not.toMatch(/(^|,)"?\s*[=+@]/m);
  });

  it('locks --out naming the holder, cleans orphaned temp files, marks a case that crashed runs twice, and names a missing fold file', async () => {
    const out = join(root, 'pred');
    writeFileSync(join(out, '.sonorisk-lock.json'), JSON.stringify({ pid: process.pid, host: hostname(), started: '2026-01-01T00:00:00Z', command: 'sonorisk predict (other run)' }));
    const locked = await cli('predict', manifest, '--models', models, '--out', out, '--workers', '1');
    expect(locked.exitCode).toBe(1);
    expect(locked.err).toContain(`pid ${process.pid} on ${hostname()}, started 2026-01-01T00:00:00Z`);
    expect(locked.err).toContain('[OUT_LOCKED]');
    rmSync(join(out, '.sonorisk-lock.json'));
    const tmp = join(out, 'cases', ids[4]!, 'R-US.npy.0123456789ab.tmp');
    writeFileSync(tmp, 'half');
    writeFileSync(join(out, 'cases', ids[5]!, 'predict.started.json'), JSON.stringify({ pid: 1, host: hostname(), started: 'x', attempts: 2 }));
    rmSync(join(out, 'cases', ids[5]!, 'predict.done.json'));
    const r = await cli('predict', manifest, '--models', models, '--out', out, '--workers', '1', '--specs', specs);
    expect(existsSync(tmp)).toBe(false);
    expect(existsSync(join(out, '.sonorisk-lock.json'))).toBe(false);
    expect(byId(summary('pred', 'predict'), ids[5]!)).toMatchObject({ status: 'failed', errors: [{ code: 'CRASHED' }] });
    expect(r.err).toContain(`case ${ids[5]}: CRASHED`);
    const forced = await cli('predict', manifest, '--models', models, '--out', out, '--workers', '1', '--specs', specs, '--force');
    expect(byId(summary('pred', 'predict'), ids[5]!).status).toBe('ok');
    expect(forced.exitCode).toBe(3);
    rmSync(join(models, 'r-ceus45', 'fold-2.onnx'));
    const missing = await cli('predict', manifest, '--models', models, '--out', out, '--workers', '1');
    expect(missing.exitCode).toBe(1);
    expect(missing.err).toContain('[MODEL_FILE_MISSING]');
    expect(missing.err).toContain(join(models, 'r-ceus45', 'fold-2.onnx'));
  });
});
