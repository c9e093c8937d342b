/**
 * Reads a DICOM file's header up to Pixel Data from a random-access source, growing the read
 * until Pixel Data's header is reached. Internal to sonorisk.
 * @module
 */
import { SonoriskError } from '../../errors.js';
import { type DicomDataset, getString, NeedMoreBytes, type PixelDataElement, parseDataset } from './dicom-dataset.js';
import type { RandomAccessSource } from './random-access-source.js';
import { concatBytes, toRandomAccessSource } from './random-access-source.js';
import { TAG } from './tags.js';
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

/** Limits {@link readDicomHeader} enforces. */
export interface HeaderLimits {
  /** Cap on the header read and on an inflated Deflated data set. */
  maxBytes: number;
  /** Cap on data elements + sequence items visited (see `ParseOptions.maxElements`). */
  maxElements: number;
  /** Cap on the values of one element read (see `ParseOptions.maxValues`). */
  maxValues: number;
  /** Cap on a Deflated data set's inflated size ÷ the compressed bytes fed so far (see {@link inflateCapped}). */
  maxInflateRatio: number;
}

/** The only sequence sonorisk reads; the items of every other sequence are skipped. */
const READ_SEQUENCES: ReadonlySet<number> = new Set([TAG.SequenceOfUltrasoundRegions]);

