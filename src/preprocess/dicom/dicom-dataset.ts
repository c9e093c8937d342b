/**
 * A small DICOM data-set parser (PS3.5 §7): explicit/implicit VR, little/big endian, nested
 * sequences of defined or undefined length. It records where each value lies instead of copying
 * it, stops at the top-level Pixel Data, and checks every declared length against the bytes there,
 * so a hostile length never allocates. Internal to sonorisk.
 * @module
 */
import { SonoriskError } from '../../errors.js';
import { TAG, tagName, tagString } from './tags.js';

/** One parsed element: where its value lies in `DicomDataset.bytes`. */
export interface DicomElement {
  tag: number;
  vr: string;
  offset: number;
  /** Value length in bytes; -1 for undefined length. */
  length: number;
  items?: DicomDataset[];
}

/** A parsed data set over one byte buffer. */
export interface DicomDataset {
  elements: Map<number, DicomElement>;
  bytes: Uint8Array;
  littleEndian: boolean;
  /** Cap on the values one element may hold when it is read ({@link getNumbers}); see `ParseOptions.maxValues`. */
  maxValues: number;
}

/** Where the top-level Pixel Data element starts (its value, not its header). */
export interface PixelDataElement {
  vr: string;
  offset: number;
  /** -1 for undefined length (encapsulated). */
  length: number;
}

/** Thrown internally when the buffer ends before Pixel Data and more of the file exists. */
export class NeedMoreBytes extends Error {
  constructor() {
    super('need more bytes');
    this.name = 'NeedMoreBytes';
  }
}

const UNDEFINED = 0xffffffff;
const MAX_DEPTH = 24;
/** The element map of skipped items: never written to. */
const SKIPPED: Map<number, DicomElement> = new Map();

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);
const SHORT_VRS = new Set(['AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FL', 'FD', 'IS', 'LO', 'LT', 'PN', 'SH', 'SL', 'SS', 'ST', 'TM', 'UI', 'UL', 'US']);

/** VRs of the tags sonorisk reads, for implicit-VR data sets. */
const IMPLICIT_VR = new Map<number, string>([
  [TAG.TransferSyntaxUID, 'UI'],
  [TAG.ImageType, 'CS'],
  [TAG.Modality, 'CS'],
  [TAG.Manufacturer, 'LO'],
  [TAG.ManufacturerModelName, 'LO'],
  [TAG.RecommendedDisplayFrameRate, 'IS'],
  [TAG.PatientName, 'PN'],
  [TAG.PatientID, 'LO'],
  [TAG.PatientBirthDate, 'DA'],
  [TAG.PatientSex, 'CS'],
  [TAG.StudyDate, 'DA'],
  [TAG.AccessionNumber, 'SH'],
  [TAG.InstitutionName, 'LO'],
  [TAG.ReferringPhysicianName, 'PN'],
  [TAG.StudyInstanceUID, 'UI'],
  [TAG.SeriesInstanceUID, 'UI'],
  [TAG.SOPInstanceUID, 'UI'],
  [TAG.CineRate, 'IS'],
  [TAG.FrameTime, 'DS'],
  [TAG.FrameTimeVector, 'DS'],
  [TAG.ActualFrameDuration, 'IS'],
  [TAG.SequenceOfUltrasoundRegions, 'SQ'],
  [TAG.RegionSpatialFormat, 'US'],
  [TAG.RegionDataType, 'US'],
  [TAG.RegionFlags, 'UL'],
  [TAG.RegionLocationMinX0, 'UL'],
  [TAG.RegionLocationMinY0, 'UL'],
  [TAG.RegionLocationMaxX1, 'UL'],
  [TAG.RegionLocationMaxY1, 'UL'],
  [TAG.ReferencePixelX0, 'SL'],
  [TAG.ReferencePixelY0, 'SL'],
  [TAG.PhysicalUnitsXDirection, 'US'],
  [TAG.PhysicalUnitsYDirection, 'US'],
  [TAG.PhysicalDeltaX, 'FD'],
  [TAG.PhysicalDeltaY, 'FD'],
  [TAG.SamplesPerPixel, 'US'],
  [TAG.PhotometricInterpretation, 'CS'],
  [TAG.PlanarConfiguration, 'US'],
  [TAG.NumberOfFrames, 'IS'],
  [TAG.FrameIncrementPointer, 'AT'],
  [TAG.Rows, 'US'],
  [TAG.Columns, 'US'],
  [TAG.BitsAllocated, 'US'],
  [TAG.BitsStored, 'US'],
  [TAG.HighBit, 'US'],
  [TAG.PixelRepresentation, 'US'],
  [TAG.RedPaletteColorLookupTableDescriptor, 'US'],
  [TAG.GreenPaletteColorLookupTableDescriptor, 'US'],
  [TAG.BluePaletteColorLookupTableDescriptor, 'US'],
  [TAG.RedPaletteColorLookupTableData, 'OW'],
  [TAG.GreenPaletteColorLookupTableData, 'OW'],
  [TAG.BluePaletteColorLookupTableData, 'OW'],
  [TAG.SegmentedRedPaletteColorLookupTableData, 'OW'],
  [TAG.SegmentedGreenPaletteColorLookupTableData, 'OW'],
  [TAG.SegmentedBluePaletteColorLookupTableData, 'OW'],
  [TAG.ExtendedOffsetTable, 'OV'],
  [TAG.ExtendedOffsetTableLengths, 'OV'],
  [TAG.PixelData, 'OW'],
]);

