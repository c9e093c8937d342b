/**
 * A {@link Cine} read over DICOMweb: header and timing from the WADO-RS metadata, each frame fetched
 * on demand from `…/frames/{n}` in its stored transfer syntax and decoded by the same codecs as
 * files. `prefetch` (called by `buildClip`) fetches a clip's frames in a few batched requests.
 * @module
 */
import { isSonoriskError, SonoriskError } from '../errors.js';
import { type Cine, type EncodedFrameSource, type OpenDicomCineOptions, openDicomCine, TRANSFER_SYNTAX } from '../preprocess/index.js';
import { type Connection, connect, type DicomWebOptions, type DicomWebTransfer } from './connection.js';
import { type DicomJson, part10FromJson } from './json-dataset.js';
import { headerParam, type MultipartPart, parseMultipart } from './multipart.js';

/**
 * Where one instance lives on a DICOMweb server.
 *
 * @example
 * ```ts
 * const ref: DicomWebInstance = { url: 'http://localhost:8042/dicom-web', studyUID: '1.2…', seriesUID: '1.2…', instanceUID: '1.2…' };
 * ```
 */
export interface DicomWebInstance {
  /** Base URL of the service (before `/studies`). */
  url: string;
  studyUID: string;
  seriesUID: string;
  instanceUID: string;
}

/**
 * Options for {@link openDicomWebCine}: how to reach the server (its `url` comes from the instance
 * reference) and the limits of `openDicomCine`.
 *
 * @example
 * ```ts
 * const options: OpenDicomWebCineOptions = { headers: { Authorization: `Bearer ${token}` }, timeoutMs: 10_000, batchSize: 32, cacheBytes: 64 * 2 ** 20 };
 * ```
 */
export interface OpenDicomWebCineOptions extends Omit<DicomWebOptions, 'url'>, Omit<OpenDicomCineOptions, 'frames'> {
  /**
   * Most frames asked for in one `frames/1,5,9…` request (default 256; 1 disables batching). Servers
   * that parse the whole instance for every request (Orthanc 1.10 + DICOMweb 1.7) answer 1 frame
   * and 128 frames in the same time, so fewer, larger requests are faster there.
   */
  batchSize?: number;
  /**
   * Most bytes of fetched (still encoded) frames kept for later reads (default 256 MiB; 0 keeps
   * none). Frames read by several clips are fetched once; beyond the budget the oldest are dropped
   * and fetched again if read.
   */
  cacheBytes?: number;
}

/**
 * A {@link Cine} whose frames come from a DICOMweb server; `transfer` counts what was fetched.
 *
 * @example
 * ```ts
 * const cine = await openDicomWebCine(ref);
 * await cine.prefetch([0, 10, 20]); // one request for three frames, kept for later reads
 * console.log(cine.transfer.bytes);
 * ```
 */
export interface DicomWebCine extends Cine {
  /** Fetches these frames (those not already held) in batched requests; later `frame(i)` calls use them. */
  prefetch(indices: readonly number[]): Promise<void>;
  /** Bytes and requests so far (metadata + frames). */
  readonly transfer: DicomWebTransfer;
}

const PARALLEL_BATCHES = 4;
const DEFAULT_BATCH = 256;
const DEFAULT_CACHE_BYTES = 256 * 2 ** 20;
const FRAMES_ACCEPT = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';
const UID = /^[0-9]+(\.[0-9]+)*$/;
/** What each media type means when a part names no transfer-syntax (PS3.18 Table 8.7.3-5). */
const MEDIA_DEFAULT_TS: Record<string, string> = {
  'application/octet-stream': TRANSFER_SYNTAX.explicitLittleEndian,
  'image/jpeg': TRANSFER_SYNTAX.jpegBaseline,
  'image/jls': TRANSFER_SYNTAX.jpegLsLossless,
  'image/jp2': TRANSFER_SYNTAX.jpeg2000Lossless,
  'image/dicom-rle': TRANSFER_SYNTAX.rleLossless,
  'image/x-dicom-rle': TRANSFER_SYNTAX.rleLossless,
};

/** The WADO-RS path of an instance, checking its UIDs. Internal. */
export function instancePath(ref: Omit<DicomWebInstance, 'url'>): string {
  for (const k of ['studyUID', 'seriesUID', 'instanceUID'] as const) {
    const v = ref[k];
    if (typeof v !== 'string' || v.length > 64 || !UID.test(v)) {
      throw new SonoriskError('INVALID_ARGUMENT', `DICOMweb: ${k} ${JSON.stringify(String(v).slice(0, 80))} is not a DICOM UID (digits and dots, at most 64 characters).`, { field: k });
    }
  }
  return `/studies/${ref.studyUID}/series/${ref.seriesUID}/instances/${ref.instanceUID}`;
}

