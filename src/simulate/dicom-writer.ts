import { SonoriskError } from '../errors.js';
import type { Box } from '../preprocess/index.js';
import { deriveUid } from './uid.js';

/**
 * SOP Class UID of Ultrasound Multi-frame Image Storage.
 *
 * @example
 * ```ts
 * US_MULTIFRAME_IMAGE_STORAGE; // '1.2.840.10008.5.1.4.1.1.3.1'
 * ```
 */
export const US_MULTIFRAME_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.3.1';
/**
 * Transfer Syntax UID of Explicit VR Little Endian (native pixels, what the writer uses by default).
 *
 * @example
 * ```ts
 * EXPLICIT_VR_LITTLE_ENDIAN; // '1.2.840.10008.1.2.1'
 * ```
 */
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
/**
 * Transfer Syntax UID of JPEG Baseline (Process 1), for `encapsulated.transferSyntaxUid`.
 *
 * @example
 * ```ts
 * const fragments = frames.map((f) => encodeJpegBaseline(f, width, height, 90));
 * writeUltrasoundDicom({ ...input, encapsulated: { transferSyntaxUid: JPEG_BASELINE, fragments, photometric: 'MONOCHROME2', lossyMethod: 'ISO_10918_1' } });
 * ```
 */
export const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';

const IMPLEMENTATION_CLASS_UID = '2.25.329800735698586629295641978511506172918';
const IMPLEMENTATION_VERSION = 'SONORISK_SIM_1';
/** Largest pixel payload written (bytes); a DICOM element length is 32-bit. */
const MAX_PIXEL_BYTES = 0xfffffffe;

/**
 * One ultrasound region (0018,6011 item) to write. The box is half-open in pixels, as everywhere in
 * sonorisk; the writer stores DICOM's inclusive bounds (`MaxX1 = x1 - 1`).
 */
export interface UltrasoundRegionSpec extends Box {
  /** Pixel spacing along x and y in centimetres (DICOM physical units code 3). */
  physicalDeltaXCm: number;
  physicalDeltaYCm: number;
  /** Region Spatial Format (0018,6012); default 1 (2D). */
  spatialFormat?: number;
  /** Region Data Type (0018,6014); default 1 (tissue). */
  dataType?: number;
  /** Region Flags (0018,6016); default 0. */
  flags?: number;
}

/** Input of {@link writeUltrasoundDicom}. */
export interface UltrasoundDicomInput {
  width: number;
  height: number;
  /** 1 (MONOCHROME2) or 3 (RGB, interleaved). Default 1. */
  samplesPerPixel?: 1 | 3;
  /** Raw 8-bit frames, each `width * height * samplesPerPixel` bytes, interleaved. */
  frames: readonly Uint8Array[];
  /** Frame Time (0018,1063) in milliseconds; > 0. */
  frameTimeMs: number;
  /** Sequence of Ultrasound Regions; may be empty. */
  regions?: readonly UltrasoundRegionSpec[];
  /**
   * Pixel encoding. `'none'` writes Explicit VR Little Endian native pixels. An encapsulated
   * encoding gives one already compressed fragment per frame (e.g. from {@link encodeJpegBaseline})
   * and the transfer syntax they were compressed with.
   */
  encapsulated?: {
    transferSyntaxUid: string;
    fragments: readonly Uint8Array[];
    /** Photometric Interpretation of the compressed stream, e.g. 'MONOCHROME2' or 'YBR_FULL_422'. */
    photometric: string;
    /** Lossy Image Compression Method (0028,2114), e.g. 'ISO_10918_1'. */
    lossyMethod?: string;
    /** Lossy Image Compression Ratio (0028,2112). */
    lossyRatio?: number;
  };
  /** Root for the derived UIDs; default '2.25' (UUID-derived). */
  uidRoot?: string;
  /** Identifies this object among all the writer makes: the UIDs are derived from the root and these parts. */
  uidSeed: readonly (string | number)[];
  /** Study UID parts when several objects share a study (default: uidSeed without its last part). */
  studyUidSeed?: readonly (string | number)[];
  /** Patient's Name (0010,0010); keep it non-identifying. Default 'SYNTHETIC^CASE'. */
  patientName?: string;
  /** Patient ID (0010,0020). Default 'SYNTHETIC'. */
  patientId?: string;
  /** Patient's Age (0010,1010) in years. */
  patientAgeYears?: number;
  /** Patient's Sex (0010,0040): 'M', 'F' or 'O'. */
  patientSex?: 'M' | 'F' | 'O';
  /** Study Date (0008,0020) YYYYMMDD; default '20240101'. */
  studyDate?: string;
  /** Study Time (0008,0030) HHMMSS; default '090000'. */
  studyTime?: string;
  seriesDescription?: string;
  seriesNumber?: number;
  instanceNumber?: number;
  /** Manufacturer (0008,0070); default 'sonorisk-simulator'. */
  manufacturer?: string;
  manufacturerModelName?: string;
  /** Contrast/Bolus Agent (0018,0010), for CEUS. */
  contrastAgent?: string;
  /** Contrast/Bolus Start Time (0018,1042) as HHMMSS.FFFFFF, for CEUS. */
  contrastStartTime?: string;
  /** Image Comments (0020,4000). */
  imageComments?: string;
}

