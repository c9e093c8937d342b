/**
 * examples/notebooks/statistics.ipynb (a tslab notebook): its code cells, concatenated in order into
 * one module in the empty-folder install of the packed package (scripts/notebook-exec.mjs), type-check
 * (strict) and run with tsx without error, and print exactly the outputs stored in the notebook
 * (refresh them with `node scripts/notebook-exec.mjs --write`). The tslab kernel itself is not run.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOTEBOOK, type Notebook, runNotebook, storedOutput } from '../../scripts/notebook-exec.mjs';
import { root } from '../../scripts/pack-install.mjs';

const notebook = JSON.parse(readFileSync(NOTEBOOK, 'utf8')) as Notebook;

describe('examples/notebooks/statistics.ipynb', () => {
  it('is a tslab notebook whose code cells type-check, run in order and print the stored outputs', () => {
    expect(notebook.metadata.kernelspec?.name).toBe('tslab');
    const { dir, outputs } = runNotebook(notebook);
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { cwd: dir, encoding: 'utf8' });
    const all = outputs.join('');
    expect(all).toMatch(/^139 patients, \d+ recurrences/m);
    for (const name of ['R-US', 'R-CEUS', 'R-CEUS2', 'R-CEUS45']) expect(all).toMatch(new RegExp(`^${name} +AUC 0\\.\\d{3} \\(`, 'm'));
    expect(all).toMatch(/^R-US vs R-CEUS45 ΔAUC/m);
    expect(all).toMatch(/^calibration intercept/m);
    expect(all).toMatch(/^halo +univariable OR/m);
    const code = notebook.cells.filter((c) => c.cell_type === 'code');
    expect(code.map(storedOutput)).toEqual(outputs);
  }, 120_000);
});
