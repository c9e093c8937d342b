// The packed package's DICOMweb and preprocess subpaths (vitest.browser.config.ts resolves `sonorisk/*` to the installed tarball).
export { openDicomWebCine } from 'sonorisk/dicomweb';
export { openDicomCine } from 'sonorisk/preprocess';
