/**
 * Synthetic cines written with pydicom and transcoded by dcmtk/gdcmconv into each supported
 * syntax decode frame by frame to the original. Fixtures: test/fixtures/decode/transcode/,
 * written by scripts/fixtures/decode-transcode.py (manifest.json holds pydicom's frame hashes
 * of each original and each transcode's tolerance: 0 lossless, 2 for JPEG-LS NEAR=2).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDicomCine } from '../../../src/preprocess/index.js';

interface Manifest {
  originals: Record<string, { file: string; frameSha256: string[] }>;
  transcodes: { file: string; original: string; tool: string; transferSyntax: string; photometric: string; tolerance: number }[];
}
const manifest = JSON.parse(readFileSync('test/fixtures/decode/transcode/manifest.json', 'utf8')) as Manifest;

async function decodeAll(file: string) {
  const cine = await openDicomCine(new Uint8Array(readFileSync(file)));
  const frames = [];
  for (let i = 0; i < cine.frameCount; i++) frames.push(await cine.frame(i));
  return { cine, frames };
}

const sha = (d: Uint8Array | Uint16Array) => createHash('sha256').update(new Uint8Array(d.buffer, d.byteOffset, d.byteLength)).digest('hex');

describe('synthetic cines transcoded by dcmtk/gdcmconv', () => {
  for (const [name, o] of Object.entries(manifest.originals)) {
    it(`original ${name} matches pydicom`, async () => {
      const { cine, frames } = await decodeAll(o.file);
      expect(frames.map((f) => sha(f.data))).toEqual(o.frameSha256);
      expect(cine.meta.timingSource).toBe('FrameTime');
      expect(cine.frameTimes[1]).toBeCloseTo(0.0667, 10);
    });
  }
  for (const t of manifest.transcodes) {
    const label = `${t.file.split('/').pop()} (${t.tool}, ${t.transferSyntax}, ${t.photometric})`;
    it(label, async () => {
      const { frames } = await decodeAll(t.file);
      const original = await decodeAll(manifest.originals[t.original]!.file);
      expect(frames.length).toBe(original.frames.length);
      if (t.tolerance === 0) {
        expect(frames.map((f) => sha(f.data))).toEqual(manifest.originals[t.original]!.frameSha256);
        return;
      }
      frames.forEach((f, i) => {
        const want = original.frames[i]!.data;
        let maxDiff = 0;
        for (let k = 0; k < want.length; k++) maxDiff = Math.max(maxDiff, Math.abs(f.data[k]! - want[k]!));
        expect(maxDiff).toBeLessThanOrEqual(t.tolerance);
      });
    });
  }
});
