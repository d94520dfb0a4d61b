// `aftersales schema [--out DIR]`: the JSON Schemas that editors use through the modelines.
import { resolve, join } from 'node:path';
import { allJsonSchemas } from '../ledger/jsonschema.js';
import { replaceAtomic } from '../ledger/write.js';
import type { CommandContext } from '../io/io.js';
import { ledgerRoot } from './open.js';

export interface SchemaOptions {
  out?: string;
}

/** Write every schema to `dir` as <kind>.json; returns the count. */
export function writeSchemas(dir: string): number {
  const schemas = allJsonSchemas();
  for (const [kind, schema] of schemas) replaceAtomic(join(dir, `${kind}.json`), `${JSON.stringify(schema, null, 2)}\n`);
  return schemas.size;
}

export async function runSchema(ctx: CommandContext & SchemaOptions): Promise<{ exitCode: number }> {
  const dir = ctx.out ? resolve(ctx.cwd, ctx.out) : join(ledgerRoot(ctx), '.aftersales', 'schema');
  const count = writeSchemas(dir);
  ctx.io.out(`${ctx.io.t('schema.done', { count, dir })}\n`);
  return { exitCode: 0 };
}
