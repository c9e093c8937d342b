/**
 * sonorisk/dicomweb — read cines from a PACS over DICOMweb (WADO-RS frames and metadata), find them
 * (QIDO-RS), and write results back as a DICOM Structured Report (STOW-RS). Uses only `fetch`.
 * @module dicomweb
 */
export { redactUrl } from './connection.js';
export type { DicomWebOptions, DicomWebTransfer } from './connection.js';
export { openDicomWebCine } from './open-dicomweb-cine.js';
export type { DicomWebCine, DicomWebInstance, OpenDicomWebCineOptions } from './open-dicomweb-cine.js';
