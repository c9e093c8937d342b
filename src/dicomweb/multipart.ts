/**
 * multipart/related bodies (RFC 2387, as PS3.18 §8.7.1 uses them): split into parts, build one.
 * @module
 */
import { SonoriskError } from '../errors.js';
import { concatBytes } from '../preprocess/internal.js';

/** One body part of a multipart/related message. */
export interface MultipartPart {
  /** The part's Content-Type, or undefined when it has none. */
  contentType: string | undefined;
  /** The part's Content-Location, when given. */
  contentLocation: string | undefined;
  body: Uint8Array;
}

const enc = new TextEncoder();
const CRLF = enc.encode('\r\n');

function invalid(message: string): SonoriskError {
  return new SonoriskError('DICOMWEB_INVALID_RESPONSE', `DICOMweb: ${message}`);
}

/**
 * The value of parameter `name` in a header such as `multipart/related; type="image/jpeg"; boundary=x`.
 *
 * @example
 * ```ts
 * headerParam('image/jpeg; transfer-syntax=1.2.840.10008.1.2.4.50', 'transfer-syntax'); // '1.2.840.10008.1.2.4.50'
 * ```
 */
export function headerParam(header: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, 'i');
  const m = re.exec(header);
  return m ? (m[1] ?? m[2]) : undefined;
}

function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]!;
  const last = hay.length - needle.length;
  outer: for (let i = hay.indexOf(first, from); i !== -1 && i <= last; i = hay.indexOf(first, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Splits a multipart/related body into its parts. Uses each part's Content-Length when present
 * and otherwise searches for the boundary.
 *
 * @example
 * ```ts
 * const parts = parseMultipart(body, response.headers.get('content-type')!);
 * parts[0].contentType; // 'image/jpeg; transfer-syntax=1.2.840.10008.1.2.4.50'
 * ```
 */
export function parseMultipart(body: Uint8Array, contentType: string): MultipartPart[] {
  if (!/^\s*multipart\/related/i.test(contentType)) throw invalid(`expected a multipart/related response, got "${contentType}".`);
  const boundary = headerParam(contentType, 'boundary');
  if (!boundary) throw invalid(`the multipart/related response has no boundary parameter ("${contentType}").`);
  const delim = enc.encode(`--${boundary}`);
  const nextDelim = enc.encode(`\r\n--${boundary}`);
  let pos = indexOf(body, delim, 0);
  if (pos < 0) throw invalid('the multipart/related body holds no boundary line.');
  const parts: MultipartPart[] = [];
  const dec = new TextDecoder('latin1');
  for (;;) {
    pos += delim.length;
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts; // closing delimiter
    const headerEnd = indexOf(body, enc.encode('\r\n\r\n'), pos);
    if (headerEnd < 0) throw invalid(`part ${parts.length + 1} of the multipart body has no end of headers.`);
    const headers = new Map<string, string>();
    for (const line of dec.decode(body.subarray(pos, headerEnd)).split('\r\n')) {
      const c = line.indexOf(':');
      if (c > 0) headers.set(line.slice(0, c).trim().toLowerCase(), line.slice(c + 1).trim());
    }
    const start = headerEnd + 4;
    const declared = Number(headers.get('content-length') ?? Number.NaN);
    let end: number;
    if (Number.isInteger(declared) && declared >= 0 && start + declared + nextDelim.length <= body.length && matches(body, nextDelim, start + declared)) {
      end = start + declared;
    } else {
      end = indexOf(body, nextDelim, start);
      if (end < 0) throw invalid(`part ${parts.length + 1} of the multipart body is not closed by the boundary (truncated response?).`);
    }
    parts.push({ contentType: headers.get('content-type'), contentLocation: headers.get('content-location'), body: body.subarray(start, end) });
    pos = end + CRLF.length;
  }
}

function matches(hay: Uint8Array, needle: Uint8Array, at: number): boolean {
  for (let k = 0; k < needle.length; k++) if (hay[at + k] !== needle[k]) return false;
  return true;
}

/**
 * Builds a multipart/related body of parts of one media type; returns it with its Content-Type.
 *
 * @example
 * ```ts
 * const { body, contentType } = buildMultipart([srBytes], 'application/dicom');
 * ```
 */
export function buildMultipart(parts: readonly Uint8Array[], type: string): { body: Uint8Array; contentType: string } {
  const boundary = `sonorisk-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const chunks: Uint8Array[] = [];
  for (const p of parts) {
    chunks.push(enc.encode(`--${boundary}\r\nContent-Type: ${type}\r\nContent-Length: ${p.length}\r\n\r\n`), p, CRLF);
  }
  chunks.push(enc.encode(`--${boundary}--\r\n`));
  return { body: concatBytes(chunks), contentType: `multipart/related; type="${type}"; boundary=${boundary}` };
}
