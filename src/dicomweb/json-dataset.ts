/**
 * DICOM JSON (PS3.18 Annex F, what WADO-RS metadata returns) → a header-only Part 10 data set in
 * Explicit VR Little Endian, so the same header reader and checks as for files apply to a cine read
 * over DICOMweb. Bulk data is fetched only for the elements sonorisk reads (palette LUTs).
 * @module
 */
import { SonoriskError } from '../errors.js';
import { TRANSFER_SYNTAX } from '../preprocess/index.js';

/** One attribute of the DICOM JSON model. */
export interface DicomJsonAttribute {
  vr: string;
  Value?: unknown[];
  InlineBinary?: string;
  BulkDataURI?: string;
}

/** A data set in the DICOM JSON model: 8-hex-digit tag → attribute. */
export type DicomJson = Record<string, DicomJsonAttribute>;

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);
const BINARY_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);
const NUMERIC: Record<string, [number, (v: DataView, o: number, x: number | bigint) => void]> = {
  US: [2, (v, o, x) => v.setUint16(o, Number(x), true)],
  SS: [2, (v, o, x) => v.setInt16(o, Number(x), true)],
  UL: [4, (v, o, x) => v.setUint32(o, Number(x), true)],
  SL: [4, (v, o, x) => v.setInt32(o, Number(x), true)],
  FL: [4, (v, o, x) => v.setFloat32(o, Number(x), true)],
  FD: [8, (v, o, x) => v.setFloat64(o, Number(x), true)],
  SV: [8, (v, o, x) => v.setBigInt64(o, BigInt(x), true)],
  UV: [8, (v, o, x) => v.setBigUint64(o, BigInt(x), true)],
};
/** Bulk data worth fetching: the palette colour lookup tables. */
const BULK_NEEDED = new Set([0x00281201, 0x00281202, 0x00281203, 0x00281221, 0x00281222, 0x00281223]);
const MAX_DEPTH = 16;

const enc = new TextEncoder();

