/**
 * Palette Color lookup tables (PS3.3 C.7.6.3.1.5–6): plain LUT data (0028,1201–1203) and segmented
 * LUT data (0028,1221–1223, C.7.9.2: discrete, linear and indirect segments), read in the data
 * set's byte order. Internal to sonorisk.
 * @module
 */
import { SonoriskError } from '../../errors.js';
import { roundHalfEven } from '../../numeric/index.js';
import { type DicomDataset, getBytes, getNumbers } from './dicom-dataset.js';
import type { PaletteLut } from './pixel-layout.js';
import { TAG } from './tags.js';

/** Nested indirect segments deeper than this are refused (a loop of indirect segments never ends). */
const MAX_INDIRECT_DEPTH = 8;

function unsupported(message: string): SonoriskError {
  return new SonoriskError('UNSUPPORTED_PHOTOMETRIC', message);
}

/** Reads 8- or 16-bit LUT words from raw bytes in the data set's byte order. */
function words(b: Uint8Array, bytesPer: number, littleEndian: boolean): Uint16Array {
  const n = Math.floor(b.length / bytesPer);
  const out = new Uint16Array(n);
  if (bytesPer === 1) out.set(b.subarray(0, n));
  else {
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    for (let i = 0; i < n; i++) out[i] = v.getUint16(i * 2, littleEndian);
  }
  return out;
}

/**
 * Expands segmented LUT data (PS3.3 C.7.9.2) into at most `maxEntries` entries.
 *
 * Linear segments follow pydicom's `_expand_segmented_lut` exactly (numpy's `linspace` from the
 * previous value + step to the end value, rounded half to even), so the output equals pydicom's
 * `apply_color_lut`. The indirect segment's offset is a byte offset from the start of the data
 * (PS3.3 C.7.9.2.3, as GDCM reads it); pydicom reads it as an entry index — the two agree for
 * offset 0, the only one seen in vendor files.
 *
 * @example
 * ```ts
 * // discrete [0, 10], then linear to 40 over 3 entries
 * expandSegmentedLut(new Uint16Array([0, 2, 0, 10, 1, 3, 40]), 2, 256); // Uint16Array [0, 10, 20, 30, 40]
 * ```
 */
export function expandSegmentedLut(data: Uint16Array, entryBytes: 1 | 2, maxEntries: number): Uint16Array {
  const out: number[] = [];
  const bad = (why: string) => new SonoriskError('DICOM_INVALID', `Segmented Palette Color LUT data is invalid: ${why}.`);
  const push = (v: number) => {
    if (out.length >= maxEntries) throw bad(`it expands to more than ${maxEntries} entries`);
    out.push(v);
  };
  const run = (start: number, maxSegments: number, depth: number): void => {
    if (depth > MAX_INDIRECT_DEPTH) throw bad(`indirect segments nest deeper than ${MAX_INDIRECT_DEPTH}`);
    let p = start;
    let segments = 0;
    // `p + 1 < length`: a trailing pad word is not a segment (as pydicom).
    while (p + 1 < data.length && segments < maxSegments) {
      const opcode = data[p]!;
      const length = data[p + 1]!;
      p += 2;
      if (opcode === 0) {
        if (p + length > data.length) throw bad(`a discrete segment of ${length} entries runs past the data`);
        for (let i = 0; i < length; i++) push(data[p + i]!);
        p += length;
      } else if (opcode === 1) {
        if (out.length === 0) throw bad('the first segment is linear');
        if (p >= data.length) throw bad('a linear segment has no end value');
        const y0 = out[out.length - 1]!;
        const y1 = data[p]!;
        p += 1;
        if (y0 === y1 || length === 1) for (let i = 0; i < length; i++) push(y1);
        else {
          // numpy.linspace(y0 + step, y1, length): start + i × (stop − start) / (length − 1), last = stop.
          const start0 = y0 + (y1 - y0) / length;
          const step = (y1 - start0) / (length - 1);
          for (let i = 0; i < length; i++) push(i === length - 1 ? y1 : roundHalfEven(i * step + start0));
        }
      } else if (opcode === 2) {
        if (out.length === 0) throw bad('the first segment is indirect');
        const wordsForOffset = entryBytes === 2 ? 2 : 4;
        if (p + wordsForOffset > data.length) throw bad('an indirect segment has no offset');
        const offsetBytes =
          entryBytes === 2 ? (data[p]! | (data[p + 1]! << 16)) >>> 0 : (data[p]! | (data[p + 1]! << 8) | (data[p + 2]! << 16) | (data[p + 3]! << 24)) >>> 0;
        p += wordsForOffset;
        const target = offsetBytes / entryBytes;
        if (!Number.isInteger(target) || target >= data.length) throw bad(`an indirect segment points at byte ${offsetBytes}, outside the data`);
        run(target, length, depth + 1);
      } else {
        throw bad(`unknown segment type ${opcode} at entry ${p - 2}`);
      }
      segments++;
    }
  };
  run(0, Number.POSITIVE_INFINITY, 0);
  return Uint16Array.from(out);
}

