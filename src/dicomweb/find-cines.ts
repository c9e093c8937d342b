/**
 * QIDO-RS search for the multi-frame ultrasound instances a cohort needs.
 * @module
 */
import { SonoriskError } from '../errors.js';
import { connect, type DicomWebOptions } from './connection.js';
import type { DicomJson } from './json-dataset.js';
import type { DicomWebInstance } from './open-dicomweb-cine.js';

/** Ultrasound Multi-frame Image Storage. */
export const US_MULTIFRAME_STORAGE = '1.2.840.10008.5.1.4.1.1.3.1';

/**
 * What to search for: at least one of study, patient or accession.
 *
 * @example
 * ```ts
 * const query: FindCinesQuery = { accessionNumber: 'A123' };
 * ```
 */
export interface FindCinesQuery {
  studyUID?: string;
  patientID?: string;
  accessionNumber?: string;
  /** SOP Class UID to match (default Ultrasound Multi-frame Image Storage). */
  sopClassUID?: string;
  /** Most results to ask for (QIDO `limit`). */
  limit?: number;
  /** Copy PatientID, PatientName, AccessionNumber and StudyDate into `identifying` (default false). */
  includeIdentifying?: boolean;
}

/**
 * One instance found: a reference {@link openDicomWebCine} accepts, plus counts and times read from
 * the QIDO answer (no pixel data is read).
 */
export interface CineRecord extends DicomWebInstance {
  sopClassUID: string;
  modality: string | undefined;
  seriesNumber: number | undefined;
  instanceNumber: number | undefined;
  seriesDescription: string | undefined;
  /** Number of Frames (0028,0008); undefined when the server did not return it. */
  frameCount: number | undefined;
  /** Frame interval in ms from Frame Time (0018,1063), Cine Rate or Recommended Display Frame Rate. */
  frameTimeMs: number | undefined;
  /** frameCount × frameTimeMs in seconds, when both are known. */
  durationS: number | undefined;
  /** Only with `includeIdentifying`. */
  identifying?: Record<string, string>;
}

const UID = /^[0-9]+(\.[0-9]+)*$/;
const FIELDS = ['00280008', '00181063', '00180040', '00082144', '0008103E', '00200011', '00200013', '00080060'];

const first = (ds: DicomJson, tag: string): unknown => ds[tag]?.Value?.[0];
const str = (ds: DicomJson, tag: string): string | undefined => {
  const v = first(ds, tag);
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && typeof (v as { Alphabetic?: unknown }).Alphabetic === 'string') return (v as { Alphabetic: string }).Alphabetic;
  return typeof v === 'number' ? String(v) : undefined;
};
const num = (ds: DicomJson, tag: string): number | undefined => {
  const v = Number(first(ds, tag));
  return first(ds, tag) !== undefined && Number.isFinite(v) ? v : undefined;
};

/**
 * Finds the multi-frame ultrasound instances of a study, a patient or an accession with one
 * QIDO-RS request, and returns their UIDs, frame counts and durations without reading pixels.
 * Each record can be passed to {@link openDicomWebCine} as is.
 *
 * Errors: `INVALID_ARGUMENT` (no criterion, bad UID), `DICOMWEB_INVALID_RESPONSE`, and the
 * request errors (`DICOMWEB_HTTP`, `DICOMWEB_NETWORK`, `DICOMWEB_TIMEOUT`, `DICOMWEB_ABORTED`).
 *
 * @example
 * ```ts
 * import { findUltrasoundCines, openDicomWebCine } from 'sonorisk/dicomweb';
 * const cines = await findUltrasoundCines({ accessionNumber: 'A123' }, { url, headers });
 * const longest = cines.sort((a, b) => (b.durationS ?? 0) - (a.durationS ?? 0))[0];
 * const cine = await openDicomWebCine(longest, { headers });
 * ```
 */
