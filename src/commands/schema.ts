// `aftersales schema [--out DIR]`: the JSON Schemas that editors use through the modelines.
import { join } from 'node:path';
import { allJsonSchemas } from '../ledger/jsonschema.js';
import { replaceAtomic } from '../ledger/write.js';
import type { CommandContext } from '../io/io.js';
import { ledgerRoot } from '../ledger/open.js';
import { outputFolder } from './output-path.js';

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
  const dir = ctx.out ? outputFolder(ctx.cwd, ctx.out, ctx.io.t) : join(ledgerRoot(ctx), '.aftersales', 'schema');
  const count = writeSchemas(dir);
  ctx.io.out(`${ctx.io.t('schema.done', { count, dir })}\n`);
  return { exitCode: 0 };
}
