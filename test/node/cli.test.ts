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
  it('joins shard predictions, rejects duplicates, and reports usage errors with exit 2', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'merge-'));
    writeFileSync(join(dir, 'a.csv'), 'id,p\nB,0.2\n');
    writeFileSync(join(dir, 'b.csv'), 'id,p\nA,0.9\n');
    const io = capture();
    expect((await runCli(['merge', join(dir, 'a.csv'), join(dir, 'b.csv'), '--out', join(dir, 'm.csv')], io)).exitCode).toBe(0);
    expect(readFileSync(join(dir, 'm.csv'), 'utf8')).toBe('id,p\nA,0.9\nB,0.2\n');
    const dup = capture();
    expect((await runCli(['merge', join(dir, 'a.csv'), join(dir, 'a.csv'), '--out', join(dir, 'm.csv')], dup)).exitCode).toBe(1);
    expect(dup.errText).toContain("case 'B' appears in more than one file");
    const usage = capture();
    expect((await runCli(['merge', join(dir, 'a.csv')], usage)).exitCode).toBe(2);
    expect(usage.errText).toContain('--out is required');
    const unknown = capture();
    expect((await runCli(['merge', '--bogus'], unknown)).exitCode).toBe(2);
    const help = capture();
    expect((await runCli(['merge', '--help'], help)).exitCode).toBe(0);
    expect(help.outText).toContain('Usage: sonorisk merge');
    rmSync(dir, { recursive: true });
  });
});
