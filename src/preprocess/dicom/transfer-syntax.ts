/**
 * Transfer syntax UIDs sonorisk knows (PS3.5 §10 and Annex A).
 *
 * @example
 * ```ts
 * import { TRANSFER_SYNTAX } from 'sonorisk/preprocess';
 * TRANSFER_SYNTAX.jpegBaseline; // '1.2.840.10008.1.2.4.50'
 * ```
 */
export const TRANSFER_SYNTAX = {
  implicitLittleEndian: '1.2.840.10008.1.2',
  explicitLittleEndian: '1.2.840.10008.1.2.1',
  deflated: '1.2.840.10008.1.2.1.99',
  explicitBigEndian: '1.2.840.10008.1.2.2',
  jpegBaseline: '1.2.840.10008.1.2.4.50',
  jpegExtended: '1.2.840.10008.1.2.4.51',
  jpegLossless: '1.2.840.10008.1.2.4.57',
  jpegLosslessSV1: '1.2.840.10008.1.2.4.70',
  jpegLsLossless: '1.2.840.10008.1.2.4.80',
  jpegLsNearLossless: '1.2.840.10008.1.2.4.81',
  jpeg2000Lossless: '1.2.840.10008.1.2.4.90',
  jpeg2000: '1.2.840.10008.1.2.4.91',
  htj2kLossless: '1.2.840.10008.1.2.4.201',
  htj2kLosslessRpcl: '1.2.840.10008.1.2.4.202',
  htj2k: '1.2.840.10008.1.2.4.203',
  rleLossless: '1.2.840.10008.1.2.5',
} as const;

/** Short alias used internally. */
export const TS = TRANSFER_SYNTAX;

/** True for the uncompressed (native) syntaxes, whose Pixel Data is not encapsulated. */
export function isNativeSyntax(uid: string): boolean {
  return uid === TS.implicitLittleEndian || uid === TS.explicitLittleEndian || uid === TS.explicitBigEndian || uid === TS.deflated;
}
