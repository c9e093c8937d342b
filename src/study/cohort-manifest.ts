import { SonoriskError } from '../errors.js';
import { parseCsv } from './csv.js';

/** The two corner points a reader marked (inclusive, any order), in pixels or millimetres. */
export interface MarkedBox {
  corners: [{ x: number; y: number }, { x: number; y: number }];
  units: 'px' | 'mm';
}

/** One recording of a case: its file and the box marked on it. */
export interface CaseRecording {
  path: string;
  box: MarkedBox;
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
  /** Clinical and ultrasound covariates (numbers where they parse, else strings). */
  covariates: Record<string, number | string>;
}

/** A validated cohort. */
export interface CohortManifest {
  cases: CohortCase[];
}

const RESERVED = new Set(['id', 'outcome', 'split', 'injection_offset', 'box_units']);
const BOX_FIELDS = ['x0', 'y0', 'x1', 'y1'] as const;

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

function checkId(id: unknown, where: string, seen: Set<string>): string {
  if (typeof id !== 'string' || id.trim() === '') fail(where, 'id', 'must be a non-empty string.');
  if (!/^[A-Za-z0-9._-]+$/.test(id)) fail(where, 'id', `'${id}' may hold only letters, digits, '.', '_' and '-' (it names output files).`);
  if (seen.has(id)) fail(where, 'id', `'${id}' appears twice.`);
  seen.add(id);
  return id;
}

/**
 * Parses and validates a cohort manifest from CSV or JSON text. Errors name the row (or case) and
 * the field. CSV columns: `id, outcome, split, bmode_path, bmode_x0, bmode_y0, bmode_x1, bmode_y1,
 * ceus_path, ceus_x0, …, injection_offset, box_units`; every other column is a covariate.
 * JSON: `{ "cases": [{ "id", "outcome", "split", "bmode": { "path", "corners": [[x, y], [x, y]], "units" },
 * "ceus": {...}, "injectionOffset", "covariates": {...} }] }`. See docs/cohort.md.
 *
 * @example
 * ```ts
 * const cohort = parseCohortManifest('id,outcome,ceus_path,ceus_x0,ceus_y0,ceus_x1,ceus_y1\nP1,1,p1.dcm,10,20,90,100\n', 'csv');
 * cohort.cases[0].ceus.box.corners; // [{ x: 10, y: 20 }, { x: 90, y: 100 }]
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
  if (!header.includes('id')) fail('header', 'id', 'the CSV needs an id column.');
  const seen = new Set<string>();
  const recordingFields = new Set<string>();
  for (const kind of ['bmode', 'ceus']) {
    recordingFields.add(`${kind}_path`);
    for (const f of BOX_FIELDS) recordingFields.add(`${kind}_${f}`);
  }
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
      return { path, box: { corners: [{ x: x0, y: y0 }, { x: x1, y: y1 }], units } };
    };
    const covariates: Record<string, number | string> = {};
    for (const h of header) {
      if (RESERVED.has(h) || recordingFields.has(h)) continue;
      const v = row[h] ?? '';
      if (v === '') continue;
      const n = Number(v);
      covariates[h] = Number.isFinite(n) ? n : v;
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
  const seen = new Set<string>();
  return list.map((raw: unknown, k) => {
    if (typeof raw !== 'object' || raw === null) fail(`case ${k + 1}`, '(case)', 'must be an object.');
    const c = raw as Record<string, unknown>;
    const where = `case ${k + 1}${typeof c['id'] === 'string' ? ` (${c['id']})` : ''}`;
    const recording = (kind: 'bmode' | 'ceus'): CaseRecording | undefined => {
      const r = c[kind];
      if (r === undefined || r === null) return undefined;
      const rec = r as { path?: unknown; corners?: unknown; units?: unknown };
      if (typeof rec.path !== 'string' || rec.path === '') fail(where, `${kind}.path`, 'must be a non-empty string.');
      const corners = rec.corners;
      if (!Array.isArray(corners) || corners.length !== 2 || !corners.every((p) => Array.isArray(p) && p.length === 2)) {
        fail(where, `${kind}.corners`, 'must be two points [[x, y], [x, y]] (the marked corners).');
      }
      const pts = (corners as unknown[][]).map((p, j) => ({
        x: parseFiniteNumber(p[0], where, `${kind}.corners[${j}][0]`),
        y: parseFiniteNumber(p[1], where, `${kind}.corners[${j}][1]`),
      }));
      return { path: rec.path, box: { corners: [pts[0]!, pts[1]!], units: parseUnits(rec.units, where, `${kind}.units`) } };
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
