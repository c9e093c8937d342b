/**
 * Reads the JPEG marker segments sonorisk needs to choose decoding behaviour: the frame header's
 * precision and component ids, and whether JFIF (APP0) or Adobe (APP14) markers are present.
 * Internal to sonorisk.
 * @module
 */

/** What {@link scanJpegMarkers} found before the first scan. */
export interface JpegMarkers {
  /** SOF marker (0xC0..0xCF except C4, C8, CC), or undefined when none was found. */
  sof?: number;
  precision?: number;
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
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc && seg + 6 <= b.length) {
      out.sof = m;
      out.precision = b[seg]!;
      const n = b[seg + 5]!;
      for (let i = 0; i < n && seg + 6 + i * 3 < b.length; i++) out.componentIds.push(b[seg + 6 + i * 3]!);
    }
    p += 2 + len;
  }
  return out;
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
