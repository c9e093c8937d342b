/**
 * Runs a tslab notebook's code cells in order, as one module, in a folder where `sonorisk` is the
 * packed package, and returns each code cell's stdout. `node scripts/notebook-exec.mjs [--write]`
 * prints (or, with --write, stores as the cells' outputs) what examples/notebooks/statistics.ipynb
 * prints; test/everywhere/notebook.test.ts checks the stored outputs are still what the cells print.
 * @module
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packAndInstall, root } from './pack-install.mjs';

export const NOTEBOOK = join(root, 'examples', 'notebooks', 'statistics.ipynb');
const MARK = '@@sonorisk-cell@@';

/** The code cells' sources, in order. */
export function codeCells(notebook) {
  return notebook.cells.filter((c) => c.cell_type === 'code').map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));
}

/**
 * Writes the concatenated module (plus a strict tsconfig) into a fresh folder inside the packed
 * install and runs it with tsx. Returns { dir, file, outputs } (outputs[i] = stdout of code cell i).
 */
export function runNotebook(notebook) {
  const { dir: consumer } = packAndInstall();
  const dir = mkdtempSync(join(consumer, 'notebook-'));
  const file = join(dir, 'notebook.mts');
  const cells = codeCells(notebook);
  const body = cells.map((src, i) => `// ---- cell ${i + 1}\nconsole.log(${JSON.stringify(`${MARK}${i}`)});\n${src}`).join('\n\n');
  writeFileSync(file, `${body}\nexport {};\n`);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: 'ESNext', moduleResolution: 'bundler', target: 'ES2022', lib: ['ES2022', 'DOM'], types: ['node'], typeRoots: [join(root, 'node_modules', '@types')] },
      files: ['notebook.mts'],
    }),
  );
  const out = execFileSync(join(root, 'node_modules', '.bin', 'tsx'), [file], { cwd: dir, encoding: 'utf8' });
  const outputs = cells.map(() => '');
  let current = -1;
  for (const line of out.split('\n')) {
    if (line.startsWith(MARK)) current = Number(line.slice(MARK.length));
    else if (current >= 0) outputs[current] += `${line}\n`;
  }
  return { dir, file, outputs: outputs.map((o, i) => (i === outputs.length - 1 ? o.replace(/\n$/, '') : o)) };
}

/** The stdout text a code cell stores in the notebook. */
export function storedOutput(cell) {
  return (cell.outputs ?? [])
    .filter((o) => o.output_type === 'stream' && o.name === 'stdout')
    .map((o) => (Array.isArray(o.text) ? o.text.join('') : o.text))
    .join('');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const notebook = JSON.parse(readFileSync(NOTEBOOK, 'utf8'));
  const { outputs } = runNotebook(notebook);
  if (process.argv.includes('--write')) {
    let i = 0;
    for (const cell of notebook.cells) {
      if (cell.cell_type !== 'code') continue;
      const text = outputs[i++];
      cell.execution_count = i;
      cell.outputs = text ? [{ output_type: 'stream', name: 'stdout', text: text.split(/(?<=\n)/) }] : [];
    }
    writeFileSync(NOTEBOOK, `${JSON.stringify(notebook, null, 1)}\n`);
    console.log(`wrote outputs of ${i} code cells to ${NOTEBOOK}`);
  } else {
    for (const [i, o] of outputs.entries()) console.log(`---- cell ${i + 1}\n${o}`);
  }
}
