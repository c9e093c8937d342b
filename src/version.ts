/**
 * The library version, kept in step with package.json by a test.
 *
 * @example
 * ```ts
 * import { VERSION } from 'sonorisk';
 * console.log(`sonorisk ${VERSION}`);
 * ```
 */
export const VERSION = '0.1.0';
