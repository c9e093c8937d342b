/**
 * In Chromium, with the packed package: openDicomWebCine reads the real US files from the Orthanc of
 * test/browser/orthanc-setup.ts (through the dev server's /dicom-web/ forward), and every frame equals
 * the frame openDicomCine decodes from the same file fetched as a Blob. The forward drops the Host
 * header, so Orthanc names itself by its own address in BulkDataURIs, as behind a reverse proxy.
 * Cross-origin: the page reads the same Orthanc through the nginx CORS proxy of
 * test/helpers/cors-proxy.ts (another port, so another origin) with an Authorization header, which
 * makes the browser send a preflight; read directly (Orthanc has no CORS), it cannot.
 */
import { openDicomCine, openDicomWebCine } from './sonorisk-dicomweb.mjs';
import { expect, it } from 'vitest';
import { blob } from './load.js';

const probe = await fetch('/__orthanc');
const available = probe.ok;
const origins: { direct: string | null; cors: string | null } = available ? await probe.json() : { direct: null, cors: null };

it.skipIf(!available).each(['examples_ybr_color.dcm', 'examples_jpeg2k.dcm', 'examples_palette.dcm', 'examples_rgb_color.dcm'])(
  'openDicomWebCine in the browser: %s equals the file',
  async (name) => {
    const local = await openDicomCine(await blob(`/dicom/${name}`), { includeIdentifying: true });
    const id = local.meta.identifying!;
    const remote = await openDicomWebCine({ url: `${location.origin}/dicom-web`, studyUID: id.StudyInstanceUID!, seriesUID: id.SeriesInstanceUID!, instanceUID: id.SOPInstanceUID! });
    expect(remote.meta.source).toBe('dicomweb');
    expect([remote.width, remote.height, remote.frameCount]).toEqual([local.width, local.height, local.frameCount]);
    expect(Array.from(remote.frameTimes)).toEqual(Array.from(local.frameTimes));
    await remote.prefetch(Array.from({ length: remote.frameCount }, (_, i) => i));
    for (let i = 0; i < local.frameCount; i++) {
      const [a, b] = [await remote.frame(i), await local.frame(i)];
      expect([a.width, a.height, a.channels, a.data.length]).toEqual([b.width, b.height, b.channels, b.data.length]);
      let same = true;
      for (let k = 0; k < a.data.length && same; k++) same = a.data[k] === b.data[k];
      expect(same, `frame ${i}`).toBe(true);
    }
    expect(remote.transfer.requests).toBeGreaterThan(0);
  },
);

it.skipIf(!origins.cors)('openDicomWebCine from another origin: through the CORS proxy it reads the file; Orthanc alone refuses', async () => {
  const name = 'examples_ybr_color.dcm';
  const local = await openDicomCine(await blob(`/dicom/${name}`), { includeIdentifying: true });
  const id = local.meta.identifying!;
  const uids = { studyUID: id.StudyInstanceUID!, seriesUID: id.SeriesInstanceUID!, instanceUID: id.SOPInstanceUID! };
  expect(new URL(origins.cors!).origin).not.toBe(location.origin);
  const headers = { Authorization: 'Bearer test-token' }; // not CORS-safelisted: the browser sends a preflight
  const remote = await openDicomWebCine({ url: `${origins.cors}/dicom-web`, ...uids }, { headers });
  expect([remote.width, remote.height, remote.frameCount]).toEqual([local.width, local.height, local.frameCount]);
  await remote.prefetch(Array.from({ length: remote.frameCount }, (_, i) => i));
  for (let i = 0; i < local.frameCount; i++) {
    const [a, b] = [await remote.frame(i), await local.frame(i)];
    let same = a.data.length === b.data.length;
    for (let k = 0; k < a.data.length && same; k++) same = a.data[k] === b.data[k];
    expect(same, `frame ${i}`).toBe(true);
  }
  const direct = await openDicomWebCine({ url: `${origins.direct}/dicom-web`, ...uids }, { headers, retries: 0 }).catch((e: { code?: string }) => e);
  expect((direct as { code?: string }).code).toBe('DICOMWEB_NETWORK');
});
