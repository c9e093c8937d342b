/**
 * The one rule for ids that name output files and folders (case ids, model ids). Internal.
 * @module
 */

/**
 * Why `id` cannot name a file or folder, or undefined when it can: a non-empty string of at most
 * 128 letters, digits, `.`, `_` and `-`, and not `.` or `..` (which name folders already).
 *
 * @example
 * ```ts
 * idProblem('P001'); // undefined
 * idProblem('..'); // "'..' names a folder ..."
 * ```
 */
export function idProblem(id: unknown): string | undefined {
  if (typeof id !== 'string' || id.trim() === '') return 'must be a non-empty string.';
  if (id.length > 128) return `'${id.slice(0, 20)}…' is longer than 128 characters.`;
  if (!/^[A-Za-z0-9._-]+$/.test(id)) return `'${id}' may hold only letters, digits, '.', '_' and '-' (it names output files).`;
  if (id === '.' || id === '..') return `'${id}' names a folder already (the current or parent folder); choose another id.`;
  return undefined;
}