type Vr = 'AE' | 'AS' | 'AT' | 'CS' | 'DA' | 'DS' | 'FD' | 'IS' | 'LO' | 'LT' | 'OB' | 'PN' | 'SH' | 'SQ' | 'TM' | 'UI' | 'UL' | 'US';

interface Element {
  tag: number;
  vr: Vr;
  value: Uint8Array;
}

const LONG_VRS = new Set<Vr>(['OB', 'SQ']);
const encoder = new TextEncoder();

function ascii(text: string, vr: Vr): Uint8Array {
  if (/[^\x20-\x7e]/.test(text)) {
    throw new SonoriskError('INVALID_ARGUMENT', `writeUltrasoundDicom: ${vr} value ${JSON.stringify(text)} must be printable ASCII.`);
  }
  const bytes = encoder.encode(text);
  if (bytes.length % 2 === 0) return bytes;
  const padded = new Uint8Array(bytes.length + 1);
  padded.set(bytes);
  padded[bytes.length] = vr === 'UI' ? 0 : 0x20;
  return padded;
}

/** Little-endian unsigned integers of 2 or 4 bytes each. */
function uints(size: 2 | 4, values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * size);
  const v = new DataView(out.buffer);
  for (const [i, x] of values.entries()) {
    if (size === 2) v.setUint16(i * 2, x, true);
    else v.setUint32(i * 4, x, true);
  }
  return out;
}
const u16 = (...values: number[]): Uint8Array => uints(2, values);
const u32 = (...values: number[]): Uint8Array => uints(4, values);

function f64(x: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setFloat64(0, x, true);
  return out;
}

/** Decimal String: at most 16 characters, as DICOM requires. */
function ds(x: number): string {
  for (let digits = 10; digits >= 1; digits--) {
    const s = String(Number(x.toPrecision(digits)));
    if (s.length <= 16) return s;
  }
  return String(Math.round(x));
}

const str = (tag: number, vr: Vr, text: string): Element => ({ tag, vr, value: ascii(text, vr) });
const bin = (tag: number, vr: Vr, value: Uint8Array): Element => ({ tag, vr, value });

function headerLength(vr: Vr): number {
  return LONG_VRS.has(vr) ? 12 : 8;
}

function elementsLength(elements: readonly Element[]): number {
  let n = 0;
  for (const e of elements) n += headerLength(e.vr) + e.value.length;
  return n;
}

