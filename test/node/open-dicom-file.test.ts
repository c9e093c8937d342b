import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSonoriskError } from '../../src/errors.js';
import { openDicomFile } from '../../src/node/index.js';
import { openDicomCine } from '../../src/preprocess/index.js';
import { HAS_SHARED, NEEDS_SHARED } from '../helpers/shared-data.js';

const PATH = '../shared/data/dicom/examples_ybr_color.dcm';

describe('openDicomFile', () => {
  it.skipIf(!HAS_SHARED)(`decodes the same frames as the in-memory path and closes its handle${NEEDS_SHARED}`, async () => {
    const cine = await openDicomFile(PATH);
    const mem = await openDicomCine(new Uint8Array(readFileSync(PATH)));
    expect([cine.width, cine.height, cine.frameCount]).toEqual([320, 240, 30]);
    expect((await cine.frame(29)).data).toEqual((await mem.frame(29)).data);
    await cine.close();
    await cine.close(); // idempotent
    await expect(cine.frame(0)).rejects.toSatisfy((e) => isSonoriskError(e, 'INVALID_ARGUMENT'));
  });
  it('a missing file or a non-DICOM file gives a SonoriskError', async () => {
    await expect(openDicomFile('/nonexistent/x.dcm')).rejects.toSatisfy((e) => isSonoriskError(e, 'INVALID_ARGUMENT'));
    await expect(openDicomFile('package.json')).rejects.toSatisfy((e) => isSonoriskError(e, 'DICOM_INVALID'));
    await expect(openDicomFile('' as string)).rejects.toSatisfy((e) => isSonoriskError(e, 'INVALID_ARGUMENT'));
  });
});
