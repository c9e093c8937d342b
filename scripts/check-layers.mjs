#!/usr/bin/env node
/**
 * Layer check for src/ (run by test/layers.test.ts, so `npm test` fails on a violation; also
 * `node scripts/check-layers.mjs` on its own). Rules, see docs/DESIGN.md "Layers":
 *
 * 1. `node:*` (and bare Node built-ins) only in src/node — everything else runs in browsers.
 * 2. A file may import another top-level folder of src only through that folder's index.ts
 *    (`../stats/index.js`, its public subpath) or internal.ts (`../preprocess/internal.js`: helpers
 *    shared between folders, not public); inside a folder, imports are relative. src/errors.ts,
 *    src/version.ts and the small validation helpers beside them (closest-name, safe-id,
 *    schema-problems) are shared by all.
 * 3. Folders import only the folders below them in LAYERS (no cycles, no upward imports).
 * 4. Core folders import only the runtime dependencies listed in CORE_PACKAGES (no peer runtimes:
 *    onnxruntime and tfjs are injected by the caller).
 *
 * @module
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The allowed imports between the top-level folders of src (the layer graph). */
export const LAYERS = {
  numeric: [],
  preprocess: ['numeric'],
  phases: ['preprocess', 'numeric'],
  models: ['preprocess', 'phases'],
  stats: ['numeric'],
  report: ['stats', 'phases'],
  study: ['report', 'stats', 'models', 'phases'],
  simulate: ['preprocess', 'phases', 'stats'],
  worker: ['preprocess', 'phases', 'models'],
  dicomweb: ['preprocess'],
  node: ['numeric', 'preprocess', 'phases', 'models', 'stats', 'report', 'study', 'simulate', 'dicomweb'],
};

/** Root files every folder may import. */
export const SHARED_ROOT_FILES = ['errors.ts', 'version.ts', 'closest-name.ts', 'safe-id.ts', 'schema-problems.ts'];

/** Packages the core (everything but src/node) may import at run time. */
export const CORE_PACKAGES = ['valibot', 'fflate', 'jpeg-lossless-decoder-js', '@cornerstonejs/codec-charls', '@cornerstonejs/codec-libjpeg-turbo-8bit', '@cornerstonejs/codec-openjpeg', '@cornerstonejs/codec-openjph', 'dcmjs'];

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/**
 * Module specifiers of one file: static imports/exports, side-effect imports, dynamic `import()`,
 * read by TypeScript's own pre-processor (strings and comments that mention a module do not count).
 */
export function importsOf(source) {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/**
 * Violations of the rules for a set of files: `files` maps a path relative to src (posix, e.g.
 * `phases/clip-for-spec.ts`) to its source text. Pure, so the test can feed it a bad tree.
 */
export function checkLayers(files) {
  const problems = [];
  for (const [file, source] of Object.entries(files)) {
    const folder = file.includes('/') ? file.slice(0, file.indexOf('/')) : null;
    for (const spec of importsOf(source)) {
      const where = `src/${file} imports '${spec}'`;
      if (!spec.startsWith('.')) {
        if (NODE_BUILTINS.has(spec) || spec.startsWith('node:')) {
          if (folder !== 'node') problems.push(`${where}: Node built-ins only in src/node (the core runs in browsers).`);
        } else if (folder !== 'node' && folder !== null && !CORE_PACKAGES.some((p) => spec === p || spec.startsWith(`${p}/`))) {
          problems.push(`${where}: the core may import only ${CORE_PACKAGES.join(', ')} (runtimes are injected).`);
        }
        continue;
      }
      const target = posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.js$/, '.ts');
      if (target.startsWith('..')) {
        problems.push(`${where}: outside src.`);
        continue;
      }
      const targetFolder = target.includes('/') ? target.slice(0, target.indexOf('/')) : null;
      if (targetFolder === folder) continue;
      if (targetFolder === null) {
        if (!SHARED_ROOT_FILES.includes(target)) problems.push(`${where}: only ${SHARED_ROOT_FILES.join(', ')} of the root may be imported by a folder.`);
        continue;
      }
      if (folder === null) continue; // the root entries (index.ts) re-export the subpaths
      if (target !== `${targetFolder}/index.ts` && target !== `${targetFolder}/internal.ts`) problems.push(`${where}: import another folder through its index.ts ('${targetFolder}/index.js') or internal.ts.`);
      const allowed = LAYERS[folder];
      if (allowed === undefined) problems.push(`src/${file}: folder '${folder}' is not in the layer graph (scripts/check-layers.mjs LAYERS).`);
      else if (!allowed.includes(targetFolder)) problems.push(`${where}: '${folder}' may import only ${allowed.length ? allowed.join(', ') : 'nothing'} — '${targetFolder}' is not below it.`);
    }
  }
  return problems;
}

/** Reads every .ts file under `srcDir` into the map {@link checkLayers} takes. */
export function readSources(srcDir) {
  const files = {};
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) files[relative(srcDir, p).split(sep).join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(srcDir);
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = checkLayers(readSources(join(dirname(fileURLToPath(import.meta.url)), '..', 'src')));
  for (const p of problems) console.error(p);
  console.log(problems.length === 0 ? 'layers: ok' : `layers: ${problems.length} violation(s)`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
