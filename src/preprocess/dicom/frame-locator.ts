/**
 * Finds each frame's bytes inside Pixel Data: fixed-size slices for native data; for encapsulated
 * data the Basic Offset Table, the Extended Offset Table, or a scan of fragment headers (empty
 * Basic Offset Table, several fragments per frame). Reads only item headers at open time.
 * Internal to sonorisk.
 * @module
 */
import { SonoriskError } from '../../errors.js';
import { DEFAULT_MAX_ELEMENTS, type PixelDataElement } from './dicom-dataset.js';
import { concatBytes, type RandomAccessSource } from './random-access-source.js';
import { TAG } from './tags.js';

/** Reads the encoded bytes of one frame. */
export interface FrameLocator {
  /** How frames were located, for diagnostics: 'native', 'bot', 'eot', 'fragments'. */
  readonly method: string;
  read(index: number): Promise<Uint8Array>;
}


function u32(b: Uint8Array, p: number): number {
  return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
}
function tagAt(b: Uint8Array, p: number): number {
  return (((b[p]! | (b[p + 1]! << 8)) << 16) | (b[p + 2]! | (b[p + 3]! << 8))) >>> 0;
}

/** Native (uncompressed) Pixel Data: frame i is `frameBytes` at `offset + i * frameBytes`. */
export function nativeLocator(src: RandomAccessSource, pd: PixelDataElement, frameCount: number, frameBytes: number): FrameLocator {
  if (pd.length < 0) throw new SonoriskError('DICOM_INVALID', 'Pixel Data has undefined length but the transfer syntax is uncompressed.');
  const needed = frameCount * frameBytes;
  const present = Math.min(pd.length, src.size - pd.offset);
  if (present < needed) {
    throw new SonoriskError(
      'DICOM_TRUNCATED',
      `Pixel Data holds ${present} bytes but ${frameCount} frame(s) of ${frameBytes} bytes need ${needed}; the file is cut short or its image attributes are wrong.`,
      { present, needed, declared: pd.length },
    );
  }
  return {
    method: 'native',
    read: (i) => src.read(pd.offset + i * frameBytes, frameBytes),
  };
}

/** Where one fragment's data lies. */
interface Fragment {
  offset: number;
  length: number;
  /** First bytes of the fragment, for start-of-frame detection. */
  head: Uint8Array;
}

function looksLikeFrameStart(h: Uint8Array, syntaxFamily: string): boolean {
  if (syntaxFamily === 'rle') {
    if (h.length < 8) return false;
    const n = u32(h, 0);
    return n >= 1 && n <= 15 && u32(h, 4) === 64;
  }
  if (h.length < 2) return false;
  if (h[0] === 0xff && (h[1] === 0xd8 || h[1] === 0x4f)) return true; // JPEG SOI / J2K SOC
  return h.length >= 8 && u32(h, 0) === 0x0c000000 && h[4] === 0x6a && h[5] === 0x50; // JP2 box
}

/**
 * Encapsulated Pixel Data. `family` is 'rle' or 'jpeg' (any JPEG-family codestream), used to
 * find frame starts when there is no offset table.
 */
