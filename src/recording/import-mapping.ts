// Saved import mappings (`--mapping NAME`): the ledger's imports/NAME.yaml, else a shipped one
// (templates/imports/NAME.yaml: zendesk, freshdesk, odoo-helpdesk). Both are validated by the
// same schema (ledger/schema.ts importMappingFile); the ledger's are checked by `check` too.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { UsageError } from '../errors.js';
import type { Translate } from '../i18n/index.js';
import type { Ledger } from '../ledger/load.js';
import { problemMessage } from '../ledger/problems.js';
import { importMappingFile, type ImportMapping } from '../ledger/schema.js';
import { validateData } from '../ledger/validate.js';
import { closest } from '../ledger/values.js';

export function shippedMappingsDir(): string {
  return fileURLToPath(new URL('../../templates/imports', import.meta.url));
}

export function shippedMappingNames(): string[] {
  const dir = shippedMappingsDir();
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.yaml')).map((n) => n.slice(0, -5)).sort() : [];
}

/** The mapping called `name`, the ledger's first; exit 2 naming the ones there are. */
export function findMapping(ledger: Ledger, name: string, t: Translate): ImportMapping {
  const own = ledger.imports.find((f) => f.path === `imports/${name}.yaml` || f.path === `imports/${name}.yml`);
  if (own) {
    if (!own.data) throw new UsageError(t('import.mapping-invalid', { file: own.path }), t('hint.invalid-ledger'));
    return own.data;
  }
  const shipped = join(shippedMappingsDir(), `${name}.yaml`);
  if (existsSync(shipped)) {
    const data = parse(readFileSync(shipped, 'utf8')) as unknown;
    const problems = validateData(`templates/imports/${name}.yaml`, 'import', data);
    if (problems.length > 0) throw new UsageError(`${t('import.mapping-invalid', { file: shipped })}: ${problemMessage(problems[0], t)}`);
    return importMappingFile.parse(data);
  }
  const known = [...ledger.imports.map((f) => f.path.replace(/^imports\/|\.ya?ml$/g, '')), ...shippedMappingNames()];
  const suggestion = closest(name, known);
  throw new UsageError(t('import.unknown-mapping', { name, known: known.join(', ') }), suggestion ? t('hint.didYouMean', { suggestion }) : undefined);
}
