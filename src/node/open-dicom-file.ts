import { readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { SonoriskError } from '../errors.js';
import { type Cine, type OpenDicomCineOptions, openDicomCine, type RandomAccessSource } from '../preprocess/index.js';
// Registers native JPEG decoding (sharp, when installed) for every cine opened in a process using sonorisk/node.
import './native-jpeg.js';

const SYNC_READ_MAX = 64 * 1024;

/**
 * A {@link Cine} over an open file; call `close()` when done (frames cannot be read after).
 *
 * @example
 * ```ts
 * const cine: DicomFileCine = await openDicomFile('bmode.dcm');
 * await cine.close();
 * ```
 */
export interface DicomFileCine extends Cine {
  /** Closes the file handle. Safe to call more than once. */
  close(): Promise<void>;
}

/**
 * Opens a DICOM file as a {@link Cine} that reads the header, the fragment index and then only
 * the frames asked for — a 2 GB cine is never read whole. The file handle stays open until
 * `close()`; it is closed for you if opening fails. Reads up to 64 KiB (headers, offset tables,
 * fragment item headers) are synchronous, larger ones (frames) asynchronous.
 *
 * @example
 * ```ts
 * import { openDicomFile } from 'sonorisk/node';
 * const cine = await openDicomFile('ceus.dcm');
 * try {
 *   const f = await cine.frame(120);
 *   console.log(cine.frameTimes[120], f.width, f.height);
 * } finally {
 *   await cine.close();
 * }
 * ```
 */
export async function openDicomFile(path: string, options: OpenDicomCineOptions = {}): Promise<DicomFileCine> {
  if (typeof path !== 'string' || path.length === 0) throw new SonoriskError('INVALID_ARGUMENT', 'openDicomFile: path must be a non-empty string.');
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new SonoriskError('INVALID_ARGUMENT', `openDicomFile: cannot open "${path}" (${code ?? String(e)}).`, { path, code }, { cause: e });
  }
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  try {
    const { size } = await handle.stat();
    const source: RandomAccessSource = {
      size,
      async read(offset, length) {
        if (closed) throw new SonoriskError('INVALID_ARGUMENT', `openDicomFile: "${path}" was closed; open it again to read frames.`);
        const buf = new Uint8Array(length);
        let got = 0;
        while (got < length) {
          // Small reads (item headers, offset tables) go synchronous: an async read costs ~0.1 ms of
          // thread-pool round trip, which dominates a scan of thousands of 16-byte fragment headers.
          const n = length <= SYNC_READ_MAX ? readSync(handle.fd, buf, got, length - got, offset + got) : (await handle.read(buf, got, length - got, offset + got)).bytesRead;
          if (n === 0) break;
          got += n;
        }
        return got === length ? buf : buf.subarray(0, got);
      },
    };
    const cine = await openDicomCine(source, options);
    return { ...cine, close };
  } catch (e) {
    await close();
    throw e;
  }
}
