/**
 * Native JPEG routes in Node against sonorisk's WASM libjpeg-turbo, same run, same frames:
 *
 * 1. pixels: every frame of every file given (default: the real ultrasound cine, pydicom's and the
 *    project's JPEG fixtures, and the two 1800-frame bench cines under .bench/ when generated),
 *    decoded by the WASM build, by sharp (what `sonorisk/node` registers) and by
 *    @julusian/jpeg-turbo (devDependency; hard-codes TJFLAG_FASTDCT, so not registered);
 * 2. corrupt frames: seeded mutations (truncation, byte flips, zeroed and inserted runs) of real
 *    frames — how often each decoder refuses, and whether they agree;
 * 3. per-frame time on one 640×480 4:2:2 frame: WASM, sharp one at a time and 4 in flight,
 *    julusian, and tjbench (native libjpeg-turbo in-process, libjpeg-turbo-progs) on the same JPEG.
 *
 * Run: npx tsx scripts/bench/native-jpeg.ts [file.dcm ...]   (docs/dicom.md records the figures)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { configureNativeJpeg, nativeJpegStatus } from '../../src/node/index.js';
import { prepareJpeg } from '../../src/preprocess/internal.js';
import { type Cine, type CodecInput, openDicomCine, registerCodec, TRANSFER_SYNTAX } from '../../src/preprocess/index.js';

interface JpegTurbo {
  FORMAT_RGB: number;
  FORMAT_GRAY: number;
  decompressSync(b: Uint8Array, o: { format: number }): { data: Uint8Array; size: number };
}
const jt = createRequire(import.meta.url)('@julusian/jpeg-turbo') as JpegTurbo;
const JPEG = [TRANSFER_SYNTAX.jpegBaseline, TRANSFER_SYNTAX.jpegExtended];
const julusian = (input: CodecInput) => {
  const samplesPerPixel = input.samplesPerPixel;
  const out = jt.decompressSync(prepareJpeg(input), { format: samplesPerPixel === 3 ? jt.FORMAT_RGB : jt.FORMAT_GRAY });
  return { data: new Uint8Array(out.data.buffer, out.data.byteOffset, out.size), colorSpace: 'rgb' as const };
};
type Route = 'wasm' | 'sharp' | 'julusian';
function use(route: Route): void {
  configureNativeJpeg({ enabled: route === 'sharp' });
  for (const ts of JPEG) registerCodec(ts, route === 'julusian' ? julusian : undefined);
}

const dir = (d: string) => (existsSync(d) ? readdirSync(d).filter((f) => f.endsWith('.dcm')).map((f) => `${d}/${f}`) : []);
const files =
  process.argv.length > 2
    ? process.argv.slice(2)
    : [
        '../shared/data/dicom/examples_ybr_color.dcm',
        ...dir('test/fixtures/decode/pydicom'),
        ...dir('test/fixtures/decode/lossy'),
        ...dir('test/fixtures/decode/native-jpeg'),
        '.bench/decode/cine.dcm',
        '.bench/clips-1800x640x480-jpeg.dcm',
      ].filter((f) => existsSync(f));

const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const status = await nativeJpegStatus();
console.log(`load average ${load}; ${status.reason}`);

const timingOnly = process.env['NATIVE_JPEG_TIMING_ONLY'] === '1'; // skip sections 1 and 2
// 1. pixels
const totals: Record<Exclude<Route, 'wasm'>, { files: number; frames: number; samples: number; differ: number; max: number; framesDiffer: number }> = {
  sharp: { files: 0, frames: 0, samples: 0, differ: 0, max: 0, framesDiffer: 0 },
  julusian: { files: 0, frames: 0, samples: 0, differ: 0, max: 0, framesDiffer: 0 },
};
console.log('\n| file | photometric | frames | sharp: samples differing (max) | @julusian/jpeg-turbo: samples differing (max) |\n| --- | --- | --- | --- | --- |');
for (const file of timingOnly ? [] : files) {
  use('wasm'); // open as sonorisk does (a registered codec would skip the 12-bit check)
  let cine: Cine;
  try {
    cine = await openDicomCine(new Uint8Array(readFileSync(file)));
  } catch {
    continue; // refused (12-bit JPEG, 1-bit...): not a JPEG the codecs see
  }
  if (!JPEG.includes(cine.meta.transferSyntaxUid as (typeof JPEG)[number])) continue;
  const cells: string[] = [];
  for (const route of ['sharp', 'julusian'] as const) {
    const t = totals[route];
    let differ = 0;
    let max = 0;
    let samples = 0;
    for (let i = 0; i < cine.frameCount; i++) {
      use('wasm');
      const a = (await cine.frame(i)).data;
      use(route);
      const b = (await cine.frame(i)).data;
      let d = 0;
      for (let k = 0; k < a.length; k++) {
        const e = Math.abs(a[k]! - b[k]!);
        if (e) d++;
        if (e > max) max = e;
      }
      if (a.length !== b.length) d = a.length;
      differ += d;
      samples += a.length;
      if (d) t.framesDiffer++;
    }
    t.files++;
    t.frames += cine.frameCount;
    t.samples += samples;
    t.differ += differ;
    t.max = Math.max(t.max, max);
    cells.push(`${differ} of ${samples} (${max})`);
  }
  console.log(`| ${file.split('/').slice(-2).join('/')} | ${cine.meta.photometricInterpretation} | ${cine.frameCount} | ${cells.join(' | ')} |`);
}
for (const [route, t] of Object.entries(totals)) {
  console.log(`${route}: ${t.files} files, ${t.frames} frames, ${t.samples} samples: ${t.differ} differ (${((100 * t.differ) / Math.max(1, t.samples)).toFixed(2)} %, max ${t.max}) in ${t.framesDiffer} frames`);
}

// 2. corrupt frames
/** The encoded bytes of frame `i` (captured through a registered pass-through codec). */
async function encodedFrame(file: string, i: number): Promise<CodecInput> {
  let got: CodecInput | undefined;
  const capture = (input: CodecInput) => {
    got = { ...input, encoded: input.encoded.slice() };
    return { data: new Uint8Array(input.rows * input.columns * input.samplesPerPixel) };
  };
  for (const ts of JPEG) registerCodec(ts, capture);
  await (await openDicomCine(new Uint8Array(readFileSync(file)))).frame(i);
  for (const ts of JPEG) registerCodec(ts, undefined);
  return got!;
}
let seed = 20261206;
const rand = () => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed / 2 ** 32;
};
function mutate(b: Uint8Array): Uint8Array {
  const k = Math.floor(rand() * 4);
  const at = 2 + Math.floor(rand() * (b.length - 2));
  if (k === 0) return b.subarray(0, at); // truncated
  const out = b.slice();
  if (k === 1) {
    for (let n = 1 + Math.floor(rand() * 8); n > 0; n--) {
      const j = 2 + Math.floor(rand() * (b.length - 2));
      out[j] = out[j]! ^ (1 << Math.floor(rand() * 8));
    }
  }
  if (k === 2) out.fill(0, at, Math.min(b.length, at + 1 + Math.floor(rand() * 64)));
  if (k === 3) {
    const ins = Uint8Array.from({ length: 1 + Math.floor(rand() * 32) }, () => Math.floor(rand() * 256));
    return Uint8Array.from([...b.subarray(0, at), ...ins, ...b.subarray(at)]);
  }
  return out;
}
const sources = ['../shared/data/dicom/examples_ybr_color.dcm', 'test/fixtures/decode/native-jpeg/dcmtk_422.dcm', 'test/fixtures/decode/native-jpeg/dcmtk_mono.dcm'].filter(existsSync);
const outcome = { bothRefuse: 0, bothSame: 0, bothDiffer: 0, onlySharpDecodes: 0, onlyWasmDecodes: 0 };
let cases = 0;
let slowest = 0;
for (const file of timingOnly ? [] : sources) {
  const base = await encodedFrame(file, 0);
  for (let n = 0; n < 400; n++) {
    const input = { ...base, encoded: mutate(base.encoded) };
    const cine = await openDicomCine(new Uint8Array(readFileSync(file)), { frames: { transferSyntaxUid: base.transferSyntaxUid, read: async () => input.encoded } });
    const run = async (route: Route) => {
      use(route);
      const t = performance.now();
      try {
        return (await cine.frame(0)).data;
      } catch {
        return undefined;
      } finally {
        slowest = Math.max(slowest, performance.now() - t);
      }
    };
    const a = await run('wasm');
    const b = await run('sharp');
    cases++;
    if (!a && !b) outcome.bothRefuse++;
    else if (a && b) outcome[a.every((v, k) => v === b[k]) ? 'bothSame' : 'bothDiffer']++;
    else outcome[a ? 'onlyWasmDecodes' : 'onlySharpDecodes']++;
  }
}
console.log(`\ncorrupt frames (${cases} seeded mutations of frame 0 of ${sources.map((s) => s.split('/').pop()).join(', ')}): ${JSON.stringify(outcome)}; slowest single decode ${slowest.toFixed(0)} ms`);

