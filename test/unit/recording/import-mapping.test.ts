// The shipped import mappings (templates/imports) pass the same schema as a ledger's own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validateData } from '../../../src/ledger/validate.js';
import { shippedMappingNames, shippedMappingsDir } from '../../../src/recording/import-mapping.js';

describe('shipped import mappings', () => {
  it('zendesk, freshdesk and odoo-helpdesk are valid mappings that name their source', () => {
    expect(shippedMappingNames()).toEqual(['freshdesk', 'odoo-helpdesk', 'zendesk']);
    for (const name of shippedMappingNames()) {
      const text = readFileSync(join(shippedMappingsDir(), `${name}.yaml`), 'utf8');
      expect(validateData(name, 'import', parse(text))).toEqual([]);
      expect(text.split('\n').filter((l) => l.startsWith('#')).join(' ')).toMatch(/source/i); // each says where its column names come from
      expect(parse(text).columns['source.id']).toBeTruthy();
    }
  });
});
