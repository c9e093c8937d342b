/** Hostile DICOM files built in tests (the "runaway case" of issue 14 item 8 until issue 17 capped it). */
function element(group: number, elem: number, vr: string, value: Uint8Array): Buffer {
  const long = ['OB', 'OW', 'SQ', 'UN', 'UT'].includes(vr);
  const h = Buffer.alloc(long ? 12 : 8);
  h.writeUInt16LE(group, 0);
  h.writeUInt16LE(elem, 2);
  h.write(vr, 4, 'ascii');
  if (long) h.writeUInt32LE(value.length, 8);
  else h.writeUInt16LE(value.length, 6);
  return Buffer.concat([h, value]);
}
const uid = (s: string) => Buffer.from(s.length % 2 ? `${s}\0` : s, 'ascii');

/**
 * A DICOM file (implicit VR little endian) whose Frame Time Vector holds `values` numbers: reading
 * its timing used to build one JS string and one number per value — a heap runaway for a small file
 * (4 000 000 values: 8 MB). Since issue 17 the values are counted first and more than `maxValues`
 * are refused (errors.test.ts).
 */
export function timeVectorBomb(values: number): Buffer {
  const meta = Buffer.concat([
    element(2, 1, 'OB', Uint8Array.from([0, 1])),
    element(2, 2, 'UI', uid('1.2.840.10008.5.1.4.1.1.3.1')),
    element(2, 3, 'UI', uid('1.2.3.4')),
    element(2, 0x10, 'UI', uid('1.2.840.10008.1.2')),
  ]);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(meta.length);
  const implicit = (group: number, elem: number, value: Buffer): Buffer => {
    const h = Buffer.alloc(8);
    h.writeUInt16LE(group, 0);
    h.writeUInt16LE(elem, 2);
    h.writeUInt32LE(value.length, 4);
    return Buffer.concat([h, value]);
  };
  const us = (v: number) => {
    const b = Buffer.alloc(2);
    b.writeUInt16LE(v);
    return b;
  };
  const text = (s: string) => Buffer.from(s.length % 2 ? `${s} ` : s, 'ascii');
  const vector = Buffer.alloc(values * 2 - 1 + ((values * 2 - 1) % 2), 0x5c); // "0\0\0…"
  for (let i = 0; i < values; i++) vector[i * 2] = 0x30;
  if (vector.length > values * 2 - 1) vector[vector.length - 1] = 0x20;
  return Buffer.concat([
    Buffer.alloc(128),
    Buffer.from('DICM'),
    element(2, 0, 'UL', length),
    meta,
    implicit(0x0018, 0x1063, text('33')), // Frame Time
    implicit(0x0018, 0x1065, vector), // Frame Time Vector
    implicit(0x0028, 0x0002, us(1)),
    implicit(0x0028, 0x0004, text('MONOCHROME2')),
    implicit(0x0028, 0x0008, text('10')), // 10 frames: the vector's length is only checked after it is parsed
    implicit(0x0028, 0x0010, us(2)),
    implicit(0x0028, 0x0011, us(2)),
    implicit(0x0028, 0x0100, us(8)),
    implicit(0x0028, 0x0101, us(8)),
    implicit(0x0028, 0x0102, us(7)),
    implicit(0x0028, 0x0103, us(0)),
    implicit(0x7fe0, 0x0010, Buffer.alloc(10 * 4)),
  ]);
}
