// `aftersales plan` end to end, through the built bin without a terminal: every template in
// both languages gives files that pass `check` (and `status` runs on them); refusals exit 2
// naming what is missing and write nothing; --force replaces; --list-templates lists.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cleanup, hasStackTrace, REPO, exec, tempDir } from '../helpers/run.js';

afterAll(cleanup);

const TEMPLATES = ['complaint-handling', 'help-desk', 'installation', 'preventive-maintenance', 'spare-parts', 'user-training', 'warranty-repair'];

async function newLedger(lang: 'en' | 'es' = 'en'): Promise<string> {
  const dir = join(tempDir(), 'ledger');
  const r = await exec(['--lang', lang, 'init', dir]);
  expect(r.code).toBe(0);
  return dir;
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

/** Every file of the ledger with its bytes (to prove that nothing was written). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.name === '.aftersales') continue;
      if (e.isDirectory()) walk(path);
      else out[path] = read(dir, path);
    }
  };
  walk('');
  return out;
}

describe('every template, non-interactive', () => {
  for (const lang of ['en', 'es'] as const) {
    for (const template of TEMPLATES) {
      it(`${template} (${lang}): plan --yes, then check exits 0 and status runs`, async () => {
        const dir = await newLedger(lang);
        const id = `my-${template}`;
        const p = await exec(['plan', id, '--template', template, '--yes'], { cwd: dir });
        expect(p.stderr).toBe('');
        expect(p.code).toBe(0);
        expect(p.stdout).toContain(`services/${id}.yaml`);

        const text = read(dir, `services/${id}.yaml`);
        expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../.aftersales/schema/service.json');
        const service = parse(text);
        expect(service).toMatchObject({ id, procedure: id });
        // the comments saying where each default target comes from are in the written file
        expect(text.match(/target: \{[^}]*\} # \S/g)).toHaveLength(service.requirements.length);
        const procedure = read(dir, `procedures/${id}.yaml`);
        expect(procedure.split('\n')[0]).toBe('# yaml-language-server: $schema=../.aftersales/schema/procedure.json');
        expect(parse(procedure)).toMatchObject({ id, version: 1 });
        const tpl = parse(readFileSync(join(REPO, 'templates/services', `${template}.${lang}.yaml`), 'utf8'));
        expect(service.name).toBe(tpl.service.name);
        const roles = parse(read(dir, 'team.yaml')).roles.map((r: { id: string }) => r.id);
        expect(roles).toContain(service.owner);

        const c = await exec(['check'], { cwd: dir });
        expect(c.stdout + c.stderr).not.toMatch(/error|warning/);
        expect(c.code).toBe(0);

        // nobody holds the roles yet: status runs and says so
        const s = await exec(['status'], { cwd: dir });
        expect(s.code).toBe(1);
        expect(s.stdout).toContain(`${id} — ${service.name}`);
        expect(s.stdout).toMatch(/✗ /);
        expect(s.stdout).toMatch(/✓ /);
        expect(hasStackTrace(s.stderr)).toBe(false);
      });
    }
  }
});

describe('plan with --set', () => {
  it('changes any default, by field and by requirement id, and still passes check', async () => {
    const dir = await newLedger();
    const r = await exec([
      'plan', 'reparacion', '--template', 'warranty-repair', '--yes',
      '--set', 'name=Reparación',
      '--set', 'requirements.resolution-time.target.max=4d',
      '--set', 'requirements.csat.target.min=0.9',
      '--set', 'requirements.cost=null',
      '--set', 'need.chat={description: Live chat}',
      '--set', 'training.dispatcher.courses=[customer-care]',
      '--set', 'resources.0.quantity=6',
      '--set', 'procedure.steps.satisfaction-survey.mandatory=true',
    ], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const text = read(dir, 'services/reparacion.yaml');
    expect(text).toContain('target: { max: 4d, critical: 7d } # common field-service SLA');
    const s = parse(text);
    expect(s.name).toBe('Reparación');
    expect(s.requirements.find((x: { id: string }) => x.id === 'csat').target.min).toBe(0.9);
    expect(s.requirements.some((x: { id: string }) => x.id === 'cost')).toBe(false);
    expect(s.need.at(-1)).toEqual({ channel: 'chat', description: 'Live chat' });
    expect(s.training[1]).toEqual({ role: 'dispatcher', courses: ['customer-care'] });
    expect(s.resources[0].quantity).toBe(6);
    const p = parse(read(dir, 'procedures/reparacion.yaml'));
    expect(p.steps.find((x: { id: string }) => x.id === 'satisfaction-survey').mandatory).toBe(true);
    expect((await exec(['check'], { cwd: dir })).code).toBe(0);
  });
});

describe('refusals: exit 2, nothing written', () => {
  it('without a terminal and without --yes, names the missing flags', async () => {
    const dir = await newLedger();
    const before = snapshot(dir);
    const r = await exec(['plan'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing answers: ID, --template T, --yes');
    expect(r.stderr).toContain('--yes takes the template');
    expect((await exec(['plan', 'x', '--template', 'help-desk'], { cwd: dir })).stderr).toContain('missing answers: --yes');
    expect((await exec(['plan', '--yes'], { cwd: dir })).stderr).toContain('missing answers: --template T');
    // CI counts as no terminal, whatever stdin is
    expect((await exec(['plan', 'x', '--template', 'help-desk'], { cwd: dir, env: { CI: '1' } })).code).toBe(2);
    expect(snapshot(dir)).toEqual(before);
  });

  it('an existing service is not overwritten without --force', async () => {
    const dir = await newLedger();
    expect((await exec(['plan', 'rep', '--template', 'warranty-repair', '--yes'], { cwd: dir })).code).toBe(0);
    const before = snapshot(dir);
    const r = await exec(['plan', 'rep', '--template', 'warranty-repair', '--yes', '--set', 'name=Other'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('services/rep.yaml already exists');
    expect(r.stderr).toContain('--force');
    expect(snapshot(dir)).toEqual(before);
  });

  it('a different existing procedure is not overwritten without --force; the same one is kept', async () => {
    const dir = await newLedger();
    expect((await exec(['plan', 'a', '--template', 'help-desk', '--yes'], { cwd: dir })).code).toBe(0);
    const before = snapshot(dir);
    const r = await exec(['plan', 'b', '--template', 'installation', '--yes', '--set', 'procedure=a'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('procedures/a.yaml already exists with other steps');
    expect(snapshot(dir)).toEqual(before);
    // the same steps: the procedure is shared, not rewritten
    const same = await exec(['plan', 'c', '--template', 'help-desk', '--yes', '--set', 'procedure=a'], { cwd: dir });
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('kept procedures/a.yaml');
    expect(read(dir, 'procedures/a.yaml')).toBe(before['procedures/a.yaml']);
    expect(parse(read(dir, 'services/c.yaml')).procedure).toBe('a');
    expect((await exec(['check'], { cwd: dir })).code).toBe(0);
  });

  it('--force replaces the service, and a different procedure becomes its next version', async () => {
    const dir = await newLedger();
    expect((await exec(['plan', 'a', '--template', 'help-desk', '--yes'], { cwd: dir })).code).toBe(0);
    const r = await exec(['plan', 'a', '--template', 'installation', '--yes', '--force'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('replaced services/a.yaml');
    expect(r.stdout).toContain('replaced procedures/a.yaml');
    expect(parse(read(dir, 'services/a.yaml')).name).toBe('Installation and commissioning');
    expect(parse(read(dir, 'procedures/a.yaml')).version).toBe(2);
    expect((await exec(['check'], { cwd: dir })).code).toBe(0);
  });

  it('a bad --set path or value', async () => {
    const dir = await newLedger();
    const before = snapshot(dir);
    const cases: [string, RegExp][] = [
      ['nmae=X', /unknown field "nmae".*did you mean "name"/],
      ['requirements.resolution-tme.target.max=4d', /requirements has no item "resolution-tme".*did you mean "requirements.resolution-time"/],
      ['requirements.resolution-time.target.max=soon', /"soon" is not a number, a percentage/],
      ['resources.0.quantity=many', /"many" is not a number/],
      ['need.fax={description: x}', /"fax" is not allowed here/],
      ['requirements.csat.target.min=5d', /would not pass `aftersales check`[\s\S]*requirements\.csat\.target\.min/],
      ['owner=nobody', /services\/x\.yaml: owner: no role "nobody" in team.yaml/],
      ['name', /expected path=value/],
    ];
    for (const [flag, expected] of cases) {
      const r = await exec(['plan', 'x', '--template', 'warranty-repair', '--yes', '--set', flag], { cwd: dir });
      expect(r.code, flag).toBe(2);
      expect(r.stderr, flag).toMatch(expected);
      expect(hasStackTrace(r.stderr)).toBe(false);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('an unknown template, a bad id, no ledger', async () => {
    const dir = await newLedger();
    const unknown = await exec(['plan', 'x', '--template', 'warranty', '--yes'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('there is no template "warranty"');
    expect(unknown.stderr).toContain('warranty-repair');
    expect((await exec(['plan', 'Bad_Id', '--template', 'help-desk', '--yes'], { cwd: dir })).stderr).toContain('"Bad_Id" is not a valid service id');
    const none = await exec(['plan', 'x', '--template', 'help-desk', '--yes'], { cwd: tempDir() });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no ledger found');
  });
});

describe('--list-templates', async () => {
  it('lists the shipped templates with a one-line description, outside a ledger too', async () => {
    const r = await exec(['plan', '--list-templates'], { cwd: tempDir() });
    expect(r.code).toBe(0);
    for (const id of TEMPLATES) expect(r.stdout).toContain(id);
    expect(r.stdout).toContain('Warranty repair');
    const es = await exec(['--lang', 'es', 'plan', '--list-templates'], { cwd: tempDir() });
    expect(es.stdout).toContain('Reparación en garantía');
  });

  it('lists and plans the ledger\'s own templates; JSON for programs', async () => {
    const dir = await newLedger();
    mkdirSync(join(dir, 'templates'));
    const own = readFileSync(join(REPO, 'templates/services/installation.en.yaml'), 'utf8')
      .replace('template: installation', 'template: boiler-install')
      .replace('title: Installation and commissioning', 'title: Boiler installation');
    writeFileSync(join(dir, 'templates', 'boiler-install.yaml'), own);
    const table = await exec(['plan', '--list-templates'], { cwd: dir });
    expect(table.stdout).toMatch(/boiler-install \*.*Boiler installation/);
    const json = JSON.parse((await exec(['plan', '--list-templates', '--format', 'json'], { cwd: dir })).stdout);
    expect(json.schemaVersion).toBe(1);
    expect(json.templates.map((x: { id: string }) => x.id)).toEqual(['boiler-install', ...TEMPLATES]);
    expect(json.templates[0]).toMatchObject({ source: 'ledger', title: 'Boiler installation', lang: null });
    expect((await exec(['plan', 'boiler', '--template', 'boiler-install', '--yes'], { cwd: dir })).code).toBe(0);
    expect((await exec(['check'], { cwd: dir })).code).toBe(0);
  });

  it('a broken ledger template is left out of the list with a warning, and refused when used', async () => {
    const dir = await newLedger();
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'templates', 'broken.yaml'), 'title: Broken\nsummary: x\nroles: []\nservice: {}\nprocedure: {}\n');
    const list = await exec(['plan', '--list-templates'], { cwd: dir });
    expect(list.code).toBe(0);
    expect(list.stdout).not.toContain('broken');
    expect(list.stderr).toContain('template "broken" is not valid');
    const use = await exec(['plan', 'x', '--template', 'broken', '--yes'], { cwd: dir });
    expect(use.code).toBe(2);
    expect(use.stderr).toMatch(/broken\.yaml:\d+:\d+: required key "id" is missing/);
  });
});
