/**
 * Deno (the `deno` npm package; its binary comes from the @deno/<platform> optional dependency, no
 * download at install): `deno run` on a script in the empty-folder install of the packed tarball that
 * imports `sonorisk` by its bare name (Deno resolves it from that folder's package.json/node_modules),
 * runs the core steps (core-steps.mjs) without ML runtimes, and prints the summary, which must equal
 * Node's (test/fixtures/everywhere/core-node.json).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { packAndInstall, root } from '../../scripts/pack-install.mjs';
import { compareSummaries } from './core-steps.mjs';
import { CORE_NODE_JSON, DICOM } from './node-summary.js';

let consumer = '';
beforeAll(() => {
  consumer = packAndInstall().dir;
}, 180_000);

describe('Deno', () => {
  it('runs the core steps on the packed package and equals Node', () => {
    const dir = mkdtempSync(join(consumer, 'deno-'));
    const script = join(dir, 'core.mjs');
    writeFileSync(
      script,
      [
        "import * as s from 'sonorisk';",
        `import { coreSteps } from ${JSON.stringify(pathToFileURL(join(root, 'test', 'everywhere', 'core-steps.mjs')).href)};`,
        `const ybr = await Deno.readFile(${JSON.stringify(join(DICOM, 'examples_ybr_color.dcm'))});`,
        `const jpeg2k = await Deno.readFile(${JSON.stringify(join(DICOM, 'examples_jpeg2k.dcm'))});`,
        'const summary = await coreSteps(s, { ybr, jpeg2k });',
        'console.log(JSON.stringify({ deno: Deno.version.deno, summary }));',
      ].join('\n'),
    );
    // The npm package's launcher: runs the platform binary whether or not its postinstall ran.
    const deno = join(root, 'node_modules', 'deno', 'bin.cjs');
    const out = execFileSync(process.execPath, [deno, 'run', '--quiet', '--no-prompt', '--allow-read', script], {
      cwd: consumer,
      encoding: 'utf8',
      env: { ...process.env, DENO_DIR: join(dir, '.deno-cache'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
      timeout: 120_000,
    });
    const { deno: version, summary } = JSON.parse(out.trim().split('\n').at(-1)!) as { deno: string; summary: Record<string, unknown> };
    expect(version).toMatch(/^2\./);
    const { onnxLogits: _o, tfjsLogits: _t, ...node } = JSON.parse(readFileSync(CORE_NODE_JSON, 'utf8')) as Record<string, unknown>;
    expect(compareSummaries(summary, node)).toEqual([]);
  }, 150_000);
});
