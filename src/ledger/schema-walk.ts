// Find the zod schema of a place in a file (for "did you mean" keys and typed --set values).
// Relies on zod 4's public-ish `_zod.def` (shape, innerType, element, valueType, options, catchall).
import type { z } from 'zod';

/* eslint-disable @typescript-eslint/no-explicit-any */
type AnySchema = any;

function unwrap(node: AnySchema): AnySchema {
  while (node?._zod?.def?.innerType) node = node._zod.def.innerType;
  return node;
}

function objectOf(node: AnySchema): AnySchema | undefined {
  const def = node?._zod?.def;
  if (def?.shape) return node;
  return (def?.options as AnySchema[] | undefined)?.map(unwrap).find((o) => o?._zod?.def?.shape);
}

/** The schema at `path` below `schema`, or undefined when the path leaves the schema. */
export function schemaAt(schema: z.ZodType, path: readonly (string | number)[]): AnySchema | undefined {
  let node: AnySchema = schema;
  for (const key of path) {
    node = unwrap(node);
    const def = node?._zod?.def;
    if (!def) return undefined;
    if (def.type === 'array') node = def.element;
    else if (def.type === 'record') node = def.valueType;
    else {
      const obj = objectOf(node);
      if (!obj) return undefined;
      const catchall = obj._zod.def.catchall;
      node = obj._zod.def.shape[key] ?? (catchall?._zod?.def?.type === 'never' ? undefined : catchall);
      if (node === undefined) return undefined;
    }
  }
  return unwrap(node);
}

/** The keys allowed by the object schema at `path`. */
export function keysAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  const node = schemaAt(schema, path);
  const obj = node ? objectOf(node) : undefined;
  return obj ? Object.keys(obj._zod.def.shape) : [];
}

/** The primitive types a leaf schema accepts: 'string', 'number', 'boolean', 'array', 'object'. */
export function leafTypes(node: AnySchema): Set<string> {
  const out = new Set<string>();
  const visit = (n: AnySchema) => {
    n = unwrap(n);
    const def = n?._zod?.def;
    if (!def) return;
    if (def.type === 'union') for (const o of def.options) visit(o);
    else if (def.type === 'enum' || def.type === 'literal') {
      for (const v of Object.values(def.entries ?? {}).concat(def.values ?? [])) out.add(typeof v);
    } else if (def.type === 'pipe') visit(def.in);
    else if (def.type === 'int') out.add('number');
    else if (def.type === 'record') out.add('object');
    else out.add(def.type);
  };
  visit(node);
  return out;
}

/**
 * Whether `path` names a field of `schema` that a value can be given for: a key of the schema, or
 * a top-level `x-` key (kept and ignored, SPEC §1).
 */
export function isFieldPath(schema: z.ZodType, path: readonly string[]): boolean {
  if (path.length === 0 || path.some((p) => p === '')) return false;
  if (path[path.length - 1].startsWith('x-')) return path.length === 1;
  return schemaAt(schema, path) !== undefined;
}