/** Writes explicit-VR little-endian elements (sorted by tag) into `out` at `offset`. */
function writeElements(out: Uint8Array, offset: number, elements: readonly Element[]): number {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  for (const e of elements) {
    view.setUint16(offset, e.tag >>> 16, true);
    view.setUint16(offset + 2, e.tag & 0xffff, true);
    out[offset + 4] = e.vr.charCodeAt(0);
    out[offset + 5] = e.vr.charCodeAt(1);
    if (LONG_VRS.has(e.vr)) {
      view.setUint16(offset + 6, 0, true);
      view.setUint32(offset + 8, e.value.length, true);
      offset += 12;
    } else {
      if (e.value.length > 0xffff) {
        throw new SonoriskError('LIMIT_EXCEEDED', `writeUltrasoundDicom: value of ${e.vr} element is ${e.value.length} bytes, over the 65534 an explicit-VR short length allows.`);
      }
      view.setUint16(offset + 6, e.value.length, true);
      offset += 8;
    }
    out.set(e.value, offset);
    offset += e.value.length;
  }
  return offset;
}

function encodeElements(elements: Element[]): Uint8Array {
  elements.sort((a, b) => a.tag - b.tag);
  const out = new Uint8Array(elementsLength(elements));
  writeElements(out, 0, elements);
  return out;
}

/** An SQ value of defined length made of defined-length items. */
function sequence(items: Element[][]): Uint8Array {
  const encoded = items.map(encodeElements);
  const total = encoded.reduce((n, item) => n + 8 + item.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let o = 0;
  for (const item of encoded) {
    view.setUint16(o, 0xfffe, true);
    view.setUint16(o + 2, 0xe000, true);
    view.setUint32(o + 4, item.length, true);
    out.set(item, o + 8);
    o += 8 + item.length;
  }
  return out;
}

function regionItem(r: UltrasoundRegionSpec, width: number, height: number, index: number): Element[] {
  const ints = [r.x0, r.y0, r.x1, r.y1];
  if (!ints.every(Number.isInteger) || r.x0 < 0 || r.y0 < 0 || r.x1 <= r.x0 || r.y1 <= r.y0 || r.x1 > width || r.y1 > height) {
    throw new SonoriskError('BOX_OUT_OF_BOUNDS', `writeUltrasoundDicom: region ${index} {x0:${r.x0}, y0:${r.y0}, x1:${r.x1}, y1:${r.y1}} must be a non-empty integer half-open box inside the ${width}×${height} image.`, { index });
  }
  if (!(r.physicalDeltaXCm > 0) || !(r.physicalDeltaYCm > 0) || !Number.isFinite(r.physicalDeltaXCm) || !Number.isFinite(r.physicalDeltaYCm)) {
    throw new SonoriskError('INVALID_ARGUMENT', `writeUltrasoundDicom: region ${index} physicalDeltaXCm/YCm must be finite and > 0.`, { index });
  }
  return [
    bin(0x00186012, 'US', u16(r.spatialFormat ?? 1)),
    bin(0x00186014, 'US', u16(r.dataType ?? 1)),
    bin(0x00186016, 'UL', u32(r.flags ?? 0)),
    bin(0x00186018, 'UL', u32(r.x0)),
    bin(0x0018601a, 'UL', u32(r.y0)),
    bin(0x0018601c, 'UL', u32(r.x1 - 1)),
    bin(0x0018601e, 'UL', u32(r.y1 - 1)),
    bin(0x00186024, 'US', u16(3)),
    bin(0x00186026, 'US', u16(3)),
    bin(0x0018602c, 'FD', f64(r.physicalDeltaXCm)),
    bin(0x0018602e, 'FD', f64(r.physicalDeltaYCm)),
  ];
}

/** Encapsulated Pixel Data value: Basic Offset Table, one fragment per frame, sequence delimiter. */
function encapsulate(fragments: readonly Uint8Array[]): Uint8Array {
  const padded = fragments.map((f) => f.length + (f.length % 2));
  const offsets: number[] = [];
  let acc = 0;
  for (const len of padded) {
    offsets.push(acc);
    acc += 8 + len;
  }
  const total = 8 + 4 * fragments.length + acc + 8;
  if (total > MAX_PIXEL_BYTES) {
    throw new SonoriskError('LIMIT_EXCEEDED', `writeUltrasoundDicom: encapsulated pixel data would be ${total} bytes, over the 4 GiB a DICOM offset table can address.`);
  }
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let o = 0;
  const item = (len: number): void => {
    view.setUint16(o, 0xfffe, true);
    view.setUint16(o + 2, 0xe000, true);
    view.setUint32(o + 4, len, true);
    o += 8;
  };
  item(4 * fragments.length);
  for (const off of offsets) {
    view.setUint32(o, off, true);
    o += 4;
  }
  fragments.forEach((f, i) => {
    item(padded[i]!);
    out.set(f, o);
    o += padded[i]!;
  });
  view.setUint16(o, 0xfffe, true);
  view.setUint16(o + 2, 0xe0dd, true);
  view.setUint32(o + 4, 0, true);
  return out;
}

function positiveInt(x: unknown, max: number): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= max;
}

