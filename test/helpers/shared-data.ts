import { existsSync } from 'node:fs';

/** The real ultrasound DICOM files of the sibling ../shared checkout (absent in a plain clone). */
export const SHARED_DICOM = '../shared/data/dicom';

/** True when ../shared/data/dicom exists; tests that read it are skipped otherwise. */
export const HAS_SHARED = existsSync(SHARED_DICOM);

/** Appended to the name of a test or suite that needs ../shared, so a skip says why. */
export const NEEDS_SHARED = HAS_SHARED ? '' : ' [skipped: ../shared/data/dicom is absent in this clone]';

/** Whether one file (a path like '../shared/data/dicom/x.dcm' or a fixture) is there to read. */
export function present(file: string): boolean {
  return existsSync(file);
}