/** Options for {@link parseDataset}. */
export interface ParseOptions {
  explicit: boolean;
  littleEndian: boolean;
  /** True when `bytes` holds everything there is (running out is then truncation, not "read more"). */
  complete: boolean;
  /** Stop before the first top-level element whose tag this returns true for. */
  stopBefore?: (tag: number) => boolean;
  /**
   * Top-level sequences whose items are built (default: all). The items of other sequences are
   * skipped: a defined-length sequence is jumped over unread, an undefined-length one is walked
   * only to find its end, building nothing.
   */
  keepSequences?: ReadonlySet<number>;
  /**
   * Cap on the data elements and sequence items visited — built, or walked past inside a skipped
   * sequence of undefined length — so a flood of (empty) items cannot exhaust memory or time
   * (default {@link DEFAULT_MAX_ELEMENTS}). A skipped sequence of defined length is jumped over
   * unread and its content is not counted.
   */
  maxElements?: number;
  /**
   * Cap on the values of one element when it is read ({@link getNumbers}; default
   * {@link DEFAULT_MAX_VALUES}): a Frame Time Vector of millions of values would otherwise build one
   * string and one number per value. Elements never read cost nothing whatever their size.
   */
  maxValues?: number;
}

/**
 * Default cap on elements + items visited per file. The most in any of pydicom's 73 test files and
 * the four shared ultrasound files is 1 484 (waveform_ecg.dcm); an enhanced multi-frame file with
 * undefined-length per-frame functional groups visits about 20 per frame.
 */
export const DEFAULT_MAX_ELEMENTS = 100_000;

/** Default cap on the values of one element read: the default frame cap (a Frame Time Vector has one per frame). */
export const DEFAULT_MAX_VALUES = 100_000;

/** Result of {@link parseDataset}. */
export interface ParseResult {
  dataset: DicomDataset;
  /** Offset just after the last element parsed. */
  end: number;
  pixelData?: PixelDataElement;
}