/**
 * Writes an Ultrasound Multi-frame Image Storage object as a DICOM Part-10 file: 128-byte preamble,
 * `DICM`, a group-0002 meta header with its group length, and an Explicit VR Little Endian data set
 * (native 8-bit pixels, or encapsulated fragments with a Basic Offset Table). It carries Number of
 * Frames, Frame Time (0018,1063) with Frame Increment Pointer → (0018,1063), Cine Rate, the Sequence
 * of Ultrasound Regions (units cm), Modality US and UIDs derived from `uidRoot` and `uidSeed`.
 * Returns the file's bytes; nothing is written to disk.
 *
 * @example
 * ```ts
 * const frame = new Uint8Array(16 * 8).fill(128);
 * const bytes = writeUltrasoundDicom({
 *   width: 16, height: 8, frames: [frame, frame], frameTimeMs: 500, uidSeed: [1, 'demo'],
 *   regions: [{ x0: 0, y0: 0, x1: 16, y1: 8, physicalDeltaXCm: 0.05, physicalDeltaYCm: 0.05 }],
 *   patientName: 'SYNTHETIC^CASE-001',
 * });
 * // bytes[128..131] === 'DICM'
 * ```
 */
export function writeUltrasoundDicom(input: UltrasoundDicomInput): Uint8Array {
  if (typeof input !== 'object' || input === null) {
    throw new SonoriskError('INVALID_ARGUMENT', 'writeUltrasoundDicom: input must be an object.');
  }
  const { width, height, frames, frameTimeMs } = input;
  const spp = input.samplesPerPixel ?? 1;
  if (!positiveInt(width, 65535) || !positiveInt(height, 65535)) {
    throw new SonoriskError('INVALID_ARGUMENT', `writeUltrasoundDicom: width and height must be integers in 1..65535, got ${String(width)}×${String(height)}.`);
  }
  if (spp !== 1 && spp !== 3) {
    throw new SonoriskError('INVALID_ARGUMENT', `writeUltrasoundDicom: samplesPerPixel must be 1 or 3, got ${String(spp)}.`);
  }
  if (!Array.isArray(frames) || frames.length === 0) {
    throw new SonoriskError('EMPTY_INPUT', 'writeUltrasoundDicom: frames must be a non-empty array of Uint8Array.');
  }
  if (!(typeof frameTimeMs === 'number' && Number.isFinite(frameTimeMs) && frameTimeMs > 0)) {
    throw new SonoriskError('INVALID_ARGUMENT', `writeUltrasoundDicom: frameTimeMs must be a finite number > 0, got ${String(frameTimeMs)}.`);
  }
  if (!Array.isArray(input.uidSeed) || input.uidSeed.length === 0) {
    throw new SonoriskError('INVALID_ARGUMENT', 'writeUltrasoundDicom: uidSeed must be a non-empty array of strings/numbers identifying this object.');
  }
  const frameBytes = width * height * spp;
  const enc = input.encapsulated;
  if (enc === undefined) {
    frames.forEach((f, i) => {
      if (!(f instanceof Uint8Array) || f.length !== frameBytes) {
        throw new SonoriskError('INPUT_SHAPE_MISMATCH', `writeUltrasoundDicom: frame ${i} must be a Uint8Array of ${frameBytes} bytes (${width}×${height}×${spp}).`, { index: i });
      }
    });
    if (frameBytes * frames.length > MAX_PIXEL_BYTES) {
      throw new SonoriskError('LIMIT_EXCEEDED', `writeUltrasoundDicom: ${frames.length} frames of ${frameBytes} bytes exceed the 4 GiB a DICOM element can hold.`);
    }
  } else if (!Array.isArray(enc.fragments) || enc.fragments.length !== frames.length || !enc.fragments.every((f) => f instanceof Uint8Array && f.length > 0)) {
    throw new SonoriskError('INPUT_SHAPE_MISMATCH', `writeUltrasoundDicom: encapsulated.fragments must hold one non-empty Uint8Array per frame (${frames.length}).`);
  }

  const root = input.uidRoot ?? '2.25';
  const seed = [...input.uidSeed];
  const studySeed = input.studyUidSeed ? [...input.studyUidSeed] : seed.slice(0, Math.max(1, seed.length - 1));
  const studyUid = deriveUid(root, 'study', ...studySeed);
  const seriesUid = deriveUid(root, 'series', ...seed);
  const sopUid = deriveUid(root, 'sop', ...seed);
  const tsUid = enc?.transferSyntaxUid ?? EXPLICIT_VR_LITTLE_ENDIAN;
  const photometric = enc?.photometric ?? (spp === 1 ? 'MONOCHROME2' : 'RGB');
  const fps = 1000 / frameTimeMs;
  const regions = input.regions ?? [];

  const meta = encodeElements([
    bin(0x00020001, 'OB', new Uint8Array([0, 1])),
    str(0x00020002, 'UI', US_MULTIFRAME_IMAGE_STORAGE),
    str(0x00020003, 'UI', sopUid),
    str(0x00020010, 'UI', tsUid),
    str(0x00020012, 'UI', IMPLEMENTATION_CLASS_UID),
    str(0x00020013, 'SH', IMPLEMENTATION_VERSION),
  ]);
  const metaGroupLength = encodeElements([bin(0x00020000, 'UL', u32(meta.length))]);

  const ds0: Element[] = [
    str(0x00080008, 'CS', 'DERIVED\\SECONDARY'),
    str(0x00080016, 'UI', US_MULTIFRAME_IMAGE_STORAGE),
    str(0x00080018, 'UI', sopUid),
    str(0x00080020, 'DA', input.studyDate ?? '20240101'),
    str(0x00080030, 'TM', input.studyTime ?? '090000'),
    str(0x00080050, 'SH', ''),
    str(0x00080060, 'CS', 'US'),
    str(0x00080070, 'LO', input.manufacturer ?? 'sonorisk-simulator'),
    str(0x00080090, 'PN', ''),
    str(0x0008103e, 'LO', input.seriesDescription ?? ''),
    str(0x00081090, 'LO', input.manufacturerModelName ?? 'synthetic'),
    str(0x00100010, 'PN', input.patientName ?? 'SYNTHETIC^CASE'),
    str(0x00100020, 'LO', input.patientId ?? 'SYNTHETIC'),
    str(0x00100030, 'DA', ''),
    str(0x00100040, 'CS', input.patientSex ?? ''),
    str(0x00181063, 'DS', ds(frameTimeMs)),
    str(0x00180040, 'IS', String(Math.max(1, Math.round(fps)))),
    str(0x00082144, 'IS', String(Math.max(1, Math.round(fps)))),
    str(0x0020000d, 'UI', studyUid),
    str(0x0020000e, 'UI', seriesUid),
    str(0x00200010, 'SH', '1'),
    str(0x00200011, 'IS', String(input.seriesNumber ?? 1)),
    str(0x00200013, 'IS', String(input.instanceNumber ?? 1)),
    str(0x00200020, 'CS', ''),
    bin(0x00280002, 'US', u16(spp)),
    str(0x00280004, 'CS', photometric),
    str(0x00280008, 'IS', String(frames.length)),
    bin(0x00280009, 'AT', u16(0x0018, 0x1063)),
    bin(0x00280010, 'US', u16(height)),
    bin(0x00280011, 'US', u16(width)),
    bin(0x00280100, 'US', u16(8)),
    bin(0x00280101, 'US', u16(8)),
    bin(0x00280102, 'US', u16(7)),
    bin(0x00280103, 'US', u16(0)),
    str(0x00282110, 'CS', enc?.lossyMethod ? '01' : '00'),
  ];
  if (spp === 3) ds0.push(bin(0x00280006, 'US', u16(0)));
  if (regions.length > 0) ds0.push(bin(0x00186011, 'SQ', sequence(regions.map((r, i) => regionItem(r, width, height, i)))));
  if (input.patientAgeYears !== undefined) {
    const age = Math.round(input.patientAgeYears);
    if (!(age >= 0 && age <= 999)) throw new SonoriskError('INVALID_ARGUMENT', `writeUltrasoundDicom: patientAgeYears must be in 0..999, got ${input.patientAgeYears}.`);
    ds0.push(str(0x00101010, 'AS', `${String(age).padStart(3, '0')}Y`));
  }
  if (input.contrastAgent !== undefined) ds0.push(str(0x00180010, 'LO', input.contrastAgent));
  if (input.contrastStartTime !== undefined) ds0.push(str(0x00181042, 'TM', input.contrastStartTime));
  if (input.imageComments !== undefined) ds0.push(str(0x00204000, 'LT', input.imageComments));
  if (enc?.lossyMethod !== undefined) {
    ds0.push(str(0x00282114, 'CS', enc.lossyMethod));
    if (enc.lossyRatio !== undefined) ds0.push(str(0x00282112, 'DS', ds(enc.lossyRatio)));
  }
  const dataset = encodeElements(ds0);

  // Pixel Data (7FE0,0010) is written last, straight into the output buffer.
  let pixelHeader: Uint8Array;
  let pixelValue: Uint8Array | undefined;
  let pixelLength: number;
  if (enc === undefined) {
    const raw = frameBytes * frames.length;
    pixelLength = raw + (raw % 2);
    pixelHeader = new Uint8Array(12);
    const v = new DataView(pixelHeader.buffer);
    v.setUint16(0, 0x7fe0, true);
    v.setUint16(2, 0x0010, true);
    pixelHeader.set([0x4f, 0x42], 4); // 'OB'
    v.setUint32(8, pixelLength, true);
  } else {
    pixelValue = encapsulate(enc.fragments);
    pixelLength = pixelValue.length;
    pixelHeader = new Uint8Array(12);
    const v = new DataView(pixelHeader.buffer);
    v.setUint16(0, 0x7fe0, true);
    v.setUint16(2, 0x0010, true);
    pixelHeader.set([0x4f, 0x42], 4);
    v.setUint32(8, 0xffffffff, true); // undefined length
  }

  const total = 128 + 4 + metaGroupLength.length + meta.length + dataset.length + pixelHeader.length + pixelLength;
  const out = new Uint8Array(total);
  out.set([0x44, 0x49, 0x43, 0x4d], 128); // 'DICM'
  let o = 132;
  out.set(metaGroupLength, o);
  o += metaGroupLength.length;
  out.set(meta, o);
  o += meta.length;
  out.set(dataset, o);
  o += dataset.length;
  out.set(pixelHeader, o);
  o += pixelHeader.length;
  if (pixelValue) {
    out.set(pixelValue, o);
  } else {
    for (const f of frames) {
      out.set(f, o);
      o += f.length;
    }
  }
  return out;
}
