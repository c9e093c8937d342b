/**
 * QIDO-RS search and the risk report (DICOM SR, TID 1500) written back with STOW-RS, against a real
 * Orthanc started by the test; the report is read back by pydicom, dcmtk's dsrdump and dicom3tools'
 * dciodvfy — live when those tools are installed, and always through the committed fixture
 * test/fixtures/dicomweb/sr/ (written by scripts/fixtures/dicomweb-sr.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPREHENSIVE_SR, findUltrasoundCines, openDicomWebCine, type RiskReportInput, riskReport, riskReportDataset, storeInstances } from '../../src/dicomweb/index.js';
import { buildMultipart, parseMultipart } from '../../src/dicomweb/multipart.js';
import { predictRisk } from '../../src/models/index.js';
import { loadModel } from '../../src/node/index.js';
import { openDicomCine } from '../../src/preprocess/index.js';
import { simulateCase } from '../../src/simulate/index.js';
import { expectCodes } from '../helpers/expect-code.js';
import { type OrthancServer, orthancMissing, startOrthanc } from '../helpers/orthanc.js';

const missing = orthancMissing();
const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status !== null && spawnSync(cmd, args, { stdio: 'ignore' }).error === undefined;
const hasPydicom = spawnSync('/usr/bin/python3', ['-c', 'import pydicom'], { stdio: 'ignore' }).status === 0;
const hasDsrdump = has('dsrdump', ['--version']);
const hasDciodvfy = has('dciodvfy', []);
if (!hasPydicom || !hasDsrdump || !hasDciodvfy) console.warn('test/dicomweb/pacs: live SR checks need python3-pydicom, dcmtk and dicom3tools; the committed fixture is still checked.');

const SR_DIR = 'test/fixtures/dicomweb/sr';
const fixtureInput = JSON.parse(readFileSync(`${SR_DIR}/input.json`, 'utf8')) as Omit<RiskReportInput, 'now'> & { now: string };

/** What pydicom must read back from a report written for `input`. */
function expectedReadBack(input: Omit<RiskReportInput, 'now'>, uids: { seriesUID: string; instanceUID: string }) {
  const { x0, y0, x1, y1 } = input.box;
  return {
    SOPClassUID: COMPREHENSIVE_SR,
    SOPInstanceUID: uids.instanceUID,
    StudyInstanceUID: input.source.studyUID,
    SeriesInstanceUID: uids.seriesUID,
    PatientID: input.patient?.PatientID ?? '',
    template: '1500',
    title: '126000:DCM',
    algorithmName: input.model.id,
    algorithmVersion: input.model.version,
    probability: input.probability,
    threshold: input.threshold,
    class: input.probability >= input.threshold ? 'HIGH' : 'LOW',
    graphicType: 'POLYLINE',
    graphicData: [x0, y0, x1, y0, x1, y1, x0, y1, x0, y0],
    referencedSOPInstanceUID: input.source.instanceUID,
    referencedFrameNumbers: input.frameIndices.map((i) => i + 1),
    evidenceInstance: input.source.instanceUID,
  };
}

