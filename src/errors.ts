/**
 * Every error code sonorisk throws, one entry per kind of bad input or unsupported case. The list is
 * closed: {@link SonoriskErrorCode} is exactly these strings, so a misspelt comparison such as
 * `e.code === 'SINGLE_CLAS'` fails to compile. New codes may be added in a minor release; existing
 * codes never change meaning.
 *
 * @example
 * ```ts
 * import { SONORISK_ERROR_CODES } from 'sonorisk/stats';
 * const known = new Set<string>(SONORISK_ERROR_CODES);
 * console.log(known.has('SINGLE_CLASS')); // true
 * ```
 */
export const SONORISK_ERROR_CODES = [
  /** An argument has the wrong type, shape or range (the message names it). */
  'INVALID_ARGUMENT',
  /** The command line was used wrongly (unknown command, missing option). */
  'USAGE',
  /** The DICOM file ends before a declared element or frame. */
  'DICOM_TRUNCATED',
  /** The DICOM file is malformed (not Part 10, bad lengths, bad sequences). */
  'DICOM_INVALID',
  /** The DICOM data set has no Pixel Data. */
  'DICOM_NO_PIXEL_DATA',
  /** No decoder for the transfer syntax (register one with `registerCodec`). */
  'UNSUPPORTED_TRANSFER_SYNTAX',
  /** The photometric interpretation cannot be converted to grey/RGB. */
  'UNSUPPORTED_PHOTOMETRIC',
  /** Bits Allocated/Stored outside what sonorisk decodes. */
  'UNSUPPORTED_BIT_DEPTH',
  /** A codec failed on a frame's bytes, or could not be loaded. */
  'CODEC_FAILED',
  /** A frame index outside the cine. */
  'FRAME_OUT_OF_RANGE',
  /** An input exceeds a safety limit (frames, pixels, clip elements, file size). */
  'LIMIT_EXCEEDED',
  /** The cine has no usable frame timing. */
  'NO_TIMING',
  /** A box lies (partly) outside the frame. */
  'BOX_OUT_OF_BOUNDS',
  /** Millimetre boxes need pixel spacing the file does not carry. */
  'NO_PIXEL_SPACING',
  /** The cine does not cover the phase window a model needs. */
  'PHASE_NOT_COVERED',
  /** Fewer frames than a clip or fit needs. */
  'TOO_FEW_FRAMES',
  /** A tensor or model input shape disagrees with the model spec. */
  'INPUT_SHAPE_MISMATCH',
  /** A runner or session was used after `dispose()`. */
  'MODEL_DISPOSED',
  /** A model manifest is malformed or disagrees with its files. */
  'MANIFEST_INVALID',
  /** Paired arrays have different lengths. */
  'LENGTH_MISMATCH',
  /** A NaN or infinite value where a finite number is required. */
  'NON_FINITE',
  /** Outcome labels contain only one class. */
  'SINGLE_CLASS',
  /** Outcome labels are not 0/1 (or two levels). */
  'NON_BINARY_LABELS',
  /** A probability outside [0, 1]. */
  'PROBABILITY_OUT_OF_RANGE',
  /** Too few observations for the statistic. */
  'TOO_FEW_OBSERVATIONS',
  /** An iterative fit did not converge. */
  'NOT_CONVERGED',
  /** Complete or quasi-complete separation in a logistic regression. */
  'SEPARATION',
  /** An empty input where at least one value is required. */
  'EMPTY_INPUT',
  /** An injected runtime (onnxruntime, tfjs) is missing or unusable. */
  'RUNTIME_NOT_FOUND',
  /** A model file could not be loaded. */
  'MODEL_LOAD_FAILED',
  /** The data are constant where variation is required. */
  'CONSTANT_DATA',
  /** No contrast arrival was detected in the time-intensity curve. */
  'ARRIVAL_NOT_DETECTED',
  /** The caller cancelled the operation (an aborted `AbortSignal`, `sonorisk/worker`'s cancel). */
  'ABORTED',
  /** A worker (Web Worker or worker thread) failed outside sonorisk's checks, or is closed. */
  'WORKER_FAILED',
  /** The study file is malformed or has an unknown key (the message names it and the nearest known one). */
  'STUDY_INVALID',
  /** `requireComplete`: some model lacks a prediction for some case (the message names them). */
  'INCOMPLETE_PREDICTIONS',
  /** Another run holds the output folder's lock (the message names its pid, host and start time). */
  'OUT_LOCKED',
  /** A case's process or worker died while processing it (out of memory, native crash). */
  'CRASHED',
  /** A model fold file named by a model manifest is missing (the message gives the path). */
  'MODEL_FILE_MISSING',
  /** `merge`: a shard's outputs are missing. */
  'SHARD_MISSING',
  /** The case has no recording that the model needs. */
  'NO_RECORDING',
  /** A DICOMweb server answered with an HTTP error (the message gives the status and the URL without credentials). */
  'DICOMWEB_HTTP',
  /** A DICOMweb study, series, instance or frame does not exist on the server (HTTP 404). */
  'DICOMWEB_NOT_FOUND',
  /** The DICOMweb server could not be reached (connection refused, DNS, reset). */
  'DICOMWEB_NETWORK',
  /** A DICOMweb request took longer than its timeout. */
  'DICOMWEB_TIMEOUT',
  /** A DICOMweb request was cancelled by the caller's AbortSignal. */
  'DICOMWEB_ABORTED',
  /** A DICOMweb response could not be parsed (bad JSON or multipart). */
  'DICOMWEB_INVALID_RESPONSE',
  /** STOW-RS did not store every instance. */
  'DICOMWEB_STORE_FAILED',
] as const;

