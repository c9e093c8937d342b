/**
 * HTJ2K (1.2.840.10008.1.2.4.201–203): synthetic cines encoded frame by frame by OpenJPH's
 * ojph_compress and encapsulated by pydicom (scripts/fixtures/decode-htj2k.py) decode exactly as the
 * native ojph_expand decodes them; the lossless ones equal the pydicom-written originals.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDicomCine } from '../../../src/preprocess/index.js';

const htj2k = JSON.parse(readFileSync('test/fixtures/decode/htj2k/manifest.json', 'utf8')) as {
  files: { file: string; original: string; transferSyntax: string; frameSha256: string[] }[];
};
const transcode = JSON.parse(readFileSync('test/fixtures/decode/transcode/manifest.json', 'utf8')) as {
  originals: Record<string, { file: string; frameSha256: string[] }>;
};
const sha = (d: Uint8Array | Uint16Array) => createHash('sha256').update(new Uint8Array(d.buffer, d.byteOffset, d.byteLength)).digest('hex');

async function frames(file: string) {
  const cine = await openDicomCine(new Uint8Array(readFileSync(file)));
  const out = [];
  for (let i = 0; i < cine.frameCount; i++) out.push(await cine.frame(i));
  return { cine, out };
}

describe('HTJ2K (OpenJPH WASM) against the native ojph_expand', () => {
  for (const f of htj2k.files) {
    it(`${f.file.split('/').pop()} (${f.transferSyntax})`, async () => {
      const { cine, out } = await frames(f.file);
      expect(cine.meta.transferSyntaxUid).toBe(f.transferSyntax);
      expect(out.map((x) => sha(x.data))).toEqual(f.frameSha256);
      if (!f.file.includes('lossy')) expect(f.frameSha256).toEqual(transcode.originals[f.original]!.frameSha256);
    });
  }
});
