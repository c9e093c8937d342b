import { SonoriskError } from '../../errors.js';
import { getCodec, hasCodec, hasUserCodec } from '../codecs/codec-registry.js';
import { DEFAULT_MAX_ELEMENTS, DEFAULT_MAX_VALUES, getNumber, getNumbers, getString } from './dicom-dataset.js';
import { DEFAULT_MAX_INFLATE_RATIO, readDicomHeader } from './dicom-header.js';
import { encapsulatedLocator, type FrameLocator, nativeLocator } from './frame-locator.js';
import { frameTimesFrom } from './frame-times.js';
import { scanJpegMarkers } from '../codecs/jpeg-markers.js';
import { readPalette } from './palette.js';
import { nativeFrameBytes, type PixelLayout, samplesFromNative, toFrame } from './pixel-layout.js';
import { type DicomSource, toRandomAccessSource } from './random-access-source.js';
import { isNativeSyntax, TS } from './transfer-syntax.js';
import type { Cine, CineMeta, Frame } from '../types.js';
import { pixelSpacingFromRegions, ultrasoundRegions } from './ultrasound-regions.js';
import { TAG } from './tags.js';

/**
 * Options for {@link openDicomCine}.
 *
 * @example
 * ```ts
 * const options: OpenDicomCineOptions = { maxFrames: 5000, includeIdentifying: false };
 * const cine = await openDicomCine(bytes, options);
 * ```
 */
export interface OpenDicomCineOptions {
  /** Refuse files with more frames than this (default 100 000). */
  maxFrames?: number;
  /** Refuse frames with more pixels than this (default 8192 × 8192). */
  maxPixelsPerFrame?: number;
  /**
   * Cap on any single read or allocation: the header, an inflated Deflated data set, one frame's
   * encoded bytes, one decoded frame (default 1 GiB). The file itself may be larger.
   */
  maxBytes?: number;
  /**
   * Refuse headers with more data elements + sequence items than this (default 100 000), so a
   * flood of empty items cannot exhaust memory or time. Items of sequences sonorisk never reads
   * (all but the Sequence of Ultrasound Regions) are not built; those walked past (in sequences of
   * undefined length) count, those of defined-length sequences are jumped over and do not.
   */
  maxElements?: number;
  /**
   * Refuse an element that sonorisk reads (Frame Time Vector, the Frame Increment Pointer's
   * target, the Extended Offset Table…) when it holds more values than this (default: `maxFrames`,
   * 100 000 — a per-frame vector has one value per frame). Elements never read are never decoded.
   */
  maxValues?: number;
  /**
   * Refuse a Deflated data set (1.2.840.10008.1.2.1.99) that inflates more than this many times its
   * compressed size, checked as it inflates once past 8 MiB of output (default 100, Apache POI's
   * zip-bomb ratio; real Deflated ultrasound files inflate 4–11×). `Infinity` turns the check off;
   * `maxBytes` still applies.
   */
  maxInflateRatio?: number;
  /** Copy patient-identifying attributes into `meta.identifying` (default false). */
  includeIdentifying?: boolean;
  /**
   * Read each frame's encoded bytes from here instead of the source's Pixel Data (e.g. DICOMweb
   * WADO-RS frame retrieval, see `openDicomWebCine` in `sonorisk/dicomweb`). The source then needs
   * only the header; it may have no Pixel Data.
   */
  frames?: EncodedFrameSource;
}

/**
 * Encoded frames kept outside the header's Pixel Data, for {@link OpenDicomCineOptions.frames}.
 *
 * @example
 * ```ts
 * const frames: EncodedFrameSource = { transferSyntaxUid: TRANSFER_SYNTAX.jpegBaseline, read: (i) => fetchFrame(i + 1) };
 * const cine = await openDicomCine(headerBytes, { frames });
 * ```
 */
export interface EncodedFrameSource {
  /** Transfer syntax of the frames; native (uncompressed) frames are little endian. */
  transferSyntaxUid: string;
  /** Resolves to the encoded bytes of frame `index` (0-based): one JPEG/J2K/RLE codestream, or the native frame. */
  read(index: number): Promise<Uint8Array>;
}

