import { isAbsolute, resolve } from 'node:path';
import { openDicomWebCine } from '../dicomweb/index.js';
import { SonoriskError } from '../errors.js';
import type { Cine } from '../preprocess/index.js';
import { openDicomFile } from './open-dicom-file.js';

/** A cine opened from a manifest path: a file or a DICOMweb instance. */
export interface RecordingCine extends Cine {
  /** Releases the file handle (files) or nothing (DICOMweb). Safe to call more than once. */
  close(): Promise<void>;
  /** Bytes fetched over the network so far (0 for files). */
  bytesFetched(): number;
}

const WADO_RS = /^(https?:\/\/.+?)\/studies\/([0-9.]+)\/series\/([0-9.]+)\/instances\/([0-9.]+)\/?$/;
const SCHEME = 'dicomweb:';

/**
 * Resolves a manifest's recording path: `dicomweb:<study>/<series>/<instance>` becomes the WADO-RS
 * URL under `dicomWebUrl` (the CLI's `--dicomweb-url`), a WADO-RS URL stays as it is, anything else
 * is a file path resolved against the manifest's folder.
 *
 * @example
 * ```ts
 * resolveRecordingPath('dicomweb:1.2/1.3/1.4', '/data', 'http://pacs/dicom-web');
 * // 'http://pacs/dicom-web/studies/1.2/series/1.3/instances/1.4'
 * resolveRecordingPath('P1/ceus.dcm', '/data'); // '/data/P1/ceus.dcm'
 * ```
 */
export function resolveRecordingPath(path: string, base: string, dicomWebUrl?: string): string {
  if (path.startsWith(SCHEME)) {
    const parts = path.slice(SCHEME.length).split('/');
    if (parts.length !== 3 || parts.some((p) => !/^[0-9]+(\.[0-9]+)*$/.test(p))) {
      throw new SonoriskError('MANIFEST_INVALID', `Recording "${path}": a DICOMweb reference is dicomweb:<StudyInstanceUID>/<SeriesInstanceUID>/<SOPInstanceUID>.`);
    }
    if (!dicomWebUrl) throw new SonoriskError('USAGE', `Recording "${path}" is a DICOMweb reference; give the server's base URL with --dicomweb-url.`);
    return `${dicomWebUrl.replace(/\/+$/, '')}/studies/${parts[0]}/series/${parts[1]}/instances/${parts[2]}`;
  }
  if (/^https?:\/\//i.test(path)) {
    if (!WADO_RS.test(path)) throw new SonoriskError('MANIFEST_INVALID', 'A recording URL must be a WADO-RS instance URL: <base>/studies/<uid>/series/<uid>/instances/<uid>.');
    return path;
  }
  return isAbsolute(path) ? path : resolve(base, path);
}

/**
 * Opens a resolved recording path: a WADO-RS instance URL over DICOMweb (only the frames later
 * asked for are fetched; a bearer token may come from the environment variable
 * `SONORISK_DICOMWEB_TOKEN`, credentials in the URL are sent as HTTP Basic), anything else as a file.
 *
 * @example
 * ```ts
 * const cine = await openRecording('http://pacs/dicom-web/studies/1.2/series/1.3/instances/1.4');
 * try { await cine.frame(0); console.log(cine.bytesFetched()); } finally { await cine.close(); }
 * ```
 */
export async function openRecording(path: string): Promise<RecordingCine> {
  const m = WADO_RS.exec(path);
  if (!m) {
    const file = await openDicomFile(path);
    return Object.assign(file, { bytesFetched: () => 0 });
  }
  const token = process.env['SONORISK_DICOMWEB_TOKEN'];
  const cine = await openDicomWebCine({ url: m[1]!, studyUID: m[2]!, seriesUID: m[3]!, instanceUID: m[4]! }, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
  return Object.assign(cine, { close: async () => undefined, bytesFetched: () => cine.transfer.bytes });
}