class Reader {
  readonly view: DataView;
  /** Elements + items that may still be visited. */
  private budget: number;
  constructor(
    readonly bytes: Uint8Array,
    readonly complete: boolean,
    readonly maxElements: number,
    readonly maxValues: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.budget = maxElements;
  }
  /** Counts one element or item against the cap. */
  count(pos: number): void {
    if (--this.budget < 0) {
      throw new SonoriskError(
        'LIMIT_EXCEEDED',
        `The DICOM header holds more than maxElements (${this.maxElements}) data elements and sequence items (stopped at byte ${pos}); an item flood? Raise options.maxElements if the file is trusted.`,
        { maxElements: this.maxElements, offset: pos },
      );
    }
  }
  /** Ensures `n` bytes exist at `pos`. */
  need(pos: number, n: number, what: string): void {
    if (pos + n <= this.bytes.length) return;
    if (!this.complete) throw new NeedMoreBytes();
    throw new SonoriskError('DICOM_TRUNCATED', `The DICOM data ends inside ${what} at byte ${pos} (needs ${n} bytes, ${Math.max(0, this.bytes.length - pos)} left). The file is cut short; re-export it.`, { offset: pos });
  }
  u16(pos: number, le: boolean): number {
    return this.view.getUint16(pos, le);
  }
  u32(pos: number, le: boolean): number {
    return this.view.getUint32(pos, le);
  }
  tag(pos: number, le: boolean): number {
    return ((this.u16(pos, le) << 16) | this.u16(pos + 2, le)) >>> 0;
  }
}

/**
 * Parses a data set from `start` to `end` (exclusive). Stops at the top-level Pixel Data and
 * returns where its value begins.
 */
export function parseDataset(bytes: Uint8Array, start: number, end: number, options: ParseOptions): ParseResult {
  const r = new Reader(bytes, options.complete, options.maxElements ?? DEFAULT_MAX_ELEMENTS, options.maxValues ?? DEFAULT_MAX_VALUES);
  const out = parseItems(r, start, end, options.explicit, options.littleEndian, 0, false, true, options.stopBefore, options.keepSequences);
  const result: ParseResult = { dataset: out.dataset, end: out.end };
  if (out.pixelData) result.pixelData = out.pixelData;
  return result;
}

interface ItemsResult {
  dataset: DicomDataset;
  end: number;
  pixelData?: PixelDataElement;
}

