import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { SonoriskError } from '../errors.js';
import { VERSION } from '../version.js';
import { writeFileAtomic } from './atomic-write.js';
import { packageRoot } from './package-root.js';

/** Which onnxruntime-web pair to copy: the one `onnxruntime-web/wasm` fetches, or the one `onnxruntime-web` (WebGPU/JSEP build) fetches. */
export type OrtAssetFlavour = 'wasm' | 'jsep';

/**
 * Options of {@link browserAssets} and {@link copyBrowserAssets}.
 *
 * @example
 * ```ts
 * const options: BrowserAssetsOptions = { ort: 'wasm', models: true };
 * ```
 */
export interface BrowserAssetsOptions {
  /** Also the onnxruntime-web `.mjs` + `.wasm` pair, resolved from `cwd`'s node_modules. */
  ort?: OrtAssetFlavour;
  /** Also the demo models (`models/demo/<id>/manifest.json` and folds). */
  models?: boolean;
  /**
   * Also the standalone browser build (`lib/index.js`, `lib/worker.js` and their chunks: ESM with
   * every dependency inlined) for pages without a bundler; it needs the WASM codecs.
   */
  bundle?: boolean;
  /** Where onnxruntime-web is resolved from (the app's folder); default `process.cwd()`. */
  cwd?: string;
}

/** One file a browser app serves: where it goes under the output folder and where it comes from. */
export interface BrowserAsset {
  /** Path under the output folder, with `/` separators, e.g. `codecs/openjpegwasm_decode.wasm`. */
  path: string;
  /** Absolute path of the source file. */
  from: string;
  bytes: number;
  kind: 'codec' | 'ort' | 'model' | 'lib';
}

/** The codec WASM builds `configureCodecs({ wasmBaseUrl })` fetches, by package. */
const CODECS = [
  ['@cornerstonejs/codec-libjpeg-turbo-8bit', 'libjpegturbowasm_decode.wasm'],
  ['@cornerstonejs/codec-openjpeg', 'openjpegwasm_decode.wasm'],
  ['@cornerstonejs/codec-charls', 'charlswasm_decode.wasm'],
] as const;

