import { readdirSync, rmSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { SonoriskError } from '../errors.js';

/** Who holds an output folder's lock (`<out>/.sonorisk-lock.json`). */
export interface OutLockHolder {
  pid: number;
  host: string;
  /** ISO time the run started. */
  started: string;
  /** The command line of the run. */
  command: string;
}

const LOCK_FILE = '.sonorisk-lock.json';
const held = new Map<string, { count: number; path: string; ready: Promise<void> }>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

const removeHeldLocks = () => {
  for (const { path } of held.values()) rmSync(path, { force: true });
};

/**
 * Locks an output folder for this process, so two runs never write the same `--out` at once. The
 * lock file names its holder (pid, host, start time, command); a lock left by a process on this
 * host that no longer runs (killed) is taken over. Re-entrant within one process. Returns the
 * release function (also run when the process exits).
 *
 * @example
 * ```ts
 * const release = await lockOutDir('out');
 * try { ... } finally { await release(); }
 * ```
 */
export async function lockOutDir(outDir: string): Promise<() => Promise<void>> {
  const dir = resolve(outDir);
  const path = join(dir, LOCK_FILE);
  const mine = held.get(dir);
  if (mine) {
    mine.count++;
    await mine.ready; // a failed take rejects here too
  } else {
    const entry = { count: 1, path, ready: Promise.resolve() };
    held.set(dir, entry);
    entry.ready = take(dir, path);
    try {
      await entry.ready;
    } catch (e) {
      held.delete(dir);
      throw e;
    }
    if (!process.listeners('exit').includes(removeHeldLocks)) process.on('exit', removeHeldLocks);
  }
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    const entry = held.get(dir);
    if (!entry || --entry.count > 0) return;
    held.delete(dir);
    if (held.size === 0) process.off('exit', removeHeldLocks);
    await rm(path, { force: true });
  };
}

async function take(dir: string, path: string): Promise<void> {
  {
    await mkdir(dir, { recursive: true });
    const me: OutLockHolder = { pid: process.pid, host: hostname(), started: new Date().toISOString(), command: process.argv.slice(1).join(' ') };
    for (let attempt = 0; ; attempt++) {
      try {
        await writeFile(path, `${JSON.stringify(me, null, 2)}\n`, { flag: 'wx' });
        break;
      } catch (e) {
        if ((e as { code?: string }).code !== 'EEXIST' || attempt > 0) throw e;
      }
      let holder: Partial<OutLockHolder> = {};
      try {
        holder = JSON.parse(await readFile(path, 'utf8')) as OutLockHolder;
      } catch {
        // unreadable: written by a run killed mid-write; treat as stale below
      }
      const stale = holder.pid === undefined || (holder.host === me.host && !alive(holder.pid));
      if (!stale) {
        throw new SonoriskError(
          'OUT_LOCKED',
          `${dir} is in use by another sonorisk run: pid ${holder.pid} on ${holder.host}, started ${holder.started} (${holder.command ?? '?'}). Wait for it to finish or use another --out; if that run is gone (e.g. on another machine), delete ${path}.`,
          { path, holder },
        );
      }
      await rm(path, { force: true });
    }
  }
}

/**
 * Removes the temporary files (`*.<12 hex>.tmp`, from `writeFileAtomic`) a killed run left in an
 * output folder and its `cases/<id>/` folders. Call it while holding the folder's lock.
 *
 * @example
 * ```ts
 * const removed = await removeOrphanedTempFiles('out'); // e.g. ['out/cases/P1/R-US.npy.3fa2c1d0e9b8.tmp']
 * ```
 */
export async function removeOrphanedTempFiles(outDir: string): Promise<string[]> {
  const removed: string[] = [];
  const isTmp = (name: string) => /\.[0-9a-f]{12}\.tmp$/.test(name);
  const sweep = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (e.isFile() && isTmp(e.name)) {
        await rm(join(dir, e.name), { force: true });
        removed.push(join(dir, e.name));
      }
    }
  };
  await sweep(outDir);
  const casesDir = join(outDir, 'cases');
  let ids: string[] = [];
  try {
    ids = readdirSync(casesDir);
  } catch {
    ids = [];
  }
  for (const id of ids) await sweep(join(casesDir, id));
  return removed;
}
