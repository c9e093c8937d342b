import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the installed sonorisk package (where `models/demo/` lives), found by walking up
 * from this module — works from the ESM and CJS builds and from the TypeScript sources.
 *
 * @example
 * ```ts
 * const demoModels = join(packageRoot(), 'models', 'demo');
 * ```
 */
export function packageRoot(): string {
  const start = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  let dir = start;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'sonorisk') return dir;
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}
