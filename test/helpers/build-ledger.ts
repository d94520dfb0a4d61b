// Write a ledger from plain objects into a temporary folder (for engine tests whose numbers
// are computed by hand from the records written here).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { tempDir } from './run.js';

export interface LedgerSpec {
  settings: Record<string, unknown>;
  team: Record<string, unknown>;
  services: Record<string, unknown>[];
  procedures: Record<string, unknown>[];
  products?: Record<string, unknown>[];
  sales?: Record<string, unknown>[];
  records: Record<string, unknown>[];
  actions?: Record<string, unknown>[];
  suggestions?: Record<string, unknown>[];
}

function put(root: string, rel: string, data: unknown): void {
  mkdirSync(join(root, rel, '..'), { recursive: true });
  writeFileSync(join(root, rel), YAML.stringify(data));
}

export function writeLedger(spec: LedgerSpec, dir = tempDir('aftersales-built-')): string {
  put(dir, 'aftersales.yaml', spec.settings);
  put(dir, 'team.yaml', spec.team);
  for (const s of spec.services) put(dir, `services/${s.id}.yaml`, s);
  for (const p of spec.procedures) put(dir, `procedures/${p.id}.yaml`, p);
  if (spec.products) put(dir, 'inputs/products.yaml', { products: spec.products });
  if (spec.sales) put(dir, 'inputs/sales.yaml', { sales: spec.sales });
  if (spec.suggestions) put(dir, 'suggestions.yaml', { suggestions: spec.suggestions });
  for (const r of spec.records) {
    const id = String(r.id);
    put(dir, `records/${id.slice(0, 4)}/${id.slice(4, 6)}/${id}.yaml`, r);
  }
  for (const a of spec.actions ?? []) put(dir, `actions/${a.id}.yaml`, a);
  return dir;
}
