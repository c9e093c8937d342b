/** `sonorisk evaluate` with --study, --models, --require-complete and the stage summaries beside the predictions. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/node/index.js';
import { formatCsv } from '../../src/study/index.js';
import { studyCohort } from '../helpers/study-cohort.js';

function capture() {
  const io = { outText: '', errText: '', out: (t: string) => void (io.outText += t), err: (t: string) => void (io.errText += t) };
  return io;
}

describe('sonorisk evaluate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sonorisk-evaluate-'));
  const { table, cases, study } = studyCohort({ n: 180, models: 2, missing: 3, seed: 3 });
  const ids = Object.keys(table.models);
  writeFileSync(join(dir, 'predictions.csv'), formatCsv(['id', 'outcome', 'split', ...ids], table.ids.map((id, i) => [id, table.outcome[i], table.split[i], ...ids.map((m) => (Number.isNaN(table.models[m]![i]!) ? '' : table.models[m]![i]))])));
  writeFileSync(join(dir, 'cohort.json'), JSON.stringify({ cases: cases.map((c) => ({ id: c.id, outcome: c.outcome, split: c.split, ceus: { path: `${c.id}.dcm`, corners: [[0, 0], [10, 10]] }, injectionOffset: 0, covariates: c.covariates })) }));
  writeFileSync(join(dir, 'study.json'), JSON.stringify(study));
  const failed = table.ids.filter((_, i) => Number.isNaN(table.models['M1']![i]!));
  writeFileSync(
    join(dir, 'predict-summary.json'),
    JSON.stringify({ stage: 'predict', ok: 177, skipped: 0, failed: 3, cases: failed.map((id) => ({ id, status: 'failed', seconds: 0.1, error: { code: 'TOO_FEW_FRAMES', message: 'short cine' } })) }),
  );

  it('writes the report, numeric CSV tables and the flow with the failure reasons', async () => {
    const io = capture();
    const res = await runCli(['evaluate', join(dir, 'predictions.csv'), '--manifest', join(dir, 'cohort.json'), '--study', join(dir, 'study.json'), '--models', 'models/demo', '--out', join(dir, 'report')], io);
    expect(io.errText).toBe('');
    expect(res.exitCode).toBe(0);
    const tables = readdirSync(join(dir, 'report', 'tables'));
    expect(tables).toContain('01-patient-flow.csv');
    const perf = readFileSync(join(dir, 'report', 'tables', tables.find((t) => t.endsWith('-performance.csv'))!), 'utf8');
    expect(perf.split('\r\n')[0]).toContain(',auc,aucLower,aucUpper,');
    const md = readFileSync(join(dir, 'report', 'report.md'), 'utf8');
    expect(md).toContain('case: TOO\\_FEW\\_FRAMES');
    for (const id of failed) expect(md).toContain(id);
    expect(md).toContain('manifest SHA-256');
    // the demo manifests say demonstration: the banner follows the models
    expect(md).toMatch(/> \*\*Demonstration only/);
  });

  it('--require-complete fails naming the cases; a typo in the study file names the key', async () => {
    const io = capture();
    const res = await runCli(['evaluate', join(dir, 'predictions.csv'), '--require-complete', '--out', join(dir, 'strict')], io);
    expect(res.exitCode).not.toBe(0);
    expect(io.errText).toContain('INCOMPLETE_PREDICTIONS');
    expect(io.errText).toContain(failed[0]!);
    writeFileSync(join(dir, 'typo.json'), JSON.stringify({ variables: { age: { type: 'continuous', untis: 'years' } } }));
    const io2 = capture();
    expect((await runCli(['evaluate', join(dir, 'predictions.csv'), '--study', join(dir, 'typo.json'), '--out', join(dir, 'typo')], io2)).exitCode).not.toBe(0);
    expect(io2.errText).toContain("did you mean 'unit'");
  });
});
