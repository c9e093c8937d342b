/**
 * Benchmark: bytes of a 1800-frame 640×480 JPEG-baseline CEUS cine (15 fps, 120 s) → four clip
 * tensors (arterial, portal, dual, B-mode whole clip; 32 frames each = 128 frames; 112×112, 1 channel)
 * with openDicomFile (from the file: header + offset table + the 128 frames read) + clipForSpec — with
 * native JPEG (sharp, 4 frames in flight: the default), native one at a time, and the WASM build —
 * against pydicom + Pillow baselines measured in the same run:
 * decoding every frame (the usual pipeline) and decoding only the selected frames.
 *
 * The cine is generated once under .bench/ by scripts/bench/clips-make-cine.py (pydicom + Pillow).
 * Run: npm run bench -- clips   (or: node --import tsx scripts/bench/clips.ts)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ClipSpec, PHASES, clipForSpec, selectFrames } from '../../src/phases/index.js';
import { configureNativeJpeg, nativeJpegStatus, openDicomFile } from '../../src/node/index.js';
import { boxFromPoints, CLIP_DECODE_CONCURRENCY } from '../../src/preprocess/index.js';

/** Frames per clip (issue #17: four 32-frame clips, 128 frames). */
const FRAMES = 32;

const PY = '/usr/bin/python3';
const root = join(import.meta.dirname, '..', '..');
const benchDir = join(root, '.bench');
const file = join(benchDir, 'clips-1800x640x480-jpeg.dcm');

if (process.argv[2] === '--child') {
  // the sonorisk pipeline, in its own process so its peak RSS is its own; argv[3]: native | wasm
  const mode = process.argv[3] ?? 'native';
  const concurrency = Number(process.argv[4] ?? CLIP_DECODE_CONCURRENCY);
  configureNativeJpeg({ enabled: mode === 'native' });
  const startRssMB = process.memoryUsage().rss / 2 ** 20; // Node + tsx + sonorisk's modules, before the file is opened
  const t0 = performance.now(); // from the file: only the header, offset table and used frames are read
  const cine = await openDicomFile(file);
  const box = boxFromPoints({ x: 160, y: 100 }, { x: 479, y: 379 }, { within: cine });
  const base = { frames: FRAMES, size: [112, 112] as [number, number], channels: 1 as const, normalize: { scale: 1 / 255, mean: [0], std: [1] } };
  const specs: ClipSpec[] = [
    { ...base, source: 'ceus', window: PHASES.arterial },
    { ...base, source: 'ceus', window: PHASES.portal },
    { ...base, source: 'ceus', window: PHASES.dual },
    { ...base, source: 'bmode', window: PHASES.bmode },
  ];
  const clips = [];
  let firstFrameS = 0;
  for (const spec of specs) {
    clips.push(await clipForSpec(cine, spec, { box, injectionTime: 0, concurrency }));
    firstFrameS ||= (performance.now() - t0) / 1000;
  }
  const seconds = (performance.now() - t0) / 1000;
  await cine.close();
  const decoder = (await nativeJpegStatus()).active ? 'sharp' : 'WASM';
  console.log(JSON.stringify({ seconds, firstClipS: firstFrameS, decoder, startRssMB, maxRssMB: process.resourceUsage().maxRSS / 1024, shapes: clips.map((c) => c.clip.shape) }));
  process.exit(0);
}

if (!existsSync(file)) {
  mkdirSync(benchDir, { recursive: true });
  console.log('generating', file, '(once, ~30 s)…');
  const g = spawnSync(PY, [join(root, 'scripts/bench/clips-make-cine.py'), file], { stdio: 'inherit' });
  if (g.status !== 0) throw new Error('could not generate the benchmark cine (needs /usr/bin/python3 with pydicom and Pillow)');
}
const sizeMB = statSync(file).size / 2 ** 20;

// the frame indices the four clips use (the baselines crop the same frames)
const frameTimes = Float64Array.from({ length: 1800 }, (_, i) => (i * 66.667) / 1000);
const clipsIdx = [PHASES.arterial, PHASES.portal, PHASES.dual, PHASES.bmode].map((w) => selectFrames(frameTimes, w, { count: FRAMES }).indices);
const job = join(benchDir, 'clips-job.json');
writeFileSync(job, JSON.stringify({ clips: clipsIdx, box: [160, 100, 480, 380], size: 112 }));

function run(cmd: string, args: string[]): { seconds: number; maxRssMB: number; [k: string]: unknown } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop()!;
  return JSON.parse(line);
}

const fmt = (r: { seconds: number; maxRssMB: number }) => `${r.seconds.toFixed(2).padStart(6)} s   peak RSS ${r.maxRssMB.toFixed(0).padStart(5)} MB`;
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`cine: 1800 frames 640×480 RGB JPEG baseline, ${sizeMB.toFixed(0)} MB; 4 clips × ${FRAMES} frames (${4 * FRAMES}) → [1,1,${FRAMES},112,112]; load average ${loadavg()}`);
const child = (mode: string, concurrency: number) => run(process.execPath, ['--import', 'tsx', join(root, 'scripts/bench/clips.ts'), '--child', mode, String(concurrency)]);
const runs = [
  ['native', CLIP_DECODE_CONCURRENCY],
  ['native', 1],
  ['wasm', CLIP_DECODE_CONCURRENCY],
] as const;
let ours = { seconds: Number.NaN, maxRssMB: Number.NaN, startRssMB: Number.NaN };
for (const [mode, conc] of runs) {
  const r = child(mode, conc);
  if (mode === 'native' && conc === CLIP_DECODE_CONCURRENCY) ours = r as typeof ours;
  console.log(`sonorisk openDicomFile + clipForSpec ×4, ${String(r['decoder']).padEnd(5)} ${conc} in flight  ${fmt(r)}   (first clip ${Number(r['firstClipS']).toFixed(2)} s; RSS ${Number(r['startRssMB']).toFixed(0)} MB before opening)`);
}
const sel = run(PY, [join(root, 'scripts/bench/clips-baseline.py'), 'selected', file, job]);
console.log(`pydicom + Pillow, selected frames only          ${fmt(sel)}   (${sel['resize']})`);
const all = run(PY, [join(root, 'scripts/bench/clips-baseline.py'), 'all', file, job]);
console.log(`pydicom + Pillow, every frame (usual pipeline)  ${fmt(all)}   (${all['decoded']} frames decoded)`);
console.log(`load average at the end ${loadavg()}`);
console.log(`speed-up vs usual pipeline: ${(all.seconds / ours.seconds).toFixed(1)}×; vs selected-only: ${(sel.seconds / ours.seconds).toFixed(1)}×`);
console.log(`peak RSS ${ours.maxRssMB.toFixed(0)} MB, ${(ours.maxRssMB - ours.startRssMB).toFixed(0)} MB above the process before opening (target ≤ 150 MB; the file is ${sizeMB.toFixed(0)} MB and never read whole); targets ≤ 0.3 s and ≤ 0.05× the usual pipeline (${(ours.seconds / all.seconds).toFixed(3)}×)`);