export async function encapsulatedLocator(
  src: RandomAccessSource,
  pd: PixelDataElement,
  frameCount: number,
  family: 'rle' | 'jpeg',
  maxBytes: number,
  extended?: { offsets: number[]; lengths: number[] },
  maxFragments: number = DEFAULT_MAX_ELEMENTS,
): Promise<FrameLocator> {
  if (pd.length >= 0) {
    throw new SonoriskError('DICOM_INVALID', 'The transfer syntax is compressed but Pixel Data has a defined length; encapsulated Pixel Data must have undefined length.');
  }
  const head = await src.read(pd.offset, Math.min(8, src.size - pd.offset));
  if (head.length < 8) throw new SonoriskError('DICOM_TRUNCATED', 'The file ends inside the Basic Offset Table item header.');
  if (tagAt(head, 0) !== TAG.Item) throw new SonoriskError('DICOM_INVALID', 'Encapsulated Pixel Data does not start with the Basic Offset Table item (FFFE,E000).');
  const botLength = u32(head, 4);
  const firstFragment = pd.offset + 8 + botLength;
  if (botLength % 4 !== 0 || firstFragment > src.size) {
    throw new SonoriskError(botLength % 4 !== 0 ? 'DICOM_INVALID' : 'DICOM_TRUNCATED', `The Basic Offset Table declares ${botLength} bytes, which is ${botLength % 4 !== 0 ? 'not a multiple of 4' : 'past the end of the file'}.`, { botLength });
  }
  const limit = src.size;
  // Extended Offset Table (7FE0,0001/0002): one fragment per frame by definition.
  if (botLength === 0 && extended && extended.offsets.length === frameCount && extended.lengths.length === frameCount) {
    const { offsets, lengths } = extended;
    const ok = offsets.every((o, i) => Number.isSafeInteger(o) && o >= 0 && (i === 0 || o > offsets[i - 1]!) && firstFragment + o + 8 + lengths[i]! <= limit);
    if (ok) {
      return {
        method: 'eot',
        read: async (i) => {
          const at = firstFragment + offsets[i]!;
          const len = lengths[i]!;
          if (len > maxBytes) throw limitError(len, maxBytes);
          const h = await src.read(at, 8);
          if (tagAt(h, 0) !== TAG.Item) throw new SonoriskError('DICOM_INVALID', `The Extended Offset Table points frame ${i} at byte ${at}, which is not a fragment item.`);
          return src.read(at + 8, Math.min(len, u32(h, 4)));
        },
      };
    }
  }
  if (botLength > 0 && botLength / 4 === frameCount) {
    const bot = await src.read(pd.offset + 8, botLength);
    const offsets: number[] = [];
    for (let i = 0; i < frameCount; i++) offsets.push(u32(bot, i * 4));
    const ok = offsets[0] === 0 && offsets.every((o, i) => (i === 0 || o > offsets[i - 1]!) && firstFragment + o + 8 <= limit);
    if (ok) {
      // Some writers emit wrong offset tables: when an entry does not land on fragment items,
      // fall back (once) to scanning the fragment headers.
      let scanned: Promise<FrameLocator> | undefined;
      return {
        method: 'bot',
        read: async (i) => {
          const start = firstFragment + offsets[i]!;
          const end = i + 1 < frameCount ? firstFragment + offsets[i + 1]! : undefined;
          try {
            return await readFragmentRun(src, start, end, maxBytes, i, maxFragments);
          } catch (e) {
            if (!(e instanceof SonoriskError) || e.code !== 'DICOM_INVALID') throw e;
            scanned ??= scanFragments(src, firstFragment, frameCount, family, maxBytes, maxFragments);
            return (await scanned).read(i);
          }
        },
      };
    }
  }
  return scanFragments(src, firstFragment, frameCount, family, maxBytes, maxFragments);
}

/** A fragment flood (empty fragments cost 8 bytes of file each): refused at the item cap. */
function tooManyFragments(maxFragments: number, pos: number): SonoriskError {
  return new SonoriskError(
    'LIMIT_EXCEEDED',
    `Pixel Data holds more than maxElements (${maxFragments}) fragments (stopped at byte ${pos}); a fragment flood? Raise options.maxElements if the file is trusted.`,
    { maxElements: maxFragments, offset: pos },
  );
}

/**
 * Scans fragment headers (16 bytes per fragment, never the fragment data) and maps them to frames.
 * Fragments are items: at most `maxFragments` (the `maxElements` option) are indexed, so a flood of
 * empty fragments is refused instead of building one index entry per 8 bytes of file.
 */
