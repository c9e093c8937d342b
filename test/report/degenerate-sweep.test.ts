// Degenerate-data sweep over the whole evaluation chain (see degenerate-sweep-cases.ts). The cases
// run in a child process under a hard time limit, so an unbounded loop or a fatal V8 error ("invalid
// size", as the profile-likelihood CI once hit on a zero column) fails this test instead of hanging
// or killing the runner. Every step must return or throw a SonoriskError; no case may take > 5 s.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

interface CaseLine {
  name: string;
  start?: boolean;
  ms?: number;
  steps?: Array<{ step: string; outcome: string }>;
}

describe('degenerate-data sweep (n 2–12, 1 event / 1 non-event, constant, zero, duplicate, 0/1 predictions, ties)', () => {
  it('every step of every case returns or throws a SonoriskError, promptly', () => {
    const script = fileURLToPath(new URL('./degenerate-sweep-cases.ts', import.meta.url));
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 55_000, maxBuffer: 64 * 1024 * 1024 });
    const lines = child.stdout
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as CaseLine);
    const last = lines[lines.length - 1];
    // a kill (timeout) or a crash leaves the last case started but not finished: name it
    expect(child.signal, `killed during ${last?.name}: ${child.stderr.slice(-500)}`).toBeNull();
    expect(child.status, `exit ${child.status} during ${last?.name}: ${child.stderr.slice(-500)}`).toBe(0);
    const done = lines.filter((l) => l.steps !== undefined);
    expect(done.length).toBeGreaterThan(200);
    expect(done.length).toBe(lines.length / 2);
    const bad: string[] = [];
    const slow: string[] = [];
    let sonorisk = 0;
    let ok = 0;
    for (const c of done) {
      if (c.ms! > 5000) slow.push(`${c.name}: ${Math.round(c.ms!)} ms`);
      for (const s of c.steps!) {
        if (s.outcome === 'ok') ok++;
        else if (s.outcome.startsWith('SonoriskError:')) sonorisk++;
        else bad.push(`${c.name} / ${s.step}: ${s.outcome}`);
      }
    }
    expect(bad, bad.slice(0, 10).join('\n')).toEqual([]);
    expect(slow).toEqual([]);
    // the sweep exercises both paths
    expect(ok).toBeGreaterThan(10 * done.length);
    expect(sonorisk).toBeGreaterThan(0);
  });
});
