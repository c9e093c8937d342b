/**
 * Benchmark: open a 2-minute 640×480 JPEG Baseline YBR_FULL_422 cine (1800 frames) from a file
 * handle and decode frames on demand. Baselines in the same run: pydicom 2.3 + Pillow on the same
 * file and frames (scripts/bench/decode-baseline.py), and native libjpeg-turbo on the same frame
 * (`tjbench`, in-process; `djpeg` per run including process start-up). The cine is generated once
 * by scripts/bench/decode-make-cine.py into .bench/decode/ (git-ignored), plus a copy without a
 * Basic Offset Table. sonorisk's figures come from a child process that only opens and decodes,
 * so its peak RSS is clean. Run: npm run bench decode   (or: npx tsx scripts/bench/decode.ts)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { configureNativeJpeg, nativeJpegStatus, openDicomFile } from '../../src/node/index.js';

const DIR = '.bench/decode';
const CINE = `${DIR}/cine.dcm`;
const NOBOT = `${DIR}/cine-nobot.dcm`;
const PY = '/usr/bin/python3';
const FRAMES = [0, 1, 2, 100, 450, 900, 901, 1350, 1700, 1799, ...Array.from({ length: 40 }, (_, i) => 20 + i * 43)];
const SAME = 900;
const RUNS = 40;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const fmt = (x: number, d = 2) => x.toFixed(d);

interface Ours {
  openMs: number;
  openScanMs: number;
  scanIndex: string;
  index: string;
  rssOpenMb: number;
  firstMs: number;
  coldMs: number[];
  warmMs: number[];
  sameMs: number[];
  peakRssMb: number;
  fileInfo: string;
}

/** Peak RSS of this process image (VmHWM; unlike getrusage's maxrss it is not inherited over fork+exec). */
function vmHwmMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

async function measure(): Promise<Ours> {
  const rss0 = process.memoryUsage().rss;
  let t = performance.now();
  const cine = await openDicomFile(CINE);
  const openMs = performance.now() - t;
  const rssOpenMb = (process.memoryUsage().rss - rss0) / 2 ** 20;
  t = performance.now();
  const nobot = await openDicomFile(NOBOT);
  const openScanMs = performance.now() - t;
  const scanIndex = String(nobot.meta.extra?.['frameIndex']);
  await nobot.close();
  t = performance.now();
  await cine.frame(FRAMES[0]!); // loads and compiles the WASM codec
  const firstMs = performance.now() - t;
  // Cold: the first pass runs while V8 still executes the WASM in its baseline tier and tiers hot
  // functions up in the background; warm: the same frames again afterwards.
  const pass = async () => {
    const ts: number[] = [];
    for (const i of FRAMES) {
      t = performance.now();
      const f = await cine.frame(i);
      ts.push(performance.now() - t);
      if (f.data.length !== 640 * 480 * 3) throw new Error('bad frame');
    }
    return ts;
  };
  const coldMs = await pass();
  await pass();
  const warmMs = await pass();
  const sameMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    t = performance.now();
    await cine.frame(SAME);
    sameMs.push(performance.now() - t);
  }
  const fileInfo = `${cine.frameCount} frames ${cine.width}×${cine.height}, ${cine.meta.photometricInterpretation}`;
  const index = String(cine.meta.extra?.['frameIndex']);
  await cine.close();
  return { openMs, openScanMs, scanIndex, index, rssOpenMb, firstMs, coldMs, warmMs, sameMs, peakRssMb: vmHwmMb(), fileInfo };
}

if (process.argv[2] === '--measure') {
  // argv[3]: native (sharp, what sonorisk/node uses when installed) or wasm
  configureNativeJpeg({ enabled: process.argv[3] !== 'wasm' });
  const measured = await measure(); // its first decode loads the codec (sharp or the WASM module)
  const decoder = (await nativeJpegStatus()).active ? 'sharp' : 'WASM';
  console.log(JSON.stringify({ ...measured, decoder }));
  process.exit(0);
}