function resolveFrom(req: NodeJS.Require, id: string, hint: string): string {
  try {
    return req.resolve(id);
  } catch (e) {
    throw new SonoriskError('RUNTIME_NOT_FOUND', `Cannot find ${id}: ${hint}`, { id }, { cause: e });
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

/**
 * Lists exactly the files a browser app serves for sonorisk: the three codec `.wasm` builds (from
 * the codec packages sonorisk depends on, so they always match their loaders), optionally
 * onnxruntime-web's pair and the demo models. Paths are relative to the folder you serve them
 * from: `codecs/` is what `configureCodecs({ wasmBaseUrl })` points at, `ort/` what
 * `ort.env.wasm.wasmPaths` points at, `models/demo/<id>/manifest.json` what a worker loads,
 * `lib/` the standalone build a page without a bundler imports.
 *
 * @example
 * ```ts
 * const files = await browserAssets({ ort: 'wasm' });
 * console.log(files.map((f) => `${f.path} ${f.bytes}`).join('\n'));
 * ```
 */
export async function browserAssets(options: BrowserAssetsOptions = {}): Promise<BrowserAsset[]> {
  if (typeof options !== 'object' || options === null) throw new SonoriskError('INVALID_ARGUMENT', 'browserAssets: options must be an object.');
  if (options.ort !== undefined && options.ort !== 'wasm' && options.ort !== 'jsep') {
    throw new SonoriskError('INVALID_ARGUMENT', `browserAssets: ort must be 'wasm' (for import 'onnxruntime-web/wasm') or 'jsep' (for import 'onnxruntime-web'), got ${String(options.ort)}.`);
  }
  const root = packageRoot();
  const own = createRequire(join(root, 'package.json'));
  const sources: Omit<BrowserAsset, 'bytes'>[] = CODECS.map(([pkg, file]) => ({
    path: `codecs/${file}`,
    from: resolveFrom(own, `${pkg}/decodewasm`, 'reinstall sonorisk (it is a dependency).'),
    kind: 'codec' as const,
  }));
  if (options.ort !== undefined) {
    const app = createRequire(join(options.cwd ?? process.cwd(), 'package.json'));
    const stem = options.ort === 'jsep' ? 'ort-wasm-simd-threaded.jsep' : 'ort-wasm-simd-threaded';
    for (const ext of ['mjs', 'wasm']) {
      sources.push({ path: `ort/${stem}.${ext}`, from: resolveFrom(app, `onnxruntime-web/${stem}.${ext}`, 'npm install onnxruntime-web in your app.'), kind: 'ort' });
    }
    // The self-contained ESM build of the same flavour, for pages without a bundler.
    const api = options.ort === 'jsep' ? 'ort.bundle.min.mjs' : 'ort.wasm.bundle.min.mjs';
    sources.push({ path: `ort/${api}`, from: join(dirname(sources[sources.length - 1]!.from), api), kind: 'ort' });
  }
  if (options.bundle === true) {
    const lib = join(root, 'dist', 'browser');
    const files = await filesUnder(lib).catch(() => {
      throw new SonoriskError('RUNTIME_NOT_FOUND', `The standalone browser build is missing (${lib}); reinstall sonorisk.`);
    });
    for (const f of files) if (f.endsWith('.js')) sources.push({ path: `lib/${relative(lib, f).split(sep).join('/')}`, from: f, kind: 'lib' });
  }
  if (options.models === true) {
    const demo = join(root, 'models', 'demo');
    for (const f of await filesUnder(demo)) {
      const rel = relative(demo, f).split(sep).join('/');
      if (rel.includes('/') && (rel.endsWith('.onnx') || rel.endsWith('manifest.json'))) sources.push({ path: `models/demo/${rel}`, from: f, kind: 'model' });
    }
  }
  return Promise.all(sources.map(async (s) => ({ ...s, bytes: (await stat(s.from)).size })));
}

/** What {@link copyBrowserAssets} wrote. */
export interface CopiedAssets {
  /** The manifest written next to the files: `<outDir>/sonorisk-assets.json`. */
  manifestPath: string;
  files: (BrowserAsset & { sha256: string })[];
  totalBytes: number;
}

/**
 * Copies {@link browserAssets} into `outDir` (e.g. Vite's `public/sonorisk`) and writes
 * `sonorisk-assets.json` there: sonorisk's version and each file's path, size and sha256. This is
 * what `sonorisk assets --out <dir>` runs.
 *
 * @example
 * ```ts
 * const { totalBytes } = await copyBrowserAssets('public/sonorisk', { ort: 'wasm', models: true });
 * ```
 */
export async function copyBrowserAssets(outDir: string, options: BrowserAssetsOptions = {}): Promise<CopiedAssets> {
  if (typeof outDir !== 'string' || outDir.length === 0) throw new SonoriskError('INVALID_ARGUMENT', 'copyBrowserAssets needs the output folder.');
  const assets = await browserAssets(options);
  const files: CopiedAssets['files'] = [];
  for (const a of assets) {
    const to = join(outDir, ...a.path.split('/'));
    await mkdir(dirname(to), { recursive: true });
    await copyFile(a.from, to);
    files.push({ ...a, sha256: createHash('sha256').update(await readFile(to)).digest('hex') });
  }
  const totalBytes = files.reduce((s, f) => s + f.bytes, 0);
  const manifestPath = join(outDir, 'sonorisk-assets.json');
  const manifest = { sonorisk: VERSION, totalBytes, files: files.map(({ path, bytes, kind, sha256 }) => ({ path, bytes, kind, sha256 })) };
  await writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifestPath, files, totalBytes };
}
