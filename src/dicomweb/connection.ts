/**
 * The HTTP side of DICOMweb: one fetch-based request function with timeouts, retries with
 * backoff, an AbortSignal, a cap on response size, byte counting and error codes whose messages
 * name the URL without credentials. Uses only `fetch`, so it runs in Node ≥ 20, browsers and Deno.
 * @module
 */
import { SonoriskError } from '../errors.js';
import { concatBytes } from '../preprocess/internal.js';

/**
 * How to reach a DICOMweb service, shared by every `sonorisk/dicomweb` function.
 *
 * @example
 * ```ts
 * const options: DicomWebOptions = {
 *   url: 'https://pacs.example.org/dicom-web',
 *   headers: { Authorization: `Bearer ${token}` }, // never logged, never in error messages
 *   timeoutMs: 20_000,
 * };
 * ```
 */
export interface DicomWebOptions {
  /** Base URL of the DICOMweb service (the part before `/studies`), e.g. `http://localhost:8042/dicom-web`. */
  url: string;
  /** Extra request headers, e.g. `{ Authorization: 'Bearer …' }`. Never logged or put in errors. */
  headers?: Record<string, string>;
  /** The `fetch` to use (default `globalThis.fetch`): one that adds auth, goes through a proxy, or records. */
  fetch?: typeof fetch;
  /** Time limit of one request in ms, body included (default 30 000). */
  timeoutMs?: number;
  /** Retries after a 5xx or 429 response or a network error (default 2); timeouts are not retried. */
  retries?: number;
  /** First backoff delay in ms, doubled at each retry (default 250). */
  retryDelayMs?: number;
  /** Aborts every request made with these options. */
  signal?: AbortSignal;
  /** Cap on one response body in bytes (default 1 GiB). */
  maxResponseBytes?: number;
}

/**
 * Counts of what a DICOMweb object has transferred so far (response bodies only, not headers).
 *
 * @example
 * ```ts
 * const cine = await openDicomWebCine(ref);
 * console.log(cine.transfer.bytes, cine.transfer.requests);
 * ```
 */
export interface DicomWebTransfer {
  /** Response body bytes received. */
  bytes: number;
  /** Successful requests made. */
  requests: number;
}

/** A response whose body has been read. Internal. */
export interface DicomWebResponse {
  status: number;
  headers: Headers;
  body: Uint8Array;
  url: string;
}

/** A configured requester. Internal to sonorisk/dicomweb. */
export interface Connection {
  readonly base: string;
  readonly transfer: DicomWebTransfer;
  request(path: string, init: { accept: string; method?: 'GET' | 'POST'; body?: Uint8Array; contentType?: string }): Promise<DicomWebResponse>;
  /** The URL of `path`, safe to show: no user/password, no query values. */
  redact(path: string): string;
}

const DEFAULTS = { timeoutMs: 30_000, retries: 2, retryDelayMs: 250, maxResponseBytes: 2 ** 30 } as const;

function positive(name: string, v: unknown, fallback: number, allowZero = false): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
    throw new SonoriskError('INVALID_ARGUMENT', `DICOMweb: options.${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${String(v)}.`);
  }
  return v;
}

/**
 * A URL with user name, password and query values removed, for messages.
 *
 * @example
 * ```ts
 * redactUrl('https://u:p@pacs/dicom-web/studies?token=abc'); // 'https://pacs/dicom-web/studies?token=…'
 * ```
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    const keys: string[] = [];
    u.searchParams.forEach((_, k) => {
      keys.push(k);
    });
    u.search = '';
    u.hash = '';
    const q = [...new Set(keys)].map((k) => `${encodeURIComponent(k)}=…`).join('&');
    return q ? `${u.toString()}?${q}` : u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** Checks options and builds a {@link Connection}. Internal. */