/**
 * Reads the Palette Color LUTs of a data set (plain or segmented), each expanded to its
 * descriptor's number of entries.
 */
export function readPalette(ds: DicomDataset, littleEndian: boolean): PaletteLut {
  const desc = getNumbers(ds, TAG.RedPaletteColorLookupTableDescriptor, 'US');
  if (desc.length < 3) throw unsupported('PALETTE COLOR image lacks its Palette Color Lookup Table Descriptor (0028,1101).');
  const entries = desc[0] === 0 ? 65536 : desc[0]!;
  let firstMapped = desc[1]!;
  const el = ds.elements.get(TAG.RedPaletteColorLookupTableDescriptor);
  if (el?.vr === 'SS' && firstMapped > 32767) firstMapped -= 65536;
  const nominalDepth = desc[2]!;
  const segmented = [TAG.SegmentedRedPaletteColorLookupTableData, TAG.SegmentedGreenPaletteColorLookupTableData, TAG.SegmentedBluePaletteColorLookupTableData].map((t) => getBytes(ds, t));
  if (segmented.every((s) => s !== undefined) && !ds.elements.has(TAG.RedPaletteColorLookupTableData)) {
    if (nominalDepth !== 8 && nominalDepth !== 16) throw unsupported(`The segmented Palette Color LUT declares ${nominalDepth}-bit entries; only 8 and 16 are defined.`);
    const bytesPer = nominalDepth / 8 as 1 | 2;
    const [red, green, blue] = segmented.map((s) => {
      const lut = expandSegmentedLut(words(s!, bytesPer, littleEndian), bytesPer, 65536);
      if (lut.length < entries) {
        throw new SonoriskError('DICOM_INVALID', `A segmented Palette Color LUT expands to ${lut.length} entries but its descriptor declares ${entries}.`, { entries, expanded: lut.length });
      }
      return lut.subarray(0, entries);
    }) as [Uint16Array, Uint16Array, Uint16Array];
    return { entries, firstMapped, depth: nominalDepth, red, green, blue };
  }
  const red = getBytes(ds, TAG.RedPaletteColorLookupTableData);
  const green = getBytes(ds, TAG.GreenPaletteColorLookupTableData);
  const blue = getBytes(ds, TAG.BluePaletteColorLookupTableData);
  if (!red || !green || !blue) {
    throw unsupported('PALETTE COLOR image lacks its Palette Color Lookup Table Data (0028,1201–1203 or segmented 0028,1221–1223).');
  }
  // The entry size comes from the data length: some writers store 8-bit entries in 16-bit words (as pydicom).
  const depthBytes = red.length / entries;
  if ((depthBytes !== 1 && depthBytes !== 2) || green.length !== red.length || blue.length !== red.length) {
    throw unsupported(`The Palette Color LUT data (${red.length} bytes for ${entries} entries) is neither 8 nor 16 bits per entry, or the three LUTs differ in length.`);
  }
  return { entries, firstMapped, depth: depthBytes * 8, red: words(red, depthBytes, littleEndian), green: words(green, depthBytes, littleEndian), blue: words(blue, depthBytes, littleEndian) };
}
