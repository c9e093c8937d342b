/**
 * Browsers use the pure-JS builds of the codecs (no .wasm to serve) unless configureCodecs sets a
 * wasmBaseUrl. Those builds must decode exactly as the WASM builds Node uses.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSonoriskError } from '../../../src/errors.js';
import { configureCodecs, openDicomCine } from '../../../src/preprocess/index.js';
import { NEEDS_SHARED, present } from '../../helpers/shared-data.js';

type Factory = (o?: Record<string, unknown>) => Promise<Record<string, new () => Decoder>>;
interface Decoder {
  getEncodedBuffer(n: number): Uint8Array;
  decode(): void;
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}

async function jsDecode(spec: string, cls: string, encoded: Uint8Array): Promise<Uint8Array> {
  const factory = ((await import(spec)) as { default: Factory }).default;
  const m = await factory({ print: () => {}, printErr: () => {} });
  const d = new m[cls]!();
  d.getEncodedBuffer(encoded.length).set(encoded);
  d.decode();
  const out = new Uint8Array(d.getDecodedBuffer()); // a copy, as a plain Uint8Array
  d.delete();
  return out;
}

function firstFragment(bytes: Uint8Array, marker: number[]): Uint8Array {
  const b = Buffer.from(bytes);
  const start = b.indexOf(Buffer.from(marker));
  const len = b.readUInt32LE(start - 4);
  return bytes.subarray(start, start + len);
}

const bytesOf = (d: Uint8Array | Uint16Array) => new Uint8Array(d.buffer, d.byteOffset, d.byteLength);

describe('pure-JS codec builds (browser default) equal the WASM builds', () => {
  const cases: [string, string, string, number[]][] = [
    ['../shared/data/dicom/examples_ybr_color.dcm', '@cornerstonejs/codec-libjpeg-turbo-8bit/decode', 'JPEGDecoder', [0xff, 0xd8, 0xff]],
    ['test/fixtures/decode/pydicom/MR_small_jp2klossless.dcm', '@cornerstonejs/codec-openjpeg/decode', 'J2KDecoder', [0xff, 0x4f, 0xff, 0x51]],
    ['test/fixtures/decode/pydicom/MR_small_jpeg_ls_lossless.dcm', '@cornerstonejs/codec-charls/decode', 'JpegLSDecoder', [0xff, 0xd8, 0xff]],
  ];
  for (const [file, spec, cls, marker] of cases) {
    it.skipIf(!present(file))(`${spec} on ${file.split('/').pop()}${file.startsWith('../shared/') ? NEEDS_SHARED : ''}`, async () => {
      const bytes = new Uint8Array(readFileSync(file));
      const viaWasm = (await (await openDicomCine(bytes)).frame(0)).data;
      const viaJs = await jsDecode(spec, cls, firstFragment(bytes, marker));
      expect(viaWasm).toBeInstanceOf(viaWasm.BYTES_PER_ELEMENT === 1 ? Uint8Array : Uint16Array);
      expect(viaJs).toEqual(bytesOf(viaWasm));
    });
  }
  it('configureCodecs validates its input', () => {
    expect(() => configureCodecs(null as unknown as object)).toThrow(expect.toSatisfy((e) => isSonoriskError(e, 'INVALID_ARGUMENT')));
    expect(() => configureCodecs({ wasmBaseUrl: '' })).toThrow(/wasmBaseUrl/);
    configureCodecs({ wasmBaseUrl: '/codecs' });
    configureCodecs({ wasmBaseUrl: undefined });
  });
});
