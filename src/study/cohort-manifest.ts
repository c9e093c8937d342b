import { closestName, didYouMean } from '../closest-name.js';
import { SonoriskError } from '../errors.js';
import { idProblem } from '../safe-id.js';
import { parseCsv } from '../report/index.js';

/** The two corner points a reader marked (inclusive, any order), in pixels or millimetres. */
export interface MarkedBox {
  corners: [{ x: number; y: number }, { x: number; y: number }];
  units: 'px' | 'mm';
}

/** One recording of a case: its file and the box marked on it. */
export interface CaseRecording {
  /** The file (`readCohortManifest` resolves it against the manifest's folder). */
  path: string;
  /** The path as written in the manifest (what error messages name). */
  givenPath?: string;
  box: MarkedBox;
  /**
   * Frames per second, for a file that states no timing (e.g. a B-mode loop exported without a
   * frame time); ignored when the file has its own timing.
   */
  frameRate?: number;
}

/** One patient of a cohort manifest. */
export interface CohortCase {
  id: string;
  /** Early recurrence within 2 years (1) or not (0); undefined when unknown. */
  outcome?: 0 | 1;
  /** Data split, e.g. 'train' or 'validation'. */
  split?: string;
  bmode?: CaseRecording;
  ceus?: CaseRecording;
  /** Seconds from the first CEUS frame to the injection (negative when recording began after it). */
  injectionOffset: number;
  /**
   * Clinical and ultrasound covariates (numbers where they parse, else strings), by their bare name:
   * the CSV column `cov_afp` is `covariates.afp`.
   */
  covariates: Record<string, number | string>;
}

/** A validated cohort. */
export interface CohortManifest {
  cases: CohortCase[];
}

const BOX_FIELDS = ['x0', 'y0', 'x1', 'y1'] as const;
/** The CSV prefix that declares a covariate column: `cov_afp` → covariate `afp`. */
export const COVARIATE_PREFIX = 'cov_';
/** Every CSV column a cohort manifest knows, besides `cov_*` covariates. */
const CSV_COLUMNS: readonly string[] = [
  'id',
  'outcome',
  'split',
  'injection_offset',
  'box_units',
  ...['bmode', 'ceus'].flatMap((kind) => [`${kind}_path`, ...BOX_FIELDS.map((f) => `${kind}_${f}`), `${kind}_frame_rate`]),
];
const JSON_CASE_KEYS = ['id', 'outcome', 'split', 'bmode', 'ceus', 'injectionOffset', 'covariates'];
const JSON_RECORDING_KEYS = ['path', 'corners', 'units', 'frameRate'];
const JSON_TOP_KEYS = ['cases', 'note', 'synthetic', 'seed', 'description'];

function unknownKey(where: string, key: string, known: readonly string[], hint = ''): never {
  const near = closestName(key, known);
  throw new SonoriskError(
    'MANIFEST_INVALID',
    `Cohort manifest ${where}: unknown ${where === 'header' ? 'column' : 'key'} '${key}'.${near ? ` Did you mean '${near}'?` : ''}${hint}`,
    { where, field: key, ...(near ? { suggestion: near } : {}) },
  );
}

function fail(where: string, field: string, what: string): never {
  throw new SonoriskError('MANIFEST_INVALID', `Cohort manifest ${where}, field '${field}': ${what}`, { where, field });
}

function parseOutcome(v: unknown, where: string): 0 | 1 | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (v === 0 || v === 1 || v === '0' || v === '1') return Number(v) as 0 | 1;
  if (v === true || v === false) return v ? 1 : 0;
  return fail(where, 'outcome', `must be 0, 1 or empty (unknown), got '${String(v)}'.`);
}

function parseFiniteNumber(v: unknown, where: string, field: string): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  if (!Number.isFinite(n)) fail(where, field, `must be a finite number, got '${String(v)}'.`);
  return n;
}

function parseUnits(v: unknown, where: string, field: string): 'px' | 'mm' {
  if (v === undefined || v === null || v === '') return 'px';
  if (v === 'px' || v === 'mm') return v;
  return fail(where, field, `must be 'px' or 'mm', got '${String(v)}'.`);
}

function parseFrameRate(v: unknown, where: string, field: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = parseFiniteNumber(v, where, field);
  if (!(n > 0 && n <= 10_000)) fail(where, field, `must be frames per second in (0, 10000], got '${String(v)}'.`);
  return n;
}

function checkId(id: unknown, where: string, seen: Set<string>): string {
  const problem = idProblem(id);
  if (problem) fail(where, 'id', problem);
  if (seen.has(id as string)) fail(where, 'id', `'${id as string}' appears twice.`);
  seen.add(id as string);
  return id as string;
}

