/**
 * High-Throughput JPEG 2000 (1.2.840.10008.1.2.4.201–203, ISO 15444-15) via OpenJPH
 * (@cornerstonejs/codec-openjph). The package ships only a WASM build: Node reads it from the
 * package folder; browsers need `configureCodecs({ wasmBaseUrl })` serving `openjphjs.wasm`.
 * Size check and output conversion are JPEG 2000's; the tile-part lengths are checked first
 * because OpenJPH trusts them (a Psot past the end of the frame made it spin for minutes).
 * @module
 */
import { SonoriskError } from '../../errors.js';
import { checkJ2kSize, j2kOutput } from './codec-jpeg2000.js';
import type { CodecInput, CodecOutput } from './codec-registry.js';
import { emscriptenModule } from './emscripten-codec.js';
import { j2kTilePartProblem } from './jpeg-markers.js';

const load = () => import('@cornerstonejs/codec-openjph/wasmjs');
// No pure-JS build exists: outside Node the same loader runs, and needs wasmBaseUrl.
const run = emscriptenModule(load, load, 'HTJ2KDecoder');

/** Decodes one HTJ2K frame. */
export async function decodeHtj2k(input: CodecInput): Promise<CodecOutput> {
  checkJ2kSize(input, 'HTJ2K');
  const problem = j2kTilePartProblem(input.encoded);
  if (problem) throw new SonoriskError('CODEC_FAILED', `The HTJ2K codestream is damaged: ${problem}.`);
  let out: CodecOutput | undefined;
  await run(input.encoded, (d) => {
    out = j2kOutput(d, input, 'HTJ2K');
  });
  return out!;
}
