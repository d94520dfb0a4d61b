// `plan` on a terminal, answered by a script: the questions come in their documented order,
// the answers land in the files, the template's comments stay next to their values, team.yaml
// keeps its comments, and what is written passes `check`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCheck } from '../../../src/commands/check.js';
import { runInit } from '../../../src/commands/init.js';
import { runPlan } from '../../../src/commands/plan.js';
import { translator, type Lang } from '../../../src/i18n/index.js';
import { memoryIO } from '../../../src/io/io.js';
import { scriptedPrompter } from '../../../src/io/prompt.js';
import { NEW_ROLE } from '../../../src/planning/interview.js';
import { cleanup, tempDir } from '../../helpers/run.js';

afterAll(cleanup);

const NOW = Date.parse('2026-11-27T10:00:00Z');

async function newLedger(lang: Lang = 'en'): Promise<string> {
  const dir = join(tempDir(), 'ledger');
  await runInit({ cwd: '/', io: memoryIO({ lang, t: translator(lang), now: NOW }), dir });
  return dir;
}

function io(prompter?: ReturnType<typeof scriptedPrompter>, lang: Lang = 'en') {
  return memoryIO({ lang, t: translator(lang), now: NOW, prompter });
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

async function checkClean(dir: string): Promise<void> {
  const out = io();
  const r = await runCheck({ cwd: dir, io: out });
  expect(out.stdout.join('')).toContain('no problems');
  expect(r.exitCode).toBe(0);
}

// warranty-repair has 13 requirements, 5 resources (2 of people) and 2 training needs.
const DEFAULT_TARGETS = new Array(12).fill(undefined);

describe('plan on a terminal', () => {
  it('asks everything in order and writes what was answered', async () => {
    const dir = await newLedger();
    const prompter = scriptedPrompter([
      'warranty-repair', // template
      'reparacion', // service id
      'Reparación en garantía', // name
      NEW_ROLE, // owner: a role that does not exist yet
      'jefe-taller', // its id
      'Jefe de taller', // its name
      ['phone', 'web', 'scheduled'], // channels: drop email, add scheduled
      'Revisión anual', // description of the new channel
      undefined, // every: the default 365d
      '4d / 6d', // resolution-time
      ...DEFAULT_TARGETS,
      '6', '480', // Field technicians: quantity, capacity
      undefined, undefined, // Dispatchers: keep
      '', '', // toolkit, parts: no quantity
      '6', // vans
      'product-diagnostics, electrical-safety', // technician
      '', // dispatcher: no training need
      true, // write
    ]);
    const out = io(prompter);
    const r = await runPlan({ cwd: dir, io: out });
    expect(r.exitCode).toBe(0);
    expect(r.written).toEqual(['services/reparacion.yaml', 'procedures/reparacion.yaml', 'team.yaml']);

    expect(prompter.asked[0]).toBe('Template');
    expect(prompter.asked[9]).toContain('resolution-time');
    expect(prompter.asked[9]).toContain('max');
    expect(prompter.asked).toHaveLength(32);
    expect(prompter.asked.at(-1)).toBe('Write services/reparacion.yaml, procedures/reparacion.yaml?');

    const text = read(dir, 'services/reparacion.yaml');
    expect(text.startsWith('# yaml-language-server: $schema=../.aftersales/schema/service.json\n')).toBe(true);
    // The answered target keeps the comment that says where the default came from.
    expect(text).toContain('target: { max: 4d, critical: 6d } # common field-service SLA: 90% of repairs within 5 days');
    expect(text).toContain('# ISO 9001 7.2 (competence)');
    expect(text).toContain('# --- interpersonal ---');
    const service = parse(text);
    expect(service.id).toBe('reparacion');
    expect(service.name).toBe('Reparación en garantía');
    expect(service.owner).toBe('jefe-taller');
    expect(service.procedure).toBe('reparacion');
    expect(service.need).toEqual([
      { channel: 'phone', description: 'Customer calls the service line to report a fault' },
      { channel: 'web', description: 'Customer fills in the repair request form on the website' },
      { channel: 'scheduled', description: 'Revisión anual', every: '365d' },
    ]);
    expect(service.requirements).toHaveLength(13);
    expect(service.resources[0]).toMatchObject({ quantity: 6, capacity: 480 });
    expect(service.resources[1]).toMatchObject({ quantity: 1 });
    expect(service.resources[4]).toMatchObject({ kind: 'vehicle', quantity: 6 });
    expect(service.training).toEqual([{ role: 'technician', courses: ['product-diagnostics', 'electrical-safety'] }]);

    const procedure = parse(read(dir, 'procedures/reparacion.yaml'));
    expect(procedure).toMatchObject({ id: 'reparacion', version: 1, effective: '2026-11-27' });
    expect(procedure.steps.map((s: { id: string }) => s.id)).toContain('diagnose');

    const team = read(dir, 'team.yaml');
    expect(team).toContain('#     roles: [service-manager]'); // init's commented example survives
    expect(parse(team).roles.map((x: { id: string }) => x.id)).toEqual(['service-manager', 'dispatcher', 'technician', 'jefe-taller']);
    expect(parse(team).roles[1]).toEqual({ id: 'dispatcher', name: 'Service dispatcher', reports_to: 'service-manager' });
    expect(out.stdout.join('')).toContain('added the roles dispatcher, technician, jefe-taller');
    await checkClean(dir);
  });

  it('skips the questions answered by flags and applies --set first', async () => {
    const dir = await newLedger();
    const prompter = scriptedPrompter([
      undefined, // name: shown with the --set value as default
      'service-manager', // owner
      undefined, // channels: as planned
      ...new Array(13).fill(undefined),
      ...new Array(7).fill(undefined),
      undefined, undefined,
      true,
    ]);
    const r = await runPlan({ cwd: dir, io: io(prompter), id: 'garantia', template: 'warranty-repair', set: ['name=Garantía'] });
    expect(r.exitCode).toBe(0);
    expect(prompter.asked[0]).toBe('Service name');
    const service = parse(read(dir, 'services/garantia.yaml'));
    expect(service.name).toBe('Garantía');
    expect(service.requirements[0].target).toEqual({ max: '5d', critical: '7d' });
    await checkClean(dir);
  });

  it('refuses an answer that does not fit, and an id already taken', async () => {
    const dir = await newLedger();
    await runPlan({ cwd: dir, io: io(), template: 'help-desk', yes: true });
    // the id of an existing service is refused by the question itself
    const taken = scriptedPrompter(['help-desk', 'help-desk']);
    await expect(runPlan({ cwd: dir, io: io(taken) })).rejects.toThrow(/rejected: services\/help-desk.yaml already exists/);
    // a duration is not a ratio (csat is the 7th requirement of warranty-repair)
    const bad = scriptedPrompter(['warranty-repair', 'rep', undefined, undefined, undefined, ...new Array(6).fill(undefined), '5d']);
    await expect(runPlan({ cwd: dir, io: io(bad) })).rejects.toThrow(/"5d" does not fit an indicator measured in ratio/);
    expect(existsSync(join(dir, 'services/rep.yaml'))).toBe(false);
  });

  it('writes nothing when the plan is not confirmed', async () => {
    const dir = await newLedger();
    const before = read(dir, 'team.yaml');
    // every question takes its default; the confirmation says no
    const prompter = scriptedPrompter(new Array(40).fill(undefined));
    prompter.confirm = async () => false;
    const out = io(prompter);
    const r = await runPlan({ cwd: dir, io: out, id: 'pm', template: 'spare-parts' });
    expect(r).toEqual({ exitCode: 0, written: [] });
    expect(out.stdout.join('')).toContain('Nothing written.');
    expect(existsSync(join(dir, 'services/pm.yaml'))).toBe(false);
    expect(existsSync(join(dir, 'procedures/pm.yaml'))).toBe(false);
    expect(read(dir, 'team.yaml')).toBe(before);
  });

  it('asks in Spanish and writes the Spanish template in a Spanish ledger', async () => {
    const dir = await newLedger('es');
    const prompter = scriptedPrompter(new Array(40).fill(undefined).map((_, i) => (i === 0 ? 'complaint-handling' : undefined)));
    prompter.confirm = async () => true;
    const r = await runPlan({ cwd: dir, io: io(prompter, 'es') });
    expect(r.exitCode).toBe(0);
    expect(prompter.asked[0]).toBe('Plantilla');
    expect(prompter.asked[1]).toBe('Id del servicio (también el del procedimiento)');
    // Spanish ids (issue 15): the service, its requirements and roles, and the manager role the
    // Spanish `init` created (no English twin beside it).
    const text = read(dir, 'services/gestion-reclamaciones.yaml');
    expect(text).toContain('Gestión de reclamaciones');
    expect(text).toContain('# Planificado con `aftersales plan` a partir de la plantilla');
    expect(text).toContain('owner: responsable-calidad');
    expect(text).toMatch(/- id: reclamaciones-resueltas\n/);
    const roles = parse(read(dir, 'team.yaml')).roles.map((x: { id: string }) => x.id);
    expect(roles).toContain('responsable-servicio');
    expect(roles.filter((id: string) => /manager|officer|technician/.test(id))).toEqual([]);
    await checkClean(dir);
  });
});

describe('plan without a terminal', () => {
  it('names the missing flags (exit 2) and writes nothing', async () => {
    const dir = await newLedger();
    await expect(runPlan({ cwd: dir, io: io() })).rejects.toMatchObject({ exitCode: 2, message: 'missing answers: ID, --template T, --yes' });
    await expect(runPlan({ cwd: dir, io: io(), template: 'installation' })).rejects.toThrow('missing answers: ID, --yes');
    await expect(runPlan({ cwd: dir, io: io(), id: 'inst', template: 'installation' })).rejects.toThrow('missing answers: --yes');
    await expect(runPlan({ cwd: dir, io: io(), yes: true })).rejects.toThrow('missing answers: --template T');
    await expect(runPlan({ cwd: dir, io: io(), id: 'inst', yes: true })).rejects.toThrow('missing answers: --template T');
    expect(existsSync(join(dir, 'services/inst.yaml'))).toBe(false);
  });

  it('--yes asks nothing even when a prompter is there', async () => {
    const dir = await newLedger();
    const prompter = scriptedPrompter([]);
    const r = await runPlan({ cwd: dir, io: io(prompter), template: 'installation', yes: true });
    expect(r.exitCode).toBe(0);
    expect(prompter.asked).toEqual([]);
    expect(existsSync(join(dir, 'services/installation.yaml'))).toBe(true);
  });

  it('an ID that is a template id picks that template', async () => {
    const dir = await newLedger();
    const r = await runPlan({ cwd: dir, io: io(), id: 'user-training', yes: true });
    expect(r.written).toContain('services/user-training.yaml');
  });
});
