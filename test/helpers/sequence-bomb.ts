/**
 * A small DICOM file whose header holds a sequence of `items` empty items (8 bytes each): parsing it
 * allocates far more heap than the file's size — the "runaway case" of issue 14 item 8.
 */
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

/** The bytes of the file (explicit VR little endian; no pixel data after the sequence). */
export function sequenceBomb(items: number): Buffer {
  const meta = Buffer.concat([
    element(2, 1, 'OB', Uint8Array.from([0, 1])),
    element(2, 2, 'UI', uid('1.2.840.10008.5.1.4.1.1.3.1')),
    element(2, 3, 'UI', uid('1.2.3.4')),
    element(2, 0x10, 'UI', uid('1.2.840.10008.1.2.1')),
  ]);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(meta.length);
  const head = Buffer.alloc(12);
  head.writeUInt16LE(0x0008, 0);
  head.writeUInt16LE(0x1115, 2); // ReferencedSeriesSequence, undefined length
  head.write('SQ', 4, 'ascii');
  head.writeUInt32LE(0xffffffff, 8);
  const body = Buffer.alloc(items * 8 + 8);
  for (let i = 0; i <= items; i++) {
    body.writeUInt16LE(0xfffe, i * 8);
    body.writeUInt16LE(i < items ? 0xe000 : 0xe0dd, i * 8 + 2); // items, then the sequence delimiter
  }
  return Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), element(2, 0, 'UL', length), meta, head, body]);
}
