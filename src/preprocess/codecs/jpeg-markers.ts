/**
 * Reads the JPEG marker segments sonorisk needs to choose decoding behaviour: the frame header's
 * precision, size and component ids, and whether JFIF (APP0) or Adobe (APP14) markers are present.
 * Also the JPEG 2000 SIZ size, so a codestream larger than the DICOM attributes is refused before
 * the decoder allocates for it.
 * Internal to sonorisk.
 * @module
 */
import { SonoriskError } from '../../errors.js';

/** What {@link scanJpegMarkers} found before the first scan. */
export interface JpegMarkers {
  /** SOF marker (0xC0..0xCF except C4, C8, CC; 0xF7 for JPEG-LS), or undefined when none was found. */
  sof?: number;
  precision?: number;
  /** Frame size from the SOF segment (lines, samples per line). */
  height?: number;
  width?: number;
  componentIds: number[];
  jfif: boolean;
  adobe: boolean;
}

/** Walks marker segments from SOI up to SOS. Never throws; stops at anything odd. */
export function scanJpegMarkers(b: Uint8Array): JpegMarkers {
  const out: JpegMarkers = { componentIds: [], jfif: false, adobe: false };
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return out;
  let p = 2;
  while (p + 4 <= b.length) {
    if (b[p] !== 0xff) return out;
    const m = b[p + 1]!;
    if (m === 0xff) {
      p++;
      continue;
    }
    const len = (b[p + 2]! << 8) | b[p + 3]!;
    if (m === 0xda || len < 2) return out;
    const seg = p + 4;
    if (m === 0xe0 && b[seg] === 0x4a && b[seg + 1] === 0x46) out.jfif = true;
    // libjpeg honours an Adobe segment only with its full 12 data bytes (length field >= 14).
    if (m === 0xee && len >= 14 && b[seg] === 0x41 && b[seg + 1] === 0x64) out.adobe = true;
    const isSof = (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) || m === 0xf7; // F7: JPEG-LS SOF55
    if (isSof && seg + 6 <= b.length) {
      out.sof = m;
      out.precision = b[seg]!;
      out.height = (b[seg + 1]! << 8) | b[seg + 2]!;
      out.width = (b[seg + 3]! << 8) | b[seg + 4]!;
      const n = b[seg + 5]!;
      for (let i = 0; i < n && seg + 6 + i * 3 < b.length; i++) out.componentIds.push(b[seg + 6 + i * 3]!);
    }
    p += 2 + len;
  }
  return out;
}

/**
 * True when a JPEG-family codestream ends with EOI (FFD9) within its last 16 bytes: DICOM pads an
 * odd fragment to even length (dcmtk's JPEG-LS near-lossless writer pads with a non-zero byte) and
 * some writers add more. In JPEG-LS scan data an FF is followed by a byte below 0x80, so FFD9 there
 * is always the marker.
 *
 * @example
 * ```ts
 * endsWithEoi(new Uint8Array([0xff, 0xd8, 0xff, 0xd9, 0x00])); // true
 * ```
 */
export function endsWithEoi(b: Uint8Array): boolean {
  for (let p = b.length - 2; p >= 2 && p >= b.length - 18; p--) if (b[p] === 0xff && b[p + 1] === 0xd9) return true;
  return false;
}

/** An Adobe APP14 segment with transform 0: tells libjpeg the components are not YCbCr. */
const ADOBE_NO_TRANSFORM = new Uint8Array([0xff, 0xee, 0x00, 0x0e, 0x41, 0x64, 0x6f, 0x62, 0x65, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00]);

/** Returns the codestream with an Adobe "no colour transform" marker inserted after SOI. */
export function withAdobeNoTransform(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length + ADOBE_NO_TRANSFORM.length);
  out.set(b.subarray(0, 2), 0);
  out.set(ADOBE_NO_TRANSFORM, 2);
  out.set(b.subarray(2), 2 + ADOBE_NO_TRANSFORM.length);
  return out;
}

/** Big-endian unsigned 32-bit read. */
function be32(b: Uint8Array, p: number): number {
  return ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
}

/** Image size from the SIZ segment of a raw JPEG 2000 codestream starting at `p` (SOC then SIZ). */
function sizAt(b: Uint8Array, p: number): { width: number; height: number } | undefined {
  if (p + 24 > b.length || b[p] !== 0xff || b[p + 1] !== 0x4f || b[p + 2] !== 0xff || b[p + 3] !== 0x51) return undefined;
  const s = p + 8; // after SOC, SIZ marker, Lsiz, Rsiz
  return { width: be32(b, s) - be32(b, s + 8), height: be32(b, s + 4) - be32(b, s + 12) };
}

