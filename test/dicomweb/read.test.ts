/**
 * openDicomWebCine against a real Orthanc (Debian orthanc + orthanc-dicomweb) started by the test:
 * frames over WADO-RS equal frames from the file for every transfer syntax Orthanc stores (the
 * shared real US files and the dcmtk/gdcmconv transcodes of test/fixtures/decode/transcode), a
 * predict run over DICOMweb equals the file-based run, and server down / 404 / 401 / 500 / slow /
 * aborted / malformed responses give their codes without hanging or leaking credentials.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDicomWebCine } from '../../src/dicomweb/index.js';
import { isSonoriskError } from '../../src/errors.js';
import { predictRisk } from '../../src/models/index.js';
import { loadModel } from '../../src/node/index.js';
import { type Cine, openDicomCine } from '../../src/preprocess/index.js';
import { simulateCase } from '../../src/simulate/index.js';
import { expectCodes } from '../helpers/expect-code.js';
import { type OrthancServer, orthancMissing, startOrthanc } from '../helpers/orthanc.js';

const missing = orthancMissing();
if (missing) console.warn(`test/dicomweb skipped: ${missing}`);
const SHARED = '../shared/data/dicom';
if (!existsSync(SHARED)) console.warn(`test/dicomweb: ${SHARED} is absent; the real-scanner files are not tested (the transcode fixtures still are).`);

interface Uids {
  studyUID: string;
  seriesUID: string;
  instanceUID: string;
}
async function uidsOf(bytes: Uint8Array): Promise<Uids> {
  const id = (await openDicomCine(bytes, { includeIdentifying: true })).meta.identifying!;
  return { studyUID: id.StudyInstanceUID!, seriesUID: id.SeriesInstanceUID!, instanceUID: id.SOPInstanceUID! };
}

async function allFrames(cine: Cine) {
  const out = [];
  for (let i = 0; i < cine.frameCount; i++) out.push(await cine.frame(i));
  return out;
}

/** The dcmtk/gdcmconv transcodes, made storable by scripts/fixtures/dicomweb-fixtures.py (dcmodify). */
const fixtures = JSON.parse(readFileSync('test/fixtures/dicomweb/manifest.json', 'utf8')) as { files: { file: string; transferSyntax: string }[] };
const files = [...(existsSync(SHARED) ? readdirSync(SHARED).filter((f) => f.endsWith('.dcm')).map((f) => `${SHARED}/${f}`) : []), ...fixtures.files.map((f) => f.file)];
const FIRST = fixtures.files[0]!.file;

