/**
 * Bundle hygiene (scripts/size.mjs, budgets in scripts/size-budget.json): esbuild browser bundles of an
 * app importing one subpath of the packed package. `sonorisk/stats` alone stays within its budget (46 kB gzip; scripts/size-budget.json says what
 * the bytes above the original 40 kB buy) and pulls
 * in no codec, no onnxruntime and no tfjs code; every subpath stays within its budget.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { packAndInstall } from '../../scripts/pack-install.mjs';
import { budgets, measure, problems } from '../../scripts/size.mjs';

let consumer = '';
beforeAll(() => {
  consumer = packAndInstall().dir;
}, 180_000);

describe('bundle size per subpath (esbuild, minified, browser)', () => {
  it('sonorisk/stats: within its gzip budget, no codec/onnx/tfjs module or marker, nothing lazy', async () => {
    const m = await measure('stats', consumer);
    expect(m.gzip).toBeLessThanOrEqual(budgets.subpaths.stats!.gzip);
    expect(budgets.subpaths.stats!.gzip).toBeLessThanOrEqual(46_000);
    expect(m.inputs.some((p) => p.includes('sonorisk/dist/stats/index.js'))).toBe(true);
    expect(m.inputs.filter((p) => /onnxruntime|@tensorflow|@cornerstonejs|codec-|fflate/.test(p))).toEqual([]);
    for (const marker of ['onnxruntime', 'JPEGDecoder', 'openjpeg', 'tfjs', 'WebAssembly']) expect(m.eagerText).not.toContain(marker);
    expect(m.lazyMin).toBe(0);
  });

  it('the marker check can fail: sonorisk/preprocess does load the codecs (lazily)', async () => {
    const m = await measure('preprocess', consumer);
    expect(m.inputs.some((p) => p.includes('@cornerstonejs/codec-openjpeg'))).toBe(true);
    expect(m.lazyGzip).toBeGreaterThan(100_000);
    expect(m.eagerText).not.toContain('JPEGDecoder'); // codecs stay out of the up-front code
  });

  it.each(Object.keys(budgets.subpaths as Record<string, unknown>))('sonorisk/%s is within its budget', async (sub) => {
    expect(problems(await measure(sub, consumer))).toEqual([]);
  });
});