function transferSyntaxOf(part: MultipartPart, shown: string): string {
  const ct = part.contentType ?? 'application/octet-stream';
  const ts = headerParam(ct, 'transfer-syntax');
  if (ts && UID.test(ts)) return ts;
  const media = ct.split(';')[0]!.trim().toLowerCase();
  const guess = MEDIA_DEFAULT_TS[media];
  if (!guess) throw new SonoriskError('DICOMWEB_INVALID_RESPONSE', `DICOMweb: ${shown} returned a frame of type "${ct}" with no transfer-syntax; sonorisk cannot tell how to decode it.`, { url: shown });
  return guess;
}

/**
 * Opens a multi-frame instance on a DICOMweb server as a {@link Cine}: one WADO-RS metadata request
 * (JSON), then frames on demand from `…/frames/{n}` in the stored transfer syntax
 * (`transfer-syntax=*`), decoded by the same codecs as `openDicomCine`. Frame 1 is fetched at open:
 * it gives the stored transfer syntax; if the server cannot serve frames of this instance (HTTP
 * 400/406/415/500/501, e.g. Orthanc for big-endian or deflated files), the whole instance is
 * retrieved instead and `meta.warnings` says so (`meta.extra.dicomweb` is `'frames'` or `'instance'`).
 * `prefetch(indices)` (called by `buildClip`, so by `clipForSpec` and `predictRisk`) fetches
 * those frames in batched `frames/1,5,9` requests. Requests time out, retry 5xx/network errors
 * with backoff and honour `signal`; credentials (headers, URL user info) never appear in errors.
 * No patient-identifying attribute reaches `meta` unless `includeIdentifying` is set.
 *
 * Errors (`SonoriskError`): `DICOMWEB_NOT_FOUND`, `DICOMWEB_HTTP`, `DICOMWEB_NETWORK`,
 * `DICOMWEB_TIMEOUT`, `DICOMWEB_ABORTED`, `DICOMWEB_INVALID_RESPONSE`, `INVALID_ARGUMENT`, and
 * those of `openDicomCine`.
 *
 * @example
 * ```ts
 * import { openDicomWebCine } from 'sonorisk/dicomweb';
 * import { clipForSpec } from 'sonorisk/phases';
 * const cine = await openDicomWebCine(
 *   { url: 'https://pacs.example.org/dicom-web', studyUID, seriesUID, instanceUID },
 *   { headers: { Authorization: `Bearer ${token}` } },
 * );
 * const { clip } = await clipForSpec(cine, spec, { box, injectionTime: 0 }); // fetches only these frames
 * console.log(cine.transfer.bytes, 'bytes fetched');
 * ```
 */
