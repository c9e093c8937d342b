/**
 * Checks and helpers other folders of src share with preprocess, kept out of the public subpath
 * (src/preprocess/index.ts). Import them as `../preprocess/internal.js`; not part of the API.
 * @internal
 * @module
 */
export { assertBoxInside, assertChannel, regionValues } from './roi/region-values.js';
export { assertCine, frameIndices, frameOfSize } from './cine/cine-checks.js';
export { setPlatformCodec } from './codecs/codec-registry.js';
export type { PlatformCodecLoader } from './codecs/codec-registry.js';
export { decodePreparedJpeg, prepareJpeg } from './codecs/codec-jpeg.js';
export { endsWithEoi } from './codecs/jpeg-markers.js';
export { checkFrameInfo } from './codecs/emscripten-codec.js';
export { concatBytes } from './dicom/random-access-source.js';
