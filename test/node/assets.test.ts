/**
 * `sonorisk assets`: copies exactly the codec WASM builds (byte-identical to the ones the installed
 * codec loaders expect), optionally onnxruntime-web's pair and the demo models, with a manifest of
 * sizes and sha256; bad options are usage errors.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { browserAssets, runCli } from '../../src/node/index.js';
import { expectCodes } from '../helpers/expect-code.js';

const root = join(import.meta.dirname, '..', '..');
const req = createRequire(join(root, 'package.json'));
const tmp = mkdtempSync(join(tmpdir(), 'sonorisk-assets-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const io = () => {
  const c = { out: '', err: '' };
  return { c, io: { out: (t: string) => void (c.out += t), err: (t: string) => void (c.err += t) } };
};
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('sonorisk assets', () => {
  it('codecs only by default: the three decode .wasm files, byte-identical to the packages', async () => {
    const out = join(tmp, 'codecs-only');
    const { c, io: cli } = io();
    expect((await runCli(['assets', '--out', out], cli)).exitCode).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['codecs', 'sonorisk-assets.json']);
    const m = JSON.parse(readFileSync(join(out, 'sonorisk-assets.json'), 'utf8')) as { files: { path: string; bytes: number; sha256: string }[]; totalBytes: number };
    expect(m.files.map((f) => f.path).sort()).toEqual(['codecs/charlswasm_decode.wasm', 'codecs/libjpegturbowasm_decode.wasm', 'codecs/openjpegwasm_decode.wasm']);
    for (const [pkg, f] of [
      ['@cornerstonejs/codec-libjpeg-turbo-8bit', 'libjpegturbowasm_decode.wasm'],
      ['@cornerstonejs/codec-openjpeg', 'openjpegwasm_decode.wasm'],
      ['@cornerstonejs/codec-charls', 'charlswasm_decode.wasm'],
    ] as const) {
      const src = req.resolve(`${pkg}/decodewasm`);
      expect(sha(join(out, 'codecs', f))).toBe(sha(src));
      expect(m.files.find((x) => x.path === `codecs/${f}`)?.sha256).toBe(sha(src));
    }
    expect(m.totalBytes).toBe(m.files.reduce((s, f) => s + f.bytes, 0));
    expect(c.out).toContain('3 files');
  });

  it('--ort wasm --models adds onnxruntime-web/wasm\'s pair and the demo models (manifests + folds)', async () => {
    const files = await browserAssets({ ort: 'wasm', models: true, cwd: root });
    const ort = files.filter((f) => f.kind === 'ort').map((f) => f.path);
    expect(ort).toEqual(['ort/ort-wasm-simd-threaded.mjs', 'ort/ort-wasm-simd-threaded.wasm', 'ort/ort.wasm.bundle.min.mjs']);
    const models = files.filter((f) => f.kind === 'model').map((f) => f.path);
    expect(models).toHaveLength(4 * 6);
    expect(models).toContain('models/demo/r-ceus/manifest.json');
    expect(models).toContain('models/demo/r-us/fold-5.onnx');
    const jsep = (await browserAssets({ ort: 'jsep', cwd: root })).filter((f) => f.kind === 'ort').map((f) => f.path);
    expect(jsep).toEqual(['ort/ort-wasm-simd-threaded.jsep.mjs', 'ort/ort-wasm-simd-threaded.jsep.wasm', 'ort/ort.bundle.min.mjs']);
  });

  it('--bundle adds the standalone browser build (needs `npm run build`): entries and lazy codec chunks, no pure-JS codecs', async (ctx) => {
    const files = await browserAssets({ bundle: true }).catch(() => undefined);
    if (files === undefined) return ctx.skip();
    const lib = files.filter((f) => f.kind === 'lib');
    expect(lib.map((f) => f.path)).toEqual(expect.arrayContaining(['lib/index.js', 'lib/worker.js']));
    expect(lib.some((f) => /lib\/libjpegturbowasm_decode-.*\.js$/.test(f.path))).toBe(true);
    const text = lib.map((f) => readFileSync(f.from, 'utf8')).join('\n');
    expect(text).toContain('the standalone browser build has no pure-JS codecs');
    expect(lib.reduce((s, f) => s + f.bytes, 0)).toBeLessThan(600_000);
  });

  it('usage errors exit 2; bad options and a missing onnxruntime-web are coded errors', async () => {
    for (const args of [['assets'], ['assets', '--out', tmp, '--ort', 'webgl'], ['assets', 'extra', '--out', tmp]]) {
      const { c, io: cli } = io();
      expect((await runCli(args, cli)).exitCode, args.join(' ')).toBe(2);
      expect(c.err).not.toBe('');
    }
    await expectCodes([
      [() => browserAssets({ ort: 'webgl' as never }), 'INVALID_ARGUMENT'],
      [() => browserAssets({ ort: 'wasm', cwd: tmpdir() }), 'RUNTIME_NOT_FOUND'],
    ]);
  });
});
