/**
 * Benchmark: open a 2-minute 640×480 JPEG Baseline YBR_FULL_422 cine (1800 frames) from a file
 * handle and decode frames on demand. Baselines in the same run: pydicom 2.3 + Pillow on the same
 * file and frames (scripts/bench/decode-baseline.py), and libjpeg-turbo's `djpeg` on the same
 * frame. The cine is generated once by scripts/bench/decode-make-cine.py into .bench/decode/
 * (git-ignored). Run: npm run bench decode   (or: npx tsx scripts/bench/decode.ts)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { openDicomFile } from '../../src/node/index.js';

const DIR = '.bench/decode';
const CINE = `${DIR}/cine.dcm`;
const PY = '/usr/bin/python3';
const FRAMES = [0, 1, 2, 100, 450, 900, 901, 1350, 1700, 1799, ...Array.from({ length: 40 }, (_, i) => 20 + i * 43)];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}
const fmt = (x: number, d = 2) => x.toFixed(d);

if (!existsSync(CINE)) {
  mkdirSync(DIR, { recursive: true });
  console.log('generating the benchmark cine (once) ...');
  const r = spawnSync(PY, ['scripts/bench/decode-make-cine.py', CINE, '1800'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not generate the cine (needs /usr/bin/python3 with pydicom, numpy, Pillow)');
}

const rss0 = process.memoryUsage().rss;
let t = performance.now();
const cine = await openDicomFile(CINE);
const openMs = performance.now() - t;
const rssOpen = process.memoryUsage().rss;

// first decode loads the WASM codec: reported apart
t = performance.now();
await cine.frame(FRAMES[0]!);
const firstMs = performance.now() - t;
// Cold: the first pass runs while V8 still executes the WASM in its baseline tier (Liftoff) and
// tiers hot functions up in the background; warm: the same frames again afterwards.
const decodeAll = async () => {
  const ts: number[] = [];
  for (const i of FRAMES) {
    t = performance.now();
    const f = await cine.frame(i);
    ts.push(performance.now() - t);
    if (f.data.length !== 640 * 480 * 3) throw new Error('bad frame');
  }
  return ts;
};
const cold = await decodeAll();
await decodeAll();
const times = await decodeAll();
const rssPeak = process.resourceUsage().maxRSS * 1024;
await cine.close();

// djpeg on one frame: extract its JPEG, time N runs, subtract process start-up measured on a 8×8 JPEG.
const { readFileSync } = await import('node:fs');
const bytes = readFileSync(CINE);
const k = 900;
let soiCount = -1;
let start = -1;
for (let i = 0; i < bytes.length - 2; i++) {
  if (bytes[i] === 0xff && bytes[i + 1] === 0xd8 && bytes[i + 2] === 0xff && ++soiCount === k) {
    start = i;
    break;
  }
}
const end = bytes.indexOf(Buffer.from([0xff, 0xd9]), start) + 2;
writeFileSync(`${DIR}/frame.jpg`, bytes.subarray(start, end));
const runs = 40;
// Native libjpeg-turbo on the same frame: `djpeg` (process start-up included, so an upper bound)
// and `tjbench` (libjpeg-turbo's own benchmark, in-process, decompressing to RGB).
const t0 = performance.now();
for (let i = 0; i < runs; i++) spawnSync('djpeg', ['-outfile', '/dev/null', `${DIR}/frame.jpg`]);
const djpegRunMs = (performance.now() - t0) / runs;
const tj = spawnSync('tjbench', [`${DIR}/frame.jpg`, '-rgb', '-benchtime', '3', '-warmup', '1', '-quiet', '-nowrite'], { encoding: 'utf8' });
const tjLine = (tj.stdout ?? '').trim().split('\n').pop() ?? '';
const mpixPerS = Number(tjLine.trim().split(/\s+/).pop());
const tjMs = Number.isFinite(mpixPerS) && mpixPerS > 0 ? (640 * 480) / (mpixPerS * 1e6) * 1000 : Number.NaN;

// ours on that same frame, repeated
const again = await openDicomFile(CINE);
const same: number[] = [];
for (let i = 0; i < runs; i++) {
  t = performance.now();
  await again.frame(k);
  same.push(performance.now() - t);
}
await again.close();

const py = spawnSync(PY, ['scripts/bench/decode-baseline.py', CINE, FRAMES.join(',')], { encoding: 'utf8' });
const base = py.status === 0 ? (JSON.parse(py.stdout.trim().split('\n').pop()!) as { open_s: number; frame_walk_s: number; frame_ms: number[]; peak_rss_mb: number }) : undefined;

const fileMb = bytes.length / 2 ** 20;
console.log(`cine: ${CINE}, ${fileMb.toFixed(0)} MiB, ${cine.frameCount} frames ${cine.width}×${cine.height}, ${cine.meta.photometricInterpretation}, index: ${String(cine.meta.extra?.['frameIndex'])}`);
console.log('');
console.log('| measure | sonorisk (openDicomFile) | pydicom 2.3 + Pillow | djpeg (libjpeg-turbo) |');
console.log('| --- | --- | --- | --- |');
console.log(`| open (parse + fragment index) | ${fmt(openMs, 1)} ms | ${base ? fmt(base.open_s * 1000, 1) + ' ms dcmread (deferred) + ' + fmt(base.frame_walk_s * 1000, 0) + ' ms to walk the fragments' : 'n/a'} | |`);
console.log(`| RSS growth on open | ${fmt((rssOpen - rss0) / 2 ** 20, 1)} MiB | | |`);
console.log(`| per-frame decode, median of ${FRAMES.length} frames, warm | ${fmt(median(times))} ms | ${base ? fmt(median(base.frame_ms)) + ' ms' : 'n/a'} | |`);
console.log(`| the same, first pass (WASM not yet tiered up) | ${fmt(median(cold))} ms | | |`);
console.log(`| frame ${k} decoded ${runs}× (median) | ${fmt(median(same))} ms | | ${fmt(tjMs)} ms (tjbench); djpeg ${fmt(djpegRunMs)} ms per run incl. process start-up |`);
console.log(`| first decode (loads the WASM codec) | ${fmt(firstMs, 1)} ms | | |`);
console.log(`| peak RSS of the process | ${fmt(rssPeak / 2 ** 20, 0)} MiB | ${base ? fmt(base.peak_rss_mb, 0) + ' MiB' : 'n/a'} | |`);
console.log('');
console.log(`ratio to native libjpeg-turbo (tjbench) on frame ${k}: ${fmt(median(same) / tjMs)}× (target ≤ 1.5×); open target < 300 ms and < 50 MB beyond the file.`);