class Writer {
  private buf = new Uint8Array(4096);
  length = 0;
  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  u16(x: number): void {
    this.bytes(new Uint8Array([x & 0xff, (x >>> 8) & 0xff]));
  }
  u32(x: number): void {
    this.bytes(new Uint8Array([x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, (x >>> 24) & 0xff]));
  }
  tag(tag: number): void {
    this.u16(tag >>> 16);
    this.u16(tag & 0xffff);
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

function bad(message: string): SonoriskError {
  return new SonoriskError('DICOMWEB_INVALID_RESPONSE', `DICOMweb metadata: ${message}`);
}

function base64(s: string): Uint8Array {
  let bin: string;
  try {
    bin = atob(s);
  } catch {
    throw bad('an InlineBinary value is not valid base64.');
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function personName(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v !== 'object' || v === null) return '';
  const p = v as { Alphabetic?: unknown; Ideographic?: unknown; Phonetic?: unknown };
  return [p.Alphabetic, p.Ideographic, p.Phonetic]
    .map((x) => (typeof x === 'string' ? x : ''))
    .join('=')
    .replace(/=+$/, '');
}

/** The value bytes of one non-sequence attribute, or undefined to leave it out. */
async function valueBytes(tag: number, a: DicomJsonAttribute, bulk: (uri: string) => Promise<Uint8Array>): Promise<Uint8Array | undefined> {
  const vr = a.vr;
  if (BINARY_VRS.has(vr)) {
    if (typeof a.InlineBinary === 'string') return base64(a.InlineBinary);
    if (typeof a.BulkDataURI === 'string') return BULK_NEEDED.has(tag) ? bulk(a.BulkDataURI) : undefined;
    return new Uint8Array(0);
  }
  const values = Array.isArray(a.Value) ? a.Value : [];
  const num = NUMERIC[vr];
  if (num) {
    const [size, set] = num;
    const out = new Uint8Array(size * values.length);
    const view = new DataView(out.buffer);
    values.forEach((x, i) => {
      if (typeof x !== 'number' && typeof x !== 'bigint' && typeof x !== 'string') throw bad(`a ${vr} value of ${hex(tag)} is not a number.`);
      set(view, i * size, typeof x === "string" ? Number(x) : x);
    });
    return out;
  }
  if (vr === 'AT') {
    const out = new Uint8Array(4 * values.length);
    const view = new DataView(out.buffer);
    values.forEach((x, i) => {
      const t = Number.parseInt(String(x), 16);
      if (!Number.isFinite(t)) throw bad(`an AT value of ${hex(tag)} is not a tag.`);
      view.setUint16(i * 4, t >>> 16, true);
      view.setUint16(i * 4 + 2, t & 0xffff, true);
    });
    return out;
  }
  const text = values.map((x) => (x === null || x === undefined ? '' : vr === 'PN' ? personName(x) : String(x))).join('\\');
  const out = enc.encode(text);
  if (out.length % 2 === 0) return out;
  const padded = new Uint8Array(out.length + 1);
  padded.set(out);
  padded[out.length] = vr === 'UI' ? 0 : 0x20;
  return padded;
}

function hex(tag: number): string {
  const h = tag.toString(16).toUpperCase().padStart(8, '0');
  return `(${h.slice(0, 4)},${h.slice(4)})`;
}

async function writeDataset(w: Writer, json: DicomJson, bulk: (uri: string) => Promise<Uint8Array>, depth: number): Promise<void> {
  if (depth > MAX_DEPTH) throw bad(`sequences are nested more than ${MAX_DEPTH} deep.`);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw bad('a data set is not a JSON object.');
  const tags = Object.keys(json)
    .filter((k) => /^[0-9A-Fa-f]{8}$/.test(k))
    .map((k) => [Number.parseInt(k, 16), k] as const)
    .sort((a, b) => a[0] - b[0]);
  for (const [tag, key] of tags) {
    const group = tag >>> 16;
    if (group === 0x0002 || group === 0xfffe || group === 0x7fe0) continue;
    const a = json[key]!;
    if (typeof a !== 'object' || a === null || typeof a.vr !== 'string' || !/^[A-Z]{2}$/.test(a.vr)) throw bad(`attribute ${hex(tag)} has no valid "vr".`);
    const vr = tag === 0x00080005 ? 'CS' : a.vr;
    if (vr === 'SQ') {
      w.tag(tag);
      w.bytes(enc.encode('SQ'));
      w.u16(0);
      w.u32(0xffffffff);
      for (const item of Array.isArray(a.Value) ? a.Value : []) {
        w.tag(0xfffee000);
        w.u32(0xffffffff);
        await writeDataset(w, item as DicomJson, bulk, depth + 1);
        w.tag(0xfffee00d);
        w.u32(0);
      }
      w.tag(0xfffee0dd);
      w.u32(0);
      continue;
    }
    // The strings below are written as UTF-8, so say so.
    const value = tag === 0x00080005 ? enc.encode('ISO_IR 192') : await valueBytes(tag, a, bulk);
    if (value === undefined) continue;
    const long = LONG_VRS.has(vr);
    if (!long && value.length > 0xffff) continue; // cannot be encoded with a 16-bit length; sonorisk reads no such value
    w.tag(tag);
    w.bytes(enc.encode(vr));
    if (long) {
      w.u16(0);
      w.u32(value.length);
    } else w.u16(value.length);
    w.bytes(value);
  }
}

/**
 * Encodes a DICOM JSON data set (no Pixel Data) as a Part 10 file in Explicit VR Little Endian.
 * `bulk` fetches a BulkDataURI; it is called only for the palette colour lookup tables.
 *
 * @example
 * ```ts
 * const [json] = await (await fetch(`${base}/studies/${s}/series/${r}/instances/${i}/metadata`)).json();
 * const header = await part10FromJson(json, async (uri) => new Uint8Array(await (await fetch(uri)).arrayBuffer()));
 * const cine = await openDicomCine(header, { frames }); // frames from WADO-RS
 * ```
 */
export async function part10FromJson(json: DicomJson, bulk: (uri: string) => Promise<Uint8Array>): Promise<Uint8Array> {
  const body = new Writer();
  await writeDataset(body, json, bulk, 0);
  const meta = new Writer();
  const ts = enc.encode(`${TRANSFER_SYNTAX.explicitLittleEndian}\0`);
  meta.tag(0x00020010);
  meta.bytes(enc.encode('UI'));
  meta.u16(ts.length);
  meta.bytes(ts);
  const metaBytes = meta.result();
  const out = new Writer();
  out.bytes(new Uint8Array(128));
  out.bytes(enc.encode('DICM'));
  out.tag(0x00020000);
  out.bytes(enc.encode('UL'));
  out.u16(4);
  out.u32(metaBytes.length);
  out.bytes(metaBytes);
  out.bytes(body.result());
  return out.result();
}
