import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration, writeFileAtomic } from '../../src/node/index.js';
import type { CohortCase } from '../../src/study/index.js';
import { decodeNpy, encodeNpy, formatCsv, inShard, parseCohortManifest, parseCsv, parseShard } from '../../src/study/index.js';
import { sonoriskError as code } from '../helpers/expect-code.js';

describe('CSV', () => {
  it('parses quotes, doubled quotes, CRLF and a BOM; round-trips with formatCsv', () => {
    const text = '\ufeffid,note\r\nA,"x, ""y"""\r\nB,"multi\nline"\r\n';
    const { header, rows } = parseCsv(text);
    expect(header).toEqual(['id', 'note']);
    expect(rows).toEqual([['A', 'x, "y"'], ['B', 'multi\nline']]);
    expect(parseCsv(formatCsv(header, rows))).toEqual({ header, rows });
    expect(formatCsv(['a', 'b'], [[1.5, null], [Number.NaN, 'q']])).toBe('a,b\n1.5,\n,q\n');
  });
  it('rejects ragged rows and unclosed quotes', () => {
    expect(() => parseCsv('a,b\n1\n')).toThrow(code('MANIFEST_INVALID'));
    expect(() => parseCsv('a\n"x\n')).toThrow(code('MANIFEST_INVALID'));
    expect(() => parseCsv('')).toThrow(code('EMPTY_INPUT'));
  });
});

describe('cohort manifest', () => {
  const csv = 'id,outcome,split,bmode_path,bmode_x0,bmode_y0,bmode_x1,bmode_y1,ceus_path,ceus_x0,ceus_y0,ceus_x1,ceus_y1,injection_offset,cov_halo,cov_segment\n' +
    'P1,1,train,b1.dcm,10,20,90,100,c1.dcm,5,6,50,60,-3,1,S4\nP2,,validation,b2.dcm,1,2,3,4,,,,,,,0,\n';
  it('reads CSV with boxes, outcome, split, injection offset and covariates', () => {
    const { cases } = parseCohortManifest(csv, 'csv');
    expect(cases[0]).toEqual({
      id: 'P1', outcome: 1, split: 'train', injectionOffset: -3,
      bmode: { path: 'b1.dcm', givenPath: 'b1.dcm', box: { corners: [{ x: 10, y: 20 }, { x: 90, y: 100 }], units: 'px' } },
      ceus: { path: 'c1.dcm', givenPath: 'c1.dcm', box: { corners: [{ x: 5, y: 6 }, { x: 50, y: 60 }], units: 'px' } },
      covariates: { halo: 1, segment: 'S4' },
    });
    expect(cases[1]?.outcome).toBeUndefined();
    expect(cases[1]?.ceus).toBeUndefined();
    expect(cases[1]?.covariates).toEqual({ halo: 0 });
  });
  it('reads JSON', () => {
    const json = JSON.stringify({ cases: [{ id: 'A', outcome: 0, ceus: { path: 'a.dcm', corners: [[1, 2], [3, 4]], units: 'mm' }, injectionOffset: 2, covariates: { afp: 20 } }] });
    const { cases } = parseCohortManifest(json, 'json');
    expect(cases[0]?.ceus?.box.units).toBe('mm');
    expect(cases[0]?.injectionOffset).toBe(2);
  });
  it('names the row and the field in errors', () => {
    const bad = (text: string, fmt: 'csv' | 'json', field: string) => {
      try {
        parseCohortManifest(text, fmt);
        expect.unreachable();
      } catch (e) {
        expect(e).toMatchObject({ code: 'MANIFEST_INVALID' });
        expect((e as Error).message).toContain(field);
      }
    };
    bad('id,outcome,ceus_path,ceus_x0,ceus_y0,ceus_x1,ceus_y1\nP1,2,c.dcm,1,2,3,4\n', 'csv', "row 1 (case P1), field 'outcome'");
    bad('id,outcome,ceus_path,ceus_x0,ceus_y0,ceus_x1,ceus_y1\nP1,1,c.dcm,1,x,3,4\n', 'csv', "field 'ceus_y0'");
    bad('id,ceus_path,ceus_x0,ceus_y0,ceus_x1,ceus_y1\nP1,c,1,2,3,4\nP1,c,1,2,3,4\n', 'csv', "row 2 (case P1), field 'id'");
    bad('id,outcome\nP1,1\n', 'csv', 'at least one recording');
    bad('id,ceus_path,ceus_x0,ceus_y0,ceus_x1,ceus_y1\n../x,c,1,2,3,4\n', 'csv', "field 'id'");
    bad('[{"id":"A","ceus":{"path":"a","corners":[[1,2]]}}]', 'json', 'ceus.corners');
    bad('{"cases": 3}', 'json', '');
    bad('{', 'json', 'not valid JSON');
    expect(() => parseCohortManifest('id\n', 'csv')).toThrow(code('EMPTY_INPUT'));
  });
});

