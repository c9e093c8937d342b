/**
 * examples/notebooks/statistics.ipynb (a tslab notebook): its code cells, concatenated in order into
 * one module in the empty-folder install of the packed package, type-check (strict) and run with tsx
 * without error, printing what the markdown promises. (The tslab kernel itself is not run here.)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packAndInstall, root } from '../../scripts/pack-install.mjs';

interface Notebook {
  cells: { cell_type: string; source: string[] | string }[];
  metadata: { kernelspec?: { name?: string } };
}
const notebook = JSON.parse(readFileSync(join(root, 'examples', 'notebooks', 'statistics.ipynb'), 'utf8')) as Notebook;
let consumer = '';
beforeAll(() => {
  consumer = packAndInstall().dir;
}, 180_000);

describe('examples/notebooks/statistics.ipynb', () => {
  it('is a tslab notebook whose code cells type-check and run in order', () => {
    expect(notebook.metadata.kernelspec?.name).toBe('tslab');
    const code = notebook.cells
      .filter((c) => c.cell_type === 'code')
      .map((c, i) => `// ---- cell ${i + 1}\n${Array.isArray(c.source) ? c.source.join('') : c.source}`)
      .join('\n\n');
    const dir = mkdtempSync(join(consumer, 'notebook-'));
    const file = join(dir, 'statistics.mts');
    writeFileSync(file, `${code}\nexport {};\n`);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'ESNext', moduleResolution: 'bundler', target: 'ES2022', lib: ['ES2022', 'DOM'], types: ['node'], typeRoots: [join(root, 'node_modules', '@types')] }, files: ['statistics.mts'] }),
    );
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { cwd: dir, encoding: 'utf8' });
    const out = execFileSync(join(root, 'node_modules', '.bin', 'tsx'), [file], { cwd: dir, encoding: 'utf8' });
    expect(out).toMatch(/^139 patients, \d+ recurrences/m);
    for (const name of ['R-US', 'R-CEUS', 'R-CEUS2', 'R-CEUS45']) expect(out).toMatch(new RegExp(`^${name} +AUC 0\\.\\d{3} \\(`, 'm'));
    expect(out).toMatch(/^R-US vs R-CEUS45 ΔAUC/m);
    expect(out).toMatch(/\(figure: \d+ characters of SVG\)/);
    expect(out).toMatch(/^calibration intercept/m);
    expect(out).toMatch(/^halo +univariable OR/m);
  }, 120_000);
});