export function connect(options: DicomWebOptions): Connection {
  if (typeof options !== 'object' || options === null || typeof options.url !== 'string') {
    throw new SonoriskError('INVALID_ARGUMENT', 'DICOMweb: options.url (the service base URL, e.g. http://host/dicom-web) is required.');
  }
  let parsed: URL;
  try {
    parsed = new URL(options.url);
  } catch {
    throw new SonoriskError('INVALID_ARGUMENT', `DICOMweb: options.url ${JSON.stringify(redactUrl(options.url))} is not an absolute URL.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SonoriskError('INVALID_ARGUMENT', `DICOMweb: options.url must be http(s), got ${parsed.protocol}.`);
  }
  const timeoutMs = positive('timeoutMs', options.timeoutMs, DEFAULTS.timeoutMs);
  const retries = Math.floor(positive('retries', options.retries, DEFAULTS.retries, true));
  const retryDelayMs = positive('retryDelayMs', options.retryDelayMs, DEFAULTS.retryDelayMs, true);
  const maxBytes = positive('maxResponseBytes', options.maxResponseBytes, DEFAULTS.maxResponseBytes);
  const fetchFn = options.fetch ?? globalThis.fetch;
  if (typeof fetchFn !== 'function') throw new SonoriskError('INVALID_ARGUMENT', 'DICOMweb: no fetch available; pass options.fetch.');
  const headers = { ...(options.headers ?? {}) };
  if (parsed.username || parsed.password) {
    // fetch refuses URLs with credentials; send them as HTTP Basic instead, as browsers do.
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'authorization')) {
      const raw = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
      headers.Authorization = `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(raw)))}`;
    }
    parsed.username = '';
    parsed.password = '';
  }
  const userSignal = options.signal;
  const base = parsed.toString().replace(/\/+$/, '');
  const transfer: DicomWebTransfer = { bytes: 0, requests: 0 };
  const redact = (path: string) => redactUrl(base + path);

  async function once(path: string, init: Parameters<Connection['request']>[1]): Promise<DicomWebResponse | { retry: SonoriskError }> {
    const url = base + path;
    const shown = redact(path);
    const ac = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ac.abort();
    }, timeoutMs);
    const onAbort = () => ac.abort();
    userSignal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (userSignal?.aborted) ac.abort();
      const h: Record<string, string> = { ...headers, Accept: init.accept };
      if (init.contentType) h['Content-Type'] = init.contentType;
      const res = await fetchFn(url, { method: init.method ?? 'GET', headers: h, signal: ac.signal, ...(init.body ? { body: init.body as Uint8Array<ArrayBuffer> } : {}) });
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        const details = { status: res.status, url: shown };
        if (res.status === 404) throw new SonoriskError('DICOMWEB_NOT_FOUND', `DICOMweb: ${shown} answered 404 Not Found; check the study/series/instance UIDs and the base URL.`, details);
        const err = new SonoriskError('DICOMWEB_HTTP', `DICOMweb: ${shown} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.`, details);
        if (res.status >= 500 || res.status === 429) return { retry: err };
        throw err;
      }
      const body = await readCapped(res, maxBytes, shown);
      transfer.bytes += body.length;
      transfer.requests += 1;
      return { status: res.status, headers: res.headers, body, url };
    } catch (e) {
      if (e instanceof SonoriskError) throw e;
      if (userSignal?.aborted) throw new SonoriskError('DICOMWEB_ABORTED', `DICOMweb: the request to ${shown} was aborted by the caller's signal.`, { url: shown }, { cause: e });
      if (timedOut) throw new SonoriskError('DICOMWEB_TIMEOUT', `DICOMweb: ${shown} did not answer within ${timeoutMs} ms (options.timeoutMs).`, { url: shown, timeoutMs }, { cause: e });
      const msg = String((e as Error)?.message ?? e).replaceAll(url, shown);
      return { retry: new SonoriskError('DICOMWEB_NETWORK', `DICOMweb: cannot reach ${shown} (${msg}); is the server running and the URL right?`, { url: shown }, { cause: e }) };
    } finally {
      clearTimeout(timer);
      userSignal?.removeEventListener('abort', onAbort);
    }
  }

  return {
    base,
    transfer,
    redact,
    async request(path, init) {
      for (let attempt = 0; ; attempt++) {
        const r = await once(path, init);
        if (!('retry' in r)) return r;
        if (attempt >= retries) throw r.retry;
        await sleep(retryDelayMs * 2 ** attempt, userSignal);
      }
    },
  };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new SonoriskError('DICOMWEB_ABORTED', 'DICOMweb: aborted by the caller’s signal while waiting to retry.'));
      return;
    }
    const onAbort = () => {
      clearTimeout(t);
      reject(new SonoriskError('DICOMWEB_ABORTED', 'DICOMweb: aborted by the caller’s signal while waiting to retry.'));
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Reads a response body, refusing more than `maxBytes` (declared or actual). */
async function readCapped(res: Response, maxBytes: number, shown: string): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  const tooBig = () => new SonoriskError('LIMIT_EXCEEDED', `DICOMweb: the response from ${shown} is larger than maxResponseBytes (${maxBytes}).`, { url: shown, maxBytes });
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooBig();
  }
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooBig();
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? chunks[0]! : concatBytes(chunks);
}
