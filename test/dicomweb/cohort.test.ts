/**
 * Cohort manifests with DICOMweb recordings (`dicomweb:<study>/<series>/<instance>` with
 * --dicomweb-url, or a WADO-RS URL): predict over DICOMweb equals predict from the files, and the
 * stage summary reports the bytes fetched per case, and each recording is read with three requests
 * (metadata, frame 1, then the frames of all its models together). Against a real Orthanc started here.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModelSet, predictCohort, readCohortManifest, resolveRecordingPath } from '../../src/node/index.js';
import { openDicomCine } from '../../src/preprocess/index.js';
import { simulateCase } from '../../src/simulate/index.js';
import { expectCodes } from '../helpers/expect-code.js';
import { type OrthancServer, orthancMissing, startOrthanc } from '../helpers/orthanc.js';

const missing = orthancMissing();

describe('resolveRecordingPath', () => {
  it('maps dicomweb: references under the base URL, keeps WADO-RS URLs, resolves files', async () => {
    expect(resolveRecordingPath('dicomweb:1.2/1.3/1.4', '/data', 'http://pacs/dicom-web/')).toBe('http://pacs/dicom-web/studies/1.2/series/1.3/instances/1.4');
    expect(resolveRecordingPath('https://pacs/dw/studies/1/series/2/instances/3', '/data')).toBe('https://pacs/dw/studies/1/series/2/instances/3');
    expect(resolveRecordingPath('P1/ceus.dcm', '/data')).toBe('/data/P1/ceus.dcm');
    await expectCodes([
      [() => resolveRecordingPath('dicomweb:1.2/1.3/1.4', '/data'), 'USAGE'],
      [() => resolveRecordingPath('dicomweb:1.2/1.3', '/data', 'http://pacs'), 'MANIFEST_INVALID'],
      [() => resolveRecordingPath('http://pacs/some/file.dcm', '/data'), 'MANIFEST_INVALID'],
    ]);
  });
});

describe.skipIf(missing !== undefined)('cohort recordings over DICOMweb (Orthanc)', () => {
  let orthanc: OrthancServer;
  const dir = mkdtempSync(join(tmpdir(), 'sonorisk-cohort-dw-'));
  const sim = simulateCase({}, { seed: 'dicomweb-cohort' });
  beforeAll(async () => {
    orthanc = await startOrthanc();
    await orthanc.upload(sim.bmode);
    await orthanc.upload(sim.ceus);
  }, 60_000);
  afterAll(async () => {
    await orthanc?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('predict over DICOMweb equals predict from files; the summary has the bytes fetched per case', async () => {
    writeFileSync(join(dir, 'bmode.dcm'), sim.bmode);
    writeFileSync(join(dir, 'ceus.dcm'), sim.ceus);
    const ref = async (bytes: Uint8Array) => {
      const id = (await openDicomCine(bytes, { includeIdentifying: true })).meta.identifying!;
      return `${id.StudyInstanceUID}/${id.SeriesInstanceUID}/${id.SOPInstanceUID}`;
    };
    const b = sim.truth.bmode.roiBox;
    const c = sim.truth.ceus.roiBox;
    const row = (bmode: string, ceus: string, id: string) =>
      `${id},${sim.label},test,${bmode},${b.x0},${b.y0},${b.x1 - 1},${b.y1 - 1},${ceus},${c.x0},${c.y0},${c.x1 - 1},${c.y1 - 1},${sim.truth.ceus.injectionTimeS}`;
    const header = 'id,outcome,split,bmode_path,bmode_x0,bmode_y0,bmode_x1,bmode_y1,ceus_path,ceus_x0,ceus_y0,ceus_x1,ceus_y1,injection_offset';
    const [st, se, ins] = (await ref(sim.ceus)).split('/');
    const wado = `${orthanc.dicomWeb.replace('http://', `http://${orthanc.user.name}:${orthanc.user.password}@`)}/studies/${st}/series/${se}/instances/${ins}`;
    writeFileSync(
      join(dir, 'cohort.csv'),
      [header, row('bmode.dcm', 'ceus.dcm', 'files'), row(`dicomweb:${await ref(sim.bmode)}`, `dicomweb:${await ref(sim.ceus)}`, 'web'), row('bmode.dcm', wado, 'url')].join('\n'),
    );
    // The dicomweb: rows go through a forwarder that counts the requests per instance.
    const counts = new Map<string, number>();
    const forwarder = createServer((req, res) => {
      const instance = /\/instances\/([0-9.]+)/.exec(req.url ?? '')?.[1] ?? '';
      counts.set(instance, (counts.get(instance) ?? 0) + 1);
      const out = request(`${orthanc.origin}${req.url}`, { method: req.method ?? 'GET', headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      out.on('error', () => res.destroy());
      req.pipe(out);
    });
    await new Promise<void>((r) => forwarder.listen(0, '127.0.0.1', r));
    const port = (forwarder.address() as { port: number }).port;
    const dicomWebUrl = `http://${orthanc.user.name}:${orthanc.user.password}@127.0.0.1:${port}/dicom-web`;
    const { cases } = await readCohortManifest(join(dir, 'cohort.csv'), { dicomWebUrl });
    const models = await loadModelSet('models/demo', { threads: 1 });
    try {
      const summary = await predictCohort(cases, models, { outDir: join(dir, 'out') });
      expect(summary.failed).toBe(0);
      const byId = Object.fromEntries(summary.cases.map((o) => [o.id, o]));
      expect(byId['files']!.bytesFetched).toBeUndefined();
      expect(byId['web']!.bytesFetched).toBeGreaterThan(0);
      expect(byId['web']!.bytesFetched).toBeLessThan(sim.bmode.length + sim.ceus.length);
      expect(byId['url']!.bytesFetched).toBeGreaterThan(0);
      const stored = JSON.parse(readFileSync(join(dir, 'out', 'predict-summary.json'), 'utf8'));
      expect(stored.cases.find((o: { id: string }) => o.id === 'web').bytesFetched).toBe(byId['web']!.bytesFetched);
      const rows = readFileSync(summary.predictionsPath, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
      const probs = (id: string) => rows.find((r) => r[0] === id)!.slice(3);
      expect(probs('web')).toEqual(probs('files'));
      expect(probs('url')).toEqual(probs('files'));
      expect(readFileSync(join(dir, 'out', 'predict-summary.json'), 'utf8')).not.toContain(orthanc.user.password);
      // B-mode (R-US) and CEUS (three models): metadata, frame 1, then one request for all the models' frames.
      const uid = async (bytes: Uint8Array) => (await ref(bytes)).split('/')[2]!;
      expect([counts.get(await uid(sim.bmode)), counts.get(await uid(sim.ceus))]).toEqual([3, 3]);
    } finally {
      await models.dispose();
      forwarder.close();
    }
  }, 180_000);
});
