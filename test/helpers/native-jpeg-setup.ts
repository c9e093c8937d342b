/**
 * Setup file of vitest.native.config.ts (`npm run test:native`): registers sonorisk/node's native
 * JPEG decoder (sharp) before the core DICOM suites run, so parity with pydicom + GDCM, the fuzz
 * slice and the hostile files are checked on the native path too. Fails when sharp does not load,
 * rather than silently testing the WASM build again.
 */
import { configureNativeJpeg, nativeJpegStatus } from '../../src/node/native-jpeg.js';

configureNativeJpeg({ enabled: true });
const status = await nativeJpegStatus();
if (!status.active) throw new Error(`npm run test:native needs sharp: ${status.reason}`);
