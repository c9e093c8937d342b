import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/node/index.js';
import { VERSION } from '../../src/version.js';

function capture() {
  const io = { outText: '', errText: '', out: (t: string) => void (io.outText += t), err: (t: string) => void (io.errText += t) };
  return io;
}

describe('CLI', () => {
  it('VERSION matches package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });

  it('prints help and version', async () => {
    const io = capture();
    expect((await runCli(['--help'], io)).exitCode).toBe(0);
    expect(io.outText).toContain('Usage: sonorisk');
    const io2 = capture();
    expect((await runCli(['--version'], io2)).exitCode).toBe(0);
    expect(io2.outText.trim()).toBe(VERSION);
  });

  it('rejects an unknown command with exit code 2 and a hint', async () => {
    const io = capture();
    expect((await runCli(['frobnicate'], io)).exitCode).toBe(2);
    expect(io.errText).toContain("unknown command 'frobnicate'");
    expect(io.errText).toContain('--help');
  });
});

describe('CLI merge', () => {
  it('joins shard predictions in manifest order, notices a missing shard, rejects duplicates, and reports usage errors with exit 2', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'merge-'));
    // Three shards of a manifest Z, B, A (in that order); each folder as `predict --shard i/3` leaves it.
    const shard = (index: number, rows: [string, number][]) => {
      const d = join(dir, `part-${index}`);
      mkdirSync(d);
      writeFileSync(join(d, 'predictions.csv'), `id,outcome,split,p\n${rows.map(([id]) => `${id},1,,0.5`).join('\n')}\n`);
      const cases = rows.map(([id, i]) => ({ id, index: i, status: 'ok', seconds: 1 }));
      writeFileSync(join(d, 'predict-summary.json'), JSON.stringify({ stage: 'predict', ok: rows.length, skipped: 0, failed: 0, shard: { index, count: 3 }, cases }));
      return join(d, 'predictions.csv');
    };
    const [p1, p2, p3] = [shard(1, [['A', 2]]), shard(2, [['Z', 0]]), shard(3, [['B', 1]])];
    const io = capture();
    expect((await runCli(['merge', p1, p2, p3, '--out', join(dir, 'm.csv')], io)).exitCode).toBe(0);
    expect(readFileSync(join(dir, 'm.csv'), 'utf8')).toBe('id,outcome,split,p\nZ,1,,0.5\nB,1,,0.5\nA,1,,0.5\n');
    const missing = capture();
    expect((await runCli(['merge', p1, p3, '--out', join(dir, 'm2.csv')], missing)).exitCode).toBe(1);
    expect(missing.errText).toContain('Shard 2/3 is missing');
    expect(missing.errText).toContain('[SHARD_MISSING]');
    // With the cohort manifest: its order, and every case must be there.
    writeFileSync(join(dir, 'cohort.csv'), 'id,ceus_path,ceus_x0,ceus_y0,ceus_x1,ceus_y1\nB,c,1,2,3,4\nA,c,1,2,3,4\nZ,c,1,2,3,4\n');
    writeFileSync(join(dir, 'a.csv'), 'id,p\nZ,0.2\nA,0.1\n');
    writeFileSync(join(dir, 'b.csv'), 'id,p\nB,0.9\n');
    expect((await runCli(['merge', join(dir, 'a.csv'), join(dir, 'b.csv'), '--manifest', join(dir, 'cohort.csv'), '--out', join(dir, 'm3.csv')], capture())).exitCode).toBe(0);
    expect(readFileSync(join(dir, 'm3.csv'), 'utf8')).toBe('id,p\nB,0.9\nA,0.1\nZ,0.2\n');
    const gap = capture();
    expect((await runCli(['merge', join(dir, 'a.csv'), '--manifest', join(dir, 'cohort.csv'), '--out', join(dir, 'm4.csv')], gap)).exitCode).toBe(1);
    expect(gap.errText).toContain('SHARD_MISSING');
    const noSummary = capture();
    expect((await runCli(['merge', join(dir, 'a.csv'), '--out', join(dir, 'm5.csv')], noSummary)).exitCode).toBe(1);
    expect(noSummary.errText).toContain('--manifest');
    const dup = capture();
    expect((await runCli(['merge', p1, p1, '--out', join(dir, 'm.csv')], dup)).exitCode).toBe(1);
    expect(dup.errText).toContain("case 'A' appears in more than one file");
    const usage = capture();
    expect((await runCli(['merge', p1], usage)).exitCode).toBe(2);
    expect(usage.errText).toContain('--out is required');
    const unknown = capture();
    expect((await runCli(['merge', '--bogus'], unknown)).exitCode).toBe(2);
    const typo = capture();
    expect((await runCli(['merge', p1, '--manfest', 'x', '--out', 'y'], typo)).exitCode).toBe(2);
    expect(typo.errText).toContain("Did you mean --manifest?");
    const help = capture();
    expect((await runCli(['merge', '--help'], help)).exitCode).toBe(0);
    expect(help.outText).toContain('Usage: sonorisk merge');
    rmSync(dir, { recursive: true });
  });
});
