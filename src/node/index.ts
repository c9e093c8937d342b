/**
 * sonorisk/node — Node-only helpers: files, worker pool, CLI. The only folder that may import `node:*`.
 * @module node
 */
export { runCli } from './cli-main.js';
export { openDicomFile } from './open-dicom-file.js';
export type { DicomFileCine } from './open-dicom-file.js';
