// Service templates: the shipped ones are complete and valid in both languages; a ledger's own
// templates are found, override shipped ones of the same id, and a broken one is refused with
// the place of its problem.
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import { REQUIREMENT_KINDS, type Service, type Procedure } from '../../../src/ledger/schema.js';
import { findTemplate, findTemplates, loadTemplate, shippedTemplatesDir } from '../../../src/planning/templates.js';
import { Draft, templateNotes } from '../../../src/planning/draft.js';
import { cleanup, tempDir } from '../../helpers/run.js';

afterAll(cleanup);

const t = translator('en');
const SHIPPED = ['complaint-handling', 'help-desk', 'installation', 'preventive-maintenance', 'spare-parts', 'user-training', 'warranty-repair'];

describe('shipped templates', () => {
  it('are found next to the module, one per id', () => {
    expect(shippedTemplatesDir()).toMatch(/templates[\\/]services$/);
    expect(findTemplates('en').map((x) => x.id)).toEqual(SHIPPED);
    expect(findTemplates('es').every((x) => x.lang === 'es' && x.source === 'shipped')).toBe(true);
  });

  for (const lang of ['en', 'es'] as const) {
    it(`cover every planning element of the seed (${lang})`, () => {
      for (const info of findTemplates(lang)) {
        const tpl = loadTemplate(info, translator(lang));
        const draft = new Draft(tpl);
        const service = draft.data('service') as unknown as Service;
        const procedure = draft.data('procedure') as unknown as Procedure;
        expect(new Set(service.requirements.map((r) => r.kind)), info.id).toEqual(new Set(REQUIREMENT_KINDS));
        expect(service.requirements.every((r) => r.target.min !== undefined || r.target.max !== undefined)).toBe(true);
        expect(service.need?.length, info.id).toBeGreaterThan(0);
        expect(service.resources?.length, info.id).toBeGreaterThan(0);
        expect(service.training?.length, info.id).toBeGreaterThan(0);
        expect(procedure.steps.some((s) => s.mandatory && s.captures), info.id).toBe(true);
        expect(tpl.roles.map((r) => r.id)).toContain(service.owner);
        // every default target says where it comes from
        expect(draft.render('service', []).match(/target: \{[^}]*\} # \S/g)?.length, info.id).toBe(service.requirements.length);
        expect(templateNotes(tpl).length, info.id).toBeGreaterThan(0);
      }
    });
  }

  it('preventive maintenance has a scheduled need with `every`', () => {
    const tpl = loadTemplate(findTemplate('preventive-maintenance', 'en', undefined, t), t);
    const need = (new Draft(tpl).data('service') as unknown as Service).need!;
    expect(need.find((n) => n.channel === 'scheduled')?.every).toBe('365d');
  });
});

describe('ledger templates', () => {
  function ledgerWith(files: Record<string, string>): string {
    const root = tempDir();
    mkdirSync(join(root, 'templates'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'templates', name), text);
    return root;
  }
  const shipped = readFileSync(join(shippedTemplatesDir(), 'installation.en.yaml'), 'utf8');

  it('are listed with the shipped ones, override them by id, and fall back across languages', () => {
    const own = shipped.replace('title: Installation and commissioning', 'title: Our installation');
    const root = ledgerWith({ 'installation.en.yaml': own, 'boiler-check.yaml': shipped.replace('template: installation', 'template: boiler-check') });
    const en = findTemplates('en', root);
    expect(en.map((x) => x.id)).toEqual(['boiler-check', ...SHIPPED].sort());
    const installation = en.find((x) => x.id === 'installation')!;
    expect(installation.source).toBe('ledger');
    expect(loadTemplate(installation, t).title).toBe('Our installation');
    // Spanish: the ledger has no .es file of installation, the shipped one has none of
    // boiler-check: the ledger's English file is used, the language-neutral one for boiler-check.
    const es = findTemplates('es', root);
    expect(es.find((x) => x.id === 'installation')).toMatchObject({ source: 'ledger', lang: 'en' });
    expect(es.find((x) => x.id === 'boiler-check')).toMatchObject({ source: 'ledger', lang: undefined });
  });

  it('a broken template is refused with file:line and the problem', () => {
    const root = ledgerWith({ 'broken.yaml': shipped.replace('    kind: quantitative', '    kind: quantitive') });
    const info = findTemplate('broken', 'en', root, t);
    try {
      loadTemplate(info, t);
      expect.unreachable();
    } catch (e) {
      const err = e as { exitCode: number; message: string; details: string[] };
      expect(err.exitCode).toBe(2);
      expect(err.message).toContain('is not valid');
      expect(err.details[0]).toMatch(/broken\.yaml:\d+:\d+: "quantitive" is not allowed here/);
    }
  });

  it('an unknown template id is a usage error with a suggestion', () => {
    expect(() => findTemplate('warranty-repiar', 'en', undefined, t)).toThrow(/there is no template "warranty-repiar" \(did you mean "warranty-repair"\?\)/);
  });
});
