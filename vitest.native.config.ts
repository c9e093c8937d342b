import { defineConfig } from 'vitest/config';

/**
 * The core DICOM suites (parity with pydicom + GDCM, the seeded fuzz slice, the hostile files) with
 * sonorisk/node's native JPEG decoder (sharp) registered: `npm run test:native`. Not part of `npm test`,
 * which runs them on the WASM build; test/node/native-jpeg.test.ts (in `npm test`) compares the two.
 */
export default defineConfig({
  test: {
    include: ['test/preprocess/dicom/parity.test.ts', 'test/preprocess/dicom/fuzz.test.ts', 'test/preprocess/dicom/hostile.test.ts'],
    setupFiles: ['test/helpers/native-jpeg-setup.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
