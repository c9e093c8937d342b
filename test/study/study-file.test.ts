import { describe, expect, it } from 'vitest';
import { naturalCompare, parseStageSummary, parseStudyFile } from '../../src/study/index.js';

const code = (c: string) => expect.objectContaining({ code: c });

describe('parseStudyFile', () => {
  it('accepts a full study file', () => {
    const s = parseStudyFile({
      title: 'T',
      banner: 'Pilot',
      outcome: { label: 'Early recurrence', event: 'Yes', noEvent: 'No' },
      splits: { train: 'Development' },
      models: { 'R-US': { label: 'R-US (B-mode)' } },
      variables: {
        sizeMm: { label: 'Size', unit: 'mm', type: 'continuous', per: 10 },
        afp: { type: 'continuous', transform: 'log10' },
        segment: { type: 'categorical', levels: ['S1', 'S2', 'S10'], reference: 'S2', levelLabels: { S1: 'Segment 1' } },
        grade: { type: 'ordinal', levels: [1, 2, 3] },
      },
      clinicalModel: ['sizeMm', 'segment'],
      subgroups: [{ variable: 'sizeMm', cuts: [20, 50] }, { variable: 'segment' }],
    });
    expect(s.variables!['sizeMm']!.per).toBe(10);
  });
  it('names unknown keys with the nearest known one, at any depth', () => {
    expect(() => parseStudyFile('{"titel": "x"}')).toThrow(/unknown key 'titel' — did you mean 'title'/);
    expect(() => parseStudyFile({ variables: { a: { type: 'continuous', unti: 'mm' } } })).toThrow(/variables\.a: unknown key 'unti' — did you mean 'unit'/);
    expect(() => parseStudyFile({ subgroups: [{ varible: 'a' }] })).toThrow(/did you mean 'variable'/);
    expect(() => parseStudyFile({ outcome: { evnt: 'x' } })).toThrow(/did you mean 'event'/);
  });
  it('checks references between keys', () => {
    const bad = [
      '{',
      { variables: { a: { type: 'nominal' } } },
      { variables: { a: { type: 'categorical', levels: ['x', 'y'], reference: 'z' } } },
      { variables: { a: { type: 'categorical', levels: ['x', 'y'], levelLabels: { q: 'Q' } } } },
      { variables: { a: { type: 'categorical', levels: ['x', 'x'] } } },
      { variables: { a: { type: 'ordinal', levels: [1, 2], reference: 1 } } },
      { variables: { a: { type: 'continuous', levels: [1, 2] } } },
      { variables: { a: { type: 'categorical', per: 10 } } },
      { variables: { a: { type: 'continuous' } }, clinicalModel: ['b'] },
      { variables: { age: { type: 'continuous' } }, subgroups: [{ variable: 'agee' }] },
      { variables: { a: { type: 'categorical' } }, subgroups: [{ variable: 'a', cuts: [1] }] },
      { variables: { a: { type: 'continuous' } }, subgroups: [{ variable: 'a', cuts: [2, 1] }] },
      { variables: { a: { type: 'continuous', per: 0 } } },
      { scorePer: -1 },
      [],
    ];
    for (const b of bad) expect(() => parseStudyFile(b)).toThrow(code('STUDY_INVALID'));
    expect(() => parseStudyFile({ variables: { age: { type: 'continuous' } }, subgroups: [{ variable: 'agee' }] })).toThrow(/did you mean 'age'/);
  });
});

describe('naturalCompare', () => {
  it('orders S1 < S2 < S10 and numbers numerically', () => {
    expect(['S10', 'S2', 'S1', 'S1a'].sort(naturalCompare)).toEqual(['S1', 'S1a', 'S2', 'S10']);
    expect([10, 9, 1].sort(naturalCompare)).toEqual([1, 9, 10]);
  });
});

describe('parseStageSummary', () => {
  it('reads errors lists and the old single error field', () => {
    const s = parseStageSummary({
      stage: 'predict',
      ok: 1,
      skipped: 0,
      failed: 1,
      cases: [
        { id: 'a', status: 'ok', seconds: 1 },
        { id: 'b', status: 'failed', seconds: 1, error: { code: 'NO_TIMING', message: 'no frame times' } },
        { id: 'c', status: 'partial', seconds: 1, models: { 'R-US': 'failed' }, errors: [{ model: 'R-US', recording: 'bmode', path: 'c/b.dcm', code: 'DICOM_INVALID', message: 'x' }] },
      ],
    });
    expect(s.cases[1]!.errors).toEqual([{ code: 'NO_TIMING', message: 'no frame times' }]);
    expect(s.cases[2]!.errors![0]!.recording).toBe('bmode');
  });
  it('rejects malformed summaries', () => {
    for (const b of ['{', {}, { cases: [{ id: 'a', status: 'done' }] }, { cases: [{ id: 'a', status: 'ok', errors: [{ code: 'X', recording: 'doppler' }] }] }, { cases: [{ id: 'a', status: 'ok', models: { m: 'fine' } }] }]) {
      expect(() => parseStageSummary(b)).toThrow(code('INVALID_ARGUMENT'));
    }
  });
});
