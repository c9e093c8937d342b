import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/node/index.js';
import { VERSION } from '../src/version.js';

function capture() {
  const io = { outText: '', errText: '', out: (t: string) => void (io.outText += t), err: (t: string) => void (io.errText += t) };
  return io;
}

describe('CLI', () => {
  it('VERSION matches package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
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