export async function findUltrasoundCines(query: FindCinesQuery, options: DicomWebOptions): Promise<CineRecord[]> {
  if (typeof query !== 'object' || query === null) throw new SonoriskError('INVALID_ARGUMENT', 'findUltrasoundCines: query must be an object.');
  const { studyUID, patientID, accessionNumber, sopClassUID = US_MULTIFRAME_STORAGE, limit, includeIdentifying = false } = query;
  if (studyUID === undefined && patientID === undefined && accessionNumber === undefined) {
    throw new SonoriskError('INVALID_ARGUMENT', 'findUltrasoundCines: give studyUID, patientID or accessionNumber (a search of the whole archive is refused).');
  }
  for (const [k, v] of Object.entries({ studyUID, sopClassUID })) {
    if (v !== undefined && (typeof v !== 'string' || !UID.test(v))) throw new SonoriskError('INVALID_ARGUMENT', `findUltrasoundCines: ${k} is not a DICOM UID.`, { field: k });
  }
  for (const [k, v] of Object.entries({ patientID, accessionNumber })) {
    if (v !== undefined && (typeof v !== 'string' || v === '' || /[*?\\]/.test(v))) {
      throw new SonoriskError('INVALID_ARGUMENT', `findUltrasoundCines: ${k} must be a non-empty exact value (no wildcards or backslashes).`, { field: k });
    }
  }
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new SonoriskError('INVALID_ARGUMENT', 'findUltrasoundCines: limit must be a positive integer.');
  const conn = connect(options);
  const params = new URLSearchParams({ SOPClassUID: sopClassUID });
  if (patientID !== undefined) params.set('PatientID', patientID);
  if (accessionNumber !== undefined) params.set('AccessionNumber', accessionNumber);
  if (limit !== undefined) params.set('limit', String(limit));
  for (const f of FIELDS) params.append('includefield', f);
  const path = `${studyUID ? `/studies/${studyUID}` : ''}/instances?${params.toString()}`;
  const res = await conn.request(path, { accept: 'application/dicom+json' });
  if (res.status === 204 || res.body.length === 0) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(res.body));
  } catch {
    throw new SonoriskError('DICOMWEB_INVALID_RESPONSE', `findUltrasoundCines: the answer of ${conn.redact(path)} is not JSON.`);
  }
  if (!Array.isArray(parsed)) throw new SonoriskError('DICOMWEB_INVALID_RESPONSE', `findUltrasoundCines: the answer of ${conn.redact(path)} is not a JSON array.`);
  const out: CineRecord[] = [];
  for (const ds of parsed as DicomJson[]) {
    if (typeof ds !== 'object' || ds === null) continue;
    const ids = { studyUID: str(ds, '0020000D'), seriesUID: str(ds, '0020000E'), instanceUID: str(ds, '00080018') };
    if (!ids.studyUID || !ids.seriesUID || !ids.instanceUID) continue;
    const frameCount = num(ds, '00280008');
    const cineRate = num(ds, '00180040');
    const displayRate = num(ds, '00082144');
    const frameTimeMs = num(ds, '00181063') ?? (cineRate ? 1000 / cineRate : displayRate ? 1000 / displayRate : undefined);
    const rec: CineRecord = {
      url: options.url,
      studyUID: ids.studyUID,
      seriesUID: ids.seriesUID,
      instanceUID: ids.instanceUID,
      sopClassUID: str(ds, '00080016') ?? sopClassUID,
      modality: str(ds, '00080060'),
      seriesNumber: num(ds, '00200011'),
      instanceNumber: num(ds, '00200013'),
      seriesDescription: str(ds, '0008103E'),
      frameCount,
      frameTimeMs,
      durationS: frameCount !== undefined && frameTimeMs !== undefined ? (frameCount * frameTimeMs) / 1000 : undefined,
    };
    if (includeIdentifying) {
      const id: Record<string, string> = {};
      for (const [k, tag] of Object.entries({ PatientID: '00100020', PatientName: '00100010', AccessionNumber: '00080050', StudyDate: '00080020' })) {
        const v = str(ds, tag);
        if (v) id[k] = v;
      }
      rec.identifying = id;
    }
    out.push(rec);
  }
  return out;
}