/**
 * Defaults of {@link OpenDicomCineOptions}.
 *
 * @example
 * ```ts
 * await openDicomCine(bytes, { maxBytes: 4 * DICOM_LIMITS.maxBytes }); // a trusted, very large file
 * ```
 */
export const DICOM_LIMITS = {
  maxFrames: 100_000,
  maxPixelsPerFrame: 8192 * 8192,
  maxBytes: 2 ** 30,
  maxElements: DEFAULT_MAX_ELEMENTS,
  maxValues: DEFAULT_MAX_VALUES,
  maxInflateRatio: DEFAULT_MAX_INFLATE_RATIO,
} as const;

const IDENTIFYING: Record<string, number> = {
  PatientName: TAG.PatientName,
  PatientID: TAG.PatientID,
  PatientBirthDate: TAG.PatientBirthDate,
  PatientSex: TAG.PatientSex,
  OtherPatientIDs: TAG.OtherPatientIDs,
  AccessionNumber: TAG.AccessionNumber,
  StudyDate: TAG.StudyDate,
  InstitutionName: TAG.InstitutionName,
  ReferringPhysicianName: TAG.ReferringPhysicianName,
  StudyInstanceUID: TAG.StudyInstanceUID,
  SeriesInstanceUID: TAG.SeriesInstanceUID,
  SOPInstanceUID: TAG.SOPInstanceUID,
};

const PHOTOMETRICS_1 = new Set(['MONOCHROME1', 'MONOCHROME2', 'PALETTE COLOR']);
const PHOTOMETRICS_3 = new Set(['RGB', 'YBR_FULL', 'YBR_FULL_422', 'YBR_RCT', 'YBR_ICT']);

function limit(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new SonoriskError('INVALID_ARGUMENT', `openDicomCine: options.${name} must be a positive number, got ${String(value)}.`);
  }
  return value;
}

function invalid(message: string, details?: Record<string, unknown>): SonoriskError {
  return new SonoriskError('DICOM_INVALID', message, details);
}

/** Frames from an {@link EncodedFrameSource}; native frames must hold at least `frameBytes`. */
function externalLocator(external: EncodedFrameSource, frameBytes: number): FrameLocator {
  return {
    method: 'external',
    async read(index) {
      const bytes = await external.read(index);
      if (!(bytes instanceof Uint8Array) || bytes.length < frameBytes || bytes.length === 0) {
        throw new SonoriskError('DICOM_TRUNCATED', `Frame ${index} has ${bytes instanceof Uint8Array ? bytes.length : 0} bytes from options.frames; ${Math.max(frameBytes, 1)} or more were needed.`, { index, frameBytes });
      }
      return frameBytes > 0 ? bytes.subarray(0, frameBytes) : bytes;
    },
  };
}

/**
 * Opens a DICOM cine (or single image) and returns a {@link Cine} whose frames decode on demand.
 * Reads only the header and the Pixel Data index; each `frame(i)` reads and decodes one frame.
 * Accepts bytes, a Blob/File, or a {@link RandomAccessSource} (see `openDicomFile` in
 * `sonorisk/node` for files). Colour frames come back as interleaved RGB.
 *
 * Errors (`SonoriskError`): `DICOM_INVALID`, `DICOM_TRUNCATED`, `DICOM_NO_PIXEL_DATA`,
 * `UNSUPPORTED_TRANSFER_SYNTAX`, `UNSUPPORTED_PHOTOMETRIC`, `UNSUPPORTED_BIT_DEPTH`,
 * `LIMIT_EXCEEDED`, `INVALID_ARGUMENT`; `frame(i)` adds `FRAME_OUT_OF_RANGE` and `CODEC_FAILED`.
 *
 * @example
 * ```ts
 * import { openDicomCine } from 'sonorisk/preprocess';
 * const file = input.files[0]; // a browser File
 * const cine = await openDicomCine(file);
 * console.log(cine.frameCount, cine.meta.timingSource, cine.meta.pixelSpacingMm);
 * const f = await cine.frame(0); // { width, height, channels: 3, data: Uint8Array }
 * ```
 */