/** Reads the header, growing the read ×4 until Pixel Data's header is inside it. */
export async function readDicomHeader(src: RandomAccessSource, limits: HeaderLimits): Promise<DicomHeader> {
  const { maxBytes } = limits;
  let len = Math.min(src.size, INITIAL_READ);
  for (;;) {
    if (len > maxBytes) {
      throw new SonoriskError('LIMIT_EXCEEDED', `The DICOM header is larger than maxBytes (${maxBytes}); raise options.maxBytes if the file is trusted.`, { maxBytes });
    }
    const buf = await src.read(0, len);
    const complete = len === src.size;
    try {
      return await parseHeader(src, buf, complete, limits);
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

async function parseHeader(src: RandomAccessSource, buf: Uint8Array, complete: boolean, limits: HeaderLimits): Promise<DicomHeader> {
  const dataOptions = { keepSequences: READ_SEQUENCES, maxElements: limits.maxElements, maxValues: limits.maxValues };
  let pos = 0;
  if (buf.length >= 132 && ascii(buf, 128, 4) === 'DICM') pos = 132;
  else if (buf.length < 132 && !complete) throw new NeedMoreBytes();
  let meta: DicomDataset | undefined;
  if (buf.length >= pos + 8 && buf[pos] === 0x02 && buf[pos + 1] === 0x00) {
    const m = parseDataset(buf, pos, buf.length, {
      explicit: true,
      littleEndian: true,
      complete,
      maxElements: limits.maxElements,
      maxValues: limits.maxValues,
      stopBefore: (tag) => tag >>> 16 !== 0x0002,
    });
    meta = m.dataset;
    pos = m.end;
  } else if (pos === 0 && buf.length < 8) {
    throw new SonoriskError('DICOM_INVALID', 'This is not a DICOM file: it is too short.');
  }
  let ts = meta ? getString(meta, TAG.TransferSyntaxUID)?.replace(/\0/g, '') : undefined;
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
    const inflated = await inflateCapped(buf.subarray(pos), limits.maxBytes, limits.maxInflateRatio);
    const r = parseDataset(inflated, 0, inflated.length, { explicit: true, littleEndian: true, complete: true, ...dataOptions });
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
  const r = parseDataset(buf, pos, buf.length, { explicit, littleEndian, complete, ...dataOptions });
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

/** Compressed bytes handed to fflate per step: a bomb expands ≤ 1032× per step (≈ 4 MiB). */
const INFLATE_STEP = 4 * 1024;

function inflateError(e: unknown): SonoriskError {
  if (e instanceof SonoriskError) return e;
  const msg = String((e as Error)?.message ?? e);
  const code = /EOF|end/i.test(msg) ? 'DICOM_TRUNCATED' : 'DICOM_INVALID';
  return new SonoriskError(code, `The Deflated data set cannot be inflated (${msg}).`, undefined, { cause: e });
}

/** Compressed size from which the platform's zlib is used instead of fflate. */
const NATIVE_INFLATE_MIN = 256 * 1024;
/**
 * Compressed bytes written to the platform's inflater at a time, so the ratio so far is known. The
 * stream accepts ~8 writes ahead of its output, so the count overestimates what was consumed (the
 * guard errs toward accepting): a 1032× bomb is refused at ≈ 12.5 MB of output, not 8 MiB.
 */
const NATIVE_STEP = 64 * 1024;

/** The platform's raw-deflate decompressor, or undefined where it has none (older runtimes). */
function nativeInflater(): DecompressionStream | undefined {
  if (typeof DecompressionStream === 'undefined') return undefined;
  try {
    return new DecompressionStream('deflate-raw');
  } catch {
    return undefined;
  }
}

/**
 * Runs a raw deflate stream through the platform's zlib (`DecompressionStream('deflate-raw')`:
 * Node ≥ 18, current browsers and Deno; ~2× faster than JS) when it is large, else (or where that
 * is missing) through fflate, passing each output chunk (tens of KiB) to `sink` with the number of
 * compressed bytes handed to the inflater so far (an upper bound of those consumed). A `sink` that
 * throws stops the inflation.
 */
async function inflateChunks(data: Uint8Array, sink: (chunk: Uint8Array, fed: number) => void): Promise<void> {
  // Below 256 KiB compressed, the stream machinery's set-up costs more than fflate's whole run
  // (image_dfl.dcm, 4.6 KB: 47 ms vs 0.2 ms under load); above it, native zlib is ~2× faster.
  const ds = data.length >= NATIVE_INFLATE_MIN ? nativeInflater() : undefined;
  if (ds) {
    const writer = ds.writable.getWriter();
    let fed = 0;
    const feed = async () => {
      for (let i = 0; i < data.length; i += NATIVE_STEP) {
        const end = Math.min(data.length, i + NATIVE_STEP);
        fed = end;
        await writer.write(data.subarray(i, end) as Uint8Array<ArrayBuffer>);
      }
      await writer.close();
    };
    feed().catch(() => {});
    const reader = ds.readable.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        sink(value, fed);
      }
    } catch (e) {
      reader.cancel().catch(() => {});
      throw inflateError(e);
    }
  }
  const { Inflate } = await import('fflate');
  let fed = 0;
  const inf = new Inflate((chunk) => sink(chunk, fed));
  try {
    if (data.length === 0) inf.push(new Uint8Array(0), true);
    for (let i = 0; i < data.length; i += INFLATE_STEP) {
      const end = Math.min(data.length, i + INFLATE_STEP);
      fed = end;
      inf.push(data.subarray(i, end), end === data.length);
    }
  } catch (e) {
    throw inflateError(e);
  }
}

/** Inflated data sets up to this size are collected as chunks and joined (peak ≤ 2 × 4 MiB). */
const SMALL_INFLATE = 4 * 2 ** 20;

/** Inflated bytes before the compression-ratio guard applies: small files are never refused by it. */
const INFLATE_RATIO_GRACE = 8 * 2 ** 20;

/** Default `maxInflateRatio`: Apache POI's ZipSecureFile default (MIN_INFLATE_RATIO 0.01). */
export const DEFAULT_MAX_INFLATE_RATIO = 100;

/**
 * Inflates a raw deflate stream, refusing (`LIMIT_EXCEEDED`) as soon as the output passes
 * `maxBytes`, or — once past {@link INFLATE_RATIO_GRACE} of output — as soon as the output is more
 * than `maxRatio` × the compressed bytes fed so far (a deflate bomb: real Deflated ultrasound
 * files inflate 4–11×; zeros inflate 1032×). Small data sets (≤ 4 MiB) are collected in chunks and
 * joined. Past that, ONE buffer of `maxBytes` is allocated — the allocator commits it lazily, so
 * resident memory follows what is written — the chunks so far are copied in and the rest is
 * inflated straight into it: peak memory ≤ the inflated size + 4 MiB, never twice the data set.
 * (Allocating `maxBytes` for every small file instead costs a garbage collection each time:
 * 0.2–0.5 s per file.) Where a runtime refuses an allocation that large, the chunks are joined at
 * the end (peak ≈ 2× the inflated size).
 */
async function inflateCapped(data: Uint8Array, maxBytes: number, maxRatio: number = DEFAULT_MAX_INFLATE_RATIO): Promise<Uint8Array> {
  const over = () => new SonoriskError('LIMIT_EXCEEDED', `The Deflated data set inflates to more than maxBytes (${maxBytes}); raise options.maxBytes if the file is trusted.`, { maxBytes });
  let chunks: Uint8Array[] = [];
  let big: Uint8Array | undefined;
  let total = 0;
  await inflateChunks(data, (c, fed) => {
    if (total + c.length > maxBytes) throw over();
    if (total + c.length > INFLATE_RATIO_GRACE && total + c.length > maxRatio * fed) {
      throw new SonoriskError(
        'LIMIT_EXCEEDED',
        `The Deflated data set inflates more than maxInflateRatio (${maxRatio}) times: ${total + c.length} bytes from the first ${fed} compressed bytes; a deflate bomb? Raise options.maxInflateRatio if the file is trusted.`,
        { maxInflateRatio: maxRatio, inflated: total + c.length, compressed: fed },
      );
    }
    if (big) big.set(c, total);
    else {
      chunks.push(c);
      if (total + c.length > SMALL_INFLATE) {
        try {
          big = new Uint8Array(maxBytes);
        } catch {
          big = undefined;
        }
        if (big) {
          let o = 0;
          for (const k of chunks) {
            big.set(k, o);
            o += k.length;
          }
          chunks = [];
        }
      }
    }
    total += c.length;
  });
  return big ? big.subarray(0, total) : concatBytes(chunks);
}
