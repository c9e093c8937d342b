import { describe, expect, it } from 'vitest';
import { MODELS, loadModelManifest, modelSpec, validateModelSpec } from '../../src/models/index.js';
import { clipForSpec } from '../../src/phases/index.js';
import { cineFromFrames } from '../../src/preprocess/index.js';

const manifest = (extra: Record<string, unknown>) => ({
  format: 'sonorisk-model-manifest',
  formatVersion: 1,
  model: 'R-CEUS',
  runtime: 'onnx',
  folds: [{ file: 'f.onnx' }],
  preprocessing: { version: 'sonorisk-clip/1' },
  ...extra,
});
const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return `${(e as { code?: string }).code}: ${(e as Error).message}`;
  }
  throw new Error('expected an error');
};

describe('one spec validation: unknown keys with did-you-mean everywhere', () => {
  it('model manifest: top-level and spec keys', () => {
    expect(message(() => loadModelManifest(manifest({ preprocesing: {} })))).toMatch(/^MANIFEST_INVALID: .*unknown key 'preprocesing' — did you mean 'preprocessing'\?/);
    expect(message(() => loadModelManifest(manifest({ spec: { frmes: 8 } })))).toMatch(/spec: unknown key 'frmes' — did you mean 'frames'\?/);
    expect(message(() => loadModelManifest(manifest({ spec: { window: { name: 'w', start: 0, ned: 3 } } })))).toContain("did you mean 'end'?");
  });
  it('modelSpec overrides and complete specs', () => {
    expect(message(() => modelSpec('R-US', { treshold: 0.3 } as never))).toMatch(/^INVALID_ARGUMENT: .*unknown key 'treshold' — did you mean 'threshold'\?/);
    expect(message(() => validateModelSpec({ ...MODELS['R-US'], input: { ...MODELS['R-US'].input, frame: 3 } as never }))).toContain("did you mean 'frames'?");
    expect(message(() => modelSpec('R-US', { frames: 0 }))).toContain('frames');
  });
  it('clipForSpec checks its spec with the same schema', async () => {
    const cine = cineFromFrames([{ width: 4, height: 4, channels: 1, data: new Uint8Array(16) }], { fps: 1 });
    const spec = { ...MODELS['R-US'].input, sise: [4, 4] };
    await expect(clipForSpec(cine, spec as never, { box: { x0: 0, y0: 0, x1: 4, y1: 4 } })).rejects.toThrow(/unknown key 'sise' — did you mean 'size'\?/);
  });
});

describe('model ids of the study’s own', () => {
  it('a custom id needs source and window, and is validated like a case id', () => {
    const late = modelSpec('R-CEUS-late', { source: 'ceus', window: { name: 'late', start: 120, end: 240 } });
    expect(late).toMatchObject({ id: 'R-CEUS-late', input: { source: 'ceus', frames: 16, size: [112, 112] } });
    expect(message(() => modelSpec('R-CUES', {}))).toContain("Did you mean 'R-CEUS'?");
    expect(message(() => modelSpec('..', { source: 'ceus', window: { name: 'w', start: 0, end: 1 } }))).toContain('names a folder');
    expect(message(() => modelSpec('a/b', { source: 'ceus', window: { name: 'w', start: 0, end: 1 } }))).toContain("may hold only letters");
    const loaded = loadModelManifest(manifest({ model: 'R-CEUS-v2', spec: { source: 'ceus', window: { name: 'dual', start: 0, end: 60 }, frames: 8 } }));
    expect(loaded.spec.id).toBe('R-CEUS-v2');
    expect(message(() => loadModelManifest(manifest({ model: '..' })))).toContain('MANIFEST_INVALID');
  });
});