async function scanFragments(src: RandomAccessSource, firstFragment: number, frameCount: number, family: 'rle' | 'jpeg', maxBytes: number, maxFragments: number): Promise<FrameLocator> {
  const limit = src.size;
  const fragments: Fragment[] = [];
  let pos = firstFragment;
  for (;;) {
    if (pos + 8 > limit) {
      throw new SonoriskError('DICOM_TRUNCATED', `The file ends inside the encapsulated Pixel Data (after ${fragments.length} fragments) without its sequence delimiter.`, { fragments: fragments.length });
    }
    const h = await src.read(pos, Math.min(16, limit - pos));
    const tag = tagAt(h, 0);
    const len = u32(h, 4);
    if (tag === TAG.SequenceDelimitationItem) break;
    if (tag !== TAG.Item) throw new SonoriskError('DICOM_INVALID', `Expected a Pixel Data fragment item at byte ${pos}, found another tag.`, { offset: pos });
    if (pos + 8 + len > limit) {
      throw new SonoriskError('DICOM_TRUNCATED', `Pixel Data fragment ${fragments.length} declares ${len} bytes but the file ends ${limit - pos - 8} bytes later.`, { offset: pos, length: len });
    }
    if (fragments.length >= maxFragments) throw tooManyFragments(maxFragments, pos);
    fragments.push({ offset: pos + 8, length: len, head: h.subarray(8) });
    pos += 8 + len;
  }
  if (fragments.length < frameCount) {
    throw new SonoriskError('DICOM_TRUNCATED', `Pixel Data has ${fragments.length} fragment(s) but Number of Frames is ${frameCount}.`, { fragments: fragments.length, frameCount });
  }
  let groups: Fragment[][];
  if (fragments.length === frameCount) groups = fragments.map((f) => [f]);
  else if (frameCount === 1) groups = [fragments];
  else {
    groups = [];
    for (const f of fragments) {
      if (groups.length === 0 || looksLikeFrameStart(f.head, family)) groups.push([f]);
      else groups[groups.length - 1]!.push(f);
    }
    if (groups.length !== frameCount) {
      throw new SonoriskError('DICOM_INVALID', `Cannot tell which of the ${fragments.length} fragments belong to which of the ${frameCount} frames (no usable offset table; found ${groups.length} frame starts).`, { fragments: fragments.length, frameCount });
    }
  }
  return {
    method: 'fragments',
    read: async (i) => {
      const g = groups[i]!;
      const total = g.reduce((s, f) => s + f.length, 0);
      if (total > maxBytes) throw limitError(total, maxBytes);
      if (g.length === 1) return src.read(g[0]!.offset, g[0]!.length);
      const parts: Uint8Array[] = [];
      for (const f of g) parts.push(await src.read(f.offset, f.length));
      return concatBytes(parts);
    },
  };
}

function limitError(bytes: number, maxBytes: number): SonoriskError {
  return new SonoriskError('LIMIT_EXCEEDED', `A frame's encoded data is ${bytes} bytes, more than maxBytes (${maxBytes}).`, { bytes, maxBytes });
}

/** Reads the fragments from `start` up to `end` (or the sequence delimiter) and joins them. */
async function readFragmentRun(src: RandomAccessSource, start: number, end: number | undefined, maxBytes: number, index: number, maxFragments: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  if (end !== undefined) {
    if (end - start > maxBytes + 8) throw limitError(end - start, maxBytes);
    const span = await src.read(start, end - start);
    let p = 0;
    while (p < span.length) {
      if (p + 8 > span.length || tagAt(span, p) !== TAG.Item) {
        throw new SonoriskError('DICOM_INVALID', `The Basic Offset Table entry of frame ${index} does not point at fragment items.`, { index });
      }
      const len = u32(span, p + 4);
      if (p + 8 + len > span.length) throw new SonoriskError('DICOM_INVALID', `A fragment of frame ${index} runs past the next frame's offset.`, { index });
      if (parts.length >= maxFragments) throw tooManyFragments(maxFragments, start + p);
      parts.push(span.subarray(p + 8, p + 8 + len));
      total += len;
      p += 8 + len;
    }
  } else {
    let p = start;
    for (;;) {
      if (p + 8 > src.size) {
        if (parts.length > 0) break; // delimiter missing at the very end: keep what is complete
        throw new SonoriskError('DICOM_TRUNCATED', `The file ends before frame ${index}'s data.`, { index });
      }
      const h = await src.read(p, 8);
      const tag = tagAt(h, 0);
      if (tag === TAG.SequenceDelimitationItem) break;
      if (tag !== TAG.Item) {
        if (parts.length > 0) break;
        throw new SonoriskError('DICOM_INVALID', `The Basic Offset Table entry of frame ${index} does not point at a fragment item.`, { index });
      }
      const len = u32(h, 4);
      if (p + 8 + len > src.size) throw new SonoriskError('DICOM_TRUNCATED', `Frame ${index}'s fragment declares ${len} bytes but the file ends first.`, { index, length: len });
      total += len;
      if (total > maxBytes) throw limitError(total, maxBytes);
      if (parts.length >= maxFragments) throw tooManyFragments(maxFragments, p);
      parts.push(await src.read(p + 8, len));
      p += 8 + len;
    }
  }
  return parts.length === 1 ? parts[0]! : concatBytes(parts);
}
