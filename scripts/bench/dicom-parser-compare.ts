/**
 * dicom-parser vs sonorisk's own header parser, behind the same lazy frame index: both read a
 * header prefix grown ×4 from 64 KiB until Pixel Data's header is inside it (dicom-parser through its
 * `untilTag: 'x7fe00010'` option), and hand the frame index the same Pixel Data position. Measures:
 *  1. robustness on the fuzz corpus (the mutations of test/preprocess/dicom/fuzz-cases.ts): outcome of
 *     each parser, agreement on Pixel Data offset / Rows / Columns where both parse, slowest case;
 *  2. the hostile files of test/fixtures/decode/hostile/ (each parser in its own child process with a
 *     600 MB heap: outcome, seconds, peak RSS);
 *  3. speed: median time to the Pixel Data position on real files.
 * Run: npx tsx scripts/bench/dicom-parser-compare.ts [fuzzScale=1]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync, inflateRawSync } from 'node:zlib';
import { isSonoriskError } from '../../src/errors.js';
import { getNumber } from '../../src/preprocess/dicom/dicom-dataset.js';
import { readDicomHeader } from '../../src/preprocess/dicom/dicom-header.js';
import { toRandomAccessSource } from '../../src/preprocess/dicom/random-access-source.js';
import { DICOM_LIMITS } from '../../src/preprocess/dicom/open-dicom-cine.js';
import { TAG } from '../../src/preprocess/dicom/tags.js';
import { createRng } from '../../src/stats/index.js';
import { FUZZ_FILES, findTargets, mutate } from '../../test/preprocess/dicom/fuzz-cases.js';

interface DpElement {
  dataOffset: number;
  length: number;
  hadUndefinedLength?: boolean;
}
interface DpDataSet {
  elements: Record<string, DpElement>;
  uint16(tag: string): number | undefined;
  string(tag: string): string | undefined;
}
const dicomParser = createRequire(import.meta.url)('dicom-parser') as { parseDicom(b: Uint8Array, o?: Record<string, unknown>): DpDataSet };

/** What both parsers must find: where Pixel Data's value starts, and the image size. */
interface Found {
  pixelOffset: number;
  rows: number | undefined;
  columns: number | undefined;
}

/** 64 MiB for the fuzz corpus (as fuzz.test.ts); the hostile files run with the default 1 GiB. */
let MAX_BYTES = 64 * 2 ** 20;

async function ours(bytes: Uint8Array): Promise<Found> {
  const h = await readDicomHeader(toRandomAccessSource(bytes), { ...DICOM_LIMITS, maxBytes: MAX_BYTES });
  if (!h.pixelData) throw new Error('no pixel data');
  return { pixelOffset: h.pixelData.offset, rows: getNumber(h.dataset, TAG.Rows, 'US'), columns: getNumber(h.dataset, TAG.Columns, 'US') };
}

/** dicom-parser behind the same prefix growth; Deflated data sets through its (synchronous) inflater hook. */
function viaDicomParser(bytes: Uint8Array): Found {
  // Deflated data sets are inflated whole (its inflater hook gets the prefix it was given), as sonorisk does.
  const deflated = new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).includes('1.2.840.10008.1.2.1.99');
  let len = deflated ? bytes.length : Math.min(bytes.length, 64 * 1024);
  for (;;) {
    const prefix = bytes.subarray(0, len);
    try {
      const ds = dicomParser.parseDicom(prefix, {
        untilTag: 'x7fe00010',
        inflater: (b: Uint8Array, pos: number) => {
          const inflated = inflateRawSync(b.subarray(pos), { maxOutputLength: MAX_BYTES });
          const out = new Uint8Array(pos + inflated.length);
          out.set(b.subarray(0, pos));
          out.set(inflated, pos);
          return out;
        },
      });
      const pd = ds.elements['x7fe00010'];
      if (!pd) {
        if (len < bytes.length) {
          len = Math.min(bytes.length, len * 4);
          continue;
        }
        throw new Error('no pixel data');
      }
      return { pixelOffset: pd.dataOffset, rows: ds.uint16('x00280010'), columns: ds.uint16('x00280011') };
    } catch (e) {
      const msg = String((e as { exception?: unknown })?.exception ?? e);
      if (/overrun|past end|buffer/i.test(msg) && len < bytes.length) {
        len = Math.min(bytes.length, len * 4);
        continue;
      }
      throw e;
    }
  }
}

async function time<T>(f: () => Promise<T> | T): Promise<{ ok: true; v: T; ms: number } | { ok: false; e: unknown; ms: number }> {
  const t = performance.now();
  try {
    const v = await f();
    return { ok: true, v, ms: performance.now() - t };
  } catch (e) {
    return { ok: false, e, ms: performance.now() - t };
  }
}

