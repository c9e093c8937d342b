// The layer rules of docs/DESIGN.md, checked on src/ (scripts/check-layers.mjs), with control cases
// that show each rule fires.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { LAYERS, checkLayers, importsOf, readSources } from '../scripts/check-layers.mjs';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

describe('layer rules', () => {
  it('src/ follows them', () => {
    expect(checkLayers(readSources(SRC))).toEqual([]);
  });

  it('every folder of src is in the layer graph', () => {
    const folders = new Set(Object.keys(readSources(SRC)).filter((f) => f.includes('/')).map((f) => f.slice(0, f.indexOf('/'))));
    expect([...folders].sort()).toEqual(Object.keys(LAYERS).sort());
  });

  it('fires on node:* outside src/node, and not inside it', () => {
    expect(checkLayers({ 'phases/x.ts': "import { readFile } from 'node:fs/promises';" })).toEqual([expect.stringMatching(/Node built-ins only in src\/node/)]);
    expect(checkLayers({ 'stats/x.ts': "const fs = await import('fs');" })).toEqual([expect.stringMatching(/Node built-ins/)]);
    expect(checkLayers({ 'node/x.ts': "import { readFile } from 'node:fs/promises';" })).toEqual([]);
  });

  it('fires on an upward import (a lower layer importing a higher one)', () => {
    expect(checkLayers({ 'preprocess/x.ts': "import { roc } from '../stats/index.js';" })).toEqual([expect.stringMatching(/'preprocess' may import only numeric/)]);
    expect(checkLayers({ 'stats/roc/x.ts': "export { phaseWindow } from '../../phases/index.js';" })).toEqual([expect.stringMatching(/'stats' may import only numeric/)]);
    expect(checkLayers({ 'numeric/x.ts': "import type { Cine } from '../preprocess/index.js';" })).toEqual([expect.stringMatching(/'numeric' may import only nothing/)]);
  });

  it('fires on a cross-folder import that bypasses index.ts', () => {
    expect(checkLayers({ 'phases/x.ts': "import { buildClip } from '../preprocess/roi/build-clip.js';" })).toEqual([expect.stringMatching(/through its index\.ts/)]);
    expect(checkLayers({ 'phases/perfusion/x.ts': "import { fitLognormal } from '../windows/select-frames.js';" })).toEqual([]);
  });

  it('fires on a peer runtime imported by the core, and ignores strings and comments', () => {
    expect(checkLayers({ 'models/x.ts': "import * as ort from 'onnxruntime-node';" })).toEqual([expect.stringMatching(/runtimes are injected/)]);
    expect(importsOf("/** import * as ort from 'onnxruntime-node'; */ const s = \"import x from 'fs'\";")).toEqual([]);
  });
});

describe('per-layer type checks (tsconfig.core.json: no Node types; tsconfig.pure.json: numeric and stats without DOM)', () => {
  /** Diagnostics of one snippet compiled with a project's options. */
  function diagnose(project: string, code: string): string[] {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const config = ts.readConfigFile(join(root, project), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
    const dir = mkdtempSync(join(tmpdir(), 'sonorisk-layers-'));
    const file = join(dir, 'probe.ts');
    writeFileSync(file, code);
    const program = ts.createProgram([file], { ...parsed.options, noEmit: true });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }

  it('the core cannot use Node globals; the pure layers cannot use the DOM', () => {
    expect(diagnose('tsconfig.core.json', 'export const v: string = process.version;').join('\n')).toMatch(/Cannot find name 'process'/);
    expect(diagnose('tsconfig.core.json', 'export const b = Buffer.from([1]);').join('\n')).toMatch(/Cannot find name 'Buffer'/);
    expect(diagnose('tsconfig.pure.json', "export const d = document.createElement('div');").join('\n')).toMatch(/Cannot find name 'document'/);
    expect(diagnose('tsconfig.core.json', 'export const x: number = Math.max(1, 2);')).toEqual([]);
  });
});
