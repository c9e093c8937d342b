import { SonoriskError } from '../errors.js';

/** One per-case error of a stage: which model, recording and file failed, with the error code. */
export interface StageCaseError {
  model?: string;
  recording?: 'bmode' | 'ceus';
  path?: string;
  code: string;
  message: string;
}

/** One case's line in a stage summary. */
export interface StageCaseSummary {
  id: string;
  /** The case's position in the cohort manifest (0-based), so shards merge back in manifest order. */
  index?: number;
  status: 'ok' | 'skipped' | 'failed' | 'partial';
  seconds: number;
  models?: Record<string, 'ok' | 'skipped' | 'failed'>;
  errors?: StageCaseError[];
  /** Bytes fetched over DICOMweb for this case, when its recordings came from a PACS. */
  bytesFetched?: number;
}

/** `<out>/<stage>-summary.json` as `prepare` and `predict` write it. */
export interface StageSummary {
  stage: string;
  ok: number;
  skipped: number;
  failed: number;
  /** Cases where some models failed and others were written. */
  partial?: number;
  /** The shard this run processed (`--shard i/n`), when it was one. */
  shard?: { index: number; count: number };
  /** Cases in the whole manifest (all shards). */
  manifestCases?: number;
  cases: StageCaseSummary[];
}

const STATUS = new Set(['ok', 'skipped', 'failed', 'partial']);
const MODEL_STATUS = new Set(['ok', 'skipped', 'failed']);

function bad(where: string, what: string): never {
  throw new SonoriskError('INVALID_ARGUMENT', `Stage summary ${where}: ${what}`);
}

function str(v: unknown, where: string): string {
  if (typeof v !== 'string') bad(where, 'must be a string.');
  return v;
}

function parseError(e: unknown, where: string): StageCaseError {
  if (typeof e !== 'object' || e === null) bad(where, 'must be an object.');
  const r = e as Record<string, unknown>;
  const out: StageCaseError = { code: str(r['code'], `${where}.code`), message: str(r['message'] ?? '', `${where}.message`) };
  if (r['model'] !== undefined) out.model = str(r['model'], `${where}.model`);
  if (r['recording'] !== undefined) {
    if (r['recording'] !== 'bmode' && r['recording'] !== 'ceus') bad(`${where}.recording`, "must be 'bmode' or 'ceus'.");
    out.recording = r['recording'];
  }
  if (r['path'] !== undefined) out.path = str(r['path'], `${where}.path`);
  return out;
}

/**
 * Parses a stage summary (`prepare-summary.json`, `predict-summary.json`) from JSON text or a parsed
 * object. Older summaries with a single `error` field per case read as a one-item `errors` list.
 *
 * @throws SonoriskError `INVALID_ARGUMENT` naming the field.
 * @example
 * ```ts
 * const s = parseStageSummary('{"stage":"predict","ok":1,"skipped":0,"failed":0,"cases":[{"id":"P1","status":"ok","seconds":2}]}');
 * s.cases[0].status; // 'ok'
 * ```
 */
export function parseStageSummary(json: string | unknown): StageSummary {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (e) {
      bad('JSON', `not valid JSON (${(e as Error).message}).`);
    }
  }
  if (typeof value !== 'object' || value === null) bad('top level', 'must be an object.');
  const r = value as Record<string, unknown>;
  const count = (k: string) => (typeof r[k] === 'number' ? (r[k] as number) : 0);
  if (!Array.isArray(r['cases'])) bad('cases', 'must be an array.');
  const cases = (r['cases'] as unknown[]).map((c, i): StageCaseSummary => {
    const where = `cases[${i}]`;
    if (typeof c !== 'object' || c === null) bad(where, 'must be an object.');
    const cr = c as Record<string, unknown>;
    const status = str(cr['status'], `${where}.status`);
    if (!STATUS.has(status)) bad(`${where}.status`, `'${status}' is not ok, skipped, failed or partial.`);
    const out: StageCaseSummary = { id: str(cr['id'], `${where}.id`), status: status as StageCaseSummary['status'], seconds: typeof cr['seconds'] === 'number' ? cr['seconds'] : 0 };
    if (Number.isInteger(cr['index']) && (cr['index'] as number) >= 0) out.index = cr['index'] as number;
    if (typeof cr['bytesFetched'] === 'number' && cr['bytesFetched'] >= 0) out.bytesFetched = cr['bytesFetched'];
    if (cr['models'] !== undefined) {
      if (typeof cr['models'] !== 'object' || cr['models'] === null) bad(`${where}.models`, 'must be an object.');
      const models: Record<string, 'ok' | 'skipped' | 'failed'> = {};
      for (const [m, s] of Object.entries(cr['models'] as Record<string, unknown>)) {
        if (typeof s !== 'string' || !MODEL_STATUS.has(s)) bad(`${where}.models.${m}`, 'must be ok, skipped or failed.');
        models[m] = s as 'ok' | 'skipped' | 'failed';
      }
      out.models = models;
    }
    const errors = Array.isArray(cr['errors']) ? cr['errors'] : cr['error'] !== undefined ? [cr['error']] : [];
    if (errors.length) out.errors = errors.map((e, k) => (typeof e === 'string' ? { code: 'UNKNOWN', message: e } : parseError(e, `${where}.errors[${k}]`)));
    return out;
  });
  const summary: StageSummary = { stage: typeof r['stage'] === 'string' ? r['stage'] : 'unknown', ok: count('ok'), skipped: count('skipped'), failed: count('failed'), cases };
  if (typeof r['partial'] === 'number') summary.partial = r['partial'];
  const sh = r['shard'] as { index?: unknown; count?: unknown } | undefined;
  if (sh !== undefined) {
    if (typeof sh !== 'object' || sh === null || !Number.isInteger(sh.index) || !Number.isInteger(sh.count) || (sh.index as number) < 1 || (sh.index as number) > (sh.count as number)) {
      bad('shard', 'must be { index, count } with 1 ≤ index ≤ count.');
    }
    summary.shard = { index: sh.index as number, count: sh.count as number };
  }
  if (Number.isInteger(r['manifestCases'])) summary.manifestCases = r['manifestCases'] as number;
  return summary;
}