/** A local HTTP server in front of Orthanc whose behaviour each test sets. */
function proxy(target: string, handle: (req: IncomingMessage, res: ServerResponse, forward: () => void) => void): Promise<{ url: string; server: Server; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    const forward = () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host') headers[k] = v;
      fetch(target + req.url, { headers })
        .then(async (r) => {
          res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/octet-stream' });
          res.end(Buffer.from(await r.arrayBuffer()));
        })
        .catch(() => res.destroy());
    };
    handle(req, res, forward);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/dicom-web`, server, hits: () => hits })));
}

describe.skipIf(missing !== undefined)('openDicomWebCine against Orthanc', () => {
  let orthanc: OrthancServer;
  const proxies: Server[] = [];
  beforeAll(async () => {
    orthanc = await startOrthanc();
  }, 60_000);
  afterAll(async () => {
    for (const p of proxies) p.close();
    await orthanc?.stop();
  });

  it.each(files)('%s: frames over DICOMweb equal frames from the file', async (file) => {
    const bytes = new Uint8Array(readFileSync(file));
    await orthanc.upload(bytes);
    const local = await openDicomCine(bytes);
    const remote = await openDicomWebCine({ url: orthanc.dicomWeb, ...(await uidsOf(bytes)) }, { headers: orthanc.headers });
    expect(remote.meta.source).toBe('dicomweb');
    expect(remote.meta.transferSyntaxUid).toBe(local.meta.transferSyntaxUid);
    expect([remote.width, remote.height, remote.frameCount]).toEqual([local.width, local.height, local.frameCount]);
    expect(Array.from(remote.frameTimes)).toEqual(Array.from(local.frameTimes));
    const { source: _a, extra: _b, warnings: wr, ...rm } = remote.meta;
    const { source: _c, extra: _d, warnings: wl, ...lm } = local.meta;
    expect(rm).toEqual(lm);
    // Orthanc 1.10 / DICOMweb 1.7 cannot cut frames from big-endian, deflated, or several-fragments-
    // per-frame files without an offset table: those come whole, with a warning.
    const whole = /bigendian|deflated|fragments_no_bot/.test(file);
    expect(remote.meta.extra?.dicomweb).toBe(whole ? 'instance' : 'frames');
    expect(wr).toEqual(whole ? [...wl, expect.stringMatching(/whole instance/)] : wl);
    expect(remote.meta.identifying).toBeUndefined();
    const [a, b] = [await allFrames(remote), await allFrames(local)];
    for (let i = 0; i < a.length; i++) {
      expect({ ...a[i]!, data: undefined }).toEqual({ ...b[i]!, data: undefined });
      expect(Buffer.compare(Buffer.from(a[i]!.data.buffer, a[i]!.data.byteOffset, a[i]!.data.byteLength), Buffer.from(b[i]!.data.buffer, b[i]!.data.byteOffset, b[i]!.data.byteLength)), `frame ${i}`).toBe(0);
    }
  });

  it('batches prefetched frames into one request and keeps them for later reads', async () => {
    const c = simulateCase({}, { seed: 'dicomweb-batch' });
    await orthanc.upload(c.ceus);
    const cine = await openDicomWebCine({ url: orthanc.dicomWeb, ...(await uidsOf(c.ceus)) }, { headers: orthanc.headers, batchSize: 16 });
    const before = cine.transfer.requests;
    await cine.prefetch([3, 9, 27, 3]);
    expect(cine.transfer.requests).toBe(before + 1);
    const local = await openDicomCine(c.ceus);
    for (const i of [3, 9, 27]) expect(Buffer.from((await cine.frame(i)).data).equals(Buffer.from((await local.frame(i)).data))).toBe(true);
    expect(cine.transfer.requests).toBe(before + 1);
    for (const i of [3, 9, 27]) await cine.frame(i); // read again: still held, no request
    expect(cine.transfer.requests).toBe(before + 1);
    await cine.prefetch(Array.from({ length: 40 }, (_, i) => i));
    expect(cine.transfer.requests).toBe(before + 4); // the 36 frames not held, in batches of 16
    // Without a cache every read is a request; prefetching then gains nothing.
    const bare = await openDicomWebCine({ url: orthanc.dicomWeb, ...(await uidsOf(c.ceus)) }, { headers: orthanc.headers, cacheBytes: 0 });
    const start = bare.transfer.requests;
    await bare.frame(5);
    await bare.frame(5);
    expect(bare.transfer.requests).toBe(start + 2);
  });

  it('a predict run over DICOMweb equals the file-based run and fetches a fraction of the bytes', async () => {
    const c = simulateCase({}, { seed: 'dicomweb-predict' });
    await orthanc.upload(c.bmode);
    await orthanc.upload(c.ceus);
    const models = await Promise.all(['r-us', 'r-ceus', 'r-ceus45', 'r-ceus2'].map((m) => loadModel(`models/demo/${m}/manifest.json`, { threads: 1 })));
    const input = (cines: { bmode: Cine; ceus: Cine }) =>
      predictRisk({
        cines,
        boxes: { bmode: c.truth.bmode.roiBox, ceus: c.truth.ceus.roiBox },
        injectionTime: c.truth.ceus.injectionTimeS,
        models: models.map((m) => m.spec),
        runners: Object.fromEntries(models.map((m) => [m.spec.id, m.runner])),
      });
    const fromFiles = await input({ bmode: await openDicomCine(c.bmode), ceus: await openDicomCine(c.ceus) });
    const web = {
      bmode: await openDicomWebCine({ url: orthanc.dicomWeb, ...(await uidsOf(c.bmode)) }, { headers: orthanc.headers }),
      ceus: await openDicomWebCine({ url: orthanc.dicomWeb, ...(await uidsOf(c.ceus)) }, { headers: orthanc.headers }),
    };
    const fromWeb = await input(web);
    for (const m of models) await m.runner.dispose();
    const strip = (r: typeof fromFiles) => r.predictions.map((p) => ({ ...p, outputs: Array.from(p.outputs), timings: undefined }));
    expect(strip(fromWeb)).toEqual(strip(fromFiles));
    expect(web.ceus.transfer.bytes).toBeLessThan(c.ceus.length);
    // Each cine: metadata and frame 1 at open, then one request for the frames of all its models.
    expect([web.bmode.transfer.requests, web.ceus.transfer.requests]).toEqual([3, 3]);
  }, 120_000);

  it('gives DICOMWEB_NOT_FOUND, DICOMWEB_HTTP (401) and INVALID_ARGUMENT, never showing credentials', async () => {
    const bytes = new Uint8Array(readFileSync(FIRST));
    await orthanc.upload(bytes);
    const uids = await uidsOf(bytes);
    await expectCodes([
      [() => openDicomWebCine({ url: orthanc.dicomWeb, ...uids, instanceUID: '1.2.3.4.5' }, { headers: orthanc.headers }), 'DICOMWEB_NOT_FOUND'],
      [() => openDicomWebCine({ url: orthanc.dicomWeb, ...uids }), 'DICOMWEB_HTTP'],
      [() => openDicomWebCine({ url: orthanc.dicomWeb, ...uids, studyUID: '1.2.x' }), 'INVALID_ARGUMENT'],
      [() => openDicomWebCine({ url: 'ftp://host/dicom-web', ...uids }), 'INVALID_ARGUMENT'],
      [() => openDicomWebCine({ url: orthanc.dicomWeb, ...uids }, { timeoutMs: -1 }), 'INVALID_ARGUMENT'],
      [() => openDicomWebCine({ url: orthanc.dicomWeb, ...uids }, { cacheBytes: -1 }), 'INVALID_ARGUMENT'],
      [() => openDicomWebCine({ url: orthanc.dicomWeb, ...uids }, { batchSize: 0 }), 'INVALID_ARGUMENT'],
    ]);
    // Credentials in the URL become a Basic Authorization header and never appear in errors.
    const withUser = orthanc.dicomWeb.replace('http://', `http://${orthanc.user.name}:${orthanc.user.password}@`);
    const ok = await openDicomWebCine({ url: withUser, ...uids });
    expect(ok.frameCount).toBeGreaterThan(0);
    const errors = await Promise.all([
      openDicomWebCine({ url: withUser, ...uids, instanceUID: '1.2.3.4.5' }).catch((e) => e),
      openDicomWebCine({ url: orthanc.dicomWeb, ...uids }, { headers: { Authorization: 'Bearer not-the-token-123' } }).catch((e) => e),
    ]);
    for (const e of errors) {
      expect(isSonoriskError(e)).toBe(true);
      const text = `${e.message} ${JSON.stringify(e.details)}`;
      expect(text).not.toContain(orthanc.user.password);
      expect(text).not.toContain('not-the-token-123');
    }
    expect(errors[1].details.status).toBe(401);
  });

  it('server down → DICOMWEB_NETWORK after the retries', async () => {
    const p = await proxy(orthanc.origin, () => undefined);
    const url = p.url;
    await new Promise((r) => p.server.close(r)); // nothing listens there any more
    await expectCodes([[() => openDicomWebCine({ url, studyUID: '1.2', seriesUID: '1.3', instanceUID: '1.4' }, { retries: 2, retryDelayMs: 10 }), 'DICOMWEB_NETWORK']]);
  });

  it('500 → retried with backoff, then DICOMWEB_HTTP; a transient 503 is retried transparently', async () => {
    const bytes = new Uint8Array(readFileSync(FIRST));
    await orthanc.upload(bytes);
    const uids = await uidsOf(bytes);
    const always = await proxy(orthanc.origin, (_req, res) => {
      res.writeHead(500);
      res.end('boom');
    });
    proxies.push(always.server);
    const err = await openDicomWebCine({ url: always.url, ...uids }, { headers: orthanc.headers, retries: 2, retryDelayMs: 5 }).catch((e) => e);
    expect(isSonoriskError(err, 'DICOMWEB_HTTP')).toBe(true);
    expect(err.details.status).toBe(500);
    expect(always.hits()).toBe(6); // metadata and frame 1, each tried 1 + 2 times
    const seen = new Set<string>();
    const flaky = await proxy(orthanc.origin, (req, res, forward) => {
      if (seen.has(req.url!)) return forward();
      seen.add(req.url!); // the first try of each URL fails
      res.writeHead(503);
      res.end();
    });
    proxies.push(flaky.server);
    const cine = await openDicomWebCine({ url: flaky.url, ...uids }, { headers: orthanc.headers, retries: 1, retryDelayMs: 5 });
    expect((await cine.frame(cine.frameCount - 1)).width).toBe(cine.width);
  });

  it('slow server or slow body → DICOMWEB_TIMEOUT; a caller abort → DICOMWEB_ABORTED; no hang', async () => {
    const stall = await proxy(orthanc.origin, () => undefined); // never answers
    const slowBody = await proxy(orthanc.origin, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/dicom+json' });
      res.write('[{');
    });
    proxies.push(stall.server, slowBody.server);
    const ref = { studyUID: '1.2', seriesUID: '1.3', instanceUID: '1.4' };
    const aborted = () => {
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 50);
      return openDicomWebCine({ url: stall.url, ...ref }, { signal: ac.signal });
    };
    await expectCodes([
      [() => openDicomWebCine({ url: stall.url, ...ref }, { timeoutMs: 200 }), 'DICOMWEB_TIMEOUT'],
      [() => openDicomWebCine({ url: slowBody.url, ...ref }, { timeoutMs: 200 }), 'DICOMWEB_TIMEOUT'],
      [aborted, 'DICOMWEB_ABORTED'],
    ]);
    stall.server.closeAllConnections();
    slowBody.server.closeAllConnections();
  });

  it('a malformed frames response → DICOMWEB_INVALID_RESPONSE', async () => {
    const bytes = new Uint8Array(readFileSync(FIRST));
    await orthanc.upload(bytes);
    const uids = await uidsOf(bytes);
    const broken = await proxy(orthanc.origin, (req, res, forward) => {
      if (!req.url?.includes('/frames/')) return forward();
      res.writeHead(200, { 'content-type': 'multipart/related; type="application/octet-stream"; boundary=abc' });
      res.end('--abc\r\nContent-Type: application/octet-stream\r\n\r\nshort');
    });
    proxies.push(broken.server);
    await expectCodes([[() => openDicomWebCine({ url: broken.url, ...uids }, { headers: orthanc.headers }), 'DICOMWEB_INVALID_RESPONSE']]);
  });
});
