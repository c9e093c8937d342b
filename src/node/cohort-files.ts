import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { isSonoriskErrorCode, SonoriskError } from '../errors.js';
import { type Box, boxFromPoints, type Cine } from '../preprocess/index.js';
import { type CohortCase, type CohortManifest, type MarkedBox, parseCohortManifest, type StageCaseError } from '../study/index.js';
import { stageError } from './cohort-runner.js';
import { openRecording, type RecordingCine, resolveRecordingPath } from './recording-source.js';

/**
 * Reads a cohort manifest file (`.csv` or `.json`) and resolves its recording paths against the
 * manifest's folder; `dicomweb:<study>/<series>/<instance>` references become WADO-RS URLs under
 * `options.dicomWebUrl`, WADO-RS URLs stay as they are.
 *
 * @example
 * ```ts
 * const { cases } = await readCohortManifest('cohort.csv');
 * ```
 */
export async function readCohortManifest(path: string, options: { dicomWebUrl?: string } = {}): Promise<CohortManifest> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.csv' && ext !== '.json') {
    throw new SonoriskError('MANIFEST_INVALID', `Cohort manifest ${path}: the file must end in .csv or .json.`);
  }
  const text = await readFile(path, 'utf8').catch((e: unknown) => {
    throw new SonoriskError('INVALID_ARGUMENT', `Cannot read the cohort manifest ${path}: ${(e as Error).message}`);
  });
  const manifest = parseCohortManifest(text, ext === '.csv' ? 'csv' : 'json');
  const base = dirname(resolve(path));
  for (const c of manifest.cases) {
    for (const rec of [c.bmode, c.ceus]) if (rec) rec.path = resolveRecordingPath(rec.path, base, options.dicomWebUrl);
  }
  return manifest;
}

/**
 * Turns the two marked corners into a half-open pixel box on the cine: pixels as they are,
 * millimetres (from the image's top-left corner) through the cine's pixel spacing.
 *
 * @example
 * ```ts
 * const box = markedBoxOnCine({ corners: [{ x: 10, y: 20 }, { x: 90, y: 100 }], units: 'px' }, cine);
 * ```
 */
export function markedBoxOnCine(marked: MarkedBox, cine: Cine, warnings?: string[]): Box {
  let [a, b] = marked.corners;
  if (marked.units === 'mm') {
    const s = cine.meta.pixelSpacingMm;
    if (!s) {
      throw new SonoriskError('NO_PIXEL_SPACING', 'The box is given in mm but the cine states no pixel spacing (no 2D tissue ultrasound region); give the corners in pixels.');
    }
    const toPx = (p: { x: number; y: number }) => ({ x: Math.round(p.x / s.x), y: Math.round(p.y / s.y) });
    [a, b] = [toPx(a), toPx(b)];
  }
  return boxFromPoints(a, b, { within: { width: cine.width, height: cine.height }, ...(warnings ? { warnings } : {}) });
}

/** A case's cines opened from their files or DICOMweb, with their boxes; `close()` releases the file handles. */
export interface OpenedCase {
  cines: { bmode?: RecordingCine; ceus?: RecordingCine };
  boxes: { bmode?: Box; ceus?: Box };
  /** Recordings that could not be opened or boxed (the models that read them fail; the others run). */
  failures: { bmode?: StageCaseError; ceus?: StageCaseError };
  warnings: string[];
  close(): Promise<void>;
  /** Bytes fetched over DICOMweb so far for this case (0 when its recordings are files). */
  bytesFetched(): number;
}

/**
 * Opens a manifest case's recordings (only the frames later asked for are ever read) and places
 * its boxes on them. A recording that cannot be opened does not stop the other: its error (code,
 * recording, the path as the manifest gives it) is in `failures`. A file without timing gets the
 * manifest's frame rate when it gives one.
 *
 * @example
 * ```ts
 * const opened = await openCaseRecordings(cohort.cases[0]);
 * try { if (opened.failures.bmode) console.warn(opened.failures.bmode.message); } finally { await opened.close(); }
 * ```
 */
export async function openCaseRecordings(c: CohortCase): Promise<OpenedCase> {
  const opened: OpenedCase = {
    cines: {},
    boxes: {},
    failures: {},
    warnings: [],
    close: async () => {
      await Promise.all([opened.cines.bmode?.close(), opened.cines.ceus?.close()]);
    },
    bytesFetched: () => (opened.cines.bmode?.bytesFetched() ?? 0) + (opened.cines.ceus?.bytesFetched() ?? 0),
  };
  for (const kind of ['bmode', 'ceus'] as const) {
    const rec = c[kind];
    if (!rec) continue;
    let cine: RecordingCine | undefined;
    try {
      cine = await openRecording(rec.path);
      if (cine.frameTimes.length === 0 && rec.frameRate !== undefined) {
        const fps = rec.frameRate;
        cine = { ...cine, frameTimes: Float64Array.from({ length: cine.frameCount }, (_, i) => i / fps) };
        opened.warnings.push(`The ${kind} file states no frame timing; the manifest's frame rate ${fps}/s was used.`);
      }
      opened.boxes[kind] = markedBoxOnCine(rec.box, cine, opened.warnings);
      opened.cines[kind] = cine;
    } catch (e) {
      await cine?.close();
      opened.failures[kind] = stageError(e, { recording: kind, path: rec.givenPath ?? rec.path });
    }
  }
  return opened;
}

/**
 * Opens a manifest case's recordings like {@link openCaseRecordings}, but throws the first
 * recording's error.
 *
 * @example
 * ```ts
 * const opened = await openCase(cohort.cases[0]);
 * try { ... } finally { await opened.close(); }
 * ```
 */
export async function openCase(c: CohortCase): Promise<OpenedCase> {
  const opened = await openCaseRecordings(c);
  const failure = opened.failures.bmode ?? opened.failures.ceus;
  if (failure) {
    await opened.close();
    if (!isSonoriskErrorCode(failure.code)) throw new Error(`${failure.recording} recording ${failure.path}: ${failure.message}`);
    throw new SonoriskError(failure.code, `${failure.recording} recording ${failure.path}: ${failure.message}`, { recording: failure.recording, path: failure.path });
  }
  return opened;
}
