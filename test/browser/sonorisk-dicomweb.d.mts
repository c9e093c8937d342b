// Types for the packed package's subpaths (dist may not exist at typecheck time).
export { openDicomWebCine } from '../../src/dicomweb/index.js';
export { openDicomCine } from '../../src/preprocess/index.js';