// ------------------------------------------------------------------ child mode (one hostile file)
if (process.argv[2] === '--hostile') {
  const [, , , file, which] = process.argv;
  MAX_BYTES = 2 ** 30;
  let bytes = new Uint8Array(readFileSync(file!));
  if (file!.endsWith('.gz')) bytes = new Uint8Array(gunzipSync(bytes));
  const r = await time(() => (which === 'ours' ? ours(bytes) : viaDicomParser(bytes)));
  const hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
  const outcome = r.ok ? 'ok' : which === 'ours' ? (isSonoriskError(r.e) ? r.e.code : `crash: ${String(r.e)}`) : `exception: ${String((r.e as { exception?: unknown })?.exception ?? r.e).slice(0, 80)}`;
  console.log(JSON.stringify({ outcome, seconds: r.ms / 1000, peakMiB: hwm }));
  process.exit(0);
}

// ------------------------------------------------------------------ 1. fuzz corpus
const scale = Number(process.argv[2] ?? 1);
const rng = createRng(`sonorisk-parser-compare-${scale}`);
const tally = { bothOkAgree: 0, bothOkDisagree: 0, oursOnly: 0, dpOnly: 0, bothFail: 0, oursCrash: 0 };
let slowest = { ours: 0, dp: 0 };
let cases = 0;
const disagreements: string[] = [];
for (const [file, n] of FUZZ_FILES) {
  if (!existsSync(file)) continue;
  const original = new Uint8Array(readFileSync(file));
  const targets = findTargets(original);
  for (let c = 0; c < Math.round(n * scale); c++) {
    const bytes = mutate(original, targets, rng);
    const a = await time(() => ours(bytes));
    const b = await time(() => viaDicomParser(bytes));
    cases++;
    slowest = { ours: Math.max(slowest.ours, a.ms), dp: Math.max(slowest.dp, b.ms) };
    if (!a.ok && !isSonoriskError(a.e) && String(a.e) !== 'Error: no pixel data') tally.oursCrash++;
    if (a.ok && b.ok) {
      // Deflated: sonorisk's offset is into the inflated data set, dicom-parser's into meta + inflated.
      const sameOffset = file.includes('_dfl') || a.v.pixelOffset === b.v.pixelOffset;
      const same = sameOffset && a.v.rows === b.v.rows && a.v.columns === b.v.columns;
      if (same) tally.bothOkAgree++;
      else {
        tally.bothOkDisagree++;
        if (disagreements.length < 5) disagreements.push(`${file.split('/').pop()}#${c}: ours ${JSON.stringify(a.v)} dicom-parser ${JSON.stringify(b.v)}`);
      }
    } else if (a.ok) tally.oursOnly++;
    else if (b.ok) tally.dpOnly++;
    else tally.bothFail++;
  }
}
if (scale > 0) console.log(`fuzz corpus: ${cases} mutated files`);
console.log(JSON.stringify(tally));
console.log(`slowest case: sonorisk ${slowest.ours.toFixed(1)} ms, dicom-parser ${slowest.dp.toFixed(1)} ms`);
for (const d of disagreements) console.log(`  disagreement ${d}`);

// ------------------------------------------------------------------ 2. hostile files
const hostile = JSON.parse(readFileSync('test/fixtures/decode/hostile/manifest.json', 'utf8')) as { files: { file: string }[] };
for (const { file } of hostile.files) {
  const row: string[] = [];
  for (const which of ['ours', 'dicom-parser']) {
    const child = spawnSync(process.execPath, ['--max-old-space-size=600', '--import', 'tsx', 'scripts/bench/dicom-parser-compare.ts', '--hostile', file, which], { encoding: 'utf8', timeout: 120_000 });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    if (child.status === 0 && line.startsWith('{')) {
      const r = JSON.parse(line) as { outcome: string; seconds: number; peakMiB: number };
      row.push(`${which}: ${r.outcome} ${r.seconds.toFixed(2)} s ${r.peakMiB.toFixed(0)} MiB`);
    } else row.push(`${which}: process died (status ${child.status}, signal ${child.signal}) ${child.stderr.split('\n').find((l) => /heap|memory|Error/.test(l)) ?? ''}`);
  }
  console.log(`hostile ${file.split('/').pop()}: ${row.join(' | ')}`);
}

// ------------------------------------------------------------------ 3. speed
const SPEED = ['../shared/data/dicom/examples_ybr_color.dcm', '../shared/data/dicom/examples_palette.dcm', 'test/fixtures/decode/pydicom/MR_small_bigendian.dcm', 'test/fixtures/decode/pydicom/image_dfl.dcm', 'test/fixtures/decode/transcode/rgb8_jpeg_sv1_fragments_no_bot.dcm'].filter(existsSync);
for (const file of SPEED) {
  const bytes = new Uint8Array(readFileSync(file));
  const med = async (f: () => unknown) => {
    const ts: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      await f();
      ts.push(performance.now() - t);
    }
    ts.sort((x, y) => x - y);
    return ts[100]!;
  };
  const a = await med(() => ours(bytes));
  const b = await med(() => viaDicomParser(bytes));
  console.log(`speed ${file.split('/').pop()}: sonorisk ${(a * 1000).toFixed(0)} µs, dicom-parser ${(b * 1000).toFixed(0)} µs (median of 200, to the Pixel Data position)`);
}
