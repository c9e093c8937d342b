import { describe, expect, it } from 'vitest';
import { MODELS, MODEL_IDS, type ModelSpec, isModelId, modelSpec, validateModelSpec } from '../../src/index.js';

describe('MODELS', () => {
  it('has the four models of the method with their sources and phase windows', () => {
    expect(MODEL_IDS).toEqual(['R-US', 'R-CEUS', 'R-CEUS45', 'R-CEUS2']);
    expect(MODELS['R-US'].input.source).toBe('bmode');
    expect(MODELS['R-US'].input.window.end).toBe(Number.POSITIVE_INFINITY);
    expect(MODELS['R-CEUS'].input.window).toEqual({ name: 'dual', start: 0, end: 60 });
    expect(MODELS['R-CEUS45'].input.window).toEqual({ name: 'arterial', start: 0, end: 45 });
    expect(MODELS['R-CEUS2'].input.window).toEqual({ name: 'portal', start: 46, end: 120 });
    for (const id of MODEL_IDS) {
      const s = MODELS[id];
      expect(s.id).toBe(id);
      expect(s.input.frames).toBe(16);
      expect(s.input.size).toEqual([112, 112]);
      expect(s.input.channels).toBe(1);
      expect(s.input.normalize).toEqual({ scale: 1 / 255, mean: [0], std: [1] });
      expect(s.layout).toBe('NCDHW');
      expect(s.output).toBe('sigmoid');
      expect(s.threshold).toBe(0.5);
      expect(validateModelSpec(s as ModelSpec)).toEqual(s);
    }
    expect(Object.isFrozen(MODELS)).toBe(true);
  });

  it('isModelId', () => {
    expect(isModelId('R-CEUS2')).toBe(true);
    expect(isModelId('r-ceus2')).toBe(false);
    expect(isModelId(3)).toBe(false);
  });
});

describe('modelSpec overrides', () => {
  it('overrides any value and leaves MODELS untouched', () => {
    const s = modelSpec('R-CEUS45', { frames: 32, size: [128, 96], output: 'softmax', threshold: 0.3, strategy: 'stride', resizeMode: 'bilinear' });
    expect(s.input.frames).toBe(32);
    expect(s.input.size).toEqual([128, 96]);
    expect(s.input.window).toEqual({ name: 'arterial', start: 0, end: 45 });
    expect(s.output).toBe('softmax');
    expect(s.threshold).toBe(0.3);
    expect(s.input.strategy).toBe('stride');
    expect(MODELS['R-CEUS45'].input.frames).toBe(16);
  });

  it('broadcasts a one-value mean/std to 3 channels and takes per-channel values', () => {
    expect(modelSpec('R-US', { channels: 3 }).input.normalize).toEqual({ scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1] });
    const imagenet = { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };
    expect(modelSpec('R-US', { channels: 3, normalize: imagenet }).input.normalize).toEqual(imagenet);
  });

  it('accepts a full custom spec as the base', () => {
    const custom = { ...MODELS['R-CEUS'], id: 'my-model', input: { ...MODELS['R-CEUS'].input, frames: 8 } } as ModelSpec;
    expect(modelSpec(custom, { threshold: 0.7 })).toMatchObject({ id: 'my-model', threshold: 0.7, input: { frames: 8 } });
  });

  it.each([
    [{ frames: 0 }],
    [{ frames: 2.5 }],
    [{ size: [112] as unknown as [number, number] }],
    [{ channels: 2 as 1 }],
    [{ threshold: 1.5 }],
    [{ threshold: Number.NaN }],
    [{ output: 'relu' as 'sigmoid' }],
    [{ window: { name: 'x', start: 50, end: 40 } }],
    [{ normalize: { scale: 1, mean: [0, 0], std: [1] } }],
    [{ normalize: { scale: 1, mean: [0], std: [0] } }],
    [{ layout: 'NDHWC' as 'NCDHW' }],
    [{ strategy: 'random' as 'uniform' }],
  ])('rejects %j with INVALID_ARGUMENT', (o) => {
    expect(() => modelSpec('R-CEUS', o)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('rejects unknown ids', () => {
    expect(() => modelSpec('R-XYZ' as 'R-US')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => validateModelSpec(null as unknown as ModelSpec)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
