// `aftersales team` end to end on the built bin: list, plan, and the team.yaml edits (comments
// and layout kept, `check` clean after every edit, bad input exits 2 and changes nothing).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cleanup, copyFixture, hasStackTrace, exec } from '../helpers/run.js';
import { localDate } from '../../src/time/index.js';

afterAll(cleanup);

const AS_OF = '2026-11-27';

function ledger(name = 'team-comments') {
  const dir = copyFixture(name);
  const team = join(dir, 'team.yaml');
  return {
    dir,
    team,
    run: (...args: string[]) => exec(['--ledger', dir, ...args]),
    read: () => readFileSync(team, 'utf8'),
  };
}

/** `after` is `before` with `inserted` spliced in at one place: no other byte changed. */
function insertedOnly(before: string, after: string, inserted: string): void {
  const at = after.indexOf(inserted);
  expect(at, `inserted text not found in:\n${after}`).toBeGreaterThanOrEqual(0);
  expect(after.slice(0, at) + after.slice(at + inserted.length)).toBe(before);
}

async function expectClean(l: ReturnType<typeof ledger>): Promise<void> {
  const check = await l.run('check');
  expect(check.stdout + check.stderr).toContain('no problems');
  expect(check.code).toBe(0);
}

describe('team list', () => {
  it('shows people, roles, courses held and what each service still needs (json)', async () => {
    const l = ledger();
    const r = await l.run('team', 'list', '--as-of', AS_OF, '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.schemaVersion).toBe(1);
    expect(out.asOf).toBe(AS_OF);
    expect(out.people.map((p: { id: string }) => p.id)).toEqual(['ana', 'luis', 'marta']);
    const [ana, luis, marta] = out.people;
    expect(ana).toEqual({
      id: 'ana', name: 'Ana García', roles: ['technician'],
      courses: [
        { course: 'diagnostics', completed: '2025-03-10', expires: '2027-03-10', status: 'valid' },
        // expires 18 days after the as-of date: within 60 days
        { course: 'safety', completed: '2024-01-15', expires: '2026-12-15', status: 'expiring' },
      ],
      needs: [
        { service: 'repair', course: 'safety', problem: 'expiring', expires: '2026-12-15' },
        { service: 'support', course: 'safety', problem: 'expiring', expires: '2026-12-15' },
      ],
    });
    expect(luis.roles).toEqual(['technician', 'agent']);
    expect(luis.courses).toEqual([{ course: 'diagnostics', completed: '2022-10-03', expires: '2026-10-03', status: 'expired' }]);
    expect(luis.needs).toEqual([
      { service: 'repair', course: 'diagnostics', problem: 'expired', expires: '2026-10-03' },
      { service: 'repair', course: 'safety', problem: 'missing' },
      { service: 'support', course: 'customer-care', problem: 'missing' },
      { service: 'support', course: 'safety', problem: 'missing' },
    ]);
    expect(marta).toEqual({ id: 'marta', name: 'Marta Ruiz', roles: ['manager'], courses: [], needs: [] });
    // deterministic: same ledger, same flags, same bytes
    expect((await l.run('team', 'list', '--as-of', AS_OF, '--format', 'json')).stdout).toBe(r.stdout);
  });

  it('a table for people, filtered by role; `team` alone lists', async () => {
    const l = ledger();
    const r = await l.run('team', '--as-of', AS_OF, '--role', 'agent');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Team on ${AS_OF}`);
    expect(r.stdout).toContain('Luis Fernández');
    expect(r.stdout).not.toContain('Ana García');
    expect(r.stdout).toContain('support: customer-care missing');
    expect(r.stdout).toContain('repair: diagnostics expired on 2026-10-03');
    expect(r.stdout).toContain('1 person(s), 4 training need(s)');
    expect(r.stdout).not.toMatch(/\x1b\[/); // NO_COLOR
  });

  it('judges on today in the ledger time zone by default', async () => {
    const l = ledger();
    const out = JSON.parse((await l.run('team', 'list', '--format', 'json')).stdout);
    expect(out.asOf).toBe(localDate(Date.now(), 'Europe/Madrid'));
  });

  it('--as-of in the past leaves out courses completed later', async () => {
    const l = ledger();
    const out = JSON.parse((await l.run('team', 'list', '--as-of', '2024-06-01', '--format', 'json')).stdout);
    const ana = out.people.find((p: { id: string }) => p.id === 'ana');
    // only the 2025 renewal of diagnostics exists in the file, completed after 2024-06-01
    expect(ana.courses.map((c: { course: string }) => c.course)).toEqual(['safety']);
    expect(ana.needs).toContainEqual({ service: 'repair', course: 'diagnostics', problem: 'missing' });
  });

  it('in Spanish', async () => {
    const l = ledger();
    const r = await l.run('--lang', 'es', 'team', '--as-of', AS_OF);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Equipo a ${AS_OF}`);
    expect(r.stdout).toContain('support: falta customer-care');
    expect(r.stdout).toContain('safety hasta el 2026-12-15 (por caducar)');
  });

  it('bad flags exit 2 with a hint and no stack trace', async () => {
    const l = ledger();
    const role = await l.run('team', 'list', '--role', 'technican');
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('no role "technican" in team.yaml');
    expect(role.stderr).toContain('did you mean "technician"?');
    const asOf = await l.run('team', 'list', '--as-of', '2026-13-01');
    expect(asOf.code).toBe(2);
    expect(asOf.stderr).toContain('--as-of "2026-13-01"');
    expect((await l.run('team', 'list', '--format', 'csv')).code).toBe(2);
    for (const r of [role, asOf]) expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('refuses an invalid team.yaml (exit 2, names the problem)', async () => {
    const l = ledger();
    writeFileSync(l.team, l.read().replace('roles: [manager]', 'roles: [boss]'));
    const r = await l.run('team', 'list');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('team.yaml:');
    expect(r.stderr).toContain('unknown-role');
  });
});

describe('team plan', () => {
  it('groups who must take which course by when (json)', async () => {
    const l = ledger();
    const r = await l.run('team', 'plan', '--as-of', AS_OF, '--format', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.schemaVersion).toBe(1);
    expect(out.asOf).toBe(AS_OF);
    expect(out.horizon).toBe('2027-01-26'); // 60 days
    expect(out.courses).toEqual([
      { course: 'customer-care', services: ['support'], people: [{ id: 'luis', name: 'Luis Fernández', problem: 'missing', due: AS_OF, services: ['support'] }] },
      {
        course: 'diagnostics', services: ['repair'],
        people: [{ id: 'luis', name: 'Luis Fernández', problem: 'expired', due: AS_OF, expires: '2026-10-03', services: ['repair'] }],
      },
      {
        course: 'safety', services: ['repair', 'support'],
        people: [
          { id: 'luis', name: 'Luis Fernández', problem: 'missing', due: AS_OF, services: ['repair', 'support'] },
          { id: 'ana', name: 'Ana García', problem: 'expiring', due: '2026-12-15', expires: '2026-12-15', services: ['repair', 'support'] },
        ],
      },
    ]);
  });

  it('--within sets the horizon for expiring courses', async () => {
    const l = ledger();
    const short = JSON.parse((await l.run('team', 'plan', '--as-of', AS_OF, '--within', '2w', '--format', 'json')).stdout);
    expect(short.courses.find((c: { course: string }) => c.course === 'safety').people.map((p: { id: string }) => p.id)).toEqual(['luis']);
    const long = JSON.parse((await l.run('team', 'plan', '--as-of', AS_OF, '--within', '6mo', '--format', 'json')).stdout);
    expect(long.horizon).toBe('2027-05-27');
    expect(long.courses.find((c: { course: string }) => c.course === 'diagnostics').people.map((p: { id: string }) => p.id)).toEqual(['luis', 'ana']);
    expect((await l.run('team', 'plan', '--within', '2m')).code).toBe(2);
  });

  it('as a table and as markdown', async () => {
    const l = ledger();
    const table = await l.run('team', 'plan', '--as-of', AS_OF);
    expect(table.code).toBe(0);
    // one table (issue 15), soonest due first, the course and who requires it as columns
    const rows = table.stdout.split('\n').filter((l) => /^(now|\d{4}-)/.test(l));
    expect(rows.map((l) => l.split(/ {2,}/).slice(1, 3))).toEqual([
      ['customer-care', 'luis (Luis Fernández)'], ['diagnostics', 'luis (Luis Fernández)'], ['safety', 'luis (Luis Fernández)'], ['safety', 'ana (Ana García)'],
    ]);
    expect(rows[2]).toMatch(/missing +repair, support$/);
    expect(table.stdout).toContain(`now (${AS_OF})`);
    expect(table.stdout).toContain('expires on 2026-12-15');
    expect(table.stdout).toContain('3 course(s) to book for 2 person(s)');
    const md = await l.run('team', 'plan', '--as-of', AS_OF, '--format', 'markdown');
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('| Due | Course | Person | Problem | Required by |');
    expect(md.stdout).toContain('| now (2026-11-27) | customer-care | luis (Luis Fernández) | missing | support |');
    expect(md.stdout).toContain('| 2026-12-15 | safety | ana (Ana García) | expires on 2026-12-15 | repair, support |');
  });

  it('nothing to plan: says so, exit 0', async () => {
    const l = ledger('minimal');
    const r = await l.run('team', 'plan', '--as-of', '2026-11-27');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('nobody needs training by 2027-01-26');
    expect(JSON.parse((await l.run('team', 'plan', '--as-of', '2026-11-27', '--format', 'json')).stdout).courses).toEqual([]);
  });
});

describe('team role add / team add / team train', () => {
  it('team role add appends the role, keeping every other byte; check stays clean', async () => {
    const l = ledger();
    const before = l.read();
    const r = await l.run('team', 'role', 'add', 'trainee', '--name', 'Trainee: junior', '--reports-to', 'technician', '--description', 'learns on the job');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('added role trainee (Trainee: junior) to team.yaml');
    insertedOnly(before, l.read(), '  - id: trainee\n    name: "Trainee: junior"\n    reports_to: technician\n    description: learns on the job\n');
    await expectClean(l);
  });

  it('team add appends the person with roles in the file\'s flow style', async () => {
    const l = ledger();
    const before = l.read();
    const r = await l.run('team', 'add', 'pablo', '--name', 'Pablo Sánchez', '--role', 'technician', '--role', 'agent', '--email', 'pablo@example.com');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('added pablo (Pablo Sánchez) to team.yaml with role(s): technician, agent');
    insertedOnly(before, l.read(), '  - id: pablo\n    name: Pablo Sánchez\n    email: pablo@example.com\n    roles: [technician, agent]\n');
    expect(l.read().endsWith('# Temporary staff are not listed here.\n')).toBe(true);
    await expectClean(l);
  });

  it('team train records the course with its expiry and evidence', async () => {
    const l = ledger();
    const before = l.read();
    const r = await l.run('team', 'train', 'luis', '--course', 'customer-care', '--completed', '2026-11-20', '--valid-for', '2y', '--evidence', 'cert #45');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('recorded customer-care for luis: completed 2026-11-20, valid until 2028-11-20');
    insertedOnly(before, l.read(), '      - { course: customer-care, completed: 2026-11-20, expires: 2028-11-20, evidence: "cert #45" }\n');
    await expectClean(l);
    // and the need is gone
    const luis = JSON.parse((await l.run('team', 'list', '--as-of', AS_OF, '--format', 'json')).stdout).people.find((p: { id: string }) => p.id === 'luis');
    expect(luis.needs.map((n: { course: string }) => n.course)).not.toContain('customer-care');
  });

  it('team train with --expires, and for a person without training yet', async () => {
    const l = ledger();
    const before = l.read();
    expect((await l.run('team', 'train', 'marta', '--course', 'safety', '--completed', '2026-11-01', '--expires', '2028-11-01')).code).toBe(0);
    insertedOnly(before, l.read(), '    training:\n      - { course: safety, completed: 2026-11-01, expires: 2028-11-01 }\n');
    await expectClean(l);
    // a day-based validity: 730 days from 2026-11-01
    expect((await l.run('team', 'train', 'marta', '--course', 'safety', '--completed', '2026-11-02', '--valid-for', '730d')).stdout).toContain('valid until 2028-11-01');
    await expectClean(l);
  });

  it('a course no service requires is recorded with a warning', async () => {
    const l = ledger();
    const r = await l.run('team', 'train', 'ana', '--course', 'saftey', '--completed', '2026-11-01');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: no service requires the course "saftey"; recorded anyway');
    expect(r.stderr).toContain('did you mean "safety"?');
    expect(r.stdout).toContain('recorded saftey for ana: completed 2026-11-01, no expiry');
    expect(parse(l.read()).people[1].training.at(-1)).toEqual({ course: 'saftey', completed: '2026-11-01' });
    await expectClean(l);
    const es = await l.run('--lang', 'es', 'team', 'train', 'ana', '--course', 'ingles', '--completed', '2026-11-02');
    expect(es.stderr).toContain('aviso: ningún servicio exige el curso "ingles"');
  });

  it('a completion date after today is recorded with a warning', async () => {
    const l = ledger();
    const r = await l.run('team', 'train', 'ana', '--course', 'safety', '--completed', '2099-01-01');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: the completion date 2099-01-01 is after today');
    await expectClean(l);
  });

  it('the role, then the person, then their training into a ledger without team.yaml', async () => {
    const l = ledger();
    rmSync(l.team);
    const first = await l.run('team', 'role', 'add', 'manager', '--name', 'Service manager');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('created team.yaml');
    expect(l.read().startsWith('# yaml-language-server: $schema=./.aftersales/schema/team.json\nroles:\n  - id: manager\n')).toBe(true);
    for (const [id, name] of [['technician', 'Technician'], ['agent', 'Agent']]) {
      expect((await l.run('team', 'role', 'add', id, '--name', name, '--reports-to', 'manager')).code).toBe(0);
    }
    expect((await l.run('team', 'add', 'ana', '--name', 'Ana', '--role', 'technician')).code).toBe(0);
    expect((await l.run('team', 'train', 'ana', '--course', 'safety', '--completed', '2026-01-01', '--valid-for', '24mo')).code).toBe(0);
    expect(parse(l.read())).toEqual({
      roles: [
        { id: 'manager', name: 'Service manager' },
        { id: 'technician', name: 'Technician', reports_to: 'manager' },
        { id: 'agent', name: 'Agent', reports_to: 'manager' },
      ],
      people: [{ id: 'ana', name: 'Ana', roles: ['technician'], training: [{ course: 'safety', completed: '2026-01-01', expires: '2028-01-01' }] }],
    });
    await expectClean(l);
  });
});

describe('bad input exits 2 and changes nothing', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown role', ['team', 'add', 'pablo', '--name', 'Pablo', '--role', 'technican'], /no role "technican".*\n.*did you mean "technician"\?/],
    ['unknown reports-to', ['team', 'role', 'add', 'trainee', '--name', 'T', '--reports-to', 'manger'], /no role "manger".*\n.*did you mean "manager"\?/],
    ['unknown person', ['team', 'train', 'luiz', '--course', 'safety', '--completed', '2026-11-01'], /no person "luiz".*\n.*did you mean "luis"\?/],
    ['malformed date', ['team', 'train', 'luis', '--course', 'safety', '--completed', '2026-02-30'], /bad --completed "2026-02-30": not a date/],
    ['malformed expiry', ['team', 'train', 'luis', '--course', 'safety', '--completed', '2026-02-01', '--expires', '01/02/2028'], /bad --expires/],
    ['expiry before completion', ['team', 'train', 'luis', '--course', 'safety', '--completed', '2026-11-01', '--expires', '2026-10-01'], /expiry 2026-10-01 is not after the completion 2026-11-01/],
    ['expiry on completion', ['team', 'train', 'luis', '--course', 'safety', '--completed', '2026-11-01', '--expires', '2026-11-01'], /not after the completion/],
    ['both --expires and --valid-for', ['team', 'train', 'luis', '--course', 'safety', '--completed', '2026-11-01', '--expires', '2028-11-01', '--valid-for', '2y'], /not both/],
    ['minutes as validity', ['team', 'train', 'luis', '--course', 'safety', '--completed', '2026-11-01', '--valid-for', '24m'], /bad --valid-for "24m"[^]*24mo/],
    ['bad course id', ['team', 'train', 'luis', '--course', 'Safety Course', '--completed', '2026-11-01'], /bad course id "Safety Course"/],
    ['missing --completed', ['team', 'train', 'luis', '--course', 'safety'], /--completed is required/],
    ['same course and date again', ['team', 'train', 'luis', '--course', 'diagnostics', '--completed', '2022-10-03'], /already has diagnostics completed on 2022-10-03/],
    ['duplicate person', ['team', 'add', 'ana', '--name', 'Ana', '--role', 'technician'], /already a person "ana"/],
    ['duplicate role', ['team', 'role', 'add', 'agent', '--name', 'Agent'], /already a role "agent"/],
    ['bad person id', ['team', 'add', 'Ana_2', '--name', 'Ana', '--role', 'technician'], /bad person id "Ana_2"/],
    ['no role', ['team', 'add', 'pablo', '--name', 'Pablo'], /--role is required/],
    ['no name', ['team', 'add', 'pablo', '--role', 'agent'], /--name is required/],
    ['empty name', ['team', 'add', 'pablo', '--name', ' ', '--role', 'agent'], /--name must not be empty/],
    ['bad e-mail', ['team', 'add', 'pablo', '--name', 'P', '--role', 'agent', '--email', 'pablo'], /bad --email "pablo"/],
    ['self report', ['team', 'role', 'add', 'boss', '--name', 'Boss', '--reports-to', 'boss'], /cannot report to itself/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const l = ledger();
      const before = readFileSync(l.team);
      const r = await l.run(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain('hint:');
      expect(hasStackTrace(r.stderr)).toBe(false);
      expect(r.stdout).toBe('');
      expect(readFileSync(l.team).equals(before)).toBe(true);
    });
  }

  it('an edit of a team.yaml that has errors is refused', async () => {
    const l = ledger();
    writeFileSync(l.team, l.read().replace('roles: [manager]', 'roles: [boss]'));
    const before = readFileSync(l.team);
    const r = await l.run('team', 'role', 'add', 'boss', '--name', 'Boss');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('team.yaml has 1 error(s); fix them before editing it');
    expect(r.stderr).toMatch(/team\.yaml:\d+:\d+: unknown-role/);
    expect(readFileSync(l.team).equals(before)).toBe(true);
  });

  it('without team.yaml, an unknown role refuses and creates nothing', async () => {
    const l = ledger();
    rmSync(l.team);
    const r = await l.run('team', 'add', 'ana', '--name', 'Ana', '--role', 'technician');
    expect(r.code).toBe(2);
    expect(() => readFileSync(l.team)).toThrow();
  });
});
