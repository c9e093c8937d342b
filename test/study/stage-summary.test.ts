import { describe, expect, it } from 'vitest';
import { parseStageSummary } from '../../src/study/index.js';
import { expectCodes } from '../helpers/expect-code.js';

describe('parseStageSummary', () => {
  it('reads per-case, per-model and per-recording errors, the shard and manifest positions', () => {
    const s = parseStageSummary({
      stage: 'predict', ok: 1, skipped: 0, failed: 0, partial: 1, shard: { index: 2, count: 4 }, manifestCases: 10,
      cases: [
        { id: 'P1', index: 3, status: 'ok', seconds: 1.5, models: { 'R-US': 'ok' } },
        { id: 'P2', index: 7, status: 'partial', seconds: 2, models: { 'R-US': 'failed', 'R-CEUS': 'ok' }, errors: [{ model: 'R-US', recording: 'bmode', path: 'P2/b.png', code: 'DICOM_INVALID', message: 'not DICOM' }] },
      ],
    });
    expect(s.shard).toEqual({ index: 2, count: 4 });
    expect(s.partial).toBe(1);
    expect(s.cases[1]).toMatchObject({ index: 7, status: 'partial', errors: [{ model: 'R-US', recording: 'bmode', path: 'P2/b.png', code: 'DICOM_INVALID' }] });
  });
  it('reads the single error field of older summaries as a one-item list', () => {
    const s = parseStageSummary('{"stage":"prepare","ok":0,"skipped":0,"failed":1,"cases":[{"id":"P1","status":"failed","seconds":0,"error":{"code":"X","message":"m"}}]}');
    expect(s.cases[0]!.errors).toEqual([{ code: 'X', message: 'm' }]);
  });
  it('rejects malformed summaries with INVALID_ARGUMENT', async () => {
    await expectCodes([
      [() => parseStageSummary('{'), 'INVALID_ARGUMENT'],
      [() => parseStageSummary({ cases: 3 }), 'INVALID_ARGUMENT'],
      [() => parseStageSummary({ cases: [{ id: 'a', status: 'odd', seconds: 0 }] }), 'INVALID_ARGUMENT'],
      [() => parseStageSummary({ cases: [{ id: 'a', status: 'ok', seconds: 0, errors: [{ recording: 'x', code: 'C', message: '' }] }] }), 'INVALID_ARGUMENT'],
      [() => parseStageSummary({ shard: { index: 3, count: 2 }, cases: [] }), 'INVALID_ARGUMENT'],
    ]);
  });
});