/**
 * Parses and validates a cohort manifest from CSV or JSON text. Errors name the row (or case) and
 * the field. CSV columns: `id, outcome, split, bmode_path, bmode_x0, bmode_y0, bmode_x1, bmode_y1,
 * bmode_frame_rate, ceus_path, ceus_x0, …, ceus_frame_rate, injection_offset, box_units`, and
 * covariates declared with the `cov_` prefix (stored under the bare name). Any other column is a
 * `MANIFEST_INVALID` error that names it and suggests the nearest known column (`injection_ofset` →
 * `injection_offset`). JSON: `{ "cases": [{ "id", "outcome", "split", "bmode": { "path", "corners":
 * [[x, y], [x, y]], "units", "frameRate" }, "ceus": {...}, "injectionOffset", "covariates": {...} }] }`,
 * unknown keys rejected the same way. See docs/cohort.md.
 *
 * @example
 * ```ts
 * const cohort = parseCohortManifest('id,outcome,ceus_path,ceus_x0,ceus_y0,ceus_x1,ceus_y1,cov_afp\nP1,1,p1.dcm,10,20,90,100,35\n', 'csv');
 * cohort.cases[0].ceus.box.corners; // [{ x: 10, y: 20 }, { x: 90, y: 100 }]
 * cohort.cases[0].covariates; // { afp: 35 }
 * ```
 */
export function parseCohortManifest(text: string, format: 'csv' | 'json'): CohortManifest {
  if (typeof text !== 'string') throw new SonoriskError('INVALID_ARGUMENT', 'parseCohortManifest: text must be a string.');
  const cases = format === 'csv' ? fromCsv(text) : fromJson(text);
  if (cases.length === 0) throw new SonoriskError('EMPTY_INPUT', 'Cohort manifest has no cases.');
  return { cases };
}

function fromCsv(text: string): CohortCase[] {
  const { header, rows } = parseCsv(text);
  if (!header.includes('id')) fail('header', 'id', `the CSV needs an id column.${header[0] ? didYouMean(header[0], ['id']) : ''}`);
  const known = new Set(CSV_COLUMNS);
  const seenColumns = new Set<string>();
  for (const h of header) {
    if (seenColumns.has(h)) fail('header', h, 'the column appears twice.');
    seenColumns.add(h);
    if (h.startsWith(COVARIATE_PREFIX)) {
      if (h.length === COVARIATE_PREFIX.length) fail('header', h, `a covariate column needs a name after '${COVARIATE_PREFIX}'.`);
      continue;
    }
    if (!known.has(h)) unknownKey('header', h, CSV_COLUMNS, ` Covariates are declared with the '${COVARIATE_PREFIX}' prefix (e.g. '${COVARIATE_PREFIX}${h}').`);
  }
  const seen = new Set<string>();
  return rows.map((values, k) => {
    const row: Record<string, string> = {};
    header.forEach((h, j) => {
      row[h] = (values[j] ?? '').trim();
    });
    const where = `row ${k + 1}${row['id'] ? ` (case ${row['id']})` : ''}`;
    const units = parseUnits(row['box_units'], where, 'box_units');
    const recording = (kind: 'bmode' | 'ceus'): CaseRecording | undefined => {
      const path = row[`${kind}_path`];
      if (!path) return undefined;
      const [x0, y0, x1, y1] = BOX_FIELDS.map((f) => parseFiniteNumber(row[`${kind}_${f}`], where, `${kind}_${f}`)) as [number, number, number, number];
      const frameRate = parseFrameRate(row[`${kind}_frame_rate`], where, `${kind}_frame_rate`);
      return { path, givenPath: path, box: { corners: [{ x: x0, y: y0 }, { x: x1, y: y1 }], units }, ...(frameRate === undefined ? {} : { frameRate }) };
    };
    const covariates: Record<string, number | string> = {};
    for (const h of header) {
      if (!h.startsWith(COVARIATE_PREFIX)) continue;
      const v = row[h] ?? '';
      if (v === '') continue;
      const n = Number(v);
      covariates[h.slice(COVARIATE_PREFIX.length)] = Number.isFinite(n) ? n : v;
    }
    return buildCase(where, seen, {
      id: row['id'],
      outcome: row['outcome'],
      split: row['split'],
      bmode: recording('bmode'),
      ceus: recording('ceus'),
      injectionOffset: row['injection_offset'],
      covariates,
    });
  });
}

