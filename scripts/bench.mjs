#!/usr/bin/env node
// Runs every benchmark script in scripts/bench/ in turn. Each prints its own figure next to a
// baseline measured in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'bench');
const only = process.argv[2];
const scripts = existsSync(dir) ? readdirSync(dir).filter((f) => /\.(mjs|ts)$/.test(f)).sort() : [];
if (scripts.length === 0) console.log('no benchmarks yet');
let failed = 0;
for (const f of scripts) {
  if (only && !f.includes(only)) continue;
  console.log(`\n=== ${f}`);
  const args = f.endsWith('.ts') ? ['--import', 'tsx', join(dir, f)] : [join(dir, f)];
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