describe('riskReport (DICOM SR, TID 1500)', () => {
  it('writes the committed fixture byte for byte, and pydicom read back the inputs from it', async () => {
    const bytes = await riskReport({ ...fixtureInput, now: new Date(fixtureInput.now) });
    expect(Buffer.from(bytes).equals(readFileSync(`${SR_DIR}/risk-report.dcm`))).toBe(true);
    const read = JSON.parse(readFileSync(`${SR_DIR}/pydicom.json`, 'utf8'));
    expect(read).toMatchObject(expectedReadBack(fixtureInput, fixtureInput.uids as { seriesUID: string; instanceUID: string }));
    expect(read.algorithmParameters).toBe(`manifest sha256 ${fixtureInput.model.manifestSha256}`);
    expect(readFileSync(`${SR_DIR}/dciodvfy.txt`, 'utf8')).not.toMatch(/^Error/m);
    expect(readFileSync(`${SR_DIR}/dsrdump.txt`, 'utf8')).toContain('Imaging Measurement Report');
  });

  it('rejects bad input with codes', async () => {
    const ok: RiskReportInput = { ...fixtureInput, now: new Date(fixtureInput.now) };
    await expectCodes([
      [() => riskReport({ ...ok, probability: 1.5 }), 'PROBABILITY_OUT_OF_RANGE'],
      [() => riskReport({ ...ok, threshold: Number.NaN }), 'PROBABILITY_OUT_OF_RANGE'],
      [() => riskReport({ ...ok, frameIndices: [] }), 'INVALID_ARGUMENT'],
      [() => riskReport({ ...ok, frameIndices: [1.5] }), 'INVALID_ARGUMENT'],
      [() => riskReport({ ...ok, box: { x0: 5, y0: 5, x1: 5, y1: 9 } }), 'INVALID_ARGUMENT'],
      [() => riskReport({ ...ok, source: { ...ok.source, instanceUID: '1.2.abc' } }), 'INVALID_ARGUMENT'],
      [() => riskReport({ ...ok, model: { id: '', version: '1' } }), 'INVALID_ARGUMENT'],
      [() => riskReport({ ...ok, model: { ...ok.model, manifestSha256: 'xyz' } }), 'INVALID_ARGUMENT'],
      [() => riskReport(null as unknown as RiskReportInput), 'INVALID_ARGUMENT'],
    ]);
    // Without uids, each report gets new UUID-derived UIDs.
    const { uids: _u, ...noUids } = ok;
    const a = riskReportDataset(noUids);
    const b = riskReportDataset(noUids);
    expect(a.SOPInstanceUID).toMatch(/^2\.25\.\d+$/);
    expect(a.SOPInstanceUID).not.toBe(b.SOPInstanceUID);
  });

  it('multipart: what buildMultipart writes, parseMultipart reads', () => {
    const parts = [new Uint8Array([1, 2, 3]), new TextEncoder().encode('--not-a-boundary\r\n'), new Uint8Array(0)];
    const { body, contentType } = buildMultipart(parts, 'application/dicom');
    expect(parseMultipart(body, contentType).map((p) => Array.from(p.body))).toEqual(parts.map((p) => Array.from(p)));
  });
});

