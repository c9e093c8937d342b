/**
 * sonorisk/dicomweb — read cines from a PACS over DICOMweb (WADO-RS frames and metadata), find them
 * (QIDO-RS), and write results back as a DICOM Structured Report (STOW-RS). Uses only `fetch`, so it
 * runs in Node ≥ 20, browsers and Deno; dcmjs (for the report) loads on first use.
 * @module dicomweb
 */
export { SONORISK_ERROR_CODES, SonoriskError, isSonoriskError, isSonoriskErrorCode } from '../errors.js';
export type { SonoriskErrorCode } from '../errors.js';
export { redactUrl } from './connection.js';
export type { DicomWebOptions, DicomWebTransfer } from './connection.js';
export { openDicomWebCine } from './open-dicomweb-cine.js';
export type { DicomWebCine, DicomWebInstance, OpenDicomWebCineOptions } from './open-dicomweb-cine.js';
export { findUltrasoundCines, US_MULTIFRAME_STORAGE } from './find-cines.js';
export type { CineRecord, FindCinesQuery } from './find-cines.js';
export { COMPREHENSIVE_SR, RISK_REPORT_CODES, SONORISK_SCHEME, riskReport, riskReportDataset } from './risk-report.js';
export type { RiskReportInput } from './risk-report.js';
export { storeInstances } from './store-instances.js';
export type { StoreResult } from './store-instances.js';
