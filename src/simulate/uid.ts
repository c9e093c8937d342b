import { SonoriskError } from '../errors.js';

/**
 * 128-bit string hash (cyrb128: four interleaved 32-bit multiply-xor lanes). Used only to derive
 * stable identifiers, never as a source of randomness.
 */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const UID_ROOT_PATTERN = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/;

/**
 * Derives a stable, valid DICOM UID from a root and any identifying parts (seed, case id, kind).
 * With the default root `2.25` the result is a UUID-derived UID (PS3.5 B.2): the 128-bit hash of
 * the parts, with the RFC 9562 version-8 and variant bits set, written in decimal. With another
 * root (e.g. your organisation's), the hash is appended in decimal and trimmed so the UID stays
 * within 64 characters. The same root and parts always give the same UID.
 *
 * @example
 * ```ts
 * deriveUid('2.25', 42, 'case-007', 'ceus'); // '2.25.' followed by up to 39 digits
 * deriveUid('1.2.3.4', 42, 'study');         // '1.2.3.4.' followed by digits, ≤ 64 chars
 * ```
 */
export function deriveUid(root: string, ...parts: (string | number)[]): string {
  if (typeof root !== 'string' || !UID_ROOT_PATTERN.test(root) || root.length > 44) {
    throw new SonoriskError(
      'INVALID_ARGUMENT',
      `deriveUid: root must be a dotted numeric UID prefix without leading zeros, at most 44 characters (e.g. '2.25'), got ${JSON.stringify(root)}.`,
    );
  }
  const [a, b, c, d] = hash128(JSON.stringify(parts));
  let n = (BigInt(a) << 96n) | (BigInt(b) << 64n) | (BigInt(c) << 32n) | BigInt(d);
  if (root === '2.25') {
    // RFC 9562 version 8 (custom) and variant 10xx, so the value is a well-formed UUID.
    n = (n & ~(0xfn << 76n)) | (0x8n << 76n);
    n = (n & ~(0x3n << 62n)) | (0x2n << 62n);
  }
  let digits = n.toString(10);
  const room = 64 - root.length - 1;
  if (digits.length > room) digits = digits.slice(0, room);
  digits = digits.replace(/^0+(?=\d)/, '');
  return `${root}.${digits}`;
}
