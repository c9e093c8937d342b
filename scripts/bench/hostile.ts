/**
 * Benchmark: the hostile DICOM files of issue #17 (test/fixtures/decode/hostile/, built by
 * scripts/fixtures/decode-hostile.py; with `--full DIR` also the 1000 MiB / 4 GiB deflate bombs that
 * `decode-hostile.py --full DIR` writes), each opened (frame 0 decoded) in its own child process
 * (test/preprocess/dicom/hostile-child.ts: outcome, time, peak RSS added), by this checkout and —
 * the baseline, same run — by another checkout given with `--before DIR` (e.g. a `git worktree add`
 * of main sharing this node_modules). Then inflate throughput of the Deflated flood's data set
 * (192 MB) and of a dcmtk Deflated transcode when given (`--deflated FILE`): the platform's
 * DecompressionStream (what sonorisk uses above 256 KiB), fflate (below it, or where the former is
 * missing) and node:zlib inflateRawSync (native baseline).
 * Run: npx tsx scripts/bench/hostile.ts [--before DIR] [--full DIR] [--deflated FILE] [--pending]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { deflateRawSync, gunzipSync, inflateRawSync } from 'node:zlib';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const before = arg('--before');
const full = arg('--full');
const deflatedFile = arg('--deflated');

interface Row {
  index: number;
  file: string;
  options?: Record<string, number>;
  outcome: string;
  detailKeys?: string[];
  seconds: number;
  peakMiB: number;
  rssBeforeMiB: number;
}

const manifest = JSON.parse(readFileSync('test/fixtures/decode/hostile/manifest.json', 'utf8')) as { files: { pending?: string }[] };
const count = manifest.files.length + (full ? 2 : 0);

/** One entry in a fresh child (600 MiB heap, 60 s): its JSON line, or why none came. */
function measure(index: number, root?: string): Row | string {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=600', '--import', 'tsx', 'test/preprocess/dicom/hostile-child.ts', String(index)], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...(root ? { SONORISK_ROOT: root } : {}), ...(full ? { FULL_DIR: full } : {}) },
  });
  const line = r.stdout.trim().split('\n').find((l) => l.startsWith('{'));
  if (line) return JSON.parse(line) as Row;
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  if (r.error && /ETIMEDOUT/.test(String(r.error))) return `killed after ${s} s`;
  return /heap out of memory/.test(r.stderr) ? `JS heap out of memory (600 MiB) after ${s} s` : `exit ${r.status ?? r.signal} after ${s} s`;
}

const cell = (r: Row | string) => {
  if (typeof r === 'string') return `${r} | |`;
  const why = r.detailKeys?.find((k) => k.startsWith('max'));
  return `${r.outcome.slice(0, 60)}${why ? ` (${why})` : ''} | ${r.seconds.toFixed(2)} s | +${(r.peakMiB - r.rssBeforeMiB).toFixed(0)} MiB`;
};

console.log(`| file | options | this checkout: outcome | time | memory added |${before ? ' before: outcome | time | memory added |' : ''}`);
console.log(`| --- | --- | --- | --- | --- |${before ? ' --- | --- | --- |' : ''}`);
for (let i = 0; i < count; i++) {
  // pending entries (known defects, e.g. a codec spin) cost the 60 s timeout twice: only with --pending
  if (manifest.files[i]?.pending && !process.argv.includes('--pending')) continue;
  const now = measure(i);
  const then = before ? measure(i, before) : undefined;
  const name = typeof now === 'string' ? `entry ${i}` : now.file.split('/').pop();
  const opts = typeof now !== 'string' && now.options ? JSON.stringify(now.options).replace(/1000000000/, '1e9') : '';
  console.log(`| ${name} | ${opts} | ${cell(now)} |${then ? ` ${cell(then)} |` : ''}`);
}

// ---- inflate throughput
const { Inflate } = await import('fflate');
async function viaStream(data: Uint8Array): Promise<number> {
  const ds = new DecompressionStream('deflate-raw');
  const w = ds.writable.getWriter();
  (async () => {
    for (let i = 0; i < data.length; i += 65536) await w.write(data.subarray(i, Math.min(data.length, i + 65536)) as Uint8Array<ArrayBuffer>);
    await w.close();
  })().catch(() => {});
  const r = ds.readable.getReader();
  let n = 0;
  for (;;) {
    const { done, value } = await r.read();
    if (done) break;
    n += value.length;
  }
  return n;
}
function viaFflate(data: Uint8Array): number {
  let n = 0;
  const inf = new Inflate((c) => {
    n += c.length;
  });
  for (let i = 0; i < data.length; i += 4096) inf.push(data.subarray(i, Math.min(data.length, i + 4096)), i + 4096 >= data.length);
  return n;
}
const streams: [string, Uint8Array][] = [];
{
  // the flood's data set, deflated again here (the fixture's own stream starts after its meta header)
  const plain = gunzipSync(readFileSync('test/fixtures/decode/hostile/flood_plain.dcm.gz'));
  streams.push(['flood data set (160 MB of item headers)', new Uint8Array(deflateRawSync(plain, { level: 9 }))]);
}
if (deflatedFile) {
  const d = readFileSync(deflatedFile);
  const metaLen = d.readUInt32LE(140);
  streams.push([deflatedFile.split('/').pop()!, new Uint8Array(d.subarray(144 + metaLen))]);
}
console.log('\n| stream | compressed | inflated | DecompressionStream | fflate | node:zlib inflateRawSync (baseline) |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [name, data] of streams) {
  const time = async (f: () => unknown) => {
    const t0 = performance.now();
    await f();
    return performance.now() - t0;
  };
  const out = inflateRawSync(data).length;
  const tz = await time(() => inflateRawSync(data));
  const ts = await time(() => viaStream(data));
  const tf = await time(() => viaFflate(data));
  const mbs = (ms: number) => `${ms.toFixed(0)} ms (${(out / 2 ** 20 / (ms / 1000)).toFixed(0)} MiB/s)`;
  console.log(`| ${name} | ${(data.length / 1024).toFixed(0)} KiB | ${(out / 2 ** 20).toFixed(1)} MiB | ${mbs(ts)} | ${mbs(tf)} | ${mbs(tz)} |`);
}