if (!existsSync(CINE)) {
  mkdirSync(DIR, { recursive: true });
  console.log('generating the benchmark cine (once) ...');
  const r = spawnSync(PY, ['scripts/bench/decode-make-cine.py', CINE, '1800'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not generate the cine (needs /usr/bin/python3 with pydicom, numpy, Pillow)');
}
const bytes = readFileSync(CINE);
const pd = bytes.lastIndexOf(Buffer.from([0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x42, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff]));
const botAt = pd + 12;
const botLen = bytes.readUInt32LE(botAt + 4);
if (!existsSync(NOBOT)) {
  // Same cine with an empty Basic Offset Table: opening must scan the 1800 fragment headers.
  writeFileSync(NOBOT, Buffer.concat([bytes.subarray(0, botAt), Buffer.from([0xfe, 0xff, 0x00, 0xe0, 0, 0, 0, 0]), bytes.subarray(botAt + 8 + botLen)]));
}
// Frame SAME's JPEG, for the native baselines.
const first = botAt + 8 + botLen;
const item = first + bytes.readUInt32LE(botAt + 8 + SAME * 4);
writeFileSync(`${DIR}/frame.jpg`, bytes.subarray(item + 8, item + 8 + bytes.readUInt32LE(item + 4)));

const measureIn = (mode: string) => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench/decode.ts', '--measure', mode], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`measurement failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Ours & { decoder: string };
};
const wasm = measureIn('wasm');
const ours = measureIn('native');

const t0 = performance.now();
for (let i = 0; i < RUNS; i++) spawnSync('djpeg', ['-outfile', '/dev/null', `${DIR}/frame.jpg`]);
const djpegRunMs = (performance.now() - t0) / RUNS;
const tj = spawnSync('tjbench', [`${DIR}/frame.jpg`, '-rgb', '-benchtime', '3', '-warmup', '1', '-quiet', '-nowrite'], { encoding: 'utf8' });
const mpixPerS = Number((tj.stdout ?? '').trim().split('\n').pop()?.trim().split(/\s+/).pop());
const tjMs = Number.isFinite(mpixPerS) && mpixPerS > 0 ? ((640 * 480) / (mpixPerS * 1e6)) * 1000 : Number.NaN;

const py = spawnSync(PY, ['scripts/bench/decode-baseline.py', CINE, FRAMES.join(',')], { encoding: 'utf8' });
const base = py.status === 0 ? (JSON.parse(py.stdout.trim().split('\n').pop()!) as { open_s: number; frame_walk_s: number; frame_ms: number[]; peak_rss_mb: number }) : undefined;


console.log(`cine: ${CINE}, ${(bytes.length / 2 ** 20).toFixed(0)} MiB, ${ours.fileInfo}, index: ${ours.index}; load average ${spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.split(' ')[0]}`);
console.log('');
console.log(`| measure | sonorisk (openDicomFile), ${ours.decoder} | sonorisk, WASM | pydicom 2.3 + Pillow | native libjpeg-turbo |`);
console.log('| --- | --- | --- | --- | --- |');
console.log(`| open (parse + offset table) | ${fmt(ours.openMs, 1)} ms | ${fmt(wasm.openMs, 1)} ms | ${base ? `${fmt(base.open_s * 1000, 1)} ms deferred dcmread + ${fmt(base.frame_walk_s * 1000, 0)} ms to walk the fragments` : 'n/a'} | |`);
console.log(`| open without a Basic Offset Table (index: ${ours.scanIndex}) | ${fmt(ours.openScanMs, 1)} ms | ${fmt(wasm.openScanMs, 1)} ms | | |`);
console.log(`| RSS growth on open | ${fmt(ours.rssOpenMb, 1)} MiB | ${fmt(wasm.rssOpenMb, 1)} MiB | | |`);
console.log(`| per-frame decode, median of ${FRAMES.length} frames, warm | ${fmt(median(ours.warmMs))} ms | ${fmt(median(wasm.warmMs))} ms | ${base ? `${fmt(median(base.frame_ms))} ms` : 'n/a'} | |`);
console.log(`| the same, first pass (WASM not yet tiered up) | ${fmt(median(ours.coldMs))} ms | ${fmt(median(wasm.coldMs))} ms | | |`);
console.log(`| frame ${SAME} decoded ${RUNS}× (median) | ${fmt(median(ours.sameMs))} ms | ${fmt(median(wasm.sameMs))} ms | | ${fmt(tjMs)} ms (tjbench -rgb); djpeg ${fmt(djpegRunMs)} ms per run incl. process start-up |`);
console.log(`| first decode (loads the codec: sharp / the WASM module) | ${fmt(ours.firstMs, 1)} ms | ${fmt(wasm.firstMs, 1)} ms | | |`);
console.log(`| peak RSS of the process (VmHWM) | ${fmt(ours.peakRssMb, 0)} MiB | ${fmt(wasm.peakRssMb, 0)} MiB | ${base ? `${fmt(base.peak_rss_mb, 0)} MiB` : 'n/a'} | |`);
console.log('');
console.log(`ratio to native libjpeg-turbo on frame ${SAME}: ${ours.decoder} ${fmt(median(ours.sameMs) / tjMs)}×, WASM ${fmt(median(wasm.sameMs) / tjMs)}× (target ≤ 1.2×); open target < 300 ms and < 50 MB beyond the file. Load average at the end ${spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.split(' ')[0]}.`);