describe.skipIf(missing !== undefined)('QIDO-RS and STOW-RS against Orthanc', () => {
  let orthanc: OrthancServer;
  const sim = simulateCase({}, { seed: 'dicomweb-pacs' });
  const tmp = mkdtempSync(join(tmpdir(), 'sonorisk-sr-'));
  beforeAll(async () => {
    orthanc = await startOrthanc();
    await orthanc.upload(sim.bmode);
    await orthanc.upload(sim.ceus);
  }, 60_000);
  afterAll(async () => {
    await orthanc?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  const idsOf = async (bytes: Uint8Array) => (await openDicomCine(bytes, { includeIdentifying: true })).meta.identifying!;

  it('findUltrasoundCines: the US multi-frame instances of a patient or study, with frame counts and durations', async () => {
    const id = await idsOf(sim.ceus);
    const byPatient = await findUltrasoundCines({ patientID: id.PatientID! }, { url: orthanc.dicomWeb, headers: orthanc.headers });
    const byStudy = await findUltrasoundCines({ studyUID: id.StudyInstanceUID! }, { url: orthanc.dicomWeb, headers: orthanc.headers });
    expect(byPatient.map((r) => r.instanceUID).sort()).toEqual(byStudy.map((r) => r.instanceUID).sort());
    expect(byPatient).toHaveLength(2);
    for (const bytes of [sim.bmode, sim.ceus]) {
      const local = await openDicomCine(bytes, { includeIdentifying: true });
      const rec = byPatient.find((r) => r.instanceUID === local.meta.identifying!.SOPInstanceUID)!;
      expect(rec.frameCount).toBe(local.frameCount);
      expect(rec.frameTimeMs! / 1000).toBeCloseTo(local.frameTimes[1]! - local.frameTimes[0]!, 9);
      expect(rec.durationS).toBeCloseTo((local.frameCount * rec.frameTimeMs!) / 1000, 9);
      expect(rec.identifying).toBeUndefined();
      const cine = await openDicomWebCine(rec, { headers: orthanc.headers });
      expect(cine.frameCount).toBe(local.frameCount);
    }
    const withIds = await findUltrasoundCines({ patientID: id.PatientID!, includeIdentifying: true }, { url: orthanc.dicomWeb, headers: orthanc.headers });
    expect(withIds[0]!.identifying?.PatientID).toBe(id.PatientID);
    expect(await findUltrasoundCines({ patientID: 'nobody-here' }, { url: orthanc.dicomWeb, headers: orthanc.headers })).toEqual([]);
    await expectCodes([
      [() => findUltrasoundCines({}, { url: orthanc.dicomWeb }), 'INVALID_ARGUMENT'],
      [() => findUltrasoundCines({ patientID: 'P*' }, { url: orthanc.dicomWeb }), 'INVALID_ARGUMENT'],
      [() => findUltrasoundCines({ studyUID: 'x' }, { url: orthanc.dicomWeb }), 'INVALID_ARGUMENT'],
      [() => findUltrasoundCines({ patientID: 'p' }, { url: orthanc.dicomWeb }), 'DICOMWEB_HTTP'], // no credentials → 401
    ]);
  });

  it('a prediction over DICOMweb goes back as an SR with STOW-RS; Orthanc returns it unchanged and the reference tools read it', async () => {
    const id = await idsOf(sim.ceus);
    const ref = { url: orthanc.dicomWeb, studyUID: id.StudyInstanceUID!, seriesUID: id.SeriesInstanceUID!, instanceUID: id.SOPInstanceUID! };
    const cine = await openDicomWebCine(ref, { headers: orthanc.headers, includeIdentifying: true });
    const manifestPath = 'models/demo/r-ceus/manifest.json';
    const model = await loadModel(manifestPath, { threads: 1 });
    const box = sim.truth.ceus.roiBox;
    const { predictions } = await predictRisk({ cines: { ceus: cine }, boxes: { ceus: box }, injectionTime: sim.truth.ceus.injectionTimeS, models: [model.spec], runners: { [model.spec.id]: model.runner } });
    await model.runner.dispose();
    const p = predictions[0]!;
    const manifestSha256 = execFileSync('sha256sum', [manifestPath], { encoding: 'utf8' }).split(' ')[0]!;
    const uids = { seriesUID: `2.25.${Date.now()}1`, instanceUID: `2.25.${Date.now()}2` };
    const input: RiskReportInput = {
      uids,
      source: ref,
      patient: cine.meta.identifying!,
      model: { id: p.model, version: '1.0.0', manifestSha256 },
      probability: p.probability,
      threshold: p.threshold,
      frameIndices: p.frames.indices,
      box,
    };
    const sr = await riskReport(input);
    const stored = await storeInstances([sr], { url: orthanc.dicomWeb, headers: orthanc.headers });
    expect(stored.stored.map((s) => s.instanceUID)).toEqual([uids.instanceUID]);

    // The report joined the source's study and patient.
    const studyRes = await fetch(`${orthanc.dicomWeb}/studies/${ref.studyUID}/series?Modality=SR`, { headers: orthanc.headers });
    const series = (await studyRes.json()) as Record<string, { Value?: unknown[] }>[];
    expect(series.map((s) => s['0020000E']?.Value?.[0])).toEqual([uids.seriesUID]);
    const back = await fetch(`${orthanc.dicomWeb}/studies/${ref.studyUID}/series/${uids.seriesUID}/instances/${uids.instanceUID}`, {
      headers: { ...orthanc.headers, Accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' },
    });
    const retrieved = parseMultipart(new Uint8Array(await back.arrayBuffer()), back.headers.get('content-type')!)[0]!.body;
    expect(Buffer.from(retrieved).equals(Buffer.from(sr))).toBe(true);

    const file = join(tmp, 'retrieved-sr.dcm');
    writeFileSync(file, retrieved);
    if (hasPydicom) {
      const read = JSON.parse(execFileSync('/usr/bin/python3', ['scripts/fixtures/dicomweb-sr-read.py', file], { encoding: 'utf8' }));
      expect(read).toMatchObject({ ...expectedReadBack(input, uids), PatientID: cine.meta.identifying!.PatientID ?? '' });
    }
    if (hasDsrdump) {
      const dump = spawnSync('dsrdump', ['-Ee', file], { encoding: 'utf8' });
      expect(dump.status).toBe(0);
      expect(dump.stderr).not.toMatch(/^E:/m);
      expect(dump.stdout).toContain('Imaging Measurement Report');
    }
    if (hasDciodvfy) {
      const v = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
      expect(`${v.stdout}${v.stderr}`).not.toMatch(/^Error/m);
    }
    // A file that is not DICOM → the server refuses it → DICOMWEB_STORE_FAILED or DICOMWEB_HTTP.
    const refused = await storeInstances([new Uint8Array(200)], { url: orthanc.dicomWeb, headers: orthanc.headers }).catch((e) => e);
    expect(['DICOMWEB_STORE_FAILED', 'DICOMWEB_HTTP']).toContain(refused.code);
  }, 120_000);
});