describe('shards', () => {
  it('parses i/n and partitions ids deterministically', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    for (const s of ['0/2', '3/2', 'x', '1/0', '1.5/2']) expect(() => parseShard(s)).toThrow(code('INVALID_ARGUMENT'));
    const ids = Array.from({ length: 200 }, (_, i) => `P${i}`);
    const owners = ids.map((id) => [1, 2, 3].filter((k) => inShard(id, { index: k, count: 3 })));
    expect(owners.every((o) => o.length === 1)).toBe(true);
    const sizes = [1, 2, 3].map((k) => owners.filter((o) => o[0] === k).length);
    for (const s of sizes) expect(s).toBeGreaterThan(40);
  });
});

describe('npy', () => {
  it('round-trips and writes a header numpy accepts (64-byte aligned)', () => {
    const data = Float32Array.from({ length: 24 }, (_, i) => i / 3);
    const bytes = encodeNpy(data, [1, 2, 3, 4]);
    const headerLen = bytes[8]! + bytes[9]! * 256;
    expect((10 + headerLen) % 64).toBe(0);
    const back = decodeNpy(bytes);
    expect(back.shape).toEqual([1, 2, 3, 4]);
    expect(Array.from(back.data)).toEqual(Array.from(data));
    expect(() => encodeNpy(data, [5])).toThrow(code('INPUT_SHAPE_MISMATCH'));
    expect(() => decodeNpy(bytes.subarray(0, 70))).toThrow(code('INVALID_ARGUMENT'));
  });
  it('is read by numpy when python3 with numpy is available', (ctx) => {
    const py = ['/usr/bin/python3', 'python3'].find((p) => {
      try {
        execFileSync(p, ['-c', 'import numpy'], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    });
    if (!py) return ctx.skip();
    const dir = mkdtempSync(join(tmpdir(), 'npy-'));
    writeFileSync(join(dir, 'a.npy'), encodeNpy(Float32Array.from([1.5, -2, 3.25, 1e-7, 0, 7]), [2, 3]));
    const out = execFileSync(py, ['-c', `import numpy as n; a=n.load('${join(dir, 'a.npy')}'); print(a.dtype, a.shape, a.tolist())`], { encoding: 'utf8' });
    rmSync(dir, { recursive: true });
    expect(out.trim()).toBe('float32 (2, 3) [[1.5, -2.0, 3.25], [1.0000000116860974e-07, 0.0, 7.0]]');
  });
});

describe('progress and atomic writes', () => {
  it('writes plain lines, JSON lines, and a TTY bar with ETA', () => {
    let t = 0;
    const lines: string[] = [];
    const p = createProgress({ write: (s) => lines.push(s), mode: 'plain', now: () => t });
    p.start('prepare', 2);
    p.update({ stage: 'prepare', done: 1, total: 2, caseId: 'P1', status: 'ok' });
    t = 3000;
    p.finish('2 cases');
    expect(lines).toEqual(['prepare: 2 cases\n', '[1/2] prepare P1 ok\n', '2 cases (3s)\n']);
    const json: string[] = [];
    const pj = createProgress({ write: (s) => json.push(s), mode: 'json' });
    pj.start('predict', 1);
    pj.update({ stage: 'predict', done: 1, total: 1, caseId: 'P1', status: 'failed', message: 'bad file' });
    expect(JSON.parse(json[1]!)).toMatchObject({ event: 'progress', caseId: 'P1', status: 'failed' });
    const tty: string[] = [];
    t = 0;
    const pt = createProgress({ write: (s) => tty.push(s), mode: 'tty', now: () => t, barWidth: 10 });
    pt.start('prepare', 4);
    t = 2000;
    pt.update({ stage: 'prepare', done: 1, total: 4 });
    expect(tty[1]).toContain('███░░░░░░░ 1/4 25% ETA 6s');
    expect(formatDuration(3725)).toBe('1h02m');
  });
  it('writeFileAtomic leaves no temp file and replaces the target', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const target = join(dir, 'sub', 'out.txt');
    await writeFileAtomic(target, 'one');
    await writeFileAtomic(target, 'two');
    expect(readFileSync(target, 'utf8')).toBe('two');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['out.txt']);
    rmSync(dir, { recursive: true });
  });
});

