/**
 * Stable error codes thrown by sonorisk. Each code names one kind of bad input or unsupported
 * case; messages say what was wrong and what to do. New codes may be added; existing codes never
 * change meaning.
 */
export type SonoriskErrorCode =
  | 'INVALID_ARGUMENT'
  | 'USAGE'
  | 'DICOM_TRUNCATED'
  | 'DICOM_INVALID'
  | 'DICOM_NO_PIXEL_DATA'
  | 'UNSUPPORTED_TRANSFER_SYNTAX'
  | 'UNSUPPORTED_PHOTOMETRIC'
  | 'UNSUPPORTED_BIT_DEPTH'
  | 'CODEC_FAILED'
  | 'FRAME_OUT_OF_RANGE'
  | 'LIMIT_EXCEEDED'
  | 'NO_TIMING'
  | 'BOX_OUT_OF_BOUNDS'
  | 'NO_PIXEL_SPACING'
  | 'PHASE_NOT_COVERED'
  | 'TOO_FEW_FRAMES'
  | 'INPUT_SHAPE_MISMATCH'
  | 'MODEL_DISPOSED'
  | 'MANIFEST_INVALID'
  | 'LENGTH_MISMATCH'
  | 'NON_FINITE'
  | 'SINGLE_CLASS'
  | 'NON_BINARY_LABELS'
  | 'PROBABILITY_OUT_OF_RANGE'
  | 'TOO_FEW_OBSERVATIONS'
  | 'NOT_CONVERGED'
  | 'SEPARATION'
  | 'EMPTY_INPUT'
  | 'RUNTIME_NOT_FOUND'
  | 'MODEL_LOAD_FAILED'
  | 'CONSTANT_DATA'
  | 'ARRIVAL_NOT_DETECTED'
  | 'DICOMWEB_HTTP'
  | 'DICOMWEB_NOT_FOUND'
  | 'DICOMWEB_NETWORK'
  | 'DICOMWEB_TIMEOUT'
  | 'DICOMWEB_ABORTED'
  | 'DICOMWEB_INVALID_RESPONSE'
  | 'DICOMWEB_STORE_FAILED'
  | (string & {});

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
