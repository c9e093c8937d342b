/**
 * Child process of hostile.test.ts (and scripts/bench/hostile.ts): opens each hostile file of
 * test/fixtures/decode/hostile/ with its manifest options and decodes frame 0, printing one JSON
 * line per manifest entry with the outcome (and the error's detail keys), the time and the peak
 * resident memory of that entry alone (VmHWM, reset through /proc/self/clear_refs before each).
 * Run: `node --max-old-space-size=600 --import tsx test/preprocess/dicom/hostile-child.ts [index...]`
 * (manifest entry indices; none = all). SONORISK_ROOT=<checkout> measures another checkout's
 * sonorisk (the benchmark's "before"); FULL_DIR=<dir> adds the full-size bombs written there by
 * `decode-hostile.py --full <dir>`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

interface Entry {
  file: string;
  expect: string;
  maxBytes?: number;
  gzip?: boolean;
  options?: Record<string, number>;
}

function vmHwmMiB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}
function vmRssMiB(): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

const root = resolve(process.env['SONORISK_ROOT'] ?? '.');
const { openDicomCine } = (await import(`${root}/src/preprocess/index.ts`)) as typeof import('../../../src/preprocess/index.js');
const manifest = JSON.parse(readFileSync('test/fixtures/decode/hostile/manifest.json', 'utf8')) as { files: Entry[] };
const entries = [...manifest.files];
const full = process.env['FULL_DIR'];
if (full) for (const f of ['bomb_1000mib.dcm', 'bomb_4gib.dcm']) if (existsSync(`${full}/${f}`)) entries.push({ file: `${full}/${f}`, expect: '' });
const only = process.argv.slice(2).map(Number);
for (const [index, e] of entries.entries()) {
  if (only.length > 0 && !only.includes(index)) continue;
  let bytes = new Uint8Array(readFileSync(e.file));
  if (e.gzip) bytes = new Uint8Array(gunzipSync(bytes));
  (globalThis as { gc?: () => void }).gc?.();
  writeFileSync('/proc/self/clear_refs', '5');
  const rssBefore = vmRssMiB();
  const t0 = performance.now();
  let outcome: string;
  let sha: string | undefined;
  let detailKeys: string[] | undefined;
  try {
    const cine = await openDicomCine(bytes, { ...(e.maxBytes ? { maxBytes: e.maxBytes } : {}), ...e.options });
    const f = await cine.frame(0);
    outcome = 'frame';
    const { createHash } = await import('node:crypto');
    sha = createHash('sha256').update(new Uint8Array(f.data.buffer, f.data.byteOffset, f.data.byteLength)).digest('hex');
  } catch (err) {
    const x = err as { name?: string; code?: string; details?: Record<string, unknown>; stack?: string };
    if (x?.name === 'SonoriskError') {
      outcome = String(x.code);
      detailKeys = Object.keys(x.details ?? {});
    } else outcome = `non-Sonorisk error: ${String(x?.stack ?? err)}`;
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ index, file: e.file, options: e.options, outcome, detailKeys, sha, seconds, peakMiB: vmHwmMiB(), rssBeforeMiB: rssBefore, inputMiB: bytes.length / 2 ** 20 }));
  bytes = new Uint8Array(0);
}
