/**
 * Sets up the consumer projects of test/consumers as a user would: an empty folder outside the repo
 * with the PACKED tarball (scripts/pack-install.mjs packs it) and onnxruntime-web installed from npm,
 * the four projects copied in, `npx sonorisk assets` run in each, and a few simulated cines written
 * by sonorisk/simulate. Cached per tarball content (like pack-install), so reruns skip the install.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { packAndInstall, root } from '../../scripts/pack-install.mjs';
import type { Box } from '../../src/index.js';
import { DEMO_RENDER } from '../../src/node/index.js';
import { simulateCase } from '../../src/simulate/index.js';

export const CONSUMERS = ['vite', 'esbuild', 'webpack', 'script'] as const;
export type Consumer = (typeof CONSUMERS)[number];

/** One simulated case the page predicts: its file, outcome label and ROI box. */
export interface SimCase {
  file: string;
  label: 0 | 1;
  box: Box;
}

const devVersion = (name: string): string => (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/** Installs (cached) and lays out the consumer folder; returns it, the simulated cases and the real cine, if present. */
export function setUpConsumers(): { dir: string; cases: SimCase[]; realFiles: string[] } {
  const { tarball } = packAndInstall();
  const deps = { 'onnxruntime-web': devVersion('onnxruntime-web') };
  const hash = createHash('sha256').update(readFileSync(tarball)).update(JSON.stringify(deps)).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `sonorisk-consumers-${hash}`);
  if (!existsSync(join(dir, '.done'))) {
    removeStale();
    const work = `${dir}.tmp-${process.pid}`;
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    cpSync(tarball, join(work, basename(tarball)));
    writeFileSync(join(work, 'package.json'), `${JSON.stringify({ name: 'sonorisk-consumers', private: true, type: 'module' }, null, 2)}\n`);
    const specs = [`./${basename(tarball)}`, ...Object.entries(deps).map(([n, v]) => `${n}@${v}`)];
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', ...specs], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    writeFileSync(join(work, '.done'), '');
    try {
      renameSync(work, dir);
    } catch {
      rmSync(work, { recursive: true, force: true });
    }
  }
  // The projects themselves are copied fresh each run (they are small), assets included.
  for (const name of ['shared', ...CONSUMERS]) {
    rmSync(join(dir, name), { recursive: true, force: true });
    cpSync(join(root, 'test', 'consumers', name), join(dir, name), { recursive: true });
  }
  const now = new Date();
  utimesSync(join(dir, '.done'), now, now);
  const cases = simulatedCases(join(dir, 'cases'));
  const cli = join(dir, 'node_modules', '.bin', 'sonorisk');
  for (const name of CONSUMERS) {
    const pub = join(dir, name, 'public');
    execFileSync(cli, ['assets', '--out', join(pub, 'sonorisk'), '--ort', 'wasm', '--models', ...(name === 'script' ? ['--bundle'] : [])], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    writeFileSync(join(pub, 'cases.json'), JSON.stringify(Object.fromEntries(cases.map((c) => [basename(c.file), { label: c.label, box: c.box }]))));
  }
  const shared = join(root, '..', 'shared', 'data', 'dicom');
  const realFiles = ['examples_ybr_color.dcm', 'examples_jpeg2k.dcm'].map((f) => join(shared, f)).filter((f) => existsSync(f));
  return { dir, cases, realFiles };
}

/** Removes consumer installs of other tarballs unused for an hour (each holds onnxruntime-web, ~150 MB). */
function removeStale(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith('sonorisk-consumers-')) continue;
    try {
      if (Date.now() - statSync(join(tmpdir(), name, '.done')).mtimeMs > 3_600_000) rmSync(join(tmpdir(), name), { recursive: true, force: true });
    } catch {
      // being installed by another run, or already gone
    }
  }
}

/** Six simulated B-mode cines (JPEG baseline, as the demo renders them), three of each outcome. */
function simulatedCases(out: string): SimCase[] {
  mkdirSync(out, { recursive: true });
  const picked: SimCase[] = [];
  const count = { 0: 0, 1: 0 };
  for (let seed = 0; picked.length < 6 && seed < 200; seed++) {
    const sim = simulateCase(DEMO_RENDER, { seed: `consumer-${seed}` });
    if (count[sim.label] >= 3) continue;
    count[sim.label]++;
    const file = join(out, `sim-${seed}.dcm`);
    writeFileSync(file, sim.bmode);
    picked.push({ file, label: sim.label, box: sim.truth.bmode.roiBox });
  }
  return picked;
}
