/**
 * Packs the package as npm would publish it, unpacks it into a scratch node_modules and checks
 * that ESM and CJS entry points load, export the same names, and type-check from a consumer.
 * Needs `npm run build` first (the README's test command does it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = join(root, 'node_modules', '.sonorisk-pack-test');
const installed = join(scratch, 'node_modules', 'sonorisk');
const subpaths = ['', '/preprocess', '/phases', '/models', '/stats', '/report', '/simulate', '/node'];

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: scratch, encoding: 'utf8' });
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(installed, { recursive: true });
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: root, encoding: 'utf8' });
  const [{ filename }] = JSON.parse(out) as [{ filename: string }];
  execFileSync('tar', ['-xzf', join(scratch, filename), '-C', installed, '--strip-components=1']);
}, 120_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('packed package', () => {
  it.each(subpaths)('sonorisk%s: ESM import and CJS require export the same names', (sub) => {
    const spec = `sonorisk${sub}`;
    const esm = JSON.parse(node(['--input-type=module', '-e', `import * as m from '${spec}'; console.log(JSON.stringify(Object.keys(m).filter(k => k !== 'default').sort()))`])) as string[];
    const cjs = JSON.parse(node(['-e', `console.log(JSON.stringify(Object.keys(require('${spec}')).sort()))`])) as string[];
    expect(cjs).toEqual(esm);
    if (sub === '') expect(esm).toContain('SonoriskError');
  });

  it('the bin prints help', () => {
    expect(node([join(installed, 'dist', 'node', 'cli.js'), '--help'])).toContain('Usage: sonorisk');
  });

  it.each(['bundler', 'node16'])('type-checks a consumer with moduleResolution %s', (resolution) => {
    const dir = join(scratch, `consumer-${resolution}`);
    mkdirSync(dir, { recursive: true });
    const imports = subpaths.map((s, i) => `import * as m${i} from 'sonorisk${s}';`).join('\n');
    writeFileSync(join(dir, 'consumer.mts'), `${imports}\nconst e: m0.SonoriskError = new m0.SonoriskError('X', 'y');\nexport const all = [e, ${subpaths.map((_, i) => `m${i}`).join(', ')}];\n`);
    const mod = resolution === 'bundler' ? 'ESNext' : 'Node16';
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: mod, moduleResolution: resolution, target: 'ES2022', types: ['node'], typeRoots: [join(root, 'node_modules', '@types')], skipLibCheck: false }, files: ['consumer.mts'] }));
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { cwd: dir, encoding: 'utf8' });
  });
});
