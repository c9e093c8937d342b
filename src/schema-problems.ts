/**
 * Turns valibot issues into short problem lines ("frames: Invalid type..."), with a did-you-mean for
 * unknown keys of strict objects. Internal: the model manifest, model specs, the specs file and the
 * cohort manifest validate with valibot and report problems the same way.
 * @module
 */
import * as v from 'valibot';
import { closestName } from './closest-name.js';

type AnySchema = v.GenericSchema & { entries?: Record<string, AnySchema>; wrapped?: AnySchema; item?: AnySchema; key?: AnySchema; value?: AnySchema };

/** The strict-object schema reached by following `path` (through optional/nullable wrappers, arrays and records). */
function schemaAt(schema: AnySchema | undefined, path: readonly (string | number)[]): AnySchema | undefined {
  let s = schema;
  const unwrap = () => {
    while (s?.wrapped) s = s.wrapped;
  };
  unwrap();
  for (const key of path) {
    if (!s) return undefined;
    if (s.entries && typeof key === 'string') s = s.entries[key];
    else if (s.item) s = s.item;
    else if (s.value) s = s.value;
    else return undefined;
    unwrap();
  }
  return s;
}

/** The keys of the strict object reached by following `path` through `schema` (empty when there is none). */
export function knownKeysAt(schema: v.GenericSchema, path: readonly (string | number)[]): string[] {
  const parent = schemaAt(schema as AnySchema, path);
  return parent?.entries ? Object.keys(parent.entries) : [];
}

/**
 * One line per issue (at most `max`): `path: message`; an unknown key of a strict object reads
 * `unknown key 'frmes' — did you mean 'frames'?` (or lists the allowed keys when none is close).
 *
 * @example
 * ```ts
 * const r = v.safeParse(schema, value);
 * if (!r.success) throw new SonoriskError('MANIFEST_INVALID', schemaProblems(schema, r.issues).join('; '));
 * ```
 */
export function schemaProblems(schema: v.GenericSchema, issues: readonly v.BaseIssue<unknown>[], max = 10): string[] {
  return issues.slice(0, max).map((issue) => {
    const path = (issue.path ?? []).map((p) => p.key as string | number);
    if (issue.type === 'strict_object' && issue.expected === 'never' && path.length > 0) {
      const key = String(path[path.length - 1]);
      const known = knownKeysAt(schema, path.slice(0, -1));
      const near = closestName(key, known);
      const where = path.length > 1 ? `${path.slice(0, -1).join('.')}: ` : '';
      return `${where}unknown key '${key}'${near ? ` — did you mean '${near}'?` : known.length ? ` (allowed: ${known.join(', ')})` : ''}`;
    }
    return `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`;
  });
}
