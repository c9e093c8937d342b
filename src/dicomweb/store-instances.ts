/**
 * STOW-RS: store DICOM instances (e.g. a risk report) on a DICOMweb server.
 * @module
 */
import { SonoriskError } from '../errors.js';
import { connect, type DicomWebOptions } from './connection.js';
import type { DicomJson } from './json-dataset.js';
import { buildMultipart } from './multipart.js';

/**
 * What {@link storeInstances} stored: the SOP Instance UID and retrieve URL of each instance.
 *
 * @example
 * ```ts
 * const { stored } = await storeInstances([sr], options);
 * console.log(stored[0].instanceUID, stored[0].url);
 * ```
 */
export interface StoreResult {
  stored: { instanceUID: string; url: string | undefined }[];
  /** Response body bytes received (the server's JSON answer). */
  bytes: number;
}

const text = (ds: DicomJson | undefined, tag: string) => {
  const v = ds?.[tag]?.Value?.[0];
  return typeof v === 'string' ? v : undefined;
};

/**
 * Stores Part 10 DICOM instances with one STOW-RS request (`POST {url}/studies`,
 * multipart/related; type="application/dicom"), and checks the server's answer: every instance
 * must be listed as stored (Referenced SOP Sequence), none as failed.
 *
 * Errors: `DICOMWEB_STORE_FAILED` (the server refused some instances; details list their UIDs and
 * failure reasons), `DICOMWEB_HTTP`, `DICOMWEB_NETWORK`, `DICOMWEB_TIMEOUT`, `DICOMWEB_ABORTED`,
 * `INVALID_ARGUMENT`.
 *
 * @example
 * ```ts
 * import { riskReport, storeInstances } from 'sonorisk/dicomweb';
 * const sr = await riskReport(input);
 * await storeInstances([sr], { url: 'https://pacs.example.org/dicom-web', headers: { Authorization: `Bearer ${token}` } });
 * ```
 */
export async function storeInstances(instances: readonly Uint8Array[], options: DicomWebOptions & { studyUID?: string }): Promise<StoreResult> {
  if (!Array.isArray(instances) || instances.length === 0 || instances.some((b) => !(b instanceof Uint8Array) || b.length < 132)) {
    throw new SonoriskError('INVALID_ARGUMENT', 'storeInstances: give a non-empty array of Part 10 DICOM files (Uint8Array).');
  }
  const { studyUID, ...http } = options;
  if (studyUID !== undefined && !/^[0-9]+(\.[0-9]+)*$/.test(studyUID)) throw new SonoriskError('INVALID_ARGUMENT', 'storeInstances: studyUID is not a DICOM UID.');
  const conn = connect(http);
  const { body, contentType } = buildMultipart(instances, 'application/dicom');
  const path = studyUID ? `/studies/${studyUID}` : '/studies';
  const res = await conn.request(path, { method: 'POST', accept: 'application/dicom+json', body, contentType });
  let answer: DicomJson | undefined;
  try {
    const parsed = JSON.parse(new TextDecoder().decode(res.body)) as unknown;
    answer = (Array.isArray(parsed) ? parsed[0] : parsed) as DicomJson;
  } catch {
    answer = undefined;
  }
  const seq = (tag: string) => ((answer?.[tag]?.Value ?? []) as DicomJson[]).filter((x) => typeof x === 'object' && x !== null);
  const failed = seq('00081198').map((f) => ({ instanceUID: text(f, '00081155'), reason: f['00081197']?.Value?.[0] }));
  const stored = seq('00081199').map((s) => ({ instanceUID: text(s, '00081155') ?? '', url: text(s, '00081190') }));
  if (failed.length > 0 || stored.length < instances.length) {
    throw new SonoriskError(
      'DICOMWEB_STORE_FAILED',
      `storeInstances: ${conn.redact(path)} stored ${stored.length} of ${instances.length} instance(s)${failed.length ? `; failed: ${failed.map((f) => `${f.instanceUID ?? '?'} (reason ${String(f.reason ?? '?')})`).join(', ')}` : ''}.`,
      { stored, failed },
    );
  }
  return { stored, bytes: res.body.length };
}