/**
 * Where the codestream the decoder will read starts: 0 for a raw codestream (SOC first), or for a
 * JP2 file the contents of the contiguous codestream box `jp2c`, found by walking the top-level
 * boxes (ISO 15444-1 I.4) — never a SOC/SIZ pattern elsewhere (an `xml ` box can hold a decoy).
 */
function j2kCodestreamStart(b: Uint8Array): number | undefined {
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0x4f) return 0;
  let p = 0;
  for (let boxes = 0; p + 8 <= b.length && boxes < 10_000; boxes++) {
    let length = be32(b, p);
    const type = be32(b, p + 4);
    let header = 8;
    if (length === 1) {
      if (p + 16 > b.length) return undefined;
      const hi = be32(b, p + 8);
      length = hi * 2 ** 32 + be32(b, p + 12);
      header = 16;
    } else if (length === 0) length = b.length - p; // the last box runs to the end
    if (length < header) return undefined;
    if (type === 0x6a703263) return p + header; // 'jp2c'
    p += length;
  }
  return undefined;
}

/**
 * Image size (Xsiz − XOsiz, Ysiz − YOsiz) of the codestream the decoder will read: a raw
 * codestream's SIZ (SIZ must follow SOC, ISO 15444-1 A.5), or for a JP2 file the SIZ of the
 * `jp2c` box's codestream. Undefined when neither is found.
 *
 * @example
 * ```ts
 * j2kSize(codestream); // { width: 640, height: 480 }
 * ```
 */
export function j2kSize(b: Uint8Array): { width: number; height: number } | undefined {
  const start = j2kCodestreamStart(b);
  return start === undefined ? undefined : sizAt(b, start);
}

/**
 * Why a JPEG 2000 codestream's tile-part layout is impossible, or undefined when it holds: walks
 * the main header's marker segments to the first SOT, then each tile-part by its Psot length
 * (ISO 15444-1 A.4.2: Psot counts from the SOT marker to the end of the tile-part's data; 0 only
 * for the last tile-part, which then runs to EOC). A Psot past the end of the data, or shorter
 * than a SOT segment plus SOD, is refused here, before a decoder trusts it (OpenJPH spins for
 * minutes on one). Each step moves forward by at least 4 bytes, so the walk is bounded by the size.
 */
export function j2kTilePartProblem(b: Uint8Array): string | undefined {
  const start = j2kCodestreamStart(b);
  if (start === undefined) return 'no codestream (SOC) was found';
  let p = start + 2; // after SOC
  while (true) {
    if (p + 4 > b.length) return 'the main header ends before the first tile-part (SOT)';
    if (b[p] !== 0xff) return `byte ${p} should start a marker segment of the main header`;
    if (b[p + 1] === 0x90) break; // SOT
    const length = (b[p + 2]! << 8) | b[p + 3]!;
    if (length < 2) return `the main-header marker segment at byte ${p} has length ${length}`;
    p += 2 + length;
  }
  while (p + 2 <= b.length && b[p] === 0xff && b[p + 1] === 0x90) {
    if (p + 12 > b.length) return `the tile-part header at byte ${p} is cut short`;
    const psot = be32(b, p + 6);
    if (psot === 0) return undefined; // the last tile-part runs to EOC
    if (psot < 14) return `the tile-part at byte ${p} declares ${psot} bytes (Psot), fewer than its own header`;
    if (p + psot > b.length) return `the tile-part at byte ${p} declares ${psot} bytes (Psot) but only ${b.length - p} remain`;
    p += psot;
  }
  return undefined;
}

/** Throws CODEC_FAILED when a codestream's declared size differs from the DICOM Rows/Columns. */
export function checkDeclaredSize(size: { width?: number | undefined; height?: number | undefined } | undefined, rows: number, columns: number, what: string): void {
  // A JPEG height of 0 is defined later by a DNL marker: nothing to check up front.
  if (!size || size.width === undefined || size.height === undefined || size.height === 0) return;
  if (size.width !== columns || size.height !== rows) {
    throw new SonoriskError('CODEC_FAILED', `The ${what} codestream declares ${size.width}×${size.height} but the DICOM attributes say ${columns}×${rows}.`, { codestream: [size.width, size.height], dicom: [columns, rows] });
  }
}