describe('runStage', () => {
  const cases: CohortCase[] = ['A', 'B', 'C', 'D'].map((id) => ({ id, injectionOffset: 0, covariates: {}, ceus: { path: `${id}.dcm`, box: { corners: [{ x: 0, y: 0 }, { x: 1, y: 1 }], units: 'px' } } }));
  it('isolates failures, writes markers, resumes, and honours force and shards', async () => {
    const { runStage } = await import('../../src/node/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'stage-'));
    const seen: string[] = [];
    const work = async (c: { id: string }) => {
      seen.push(c.id);
      if (c.id === 'C') throw new Error('corrupt file');
      return { value: c.id };
    };
    const s1 = await runStage('prepare', cases, work, { outDir: dir, concurrency: 2 });
    expect([s1.ok, s1.skipped, s1.failed]).toEqual([3, 0, 1]);
    expect(s1.cases.find((c) => c.id === 'C')?.errors?.[0]).toEqual({ code: 'INTERNAL', message: 'corrupt file' });
    expect(JSON.parse(readFileSync(join(dir, 'cases', 'A', 'prepare.done.json'), 'utf8')).result).toEqual({ value: 'A' });
    seen.length = 0;
    const s2 = await runStage('prepare', cases, work, { outDir: dir });
    expect(seen).toEqual(['C']);
    expect([s2.ok, s2.skipped, s2.failed]).toEqual([0, 3, 1]);
    seen.length = 0;
    await runStage('prepare', cases, work, { outDir: dir, force: true });
    expect(seen.sort()).toEqual(['A', 'B', 'C', 'D']);
    const parts = await Promise.all([1, 2].map((index) => runStage('x', cases, async () => 1, { outDir: dir, shard: { index, count: 2 } })));
    expect(parts[0]!.cases.length + parts[1]!.cases.length).toBe(4);
    rmSync(dir, { recursive: true });
  });
});

describe('evaluate input checks', () => {
  it('parsePredictions and evaluatePredictions reject bad tables with codes', async () => {
    const { evaluatePredictions, parsePredictions } = await import('../../src/study/index.js');
    expect(() => parsePredictions('case,outcome,split,A\nx,1,,0.5\n')).toThrow(code('INVALID_ARGUMENT'));
    expect(() => parsePredictions('id,outcome,split\nx,1,\n')).toThrow(code('INVALID_ARGUMENT'));
    expect(() => parsePredictions('id,outcome,split,A\nx,1,,1.5\n')).toThrow(code('PROBABILITY_OUT_OF_RANGE'));
    expect(() => parsePredictions('id,outcome,split,A\nx,2,,0.5\n')).toThrow(code('NON_BINARY_LABELS'));
    expect(() => evaluatePredictions(parsePredictions('id,outcome,split,A\nx,,,0.5\n'))).toThrow(code('SINGLE_CLASS'));
    expect(() => evaluatePredictions(parsePredictions('id,outcome,split,A\nx,1,,0.5\ny,1,,0.2\n'))).toThrow(code('SINGLE_CLASS'));
    // a missing prediction: the model is evaluated on the cases it has, unless requireComplete
    const gap = parsePredictions('id,outcome,split,A\nx,1,,0.5\ny,0,,\nz,1,,0.3\nw,0,,0.1\n');
    expect(evaluatePredictions(gap).markdown).toMatch(/Excluded: no prediction \| 1 \| y \|/);
    expect(() => evaluatePredictions(gap, { requireComplete: true })).toThrow(code('INCOMPLETE_PREDICTIONS'));
    expect(() => evaluatePredictions(null as never)).toThrow(code('INVALID_ARGUMENT'));
    expect(() => evaluatePredictions({ ids: ['a'], outcome: [1, 0], split: [undefined], models: {} })).toThrow(code('LENGTH_MISMATCH'));
    const { runStage } = await import('../../src/node/index.js');
    expect(() => formatCsv('a' as never, [])).toThrow(code('INVALID_ARGUMENT'));
    expect(() => inShard(3 as never, { index: 1, count: 2 })).toThrow(code('INVALID_ARGUMENT'));
    await expect(runStage('x', 'nope' as never, async () => 1, { outDir: 'o' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
