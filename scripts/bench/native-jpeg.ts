/**
 * Native libjpeg-turbo through @julusian/jpeg-turbo (optional devDependency) against sonorisk's WASM
 * libjpeg-turbo, on the same frames of JPEG files: how many samples differ and the per-frame decode
 * time of each (same run). The package decodes with TJFLAG_FASTDCT (the ifast IDCT; hard-coded in its
 * decompress.cc, 2.x and 3.x), so it is NOT pixel-identical to the islow IDCT that sonorisk, pydicom
 * and GDCM use; docs/dicom.md records the figures.
 * Run: npx tsx scripts/bench/native-jpeg.ts [file.dcm ...]
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type CodecInput, openDicomCine, registerCodec } from '../../src/preprocess/index.js';

interface JpegTurbo {
  FORMAT_RGB: number;
  FORMAT_GRAY: number;
  decompressSync(b: Uint8Array, o: { format: number }): { data: Uint8Array; size: number };
}
const jt = createRequire(import.meta.url)('@julusian/jpeg-turbo') as JpegTurbo;
const JPEG = ['1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.51'];
const files = process.argv.length > 2 ? process.argv.slice(2) : ['test/fixtures/decode/lossy/rgb8_jpeg_baseline_422.dcm', 'test/fixtures/decode/lossy/mono8_jpeg_baseline.dcm'];

const native = ({ encoded, samplesPerPixel }: CodecInput) => {
  const out = jt.decompressSync(encoded, { format: samplesPerPixel === 3 ? jt.FORMAT_RGB : jt.FORMAT_GRAY });
  return { data: new Uint8Array(out.data.buffer, out.data.byteOffset, out.size), colorSpace: 'rgb' as const };
};

for (const file of files) {
  const bytes = new Uint8Array(readFileSync(file));
  const wasm = await openDicomCine(bytes);
  const n = Math.min(wasm.frameCount, 10);
  const ref = [];
  for (let i = 0; i < n; i++) ref.push((await wasm.frame(i)).data);
  for (const ts of JPEG) registerCodec(ts, native);
  const nat = await openDicomCine(bytes);
  let diff = 0;
  let max = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const b = (await nat.frame(i)).data;
    for (let k = 0; k < b.length; k++) {
      const d = Math.abs(b[k]! - ref[i]![k]!);
      if (d) diff++;
      max = Math.max(max, d);
      total++;
    }
  }
  let t = performance.now();
  for (let r = 0; r < 40; r++) await nat.frame(r % n);
  const tn = (performance.now() - t) / 40;
  for (const ts of JPEG) registerCodec(ts, undefined);
  t = performance.now();
  for (let r = 0; r < 40; r++) await wasm.frame(r % n);
  const tw = (performance.now() - t) / 40;
  console.log(`${file.split('/').pop()} (${wasm.meta.photometricInterpretation}): ${diff}/${total} samples differ (max ${max}); native ${tn.toFixed(2)} ms/frame, WASM ${tw.toFixed(2)} ms/frame`);
}