function parseItems(
  r: Reader,
  start: number,
  end: number,
  explicit: boolean,
  le: boolean,
  depth: number,
  untilItemDelimiter: boolean,
  keep: boolean,
  stopBefore?: (tag: number) => boolean,
  keepSequences?: ReadonlySet<number>,
): ItemsResult {
  if (depth > MAX_DEPTH) throw new SonoriskError('DICOM_INVALID', `DICOM sequences are nested deeper than ${MAX_DEPTH} levels.`);
  const elements = keep ? new Map<number, DicomElement>() : SKIPPED;
  const dataset: DicomDataset = { elements, bytes: r.bytes, littleEndian: le, maxValues: r.maxValues };
  let pos = start;
  while (pos < end || untilItemDelimiter) {
    if (depth === 0 && r.complete && pos >= r.bytes.length) break;
    r.need(pos, 8, 'an element header');
    const tag = r.tag(pos, le);
    if (stopBefore?.(tag)) return { dataset, end: pos };
    r.count(pos);
    if (tag === TAG.ItemDelimitationItem) {
      if (!untilItemDelimiter) throw new SonoriskError('DICOM_INVALID', `Unexpected item delimiter at byte ${pos}.`, { offset: pos });
      return { dataset, end: pos + 8 };
    }
    if (tag >>> 16 === 0xfffe) {
      if (depth === 0 && tag === TAG.SequenceDelimitationItem) break; // stray delimiter at the end of some files
      throw new SonoriskError('DICOM_INVALID', `Unexpected ${tagString(tag)} at byte ${pos} inside a data set.`, { offset: pos });
    }
    let vr: string;
    let length: number;
    let valueStart: number;
    if (explicit) {
      const b0 = r.bytes[pos + 4]!;
      const b1 = r.bytes[pos + 5]!;
      vr = String.fromCharCode(b0, b1);
      if (LONG_VRS.has(vr)) {
        r.need(pos, 12, 'an element header');
        length = r.u32(pos + 8, le);
        valueStart = pos + 12;
      } else if (SHORT_VRS.has(vr)) {
        length = r.u16(pos + 6, le);
        valueStart = pos + 8;
      } else {
        throw new SonoriskError('DICOM_INVALID', `Element ${tagString(tag)} at byte ${pos} has an invalid VR "${vr.replace(/[^\x20-\x7e]/g, '?')}"; the file is corrupt or its transfer syntax is wrong.`, { offset: pos });
      }
    } else {
      vr = IMPLICIT_VR.get(tag) ?? 'UN';
      length = r.u32(pos + 4, le);
      valueStart = pos + 8;
    }
    if (depth === 0 && tag === TAG.PixelData) {
      return { dataset, end: pos, pixelData: { vr, offset: valueStart, length: length === UNDEFINED ? -1 : length } };
    }
    if (depth === 0 && (tag === TAG.FloatPixelData || tag === TAG.DoublePixelData)) {
      throw new SonoriskError('DICOM_NO_PIXEL_DATA', `The file holds Float/Double Pixel Data ${tagString(tag)}, not integer Pixel Data (7FE0,0010); sonorisk decodes integer images only.`);
    }
    const el: DicomElement = { tag, vr, offset: valueStart, length: length === UNDEFINED ? -1 : length };
    // Items are built only where they are read: top-level sequences the caller keeps, and what they hold.
    const keepItems = keep && (depth > 0 || keepSequences === undefined || keepSequences.has(tag));
    if (length === UNDEFINED) {
      if (tag === TAG.PixelData) {
        pos = skipFragments(r, valueStart, le);
      } else if (vr === 'SQ' || vr === 'UN' || !explicit) {
        // UN with undefined length is an implicit-VR little-endian sequence (CP-246).
        const seqExplicit = vr === 'UN' ? false : explicit;
        const seqLe = vr === 'UN' ? true : le;
        const s = parseSequence(r, valueStart, -1, seqExplicit, seqLe, depth + 1, keepItems);
        if (keepItems) el.items = s.items;
        pos = s.end;
      } else {
        throw new SonoriskError('DICOM_INVALID', `Element ${tagString(tag)} (${vr}) has undefined length, which only sequences may have.`, { offset: pos });
      }
    } else {
      const valueEnd = valueStart + length;
      if (valueEnd > end && !untilItemDelimiter) {
        r.need(valueStart, length, `element ${tagString(tag)}`);
        throw new SonoriskError('DICOM_INVALID', `Element ${tagString(tag)} at byte ${pos} declares ${length} bytes, past the end of its enclosing item.`, { offset: pos, length });
      }
      r.need(valueStart, length, `element ${tagString(tag)}`);
      if (keepItems && (vr === 'SQ' || (vr === 'UN' && IMPLICIT_VR.get(tag) === 'SQ'))) {
        // A known sequence written as UN is implicit-VR little endian inside (PS3.5 §6.2.2).
        const s = parseSequence(r, valueStart, valueEnd, vr === 'SQ' ? explicit : false, vr === 'SQ' ? le : true, depth + 1, true);
        el.items = s.items;
      }
      pos = valueEnd;
    }
    if (keep) elements.set(tag, el);
  }
  if (untilItemDelimiter) throw new SonoriskError('DICOM_INVALID', 'An item of undefined length has no item delimiter.');
  return { dataset, end: pos };
}

function parseSequence(
  r: Reader,
  start: number,
  end: number,
  explicit: boolean,
  le: boolean,
  depth: number,
  keep: boolean,
): { items: DicomDataset[]; end: number } {
  const items: DicomDataset[] = [];
  let pos = start;
  const undefinedLength = end < 0;
  while (undefinedLength || pos < end) {
    r.need(pos, 8, 'a sequence item header');
    const tag = r.tag(pos, le);
    const length = r.u32(pos + 4, le);
    if (tag === TAG.SequenceDelimitationItem) {
      if (!undefinedLength) throw new SonoriskError('DICOM_INVALID', `Sequence delimiter inside a sequence of defined length at byte ${pos}.`);
      return { items, end: pos + 8 };
    }
    if (tag !== TAG.Item) throw new SonoriskError('DICOM_INVALID', `Expected a sequence item at byte ${pos}, found ${tagString(tag)}.`, { offset: pos });
    r.count(pos);
    const itemStart = pos + 8;
    if (length === UNDEFINED) {
      const res = parseItems(r, itemStart, Number.POSITIVE_INFINITY, explicit, le, depth, true, keep);
      if (keep) items.push(res.dataset);
      pos = res.end;
    } else {
      const itemEnd = itemStart + length;
      if (!undefinedLength && itemEnd > end) throw new SonoriskError('DICOM_INVALID', `A sequence item at byte ${pos} declares ${length} bytes, past the end of its sequence.`);
      r.need(itemStart, length, 'a sequence item');
      // A skipped item of defined length is jumped over unread.
      if (keep) items.push(parseItems(r, itemStart, itemEnd, explicit, le, depth, false, true).dataset);
      pos = itemEnd;
    }
  }
  return { items, end: pos };
}

