/**
 * Packs sonorisk as npm would publish it (`npm pack`) and installs the tarball into an empty folder
 * outside the repository (so nothing resolves from the repo's node_modules), the way a user would:
 * `npm install ./sonorisk-x.y.z.tgz`. Dependencies come from the npm cache when present.
 *
 * Used by test/package.test.ts, test/everywhere/*.test.ts and the browser test config. The install is
 * cached per tarball content under the OS temp folder, so several test files share one install.
 *
 * CLI: `node scripts/pack-install.mjs` prints the consumer folder.
 * @module
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Packs and installs (once per tarball content). Returns the consumer folder (with
 * node_modules/sonorisk installed) and the tarball path.
 * @returns {{ dir: string, tarball: string }}
 */
export function packAndInstall() {
  if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const packDir = mkdtempSync(join(tmpdir(), 'sonorisk-pack-'));
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [{ filename }] = JSON.parse(out);
  const packed = join(packDir, filename);
  const hash = createHash('sha256').update(readFileSync(packed)).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `sonorisk-consumer-${hash}`);
  const tarball = join(dir, filename);
  if (existsSync(join(dir, '.done'))) {
    rmSync(packDir, { recursive: true, force: true });
    const now = new Date();
    utimesSync(join(dir, '.done'), now, now);
    return { dir, tarball };
  }
  removeStale();
  const work = mkdtempSync(join(tmpdir(), 'sonorisk-consumer-tmp-'));
  renameSync(packed, join(work, filename));
  rmSync(packDir, { recursive: true, force: true });
  writeFileSync(join(work, 'package.json'), `${JSON.stringify({ name: 'sonorisk-consumer', private: true, type: 'module' }, null, 2)}\n`);
  try {
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', `./${filename}`], {
      cwd: work,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    throw e;
  }
  writeFileSync(join(work, '.done'), '');
  try {
    renameSync(work, dir);
  } catch {
    // Another test file finished the same install first; use that one.
    rmSync(work, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  return { dir, tarball };
}

/** Removes installs of other tarballs unused for an hour (each is ~25 MB). */
function removeStale() {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith('sonorisk-consumer-')) continue;
    const done = join(tmpdir(), name, '.done');
    try {
      if (Date.now() - statSync(done).mtimeMs > 3_600_000) rmSync(join(tmpdir(), name), { recursive: true, force: true });
    } catch {
      // not finished (another run is installing) or already gone
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(packAndInstall().dir);
}