// 3. time per frame
const FRAME_FILE = existsSync('.bench/decode/cine.dcm') ? '.bench/decode/cine.dcm' : 'test/fixtures/decode/native-jpeg/dcmtk_422.dcm';
const frameNo = FRAME_FILE.startsWith('.bench') ? 900 : 0;
const input = await encodedFrame(FRAME_FILE, frameNo);
writeFileSync('.bench/native-jpeg-frame.jpg', input.encoded);
const cine = await openDicomCine(new Uint8Array(readFileSync(FRAME_FILE)));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
/** Median and minimum of `runs` one-at-a-time decodes (the minimum is the least disturbed by other load). */
async function serialMs(route: Route, runs = 200): Promise<[number, number]> {
  use(route);
  for (let i = 0; i < 30; i++) await cine.frame(frameNo); // warm-up (WASM tier-up, sharp load)
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await cine.frame(frameNo);
    ts.push(performance.now() - t);
  }
  return [median(ts), Math.min(...ts)];
}
/** Wall-clock and process CPU time (all threads: libuv's pool included) per frame, `inFlight` decodes at a time. */
async function parallelMs(route: Route, inFlight: number, runs = 200): Promise<[number, number]> {
  use(route);
  for (let i = 0; i < 30; i++) await cine.frame(frameNo);
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  for (let i = 0; i < runs; i += inFlight) await Promise.all(Array.from({ length: inFlight }, () => cine.frame(frameNo)));
  const cpu = process.cpuUsage(cpu0);
  return [(performance.now() - t) / runs, (cpu.user + cpu.system) / 1000 / runs];
}
const wasmMs = await serialMs('wasm');
const sharpMs = await serialMs('sharp');
const sharp4 = await parallelMs('sharp', 4);
const sharp1 = await parallelMs('sharp', 1);
const wasm1 = await parallelMs('wasm', 1);
const julMs = await serialMs('julusian');
// tjbench reports throughput over its benchtime: the mean of 3 runs stands for the median, the best for the minimum.
const tjRuns = [0, 1, 2].map(() => {
  const tj = spawnSync('tjbench', ['.bench/native-jpeg-frame.jpg', '-rgb', '-benchtime', '2', '-warmup', '1', '-quiet', '-nowrite'], { encoding: 'utf8' });
  const mpix = Number((tj.stdout ?? '').trim().split('\n').pop()?.trim().split(/\s+/).pop());
  return Number.isFinite(mpix) && mpix > 0 ? ((input.rows * input.columns) / (mpix * 1e6)) * 1000 : Number.NaN;
});
const tjMs: [number, number] = [tjRuns.reduce((a, b) => a + b, 0) / tjRuns.length, Math.min(...tjRuns)];
const f = (x: number) => x.toFixed(2);
console.log(`\nframe ${frameNo} of ${FRAME_FILE} (${input.columns}×${input.rows}, ${input.encoded.length} bytes), 200 decodes each (load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}):`);
console.log('| decoder | median ms per frame | × tjbench | fastest ms | × tjbench fastest |\n| --- | --- | --- | --- | --- |');
for (const [name, [med, min]] of [
  ['WASM libjpeg-turbo (sonorisk, one at a time)', wasmMs],
  ['sharp (sonorisk/node), one at a time', sharpMs],
  ['sharp, 4 in flight (per frame, wall clock)', [sharp4[0], Number.NaN]],
  ['@julusian/jpeg-turbo (ifast; not registered)', julMs],
  ['tjbench -rgb (native libjpeg-turbo, in-process; mean / best of 3 runs)', tjMs],
] as const) {
  console.log(`| ${name} | ${f(med)} | ${f(med / tjMs[0])}× | ${f(min)} | ${f(min / tjMs[1])}× |`);
}
console.log(`process CPU time per frame (all threads): WASM ${f(wasm1[1])} ms, sharp one at a time ${f(sharp1[1])} ms, sharp 4 in flight ${f(sharp4[1])} ms; tjbench ${f(tjMs[0])} ms (its wall clock, single thread)`);
configureNativeJpeg({});