export async function openDicomWebCine(ref: DicomWebInstance, options: OpenDicomWebCineOptions = {}): Promise<DicomWebCine> {
  if (typeof ref !== 'object' || ref === null) throw new SonoriskError('INVALID_ARGUMENT', 'openDicomWebCine: give { url, studyUID, seriesUID, instanceUID }.');
  if (typeof options !== 'object' || options === null) throw new SonoriskError('INVALID_ARGUMENT', 'openDicomWebCine: options must be an object.');
  const { batchSize: batchRaw, cacheBytes: cacheRaw, maxFrames, maxPixelsPerFrame, maxBytes, includeIdentifying, ...http } = options;
  const batchSize = batchRaw ?? DEFAULT_BATCH;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new SonoriskError('INVALID_ARGUMENT', `openDicomWebCine: batchSize must be a positive integer, got ${String(batchRaw)}.`);
  const cacheBytes = cacheRaw ?? DEFAULT_CACHE_BYTES;
  if (typeof cacheBytes !== 'number' || !Number.isFinite(cacheBytes) || cacheBytes < 0) {
    throw new SonoriskError('INVALID_ARGUMENT', `openDicomWebCine: cacheBytes must be a non-negative number of bytes, got ${String(cacheRaw)}.`);
  }
  const path = instancePath(ref);
  const conn = connect({ ...http, url: ref.url });
  const cache = frameCache(cacheBytes);
  let frameCount = 0;
  let ts: string | undefined;
  /** Requests in flight, by frame index: each resolves to the frames it fetched. */
  const inflight = new Map<number, Promise<Map<number, Uint8Array>>>();
  const fetchBatch = (indices: readonly number[]): Promise<Map<number, Uint8Array>> => {
    const p = fetchParts(indices).finally(() => {
      for (const i of indices) if (inflight.get(i) === p) inflight.delete(i);
    });
    for (const i of indices) inflight.set(i, p);
    return p;
  };
  const fetchParts = async (indices: readonly number[]): Promise<Map<number, Uint8Array>> => {
    const framesPath = `${path}/frames/${indices.map((i) => i + 1).join(',')}`;
    const res = await conn.request(framesPath, { accept: FRAMES_ACCEPT });
    const parts = parseMultipart(res.body, res.headers.get('content-type') ?? '');
    const shown = conn.redact(framesPath);
    if (parts.length !== indices.length) {
      throw new SonoriskError('DICOMWEB_INVALID_RESPONSE', `DICOMweb: ${shown} returned ${parts.length} frames for ${indices.length} requested.`, { url: shown });
    }
    const got = new Map<number, Uint8Array>();
    parts.forEach((p, k) => {
      const partTs = transferSyntaxOf(p, shown);
      ts ??= partTs;
      if (partTs !== ts) {
        throw new SonoriskError('DICOMWEB_INVALID_RESPONSE', `DICOMweb: frame ${indices[k]! + 1} came in transfer syntax ${partTs}, earlier frames in ${ts}.`, { url: shown });
      }
      got.set(indices[k]!, p.body);
    });
    for (const [i, b] of got) cache.set(i, b);
    return got;
  };
  const prefetch = async (indices: readonly number[]): Promise<void> => {
    if (!Array.isArray(indices)) throw new SonoriskError('INVALID_ARGUMENT', 'prefetch: indices must be an array of frame indices.');
    if (cacheBytes === 0) return; // nothing fetched ahead could be kept: each frame() reads its own
    const wanted = [...new Set(indices)].filter((i) => Number.isInteger(i) && i >= 0 && i < frameCount && !cache.has(i) && !inflight.has(i));
    const pending = [...new Set(indices.map((i) => inflight.get(i)))];
    const batches: number[][] = [];
    for (let k = 0; k < wanted.length; k += batchSize) batches.push(wanted.slice(k, k + batchSize));
    // At most PARALLEL_BATCHES requests at a time.
    const worker = async () => {
      for (let b = batches.shift(); b; b = batches.shift()) await fetchBatch(b);
    };
    await Promise.all([...pending, ...Array.from({ length: Math.min(PARALLEL_BATCHES, batches.length) }, worker)]);
  };
  const read = async (index: number): Promise<Uint8Array> => {
    const held = cache.get(index);
    if (held) return held;
    const pending = inflight.get(index);
    const fromPending = pending ? (await pending).get(index) : undefined;
    return fromPending ?? (await fetchBatch([index])).get(index)!;
  };

  // Metadata and frame 1 in parallel: frame 1 tells the stored transfer syntax and whether the
  // server can serve frames of this instance at all.
  const probe = fetchBatch([0]).then(
    () => undefined,
    (e: unknown) => e,
  );
  const json = await readMetadata(conn, path);
  const nf = Number(json['00280008']?.Value?.[0] ?? 1);
  frameCount = Number.isInteger(nf) && nf > 0 ? nf : 1;
  const limits = {
    ...(maxFrames === undefined ? {} : { maxFrames }),
    ...(maxPixelsPerFrame === undefined ? {} : { maxPixelsPerFrame }),
    ...(maxBytes === undefined ? {} : { maxBytes }),
    ...(includeIdentifying === undefined ? {} : { includeIdentifying }),
  };
  const probeError = await probe;
  if (probeError !== undefined) {
    const status = isSonoriskError(probeError, 'DICOMWEB_HTTP') ? Number(probeError.details?.status) : 0;
    if (!FALLBACK_STATUS.has(status)) throw probeError;
    return openWholeInstance(conn, path, limits, `the server answered HTTP ${status} to a frame request`);
  }
  const frames: EncodedFrameSource = { transferSyntaxUid: ts!, read };
  const header = await part10FromJson(json, async (uri) => {
    const res = await conn.request(bulkPath(conn, uri), { accept: 'multipart/related; type="application/octet-stream"' });
    const ct = res.headers.get('content-type') ?? '';
    if (!/^\s*multipart\//i.test(ct)) return res.body;
    const [part] = parseMultipart(res.body, ct);
    if (!part) throw new SonoriskError('DICOMWEB_INVALID_RESPONSE', `DICOMweb: the bulk data at ${conn.redact(bulkPath(conn, uri))} came back empty.`);
    return part.body;
  });
  return asDicomWebCine(await openDicomCine(header, { frames, ...limits }), 'frames', prefetch, conn);
}

/**
 * Encoded frames by index, at most `maxBytes` in all: the least recently used are dropped first.
 * A frame larger than the whole budget is not kept.
 */
function frameCache(maxBytes: number) {
  const held = new Map<number, Uint8Array>();
  let bytes = 0;
  return {
    has: (i: number) => held.has(i),
    get(i: number): Uint8Array | undefined {
      const b = held.get(i);
      if (b) {
        held.delete(i); // most recently used last
        held.set(i, b);
      }
      return b;
    },
    set(i: number, b: Uint8Array): void {
      const old = held.get(i);
      if (old) {
        held.delete(i);
        bytes -= old.length;
      }
      if (b.length > maxBytes) return;
      for (const [k, v] of held) {
        if (bytes + b.length <= maxBytes) break;
        held.delete(k);
        bytes -= v.length;
      }
      held.set(i, b);
      bytes += b.length;
    },
  };
}

/** Marks a cine as read over DICOMweb and adds `prefetch` and `transfer`. */
function asDicomWebCine(cine: Cine, how: 'frames' | 'instance', prefetch: DicomWebCine['prefetch'], conn: Connection): DicomWebCine {
  cine.meta.source = 'dicomweb';
  cine.meta.extra = { ...cine.meta.extra, dicomweb: how };
  return { width: cine.width, height: cine.height, frameCount: cine.frameCount, frameTimes: cine.frameTimes, meta: cine.meta, frame: (i) => cine.frame(i), prefetch, transfer: conn.transfer };
}

/**
 * Statuses of a frame request after which the whole instance is fetched instead: servers that
 * cannot cut frames out of some encodings (Orthanc 1.10 + DICOMweb 1.7 answer 500 for big-endian
 * and deflated files and 400 for several fragments per frame without an offset table).
 */
const FALLBACK_STATUS = new Set([400, 406, 415, 500, 501]);

/** Retrieves the whole instance (WADO-RS, stored syntax) and opens it locally. */
async function openWholeInstance(conn: Connection, path: string, limits: Omit<OpenDicomCineOptions, 'frames'>, why: string): Promise<DicomWebCine> {
  const res = await conn.request(path, { accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' });
  const ct = res.headers.get('content-type') ?? '';
  const body = /^\s*multipart\//i.test(ct) ? parseMultipart(res.body, ct)[0]?.body : res.body;
  if (!body || body.length === 0) throw new SonoriskError('DICOMWEB_INVALID_RESPONSE', `DICOMweb: ${conn.redact(path)} returned no instance.`);
  const cine = asDicomWebCine(await openDicomCine(body, limits), 'instance', async () => undefined, conn);
  cine.meta.warnings.push(`DICOMweb: ${why}; the whole instance (${body.length} bytes) was downloaded instead of single frames.`);
  return cine;
}

async function readMetadata(conn: Connection, path: string): Promise<DicomJson> {
  const res = await conn.request(`${path}/metadata`, { accept: 'application/dicom+json' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(res.body));
  } catch {
    throw new SonoriskError('DICOMWEB_INVALID_RESPONSE', `DICOMweb: the metadata from ${conn.redact(`${path}/metadata`)} is not JSON.`);
  }
  const first = Array.isArray(parsed) ? parsed[0] : undefined;
  if (typeof first !== 'object' || first === null || Array.isArray(first)) {
    throw new SonoriskError('DICOMWEB_INVALID_RESPONSE', `DICOMweb: the metadata from ${conn.redact(`${path}/metadata`)} is not an array holding one data set.`);
  }
  return first as DicomJson;
}

/**
 * A BulkDataURI as a path under the connection's base URL. A server behind a reverse proxy may name
 * itself by another host, so the URI's `/studies/…` part is requested under the caller's base URL;
 * sonorisk never sends a request (or credentials) to another host.
 */
function bulkPath(conn: Connection, uri: string): string {
  if (uri.startsWith(conn.base)) return uri.slice(conn.base.length);
  const k = uri.indexOf('/studies/');
  if (k >= 0) return uri.slice(k);
  throw new SonoriskError('DICOMWEB_INVALID_RESPONSE', 'DICOMweb: a BulkDataURI in the metadata is not a /studies/… URI of this service; sonorisk does not follow it.');
}
