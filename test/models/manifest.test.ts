import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { PREPROCESSING_VERSION, loadModelManifest, MODELS, onnxRunner } from '../../src/index.js';
import { checkSpecAgainstShape } from '../../src/models/internal.js';
import { FIXTURES } from './fixtures.js';

const good = {
  format: 'sonorisk-model-manifest',
  formatVersion: 1,
  model: 'R-CEUS',
  runtime: 'onnx',
  spec: { frames: 8, size: [32, 32], channels: 1, threshold: 0.42 },
  folds: [{ file: 'fold1.onnx' }, { file: 'fold2.onnx', sha256: 'a'.repeat(64) }],
  ensemble: 'mean-logit',
  preprocessing: { version: PREPROCESSING_VERSION },
  training: { cohort: 'site A', epochs: 100 },
};

describe('loadModelManifest', () => {
  it('applies the spec overrides to the built-in spec (from an object or a JSON string)', () => {
    for (const input of [good, JSON.stringify(good)]) {
      const { spec, manifest, combine, warnings } = loadModelManifest(input);
      expect(spec.id).toBe('R-CEUS');
      expect(spec.input.window).toEqual(MODELS['R-CEUS'].input.window);
      expect(spec.input.frames).toBe(8);
      expect(spec.threshold).toBe(0.42);
      expect(manifest.folds).toHaveLength(2);
      expect(combine).toBe('mean-logit');
      expect(warnings).toEqual([]);
    }
  });

  it('window end null means the whole clip; another preprocessing version warns', () => {
    const r = loadModelManifest({ ...good, model: 'R-US', spec: { window: { name: 'bmode', start: 0, end: null } }, preprocessing: { version: 'mine/2' } });
    expect(r.spec.input.window.end).toBe(Number.POSITIVE_INFINITY);
    expect(r.warnings[0]).toContain('mine/2');
  });

  it('rejects a spec that disagrees with the loaded graph input, before anything runs', async () => {
    const session = await ort.InferenceSession.create(join(FIXTURES, 'resnet3d-c1.onnx'));
    const runner = onnxRunner(session, ort);
    expect(loadModelManifest(good, { inputShape: runner.inputShape }).spec.input.frames).toBe(8);
    const sixteen = { ...good, spec: { ...good.spec, frames: 16 } };
    expect(() => loadModelManifest(sixteen, { inputShape: runner.inputShape })).toThrow(
      expect.objectContaining({ code: 'INPUT_SHAPE_MISMATCH', details: expect.objectContaining({ axis: 'T (frames)', spec: 16, graph: 8 }) }),
    );
    const rgb = { ...good, spec: { ...good.spec, channels: 3 } };
    expect(() => loadModelManifest(rgb, { inputShape: runner.inputShape })).toThrow(expect.objectContaining({ code: 'INPUT_SHAPE_MISMATCH' }));
    expect(() => loadModelManifest(good, { inputShape: [1, 16] })).toThrow(expect.objectContaining({ code: 'INPUT_SHAPE_MISMATCH' }));
    await runner.dispose();
  });

  it('dynamic (symbolic) dimensions accept any spec', () => {
    expect(() => checkSpecAgainstShape(MODELS['R-US'], ['batch', 1, 'T', 'H', 'W'])).not.toThrow();
    expect(() => checkSpecAgainstShape(MODELS['R-US'], [null, 1, 16, 112, 112])).not.toThrow();
  });

  it.each([
    ['not JSON', '{'],
    ['not an object', 42],
    ['wrong format', { ...good, format: 'other' }],
    ['unknown model', { ...good, model: 'R-XYZ' }],
    ['no folds', { ...good, folds: [] }],
    ['bad sha256', { ...good, folds: [{ file: 'a.onnx', sha256: 'xyz' }] }],
    ['typo in spec', { ...good, spec: { frame: 16 } }],
    ['negative frames', { ...good, spec: { frames: -1 } }],
    ['threshold > 1', { ...good, spec: { threshold: 2 } }],
    ['mean/std length vs channels', { ...good, spec: { channels: 3, normalize: { scale: 1, mean: [0, 0], std: [1, 1] } } }],
    ['missing preprocessing', { ...good, preprocessing: undefined }],
  ])('%s → MANIFEST_INVALID', (_what, input) => {
    expect(() => loadModelManifest(input)).toThrow(expect.objectContaining({ code: 'MANIFEST_INVALID' }));
  });

  it('says where the problems are', () => {
    try {
      loadModelManifest({ ...good, spec: { frames: 0 }, runtime: 'caffe' });
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain('runtime');
      expect(msg).toContain('spec.frames');
      return;
    }
    throw new Error('expected MANIFEST_INVALID');
  });
});
