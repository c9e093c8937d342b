/**
 * Reads a DICOM file's header up to Pixel Data from a random-access source, growing the read
 * until Pixel Data's header is reached. Internal to sonorisk.
 * @module
 */
import { SonoriskError } from '../../errors.js';
import { type DicomDataset, getString, NeedMoreBytes, type PixelDataElement, parseDataset } from './dicom-dataset.js';
import type { RandomAccessSource } from './random-access-source.js';
import { concatBytes, toRandomAccessSource } from './random-access-source.js';
import { TS } from './transfer-syntax.js';

/** What {@link readDicomHeader} found. */
export interface DicomHeader {
  meta: DicomDataset | undefined;
  dataset: DicomDataset;
  transferSyntaxUid: string;
  /** True when the transfer syntax was guessed (no File Meta Information). */
  transferSyntaxGuessed: boolean;
  /** True when the data set's VR encoding (explicit/implicit) differs from its transfer syntax. */
  vrMismatch: boolean;
  littleEndian: boolean;
  pixelData: PixelDataElement | undefined;
  /** The source `pixelData.offset` refers to (the inflated data set for Deflated files). */
  dataSource: RandomAccessSource;
  /** Bytes read to parse the header. */
  headerBytes: number;
}

class NeedWholeFile extends Error {}

const INITIAL_READ = 64 * 1024;

/** Reads the header, growing the read ×4 until Pixel Data's header is inside it. */
export async function readDicomHeader(src: RandomAccessSource, maxBytes: number): Promise<DicomHeader> {
  let len = Math.min(src.size, INITIAL_READ);
  for (;;) {
    if (len > maxBytes) {
      throw new SonoriskError('LIMIT_EXCEEDED', `The DICOM header is larger than maxBytes (${maxBytes}); raise options.maxBytes if the file is trusted.`, { maxBytes });
    }
    const buf = await src.read(0, len);
    const complete = len === src.size;
    try {
      return await parseHeader(src, buf, complete, maxBytes);
    } catch (e) {
      if (e instanceof NeedWholeFile) {
        len = src.size;
        continue;
      }
      if (!(e instanceof NeedMoreBytes) || complete) throw e;
      len = Math.min(src.size, len * 4);
    }
  }
}

function ascii(b: Uint8Array, start: number, n: number): string {
  let s = '';
  for (let i = start; i < start + n && i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

const VR_LIKE = /^[A-Z]{2}$/;

/** Guesses the syntax of a data set with no File Meta Information from its first element. */
function guessSyntax(buf: Uint8Array, pos: number): string {
  if (buf.length < pos + 8) throw new SonoriskError('DICOM_INVALID', 'This is not a DICOM file: it is too short to hold a data set.');
  const leGroup = buf[pos]! | (buf[pos + 1]! << 8);
  const beGroup = (buf[pos]! << 8) | buf[pos + 1]!;
  const le = leGroup <= beGroup;
  const group = le ? leGroup : beGroup;
  if (group === 0 || group > 0x0010 || group % 2 === 1) {
    throw new SonoriskError('DICOM_INVALID', 'This is not a DICOM file: no "DICM" preamble and the data does not start with a DICOM element.');
  }
  const explicit = VR_LIKE.test(ascii(buf, pos + 4, 2));
  if (!le) return TS.explicitBigEndian;
  return explicit ? TS.explicitLittleEndian : TS.implicitLittleEndian;
}

async function parseHeader(src: RandomAccessSource, buf: Uint8Array, complete: boolean, maxBytes: number): Promise<DicomHeader> {
  let pos = 0;
  if (buf.length >= 132 && ascii(buf, 128, 4) === 'DICM') pos = 132;
  else if (buf.length < 132 && !complete) throw new NeedMoreBytes();
  let meta: DicomDataset | undefined;
  if (buf.length >= pos + 8 && buf[pos] === 0x02 && buf[pos + 1] === 0x00) {
    const m = parseDataset(buf, pos, buf.length, {
      explicit: true,
      littleEndian: true,
      complete,
      stopBefore: (tag) => tag >>> 16 !== 0x0002,
    });
    meta = m.dataset;
    pos = m.end;
  } else if (pos === 0 && buf.length < 8) {
    throw new SonoriskError('DICOM_INVALID', 'This is not a DICOM file: it is too short.');
  }
  let ts = meta ? getString(meta, 0x00020010)?.replace(/\0/g, '') : undefined;
  let guessed = false;
  if (!ts) {
    ts = guessSyntax(buf, pos);
    guessed = true;
  }
  const littleEndian = ts !== TS.explicitBigEndian;
  let explicit = ts !== TS.implicitLittleEndian;
  // Like pydicom, trust the first element over the declared syntax when they disagree on VR encoding.
  let vrMismatch = false;
  if (ts !== TS.deflated && buf.length >= pos + 8) {
    const looksExplicit = VR_LIKE.test(ascii(buf, pos + 4, 2));
    if (looksExplicit !== explicit) {
      explicit = looksExplicit;
      vrMismatch = true;
    }
  }
  if (ts === TS.deflated) {
    if (!complete) throw new NeedWholeFile();
    const inflated = await inflateCapped(buf.subarray(pos), maxBytes);
    const r = parseDataset(inflated, 0, inflated.length, { explicit: true, littleEndian: true, complete: true });
    return {
      meta,
      dataset: r.dataset,
      transferSyntaxUid: ts,
      transferSyntaxGuessed: guessed,
      vrMismatch: false,
      littleEndian: true,
      pixelData: r.pixelData,
      dataSource: toRandomAccessSource(inflated),
      headerBytes: buf.length,
    };
  }
  const r = parseDataset(buf, pos, buf.length, { explicit, littleEndian, complete });
  if (!r.pixelData && !complete) throw new NeedMoreBytes();
  return {
    meta,
    dataset: r.dataset,
    transferSyntaxUid: ts,
    transferSyntaxGuessed: guessed,
    vrMismatch,
    littleEndian,
    pixelData: r.pixelData,
    dataSource: src,
    headerBytes: buf.length,
  };
}

/** Inflates a raw deflate stream, refusing to produce more than `maxBytes`. */
async function inflateCapped(data: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const { Inflate } = await import('fflate');
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inf = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) over = true;
    else chunks.push(chunk);
  });
  const STEP = 64 * 1024;
  try {
    for (let i = 0; i < data.length && !over; i += STEP) {
      const end = Math.min(data.length, i + STEP);
      inf.push(data.subarray(i, end), end === data.length);
    }
    if (data.length === 0) inf.push(new Uint8Array(0), true);
  } catch (e) {
    const msg = String((e as Error)?.message ?? e);
    const code = /EOF|end/i.test(msg) ? 'DICOM_TRUNCATED' : 'DICOM_INVALID';
    throw new SonoriskError(code, `The Deflated data set cannot be inflated (${msg}).`, undefined, { cause: e });
  }
  if (over) throw new SonoriskError('LIMIT_EXCEEDED', `The Deflated data set inflates to more than maxBytes (${maxBytes}).`, { maxBytes });
  return concatBytes(chunks);
}
