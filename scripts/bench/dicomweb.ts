/**
 * Benchmark: open + four model clips over DICOMweb from a local Orthanc (Debian orthanc +
 * orthanc-dicomweb, started and stopped here) for a 1800-frame 640×480 JPEG-baseline cine, against
 * the baseline measured in the same run: WADO-RS retrieval of the whole instance, then
 * openDicomCine + the same four clips locally. Both: time from the first request to the last clip,
 * and response-body bytes transferred (HTTP compression off). Goal: ≤ 0.1× the bytes, ≤ 0.5× the time.
 *
 * The cine is the one of scripts/bench/clips.ts (scripts/bench/clips-make-cine.py, pydicom + Pillow),
 * given patient/study/series attributes with dcmtk's dcmodify so a PACS accepts it.
 * Run: npm run bench -- dicomweb   (or: node --import tsx scripts/bench/dicomweb.ts)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDicomWebCine } from '../../src/dicomweb/index.js';
import { parseMultipart } from '../../src/dicomweb/multipart.js';
import { type ClipSpec, PHASES, clipForSpec } from '../../src/phases/index.js';
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
async function fourClips(cine: Cine): Promise<Float32Array[]> {
  const box = boxFromPoints({ x: 160, y: 100 }, { x: 479, y: 379 }, { within: cine });
  const out = [];
  for (const spec of specs) out.push((await clipForSpec(cine, spec, { box, injectionTime: 0 })).clip.data);
  return out;
}

const orthanc = await startOrthanc();
try {
  await orthanc.upload(new Uint8Array(readFileSync(file)));
  const ref = { url: orthanc.dicomWeb, ...UIDS };
  const instanceUrl = `${orthanc.dicomWeb}/studies/${UIDS.studyUID}/series/${UIDS.seriesUID}/instances/${UIDS.instanceUID}`;

  const overDicomWeb = async () => {
    const t0 = performance.now();
    const cine = await openDicomWebCine(ref, { headers: orthanc.headers });
    const clips = await fourClips(cine);
    return { seconds: (performance.now() - t0) / 1000, bytes: cine.transfer.bytes, requests: cine.transfer.requests, clips };
  };
  const wholeInstance = async () => {
    const t0 = performance.now();
    const res = await fetch(instanceUrl, { headers: { ...orthanc.headers, Accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' } });
    const body = new Uint8Array(await res.arrayBuffer());
    const part = parseMultipart(body, res.headers.get('content-type') ?? '')[0]!;
    const clips = await fourClips(await openDicomCine(part.body));
    return { seconds: (performance.now() - t0) / 1000, bytes: body.length, requests: 1, clips };
  };

  // Alternate the two, three rounds each after a warm-up of each; report medians.
  await overDicomWeb();
  await wholeInstance();
  const ours = [];
  const baseline = [];
  for (let r = 0; r < 3; r++) {
    ours.push(await overDicomWeb());
    baseline.push(await wholeInstance());
  }
  const median = <T extends { seconds: number }>(xs: T[]) => [...xs].sort((a, b) => a.seconds - b.seconds)[1]!;
  const a = median(ours);
  const b = median(baseline);
  const same = a.clips.every((c, i) => c.length === b.clips[i]!.length && c.every((v, k) => v === b.clips[i]![k]));
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(2).padStart(7)} MB`;
  console.log(`cine: 1800 frames 640×480 RGB JPEG baseline, ${(fileBytes / 2 ** 20).toFixed(0)} MB, stored in a local Orthanc ${execFileSync('Orthanc', ['--version'], { encoding: 'utf8' }).split('\n')[0]?.trim()}; 4 clips × 24 frames`);
  console.log(`sonorisk openDicomWebCine + clipForSpec ×4 (WADO-RS frames)     ${a.seconds.toFixed(3).padStart(6)} s  ${mb(a.bytes)}  ${a.requests} requests`);
  console.log(`baseline: WADO-RS whole instance + openDicomCine + clipForSpec ×4  ${b.seconds.toFixed(3).padStart(6)} s  ${mb(b.bytes)}  1 request`);
  console.log(`ratio: ${(a.bytes / b.bytes).toFixed(3)}× the bytes (goal ≤ 0.1), ${(a.seconds / b.seconds).toFixed(2)}× the time (goal ≤ 0.5); clips identical: ${same}`);
  if (!same) process.exitCode = 1;
} finally {
  await orthanc.stop();
}
