/**
 * Benchmark: open + four model clips over DICOMweb from a local Orthanc (Debian orthanc +
 * orthanc-dicomweb, started and stopped here) for a 1800-frame 640×480 JPEG-baseline cine, against
 * the baseline measured in the same run: WADO-RS retrieval of the whole instance, then
 * openDicomCine + the same four clips locally. Both: time from the first request to the last clip,
 * and response-body bytes transferred (HTTP compression off). Goal: ≤ 0.1× the bytes, ≤ 0.5× the time.
 * Two DICOMweb clients are timed: the current one (the four clips' frames asked for together with
 * prefetchClipFrames: metadata ∥ frame 1, then one frames request) and one prefetch per clip (as
 * before: metadata ∥ frame 1, then one request per clip). Before the pipelines, each kind of request
 * is timed alone (3 tries each, median), so the table shows what one request costs this server; the
 * load average is printed before and after, since the development machine is shared.
 *
 * The cine is the one of scripts/bench/clips.ts (scripts/bench/clips-make-cine.py, pydicom + Pillow),
 * given patient/study/series attributes with dcmtk's dcmodify so a PACS accepts it.
 * Run: npm run bench -- dicomweb   (or: node --import tsx scripts/bench/dicomweb.ts)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { openDicomWebCine } from '../../src/dicomweb/index.js';
import { parseMultipart } from '../../src/dicomweb/multipart.js';
import { type ClipSpec, PHASES, clipForSpec, prefetchClipFrames } from '../../src/phases/index.js';
import { boxFromPoints, type Cine, openDicomCine } from '../../src/preprocess/index.js';
import { orthancMissing, startOrthanc } from '../../test/helpers/orthanc.js';

const root = join(import.meta.dirname, '..', '..');
const benchDir = join(root, '.bench');
const source = join(benchDir, 'clips-1800x640x480-jpeg.dcm');
const file = join(benchDir, 'dicomweb-1800x640x480-jpeg.dcm');
const UIDS = { studyUID: '2.25.7001', seriesUID: '2.25.7002', instanceUID: '2.25.7003' };

const missing = orthancMissing();
if (missing) {
  console.log(`skipped: ${missing}`);
  process.exit(0);
}
if (!existsSync(file)) {
  mkdirSync(benchDir, { recursive: true });
  if (!existsSync(source)) {
    console.log('generating', source, '(once, ~30 s)…');
    const g = spawnSync('/usr/bin/python3', [join(root, 'scripts/bench/clips-make-cine.py'), source], { stdio: 'inherit' });
    if (g.status !== 0) throw new Error('could not generate the benchmark cine (needs /usr/bin/python3 with pydicom and Pillow)');
  }
  copyFileSync(source, `${file}.tmp`);
  execFileSync('dcmodify', [
    '-nb',
    '-q',
    '-i',
    '(0010,0010)=Bench^Dicomweb',
    '-i',
    '(0010,0020)=SONORISK-BENCH',
    '-i',
    `(0020,000D)=${UIDS.studyUID}`,
    '-i',
    `(0020,000E)=${UIDS.seriesUID}`,
    '-i',
    `(0008,0018)=${UIDS.instanceUID}`,
    `${file}.tmp`,
  ]);
  copyFileSync(`${file}.tmp`, file);
}
const fileBytes = statSync(file).size;

const base = { frames: 24, size: [112, 112] as [number, number], channels: 1 as const, normalize: { scale: 1 / 255, mean: [0], std: [1] } };
const specs: ClipSpec[] = [
  { ...base, source: 'ceus', window: PHASES.arterial },
  { ...base, source: 'ceus', window: PHASES.portal },
  { ...base, source: 'ceus', window: PHASES.dual },
  { ...base, source: 'bmode', window: PHASES.bmode },
];
/** The four clips, in order; with `together`, their frames are first asked for in one go. */
async function fourClips(cine: Cine, together: boolean): Promise<Float32Array[]> {
  const options = { box: boxFromPoints({ x: 160, y: 100 }, { x: 479, y: 379 }, { within: cine }), injectionTime: 0 };
  if (together) await prefetchClipFrames(cine, specs.map((spec) => ({ spec, options })));
  const out = [];
  for (const spec of specs) out.push((await clipForSpec(cine, spec, options)).clip.data);
  return out;
}
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(`load average (1/5/15 min) at start: ${load()}`);
const orthanc = await startOrthanc();
try {
  const { ID: orthancId } = await orthanc.upload(new Uint8Array(readFileSync(file)));
  const ref = { url: orthanc.dicomWeb, ...UIDS };
  const seriesUrl = `${orthanc.dicomWeb}/studies/${UIDS.studyUID}/series/${UIDS.seriesUID}`;
  const instanceUrl = `${seriesUrl}/instances/${UIDS.instanceUID}`;
  const FRAMES = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';
  const INSTANCE = 'multipart/related; type="application/dicom"; transfer-syntax=*';

  // What one request of each kind costs (response read to the end), alone, 3 tries.
  const union = await prefetchClipFrames(await openDicomCine(new Uint8Array(readFileSync(file))), specs.map((spec) => ({ spec, options: { box: { x0: 160, y0: 100, x1: 480, y1: 380 }, injectionTime: 0 } })));
  const probes: [string, string, string][] = [
    ['instance metadata (WADO-RS)', `${instanceUrl}/metadata`, 'application/dicom+json'],
    ['series metadata (WADO-RS)', `${seriesUrl}/metadata`, 'application/dicom+json'],
    ['frames/1', `${instanceUrl}/frames/1`, FRAMES],
    ['frames/900', `${instanceUrl}/frames/900`, FRAMES],
    [`frames/<${union.length} frames of the 4 clips>`, `${instanceUrl}/frames/${union.map((i) => i + 1).join(',')}`, FRAMES],
    ['whole instance (WADO-RS)', instanceUrl, INSTANCE],
    ['Orthanc REST /instances/{id}/file', `${orthanc.origin}/instances/${orthancId}/file`, 'application/dicom'],
    ['Orthanc REST /instances/{id}/frames/899/raw', `${orthanc.origin}/instances/${orthancId}/frames/899/raw`, '*/*'],
  ];
  console.log('\none request at a time (3 tries: first, then median of all)      first s   median s   bytes');
  for (const [name, url, accept] of probes) {
    const times: number[] = [];
    let bytes = 0;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      const r = await fetch(url, { headers: { ...orthanc.headers, Accept: accept } });
      bytes = (await r.arrayBuffer()).byteLength;
      if (!r.ok) throw new Error(`${name}: HTTP ${r.status}`);
      times.push((performance.now() - t0) / 1000);
    }
    console.log(`  ${name.padEnd(58)} ${times[0]!.toFixed(3).padStart(7)}  ${median(times).toFixed(3).padStart(8)}  ${String(bytes).padStart(10)}`);
  }

  const overDicomWeb = (together: boolean) => async () => {
    const t0 = performance.now();
    const cine = await openDicomWebCine(ref, { headers: orthanc.headers });
    const clips = await fourClips(cine, together);
    return { seconds: (performance.now() - t0) / 1000, bytes: cine.transfer.bytes, requests: cine.transfer.requests, clips };
  };
  const wholeInstance = async () => {
    const t0 = performance.now();
    const res = await fetch(instanceUrl, { headers: { ...orthanc.headers, Accept: INSTANCE } });
    const body = new Uint8Array(await res.arrayBuffer());
    const part = parseMultipart(body, res.headers.get('content-type') ?? '')[0]!;
    const clips = await fourClips(await openDicomCine(part.body), false);
    return { seconds: (performance.now() - t0) / 1000, bytes: body.length, requests: 1, clips };
  };

  // The part both share: the four clips from a cine already in memory (no network).
  const inMemory = new Uint8Array(readFileSync(file));
  const localOnly = async () => {
    const t0 = performance.now();
    const clips = await fourClips(await openDicomCine(inMemory), false);
    return { seconds: (performance.now() - t0) / 1000, bytes: 0, requests: 0, clips };
  };

  // Alternate them, three rounds each after a warm-up of each; report medians.
  const runs = { together: overDicomWeb(true), perClip: overDicomWeb(false), baseline: wholeInstance, local: localOnly };
  type Run = Awaited<ReturnType<typeof wholeInstance>>;
  const results: Record<keyof typeof runs, Run[]> = { together: [], perClip: [], baseline: [], local: [] };
  for (const f of Object.values(runs)) await f();
  for (let r = 0; r < 3; r++) for (const [k, f] of Object.entries(runs)) results[k as keyof typeof runs].push(await f());
  const med = (xs: Run[]) => [...xs].sort((a, b) => a.seconds - b.seconds)[1]!;
  const a = med(results.together);
  const p = med(results.perClip);
  const b = med(results.baseline);
  const same = [a, p].every((x) => x.clips.every((c, i) => c.length === b.clips[i]!.length && c.every((v, k) => v === b.clips[i]![k])));
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(2).padStart(7)} MB`;
  const row = (name: string, x: Run) => console.log(`  ${name.padEnd(62)} ${x.seconds.toFixed(3).padStart(7)} s ${mb(x.bytes)} ${String(x.requests).padStart(3)} requests   ${(x.seconds / b.seconds).toFixed(2)}× time ${(x.bytes / b.bytes).toFixed(3)}× bytes`);
  console.log(`\ncine: 1800 frames 640×480 RGB JPEG baseline, ${(fileBytes / 2 ** 20).toFixed(0)} MB, stored in a local Orthanc ${execFileSync('Orthanc', ['--version'], { encoding: 'utf8' }).split('\n')[0]?.trim()} + DICOMweb plugin; 4 clips × 24 frames (${union.length} distinct); median of 3`);
  row('sonorisk: openDicomWebCine + prefetchClipFrames + clipForSpec ×4', a);
  row('sonorisk: openDicomWebCine + clipForSpec ×4 (a request per clip)', p);
  row('baseline: WADO-RS whole instance + openDicomCine + clipForSpec ×4', b);
  row('(no network: openDicomCine + clipForSpec ×4 from memory)', med(results.local));
  console.log(`goal: ≤ 0.1× the bytes, ≤ 0.5× the time; clips identical to the baseline's: ${same}`);
  console.log(`load average (1/5/15 min) at end: ${load()}`);
  if (!same) process.exitCode = 1;
} finally {
  await orthanc.stop();
}
