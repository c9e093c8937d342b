/**
 * Child process of hostile.test.ts: opens each hostile file of test/fixtures/decode/hostile/ and
 * decodes frame 0, printing one JSON line per file with the outcome, the time and the peak resident
 * memory of that file alone (VmHWM, reset through /proc/self/clear_refs before each file).
 * Run: `node --max-old-space-size=600 --import tsx test/preprocess/dicom/hostile-child.ts [file...]`
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { isSonoriskError } from '../../../src/errors.js';
import { openDicomCine } from '../../../src/preprocess/index.js';

interface Entry {
  file: string;
  expect: string;
  maxBytes?: number;
  gzip?: boolean;
}

function vmHwmMiB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}
function vmRssMiB(): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

const manifest = JSON.parse(readFileSync('test/fixtures/decode/hostile/manifest.json', 'utf8')) as { files: Entry[] };
const only = process.argv.slice(2);
for (const e of manifest.files) {
  if (only.length > 0 && !only.some((o) => e.file.endsWith(`/${o}`))) continue;
  let bytes = new Uint8Array(readFileSync(e.file));
  if (e.gzip) bytes = new Uint8Array(gunzipSync(bytes));
  (globalThis as { gc?: () => void }).gc?.();
  writeFileSync('/proc/self/clear_refs', '5');
  const rssBefore = vmRssMiB();
  const t0 = performance.now();
  let outcome: string;
  let sha: string | undefined;
  try {
    const cine = await openDicomCine(bytes, e.maxBytes ? { maxBytes: e.maxBytes } : {});
    const f = await cine.frame(0);
    outcome = 'frame';
    const { createHash } = await import('node:crypto');
    sha = createHash('sha256').update(new Uint8Array(f.data.buffer, f.data.byteOffset, f.data.byteLength)).digest('hex');
  } catch (err) {
    outcome = isSonoriskError(err) ? err.code : `non-Sonorisk error: ${String((err as Error)?.stack ?? err)}`;
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ file: e.file, outcome, sha, seconds, peakMiB: vmHwmMiB(), rssBeforeMiB: rssBefore, inputMiB: bytes.length / 2 ** 20 }));
  bytes = new Uint8Array(0);
}
