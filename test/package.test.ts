/**
 * Packs the package as npm would publish it and installs the tarball into an empty folder outside the
 * repository (scripts/pack-install.mjs), then checks as a user would: ESM and CJS entry points load and
 * export the same names, a consumer type-checks (moduleResolution bundler and node16), `npx sonorisk
 * --help` runs the installed bin, and publint + @arethetypeswrong/cli (strict profile) find no problem.
 * Needs `npm run build` first (the README's test command does it).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packAndInstall, root } from '../scripts/pack-install.mjs';

const subpaths = ['', '/preprocess', '/phases', '/models', '/stats', '/report', '/study', '/simulate', '/worker', '/dicomweb', '/node'];
let scratch = '';
let tarball = '';

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: scratch, encoding: 'utf8' });
}
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

beforeAll(() => {
  ({ dir: scratch, tarball } = packAndInstall());
}, 180_000);

describe('packed package', () => {
  it.each(subpaths)('sonorisk%s: ESM import and CJS require export the same names', (sub) => {
    const spec = `sonorisk${sub}`;
    const esm = JSON.parse(node(['--input-type=module', '-e', `import * as m from '${spec}'; console.log(JSON.stringify(Object.keys(m).filter(k => k !== 'default').sort()))`])) as string[];
    const cjs = JSON.parse(node(['-e', `console.log(JSON.stringify(Object.keys(require('${spec}')).sort()))`])) as string[];
    expect(cjs).toEqual(esm);
    expect(esm).toEqual(expect.arrayContaining(['SONORISK_ERROR_CODES', 'SonoriskError', 'isSonoriskError', 'isSonoriskErrorCode']));
  });

  it('`npx sonorisk --help` runs the installed bin (executable, with a shebang)', () => {
    const cli = join(scratch, 'node_modules', 'sonorisk', 'dist', 'node', 'cli.js');
    expect(readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(cli).mode & 0o111).not.toBe(0);
    const out = execFileSync('npx', ['--no-install', 'sonorisk', '--help'], { cwd: scratch, encoding: 'utf8', env: { ...process.env, npm_config_yes: 'false' } });
    expect(out).toContain('Usage: sonorisk');
  });

  it.each(['bundler', 'node16'])('type-checks a consumer with moduleResolution %s', (resolution) => {
    const dir = join(scratch, `consumer-${resolution}`);
    mkdirSync(dir, { recursive: true });
    const imports = subpaths.map((s, i) => `import * as m${i} from 'sonorisk${s}';`).join('\n');
    writeFileSync(join(dir, 'consumer.mts'), `${imports}\nconst e: m0.SonoriskError = new m0.SonoriskError('INVALID_ARGUMENT', 'y');\n${subpaths.map((_, i) => `// @ts-expect-error a misspelt code does not compile from any subpath\nexport const c${i} = new m${i}.SonoriskError('SINGLE_CLAS', 'x');`).join('\n')}\nexport const all = [e, ${subpaths.map((_, i) => `m${i}`).join(', ')}];\n`);
    const mod = resolution === 'bundler' ? 'ESNext' : 'Node16';
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: mod, moduleResolution: resolution, target: 'ES2022', types: ['node'], typeRoots: [join(root, 'node_modules', '@types')], skipLibCheck: false }, files: ['consumer.mts'] }));
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { cwd: dir, encoding: 'utf8' });
  });

  it('publint finds nothing to report (suggestions included)', () => {
    const out = execFileSync(bin('publint'), ['run', tarball, '--level', 'suggestion', '--strict'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('All good!');
  });

  it('@arethetypeswrong/cli (strict profile: node10, node16 CJS/ESM, bundler) finds no problem', () => {
    const out = execFileSync(bin('attw'), [tarball, '--format', 'json'], { cwd: root, encoding: 'utf8' });
    const report = JSON.parse(out) as { problems?: Record<string, unknown[]>; analysis: { problems?: unknown[] } };
    expect(report.problems ?? {}).toEqual({});
  }, 60_000);
});
