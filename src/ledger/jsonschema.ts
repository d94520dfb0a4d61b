// JSON Schemas (draft-07) of every file kind, generated from the zod schemas so they never
// drift. Strict objects get `patternProperties: { "^x-": {} }`: extension keys are allowed.
import { z } from 'zod';
import { FILE_KINDS, type FileKind } from './schema.js';

const TITLES: Record<FileKind, string> = {
  settings: 'aftersales.yaml — ledger settings',
  team: 'team.yaml — roles and people',
  service: 'services/<id>.yaml — a service specification',
  procedure: 'procedures/<id>.yaml — a procedure',
  products: 'inputs/products.yaml — product catalogue',
  sales: 'inputs/sales.yaml — units sold per product and month',
  benchmarks: 'inputs/benchmarks.yaml — competition and customer expectations',
  record: 'records/<YYYY>/<MM>/<id>.yaml — one intervention',
  action: 'actions/<id>.yaml — a corrective or preventive action',
  suggestions: 'suggestions.yaml — the ledger’s corrective-action catalogue',
  import: 'imports/<name>.yaml — a saved import mapping (help-desk or ERP export columns → ledger fields)',
};

export function jsonSchemaOf(kind: FileKind): Record<string, unknown> {
  const schema = z.toJSONSchema(FILE_KINDS[kind], {
    target: 'draft-07',
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      const js = ctx.jsonSchema as Record<string, unknown>;
      if (js.type === 'object' && js.additionalProperties === false) {
        js.patternProperties = { '^x-': {} };
      }
    },
  }) as Record<string, unknown>;
  return { ...schema, $id: `https://aftersales.dev/schema/v1/${kind}.json`, title: TITLES[kind] };
}

export function allJsonSchemas(): Map<FileKind, Record<string, unknown>> {
  const out = new Map<FileKind, Record<string, unknown>>();
  for (const kind of Object.keys(FILE_KINDS) as FileKind[]) out.set(kind, jsonSchemaOf(kind));
  return out;
}