/**
 * Stable error codes thrown by sonorisk: exactly the strings in {@link SONORISK_ERROR_CODES}.
 *
 * @example
 * ```ts
 * const code: SonoriskErrorCode = 'SINGLE_CLASS';
 * ```
 */
export type SonoriskErrorCode = (typeof SONORISK_ERROR_CODES)[number];

const CODES: ReadonlySet<string> = new Set(SONORISK_ERROR_CODES);

/**
 * True when `value` is one of {@link SONORISK_ERROR_CODES} — for codes that crossed a boundary as
 * plain strings (a worker message, a JSON log).
 *
 * @example
 * ```ts
 * isSonoriskErrorCode('SINGLE_CLASS'); // true
 * isSonoriskErrorCode('SINGLE_CLAS');  // false
 * ```
 */
export function isSonoriskErrorCode(value: unknown): value is SonoriskErrorCode {
  return typeof value === 'string' && CODES.has(value);
}

/**
 * The one error type sonorisk throws for bad input. `code` is stable and machine-readable;
 * `details` carries the offending values where that helps a caller react.
 *
 * @example
 * ```ts
 * import { SonoriskError } from 'sonorisk';
 * try {
 *   throw new SonoriskError('BOX_OUT_OF_BOUNDS', 'Box x1=700 exceeds the frame width 640.', { x1: 700 });
 * } catch (e) {
 *   if (e instanceof SonoriskError && e.code === 'BOX_OUT_OF_BOUNDS') console.log(e.details);
 * }
 * ```
 */
export class SonoriskError extends Error {
  /** Stable machine-readable code, e.g. `DICOM_TRUNCATED`. */
  readonly code: SonoriskErrorCode;
  /** Optional structured context (offending values, limits). */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: SonoriskErrorCode, message: string, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SonoriskError';
    this.code = code;
    this.details = details;
  }
}

/**
 * True when `value` is a {@link SonoriskError}, optionally with the given code. Works across
 * bundle copies (ESM and CJS builds loaded together), where `instanceof` would not.
 *
 * @example
 * ```ts
 * if (isSonoriskError(err, 'SINGLE_CLASS')) console.warn('need both outcomes');
 * ```
 */
export function isSonoriskError(value: unknown, code?: SonoriskErrorCode): value is SonoriskError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { name?: unknown; code?: unknown };
  return v.name === 'SonoriskError' && typeof v.code === 'string' && (code === undefined || v.code === code);
}
