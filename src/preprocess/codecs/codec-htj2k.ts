/**
 * High-Throughput JPEG 2000 (1.2.840.10008.1.2.4.201–203, ISO 15444-15) via OpenJPH
 * (@cornerstonejs/codec-openjph). The package ships only a WASM build: Node reads it from the
 * package folder; browsers need `configureCodecs({ wasmBaseUrl })` serving `openjphjs.wasm`.
 * Size check and output conversion are JPEG 2000's.
 * @module
 */
import { checkJ2kSize, j2kOutput } from './codec-jpeg2000.js';
import type { CodecInput, CodecOutput } from './codec-registry.js';
import { emscriptenModule } from './emscripten-codec.js';

const load = () => import('@cornerstonejs/codec-openjph/wasmjs');
// No pure-JS build exists: outside Node the same loader runs, and needs wasmBaseUrl.
const run = emscriptenModule(load, load, 'HTJ2KDecoder');

/** Decodes one HTJ2K frame. */
export async function decodeHtj2k(input: CodecInput): Promise<CodecOutput> {
  checkJ2kSize(input, 'HTJ2K');
  let out: CodecOutput | undefined;
  await run(input.encoded, (d) => {
    out = j2kOutput(d, input, 'HTJ2K');
  });
  return out!;
}