/** Skips an encapsulated Pixel Data value (nested, e.g. in an icon) and returns the offset after it. */
function skipFragments(r: Reader, start: number, le: boolean): number {
  let pos = start;
  for (;;) {
    r.need(pos, 8, 'an encapsulated fragment header');
    const tag = r.tag(pos, le);
    const length = r.u32(pos + 4, le);
    if (tag === TAG.SequenceDelimitationItem) return pos + 8;
    if (tag !== TAG.Item || length === UNDEFINED) throw new SonoriskError('DICOM_INVALID', `Bad fragment item ${tagString(tag)} at byte ${pos}.`);
    r.need(pos + 8, length, 'an encapsulated fragment');
    pos += 8 + length;
  }
}

// ---------------------------------------------------------------- value access

function raw(ds: DicomDataset, el: DicomElement): Uint8Array {
  return ds.bytes.subarray(el.offset, el.offset + Math.max(0, el.length));
}

/**
 * Longest text value read as a string (64 KiB): PS3.5 allows at most 10 240 characters in the text
 * VRs sonorisk reads (LT); a longer value is refused rather than copied into a string.
 */
const MAX_TEXT_BYTES = 64 * 1024;
/** Longest single IS/DS value parsed (PS3.5: 12 / 16 bytes; padding tolerated); longer ones are NaN. */
const MAX_NUMBER_TEXT = 64;

const tooLong = (tag: number, what: string, limit: string, details: Record<string, unknown>, hint = '') =>
  new SonoriskError('LIMIT_EXCEEDED', `Element ${tagString(tag)}${tagName(tag) ? ` ${tagName(tag)}` : ''} holds ${what}, more than ${limit}; the file is corrupt or hostile${hint}.`, { tag: tagString(tag), ...details });
const RAISE = ' (raise options.maxValues if it is trusted)';

/**
 * The element's text, trimmed of padding; undefined when absent. Values over 64 KiB are refused
 * (`LIMIT_EXCEEDED`).
 */
export function getString(ds: DicomDataset, tag: number): string | undefined {
  const el = ds.elements.get(tag);
  if (!el || el.length < 0 || el.items) return undefined;
  if (el.length > MAX_TEXT_BYTES) throw tooLong(tag, `${el.length} bytes of text`, `${MAX_TEXT_BYTES} bytes`, { length: el.length });
  const b = raw(ds, el);
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s.replace(/[\0 ]+$/, '').replace(/^ +/, '');
}

const WIDTH: Record<string, number> = { US: 2, SS: 2, OW: 2, UL: 4, SL: 4, FL: 4, FD: 8, AT: 4, OF: 4, OD: 8, OV: 8, UV: 8 };

/** One IS/DS value from bytes [start, end): padding trimmed; '' for an empty value; NaN when too long. */
function textNumber(b: Uint8Array, start: number, end: number): number | undefined {
  let a = start;
  let z = end;
  while (a < z && (b[a] === 0x20 || b[a] === 0)) a++;
  while (z > a && (b[z - 1] === 0x20 || b[z - 1] === 0)) z--;
  if (a === z) return undefined;
  if (z - a > MAX_NUMBER_TEXT) return Number.NaN;
  let s = '';
  for (let i = a; i < z; i++) s += String.fromCharCode(b[i]!);
  const t = s.trim();
  return t.length > 0 ? Number(t) : undefined;
}

