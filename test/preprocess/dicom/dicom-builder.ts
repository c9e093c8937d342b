/**
 * Test helper: writes small Explicit VR Little Endian DICOM files element by element, so tests
 * can build the odd cases (missing attributes, lying lengths, timing variants) by hand.
 */
export type El = [tag: number, vr: string, value: Uint8Array | string | number[]];

const LONG = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT']);

function valueBytes(vr: string, v: Uint8Array | string | number[]): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string') {
    const s = v.length % 2 ? v + (vr === 'UI' ? '\0' : ' ') : v;
    return new TextEncoder().encode(s);
  }
  const w = { US: 2, SS: 2, UL: 4, SL: 4, FD: 8, FL: 4, AT: 4 }[vr] ?? 2;
  const out = new Uint8Array(v.length * w);
  const dv = new DataView(out.buffer);
  v.forEach((n, i) => {
    if (vr === 'US') dv.setUint16(i * w, n, true);
    else if (vr === 'SS') dv.setInt16(i * w, n, true);
    else if (vr === 'UL') dv.setUint32(i * w, n, true);
    else if (vr === 'SL') dv.setInt32(i * w, n, true);
    else if (vr === 'FD') dv.setFloat64(i * w, n, true);
    else if (vr === 'FL') dv.setFloat32(i * w, n, true);
    else if (vr === 'AT') {
      dv.setUint16(i * w, n >>> 16, true);
      dv.setUint16(i * w + 2, n & 0xffff, true);
    }
  });
  return out;
}

/** Encodes one element; `length` overrides the declared length (0xffffffff = undefined). */
export function element(tag: number, vr: string, value: Uint8Array | string | number[], length?: number): Uint8Array {
  const body = valueBytes(vr, value);
  const long = LONG.has(vr);
  const head = new Uint8Array(long ? 12 : 8);
  const dv = new DataView(head.buffer);
  dv.setUint16(0, tag >>> 16, true);
  dv.setUint16(2, tag & 0xffff, true);
  head[4] = vr.charCodeAt(0);
  head[5] = vr.charCodeAt(1);
  if (long) dv.setUint32(8, length ?? body.length, true);
  else dv.setUint16(6, length ?? body.length, true);
  return concat([head, body]);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A sequence of defined length with the given items (each a list of encoded elements). */
export function sequence(tag: number, items: Uint8Array[][]): Uint8Array {
  const encodedItems = items.map((els) => {
    const body = concat(els);
    const h = new Uint8Array(8);
    const dv = new DataView(h.buffer);
    dv.setUint16(0, 0xfffe, true);
    dv.setUint16(2, 0xe000, true);
    dv.setUint32(4, body.length, true);
    return concat([h, body]);
  });
  return element(tag, 'SQ', concat(encodedItems));
}

/** An item / delimiter header for encapsulated Pixel Data. */
export function item(tagLow: number, body: Uint8Array, length?: number): Uint8Array {
  const h = new Uint8Array(8);
  const dv = new DataView(h.buffer);
  dv.setUint16(0, 0xfffe, true);
  dv.setUint16(2, tagLow, true);
  dv.setUint32(4, length ?? body.length, true);
  return concat([h, body]);
}

/** Preamble + File Meta Information + the data set (elements must be in tag order). */
export function dicomFile(dataset: Uint8Array[], transferSyntax = '1.2.840.10008.1.2.1'): Uint8Array {
  const metaEls = concat([element(0x00020001, 'OB', new Uint8Array([0, 1])), element(0x00020010, 'UI', transferSyntax)]);
  const groupLength = element(0x00020000, 'UL', [metaEls.length]);
  const pre = new Uint8Array(132);
  pre.set([0x44, 0x49, 0x43, 0x4d], 128);
  return concat([pre, groupLength, metaEls, ...dataset]);
}

/** Image pixel module for a MONOCHROME2 8-bit image. */
export function imageModule(rows: number, cols: number, frames = 1, extra: Uint8Array[] = []): Uint8Array[] {
  return [
    element(0x00080060, 'CS', 'US'),
    ...extra,
    element(0x00280002, 'US', [1]),
    element(0x00280004, 'CS', 'MONOCHROME2'),
    element(0x00280008, 'IS', String(frames)),
    element(0x00280010, 'US', [rows]),
    element(0x00280011, 'US', [cols]),
    element(0x00280100, 'US', [8]),
    element(0x00280101, 'US', [8]),
    element(0x00280102, 'US', [7]),
    element(0x00280103, 'US', [0]),
  ];
}

/** A native MONOCHROME2 8-bit cine whose frame f has every pixel = f + 1. */
export function monoCine(rows: number, cols: number, frames: number, extra: Uint8Array[] = []): Uint8Array {
  const px = new Uint8Array(rows * cols * frames);
  for (let f = 0; f < frames; f++) px.fill(f + 1, f * rows * cols, (f + 1) * rows * cols);
  return dicomFile([...imageModule(rows, cols, frames, extra), element(0x7fe00010, 'OB', px)]);
}