function fromJson(text: string): CohortCase[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new SonoriskError('MANIFEST_INVALID', `Cohort manifest is not valid JSON: ${(e as Error).message}`);
  }
  const list = Array.isArray(data) ? data : (data as { cases?: unknown } | null)?.cases;
  if (!Array.isArray(list)) throw new SonoriskError('MANIFEST_INVALID', 'Cohort manifest JSON must be an array of cases or { "cases": [...] }.');
  if (!Array.isArray(data)) for (const key of Object.keys(data as object)) if (!JSON_TOP_KEYS.includes(key)) unknownKey('(top level)', key, JSON_TOP_KEYS);
  const seen = new Set<string>();
  return list.map((raw: unknown, k) => {
    if (typeof raw !== 'object' || raw === null) fail(`case ${k + 1}`, '(case)', 'must be an object.');
    const c = raw as Record<string, unknown>;
    const where = `case ${k + 1}${typeof c['id'] === 'string' ? ` (${c['id']})` : ''}`;
    for (const key of Object.keys(c)) if (!JSON_CASE_KEYS.includes(key)) unknownKey(where, key, JSON_CASE_KEYS, " Covariates go in the case's 'covariates' object.");
    const recording = (kind: 'bmode' | 'ceus'): CaseRecording | undefined => {
      const r = c[kind];
      if (r === undefined || r === null) return undefined;
      if (typeof r !== 'object' || Array.isArray(r)) fail(where, kind, 'must be an object { path, corners, units, frameRate }.');
      for (const key of Object.keys(r)) if (!JSON_RECORDING_KEYS.includes(key)) unknownKey(`${where}, ${kind}`, key, JSON_RECORDING_KEYS);
      const rec = r as { path?: unknown; corners?: unknown; units?: unknown; frameRate?: unknown };
      if (typeof rec.path !== 'string' || rec.path === '') fail(where, `${kind}.path`, 'must be a non-empty string.');
      const corners = rec.corners;
      if (!Array.isArray(corners) || corners.length !== 2 || !corners.every((p) => Array.isArray(p) && p.length === 2)) {
        fail(where, `${kind}.corners`, 'must be two points [[x, y], [x, y]] (the marked corners).');
      }
      const pts = (corners as unknown[][]).map((p, j) => ({
        x: parseFiniteNumber(p[0], where, `${kind}.corners[${j}][0]`),
        y: parseFiniteNumber(p[1], where, `${kind}.corners[${j}][1]`),
      }));
      const frameRate = parseFrameRate(rec.frameRate, where, `${kind}.frameRate`);
      return { path: rec.path, givenPath: rec.path, box: { corners: [pts[0]!, pts[1]!], units: parseUnits(rec.units, where, `${kind}.units`) }, ...(frameRate === undefined ? {} : { frameRate }) };
    };
    const cov = c['covariates'];
    if (cov !== undefined && (typeof cov !== 'object' || cov === null || Array.isArray(cov))) fail(where, 'covariates', 'must be an object.');
    const covariates: Record<string, number | string> = {};
    for (const [key, v] of Object.entries((cov ?? {}) as Record<string, unknown>)) {
      if (v === null || v === undefined || v === '') continue;
      if (typeof v !== 'number' && typeof v !== 'string') fail(where, `covariates.${key}`, 'must be a number or a string.');
      if (typeof v === 'number' && !Number.isFinite(v)) fail(where, `covariates.${key}`, 'must be finite.');
      covariates[key] = v;
    }
    return buildCase(where, seen, {
      id: c['id'],
      outcome: c['outcome'],
      split: c['split'],
      bmode: recording('bmode'),
      ceus: recording('ceus'),
      injectionOffset: c['injectionOffset'],
      covariates,
    });
  });
}

function buildCase(
  where: string,
  seen: Set<string>,
  raw: { id: unknown; outcome: unknown; split: unknown; bmode: CaseRecording | undefined; ceus: CaseRecording | undefined; injectionOffset: unknown; covariates: Record<string, number | string> },
): CohortCase {
  const id = checkId(raw.id, where, seen);
  if (!raw.bmode && !raw.ceus) fail(where, 'bmode_path/ceus_path', 'a case needs at least one recording (B-mode or CEUS).');
  if (raw.split !== undefined && raw.split !== '' && typeof raw.split !== 'string') fail(where, 'split', 'must be a string.');
  const out: CohortCase = {
    id,
    injectionOffset: raw.injectionOffset === undefined || raw.injectionOffset === '' ? 0 : parseFiniteNumber(raw.injectionOffset, where, 'injection_offset'),
    covariates: raw.covariates,
  };
  const outcome = parseOutcome(raw.outcome, where);
  if (outcome !== undefined) out.outcome = outcome;
  if (typeof raw.split === 'string' && raw.split !== '') out.split = raw.split;
  if (raw.bmode) out.bmode = raw.bmode;
  if (raw.ceus) out.ceus = raw.ceus;
  return out;
}