/** Up to `max` numbers of an element (see {@link getNumbers}); more than `max` throws unless `first`. */
function numbers(ds: DicomDataset, tag: number, expectedVr: string | undefined, first: boolean): number[] {
  const el = ds.elements.get(tag);
  if (!el || el.length <= 0 || el.items) return [];
  let vr = el.vr;
  if ((vr === 'UN' || vr === 'OB' || vr === 'OW') && expectedVr) vr = expectedVr;
  if (vr === 'UN') vr = IMPLICIT_VR.get(tag) ?? vr;
  const out: number[] = [];
  if (vr === 'IS' || vr === 'DS') {
    const b = raw(ds, el);
    if (!first) {
      // Count before building anything: a flood of values is refused in one tight byte scan.
      let count = 1;
      for (let i = 0; i < b.length; i++) if (b[i] === 0x5c) count++;
      if (count > ds.maxValues) throw tooLong(tag, `${count} values`, `maxValues (${ds.maxValues})`, { values: count, maxValues: ds.maxValues }, RAISE);
    }
    let start = 0;
    for (let i = 0; i <= b.length; i++) {
      if (i < b.length && b[i] !== 0x5c) continue;
      const v = textNumber(b, start, i);
      if (v !== undefined) {
        out.push(v);
        if (first) break;
      }
      start = i + 1;
    }
    return out;
  }
  const w = WIDTH[vr];
  if (!w) return [];
  const n = Math.floor(el.length / w);
  if (n > ds.maxValues && !first) throw tooLong(tag, `${n} values`, `maxValues (${ds.maxValues})`, { values: n, maxValues: ds.maxValues }, RAISE);
  const view = new DataView(ds.bytes.buffer, ds.bytes.byteOffset + el.offset, el.length);
  const le = ds.littleEndian;
  for (let i = 0; i < (first ? Math.min(n, 1) : n); i++) {
    const p = i * w;
    switch (vr) {
      case 'US':
      case 'OW':
        out.push(view.getUint16(p, le));
        break;
      case 'SS':
        out.push(view.getInt16(p, le));
        break;
      case 'UL':
        out.push(view.getUint32(p, le));
        break;
      case 'SL':
        out.push(view.getInt32(p, le));
        break;
      case 'FL':
      case 'OF':
        out.push(view.getFloat32(p, le));
        break;
      case 'FD':
      case 'OD':
        out.push(view.getFloat64(p, le));
        break;
      case 'OV':
      case 'UV':
        out.push(Number(view.getBigUint64(p, le)));
        break;
      case 'AT':
        out.push(((view.getUint16(p, le) << 16) | view.getUint16(p + 2, le)) >>> 0);
        break;
    }
  }
  return out;
}

/**
 * Numbers of a binary (US, SS, UL, SL, FL, FD, AT, OW, OF, OD, OV, UV) or text (IS, DS) element;
 * [] when absent. An element with more than the data set's `maxValues` values is refused
 * (`LIMIT_EXCEEDED`, naming the tag) after counting them, before any is built; an IS/DS value
 * longer than 64 bytes reads as NaN.
 */
export function getNumbers(ds: DicomDataset, tag: number, expectedVr?: string): number[] {
  return numbers(ds, tag, expectedVr, false);
}

/** First number of an element, or undefined (only the first value is decoded, whatever the count). */
export function getNumber(ds: DicomDataset, tag: number, expectedVr?: string): number | undefined {
  const v = numbers(ds, tag, expectedVr, true)[0];
  return v === undefined || !Number.isFinite(v) ? undefined : v;
}

/** The element's raw bytes (a view), or undefined. */
export function getBytes(ds: DicomDataset, tag: number): Uint8Array | undefined {
  const el = ds.elements.get(tag);
  if (!el || el.length < 0 || el.items) return undefined;
  return raw(ds, el);
}

/** The items of a sequence element (or [] when absent). */
export function getItems(ds: DicomDataset, tag: number): DicomDataset[] {
  return ds.elements.get(tag)?.items ?? [];
}