export async function openDicomCine(source: DicomSource, options: OpenDicomCineOptions = {}): Promise<Cine> {
  if (typeof options !== 'object' || options === null) throw new SonoriskError('INVALID_ARGUMENT', 'openDicomCine: options must be an object.');
  const maxFrames = limit('maxFrames', options.maxFrames, DICOM_LIMITS.maxFrames);
  const maxPixels = limit('maxPixelsPerFrame', options.maxPixelsPerFrame, DICOM_LIMITS.maxPixelsPerFrame);
  const maxBytes = limit('maxBytes', options.maxBytes, DICOM_LIMITS.maxBytes);
  const external = options.frames;
  if (external !== undefined && (typeof external !== 'object' || external === null || typeof external.read !== 'function' || typeof external.transferSyntaxUid !== 'string')) {
    throw new SonoriskError('INVALID_ARGUMENT', 'openDicomCine: options.frames must be { transferSyntaxUid: string, read(index) }.');
  }
  const src = toRandomAccessSource(source);
  const maxElements = limit('maxElements', options.maxElements, DICOM_LIMITS.maxElements);
  const maxValues = limit('maxValues', options.maxValues, options.maxFrames === undefined ? DICOM_LIMITS.maxValues : maxFrames);
  const maxInflateRatio = options.maxInflateRatio === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : limit('maxInflateRatio', options.maxInflateRatio, DICOM_LIMITS.maxInflateRatio);
  const header = await readDicomHeader(src, { maxBytes, maxElements, maxValues, maxInflateRatio });
  const ds = header.dataset;
  const ts = external ? external.transferSyntaxUid : header.transferSyntaxUid;
  if (!header.pixelData && !external) throw new SonoriskError('DICOM_NO_PIXEL_DATA', 'The DICOM file has no Pixel Data (7FE0,0010); it is not an image (a report, structure set or plan?).');

  const rows = getNumber(ds, TAG.Rows, 'US');
  const columns = getNumber(ds, TAG.Columns, 'US');
  const samplesPerPixel = getNumber(ds, TAG.SamplesPerPixel, 'US') ?? 1;
  const bitsAllocated = getNumber(ds, TAG.BitsAllocated, 'US');
  const bitsStored = getNumber(ds, TAG.BitsStored, 'US') ?? bitsAllocated;
  const pixelRepresentation = getNumber(ds, TAG.PixelRepresentation, 'US') ?? 0;
  const photometric = (getString(ds, TAG.PhotometricInterpretation) ?? (samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2')).toUpperCase();
  const planarConfiguration = getNumber(ds, TAG.PlanarConfiguration, 'US') ?? 0;
  const nfRaw = getString(ds, TAG.NumberOfFrames);
  const frameCount = nfRaw === undefined || nfRaw === '' ? 1 : Number(nfRaw);

  if (!rows || !columns || !Number.isInteger(rows) || !Number.isInteger(columns)) throw invalid(`Rows (0028,0010) and Columns (0028,0011) must be positive; got ${rows}×${columns}.`, { rows, columns });
  if (bitsAllocated === undefined || bitsStored === undefined) throw invalid('Bits Allocated (0028,0100) is missing.');
  if (samplesPerPixel !== 1 && samplesPerPixel !== 3) throw invalid(`Samples per Pixel is ${samplesPerPixel}; only 1 or 3 are valid for ultrasound images.`, { samplesPerPixel });
  if (!Number.isInteger(frameCount) || frameCount < 1) throw invalid(`Number of Frames (0028,0008) is "${nfRaw}", not a positive integer.`);
  if (bitsAllocated !== 8 && bitsAllocated !== 16) {
    throw new SonoriskError('UNSUPPORTED_BIT_DEPTH', `Bits Allocated is ${bitsAllocated}; sonorisk decodes 8- and 16-bit images only.`, { bitsAllocated });
  }
  if (bitsStored < 1 || bitsStored > bitsAllocated) throw invalid(`Bits Stored ${bitsStored} is not within 1..Bits Allocated (${bitsAllocated}).`);
  if (pixelRepresentation !== 0 && pixelRepresentation !== 1) throw invalid(`Pixel Representation is ${pixelRepresentation}; it must be 0 or 1.`);
  if (PHOTOMETRICS_1.has(photometric) ? samplesPerPixel !== 1 : PHOTOMETRICS_3.has(photometric) ? samplesPerPixel !== 3 : false) {
    throw invalid(`Photometric Interpretation ${photometric} does not match Samples per Pixel ${samplesPerPixel}.`, { photometric, samplesPerPixel });
  }
  if (!PHOTOMETRICS_1.has(photometric) && !PHOTOMETRICS_3.has(photometric)) {
    throw new SonoriskError('UNSUPPORTED_PHOTOMETRIC', `Photometric Interpretation "${photometric}" is not supported (MONOCHROME1/2, PALETTE COLOR, RGB, YBR_FULL, YBR_FULL_422, YBR_RCT, YBR_ICT are).`, { photometric });
  }
  if (frameCount > maxFrames) throw new SonoriskError('LIMIT_EXCEEDED', `The file has ${frameCount} frames, more than maxFrames (${maxFrames}).`, { frameCount, maxFrames });
  if (rows * columns > maxPixels) throw new SonoriskError('LIMIT_EXCEEDED', `A frame has ${rows}×${columns} pixels, more than maxPixelsPerFrame (${maxPixels}).`, { rows, columns, maxPixels });
  const decodedBytes = rows * columns * 3 * (bitsAllocated / 8);
  if (decodedBytes > maxBytes) throw new SonoriskError('LIMIT_EXCEEDED', `A decoded frame needs ${decodedBytes} bytes, more than maxBytes (${maxBytes}).`, { decodedBytes, maxBytes });

  const layout: PixelLayout = {
    rows,
    columns,
    samplesPerPixel,
    bitsAllocated,
    bitsStored,
    pixelRepresentation,
    photometric,
    planarConfiguration,
    littleEndian: external ? ts !== TS.explicitBigEndian : header.littleEndian,
  };
  if (photometric === 'PALETTE COLOR') layout.palette = readPalette(ds, header.littleEndian);

  const native = isNativeSyntax(ts);
  let locator: FrameLocator;
  if (native) {
    if (photometric === 'YBR_RCT' || photometric === 'YBR_ICT') {
      throw new SonoriskError('UNSUPPORTED_PHOTOMETRIC', `${photometric} is only valid in JPEG 2000 transfer syntaxes, not in uncompressed data.`);
    }
    if (!header.littleEndian && bitsAllocated === 8 && header.pixelData?.vr === 'OW') layout.wordSwapped8 = true;
    const frameBytes = nativeFrameBytes(layout);
    locator = external ? externalLocator(external, frameBytes) : nativeLocator(header.dataSource, header.pixelData!, frameCount, frameBytes);
  } else {
    if (!hasCodec(ts)) {
      throw new SonoriskError('UNSUPPORTED_TRANSFER_SYNTAX', `No decoder for transfer syntax ${ts}; register one with registerCodec('${ts}', decoder).`, { transferSyntaxUid: ts });
    }
    if (external) {
      locator = externalLocator(external, 0);
    } else {
      // the Extended Offset Table is read only where it is used: frames cut from this file's fragments
      const eotOffsets = getNumbers(ds, TAG.ExtendedOffsetTable, 'OV');
      const eotLengths = getNumbers(ds, TAG.ExtendedOffsetTableLengths, 'OV');
      const eot = eotOffsets.length > 0 ? { offsets: eotOffsets, lengths: eotLengths } : undefined;
      locator = await encapsulatedLocator(header.dataSource, header.pixelData!, frameCount, ts === TS.rleLossless ? 'rle' : 'jpeg', maxBytes, eot, maxElements);
    }
    if (ts === TS.jpegExtended && !hasUserCodec(ts)) {
      // Refuse 12-bit JPEG Extended when opening rather than on the first frame.
      const precision = scanJpegMarkers(await locator.read(0)).precision;
      if (precision !== undefined && precision > 8) {
        throw new SonoriskError(
          'UNSUPPORTED_TRANSFER_SYNTAX',
          `This JPEG Extended file has ${precision}-bit samples; sonorisk decodes 8-bit JPEG only (no 12-bit libjpeg-turbo codec exists on npm). Transcode it (e.g. "dcmdjpeg in.dcm out.dcm") or register a decoder with registerCodec('${ts}', decoder).`,
          { precision },
        );
      }
    }
  }

  const timing = frameTimesFrom(ds, frameCount);
  const reg = ultrasoundRegions(ds, columns, rows);
  const meta: CineMeta = {
    source: 'dicom',
    transferSyntaxUid: ts,
    photometricInterpretation: photometric,
    bitsAllocated,
    bitsStored,
    samplesPerPixel,
    timingSource: timing.timingSource,
    regions: reg.regions,
    warnings: [...timing.warnings, ...reg.warnings],
    extra: { pixelRepresentation, planarConfiguration, frameIndex: locator.method, transferSyntaxGuessed: header.transferSyntaxGuessed },
  };
  const setStr = (key: 'modality' | 'manufacturer' | 'manufacturerModelName', tag: number) => {
    const v = getString(ds, tag);
    if (v) meta[key] = v;
  };
  setStr('modality', TAG.Modality);
  setStr('manufacturer', TAG.Manufacturer);
  setStr('manufacturerModelName', TAG.ManufacturerModelName);
  const spacing = pixelSpacingFromRegions(reg.regions);
  if (spacing) meta.pixelSpacingMm = spacing;
  if (header.vrMismatch) meta.warnings.push(`The data set's VR encoding does not match transfer syntax ${ts}; read it as it is encoded.`);
  if (header.transferSyntaxGuessed) meta.warnings.push(`No File Meta Information; transfer syntax guessed as ${ts}.`);
  if (options.includeIdentifying === true) {
    const id: Record<string, string> = {};
    for (const [k, tag] of Object.entries(IDENTIFYING)) {
      const v = getString(ds, tag);
      if (v) id[k] = v;
    }
    meta.identifying = id;
  }

  const frame = async (index: number): Promise<Frame> => {
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= frameCount) {
      throw new SonoriskError('FRAME_OUT_OF_RANGE', `Frame index ${String(index)} is outside 0..${frameCount - 1}.`, { index, frameCount });
    }
    const encoded = await locator.read(index);
    if (native) return toFrame(samplesFromNative(encoded, layout), layout);
    const decoder = await getCodec(ts);
    let out: Awaited<ReturnType<typeof decoder>>;
    try {
      out = await decoder({ transferSyntaxUid: ts, encoded, rows, columns, samplesPerPixel, bitsAllocated, bitsStored, pixelRepresentation, photometricInterpretation: photometric, planarConfiguration });
    } catch (e) {
      // Name the frame: codec errors (from any decoder) say what failed, not where.
      if (e instanceof SonoriskError && e.code === 'CODEC_FAILED') throw new SonoriskError('CODEC_FAILED', `Frame ${index}: ${e.message}`, { ...e.details, index }, { cause: e });
      if (e instanceof SonoriskError) throw e;
      throw new SonoriskError('CODEC_FAILED', `Decoding frame ${index} (${ts}) failed: ${String((e as Error)?.message ?? e)}`, { index }, { cause: e });
    }
    if (!out || typeof out !== 'object' || !ArrayBuffer.isView(out.data)) {
      throw new SonoriskError('CODEC_FAILED', `The decoder for ${ts} returned no sample array for frame ${index}.`, { index });
    }
    return toFrame(out, layout);
  };
  return { width: columns, height: rows, frameCount, frameTimes: timing.frameTimes, meta, frame };
}
