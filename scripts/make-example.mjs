#!/usr/bin/env node
// Writes the bundled example ledger examples/electrodomesticos-sol/ (and its README.md).
//
//   node scripts/make-example.mjs [--out examples/electrodomesticos-sol]
//
// Deterministic: re-running rewrites identical bytes. The ledger is a Spanish appliance
// maker's after-sales service over ~14 months with five PLANTED PROBLEMS that tests and the
// docs rely on; README.md (written from the same data) lists them with exact ids.
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  Rng,
  SERVICE_TEMPLATES,
  PROCEDURE_TEMPLATES,
  makeZone,
  monthRange,
  finishWorld,
  prepareOut,
  writeWorld,
  workBetween,
  flow,
} from './lib/ledger-gen.mjs';

const DEFAULT_SEED = 3; // chosen among 1..40 so that, planted problems aside, chance misses are few
let SEED = DEFAULT_SEED;
const ORGANISATION = 'Electrodomésticos Sol S.L.';
const FIRST_MONTH = '2025-10';
const LAST_MONTH = '2026-11';
const AS_OF = '2026-11-26T12:00:00+01:00'; // "now" of the example: records stop here
const V2_EFFECTIVE = '2026-06-01'; // instalacion@2 takes effect

// The planted problems (README.md repeats them with the record ids)
const SLOW = { person: 'luis', service: 'reparacion-garantia', factor: 3 };
const SKIPPED = { service: 'mantenimiento-preventivo', step: 'prueba-seguridad', perMonth: [3, 5] };
const EXPIRED = { person: 'jorge', course: 'gases-fluorados', expires: '2026-09-30', service: 'instalacion' };
const CSAT_DROP = { service: 'instalacion', month: '2026-08', penalty: 0.85 };

const T = (course, completed, expires) => (expires ? { course, completed, expires } : { course, completed });
const TEAM = [
  { id: 'marta', name: 'Marta Ruiz', roles: ['responsable-servicio'], training: [T('atencion-cliente', '2024-02-12'), T('gestion-calidad-iso9001', '2023-05-10', '2028-05-10')] },
  { id: 'ana', name: 'Ana García', roles: ['tecnico'], training: [T('diagnostico-electrodomesticos', '2023-03-10', '2028-03-10'), T('atencion-cliente', '2024-02-12'), T('gases-fluorados', '2022-06-15', '2027-06-15'), T('seguridad-electrica', '2024-09-20')] },
  { id: 'luis', name: 'Luis Fernández', roles: ['tecnico'], training: [T('diagnostico-electrodomesticos', '2022-10-03', '2027-10-03'), T('atencion-cliente', '2024-02-12'), T('gases-fluorados', '2023-04-20', '2028-04-20'), T('seguridad-electrica', '2024-09-20')] },
  { id: 'jorge', name: 'Jorge Martín', roles: ['tecnico'], training: [T('diagnostico-electrodomesticos', '2022-11-15', '2027-11-15'), T('atencion-cliente', '2024-02-12'), T(EXPIRED.course, '2021-09-30', EXPIRED.expires), T('seguridad-electrica', '2024-09-20')] },
  { id: 'pablo', name: 'Pablo Sánchez', roles: ['tecnico'], training: [T('diagnostico-electrodomesticos', '2024-01-22', '2029-01-22'), T('atencion-cliente', '2024-02-12'), T('gases-fluorados', '2024-03-05', '2029-03-05'), T('seguridad-electrica', '2024-09-20')] },
  { id: 'lucia', name: 'Lucía Romero', roles: ['agente-soporte'], training: [T('atencion-cliente', '2023-06-01'), T('soporte-remoto', '2023-06-20')] },
  { id: 'carmen', name: 'Carmen Díaz', roles: ['agente-soporte'], training: [T('atencion-cliente', '2024-02-12'), T('soporte-remoto', '2024-03-01')] },
  { id: 'david', name: 'David Moreno', roles: ['agente-soporte'], training: [T('atencion-cliente', '2025-09-01'), T('soporte-remoto', '2025-09-15')] },
];

const ASSIGNEES = {
  'reparacion-garantia': [['ana', 28], ['luis', 32], ['pablo', 25], ['jorge', 15]],
  instalacion: [['jorge', 35], ['pablo', 30], ['ana', 20], ['luis', 15]],
  'mantenimiento-preventivo': [['pablo', 35], ['ana', 30], ['jorge', 20], ['luis', 15]],
  'soporte-tecnico': [['lucia', 40], ['carmen', 35], ['david', 25]],
};
/** Records per month before seasonality. */
const BASE_VOLUME = { 'reparacion-garantia': 48, instalacion: 30, 'mantenimiento-preventivo': 18, 'soporte-tecnico': 45 };

function buildWorld() {
  const zone = makeZone('Europe/Madrid');
  const months = monthRange(FIRST_MONTH, 14);
  const rng = new Rng(SEED).fork('volumes');
  const templates = SERVICE_TEMPLATES.map((t) => ({ ...t, procedureTemplate: PROCEDURE_TEMPLATES.find((p) => p.id === t.id) }));
  // the last month stops at the as-of instant (noon of the 26th): scale its volume down
  const partial = { [LAST_MONTH]: 25.5 / 30 };
  const counts = templates.map((t) =>
    months.map((m) => Math.round(BASE_VOLUME[t.id] * t.sim.season[Number(m.slice(5)) - 1] * rng.float(0.9, 1.1) * (partial[m] ?? 1))),
  );
  return finishWorld({
    seed: SEED,
    zone,
    months,
    asOfMs: Date.parse(AS_OF),
    organisation: ORGANISATION,
    locale: 'es',
    templates,
    team: TEAM,
    assignees: ASSIGNEES,
    counts,
    effective: () => V2_EFFECTIVE,
    cancelScale: 0.35, // "a couple" of cancellations
    staleOpenRate: 0,
    gapRate: 0,
    skipRate: 0,
    objectives: [
      { id: 'csat-2026', description: 'CSAT de al menos el 85 % en el conjunto de los servicios', indicator: 'csat', target: flow({ min: '85%' }) },
    ],
    hooks: {
      durationFactor: (rec, svc) => (svc.id === SLOW.service && rec.assignee === SLOW.person ? SLOW.factor : 1),
      surveyPenalty: (rec, svc) => (svc.id === CSAT_DROP.service && rec.closedMonth === CSAT_DROP.month ? CSAT_DROP.penalty : undefined),
    },
    actionList: actions(),
  });
}

/** Three actions: one open and overdue, one done awaiting verification, one open on time. */
function actions() {
  const rng = new Rng(SEED).fork('actions');
  const id = (date) => `${date.replaceAll('-', '')}-${rng.crockford(8)}`;
  return [
    {
      id: id('2026-09-08'),
      type: 'corrective',
      title: 'Revisar la carga y el método de trabajo en las reparaciones en garantía',
      service: 'reparacion-garantia',
      requirement: 'tiempo-resolucion',
      deviation: 'reparacion-garantia/tiempo-resolucion/2026-08',
      opened: '2026-09-08',
      owner: 'marta',
      due: '2026-10-31',
      analysis: {
        category: 'people',
        whys: ['Las reparaciones tardan el triple cuando las hace un mismo técnico', 'Repite diagnósticos y vuelve a por piezas', 'No recibió la formación de diagnóstico del nuevo modelo LS-7'],
        root_cause: 'Falta de acompañamiento en el diagnóstico de los modelos nuevos',
      },
      plan: 'Acompañamiento de Ana en diez reparaciones y revisión semanal de los partes abiertos',
      status: 'open',
    },
    {
      id: id('2026-09-03'),
      type: 'corrective',
      title: 'Confirmar por SMS las citas de instalación en temporada alta',
      service: 'instalacion',
      requirement: 'satisfaccion',
      deviation: 'instalacion/satisfaccion/2026-08',
      opened: '2026-09-03',
      owner: 'marta',
      due: '2026-09-30',
      analysis: {
        category: 'method',
        whys: ['Los clientes valoraron mal las instalaciones de agosto', 'Muchas citas se cambiaron sin avisar', 'La agenda de agosto se gestionaba a mano con la mitad de la plantilla'],
        root_cause: 'Sin confirmación automática de citas durante el pico de aire acondicionado',
      },
      plan: 'Confirmación y recordatorio por SMS de cada cita y refuerzo de la agenda en julio y agosto',
      status: 'done',
      closed: '2026-09-25',
      verification: { after: '2026-09-30' },
    },
    {
      id: id('2026-11-09'),
      type: 'preventive',
      title: 'Renovar el certificado de gases fluorados de Jorge',
      service: 'instalacion',
      requirement: 'personal-formado',
      opened: '2026-11-09',
      owner: 'marta',
      due: '2026-12-18',
      plan: 'Inscribir a Jorge en la próxima convocatoria y asignar las instalaciones de aire acondicionado a otros técnicos hasta entonces',
      status: 'open',
    },
  ];
}

/** Planted problem (b): a handful of maintenance visits per month without the safety test. */
function plantSkippedSteps(world, records) {
  const rng = new Rng(SEED).fork('skipped');
  const byMonth = new Map();
  for (const r of records) {
    if (r.service !== SKIPPED.service || r.closed === undefined || r.outcome === 'cancelled') continue;
    if (!byMonth.has(r.closedMonth)) byMonth.set(r.closedMonth, []);
    byMonth.get(r.closedMonth).push(r);
  }
  const planted = new Map();
  for (const [month, list] of [...byMonth].sort()) {
    const chosen = [];
    const want = Math.min(list.length, rng.int(...SKIPPED.perMonth));
    while (chosen.length < want) {
      const r = rng.pick(list);
      if (!chosen.includes(r)) chosen.push(r);
    }
    for (const r of chosen) r.steps[SKIPPED.step] = 'skipped';
    planted.set(month, chosen.map((r) => r.id).sort());
  }
  return planted;
}

// --- facts for the README --------------------------------------------------------------------

function percentile(xs, p) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const h = ((s.length - 1) * p) / 100;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[lo + 1] ?? s[lo]) - s[lo]);
}

/** Business hours of a record (calendar oficina), pauses excluded: SPEC §2. */
function businessHours(world, svc, r) {
  const z = world.zone;
  let min = workBetween(z, svc.schedule, r.opened, r.closed);
  for (const p of r.paused ?? []) min -= workBetween(z, svc.schedule, Math.max(p.from, r.opened), Math.min(p.to, r.closed));
  return min / 60;
}

function facts(world, records, skipped) {
  const svcById = new Map(world.services.map((s) => [s.id, s]));
  const closedIn = (svc, month) => records.filter((r) => r.service === svc && r.closedMonth === month && r.outcome !== 'cancelled');
  const slow = world.months.map((m) => {
    const list = closedIn(SLOW.service, m);
    const hrs = (rs) => rs.map((r) => businessHours(world, svcById.get(SLOW.service), r));
    const mine = list.filter((r) => r.assignee === SLOW.person);
    const others = list.filter((r) => r.assignee !== SLOW.person);
    return { month: m, n: mine.length, p90: percentile(hrs(mine), 90), median: percentile(hrs(mine), 50), othersP90: percentile(hrs(others), 90), othersMedian: percentile(hrs(others), 50) };
  });
  const csat = world.months.map((m) => {
    const s = closedIn(CSAT_DROP.service, m).filter((r) => r.survey);
    return { month: m, n: s.length, share: s.length ? s.filter((r) => r.survey.csat >= 4).length / s.length : null };
  });
  const untrained = records
    .filter((r) => r.assignee === EXPIRED.person && r.service === EXPIRED.service && world.zone.date(r.opened) >= EXPIRED.expires)
    .map((r) => (r.closed === undefined ? `${r.id} (open)` : r.id))
    .sort();
  const openMonths = [...new Set(records.filter((r) => r.closed === undefined).map((r) => world.zone.month(r.opened)))].sort();
  const open = records.filter((r) => r.closed === undefined).map((r) => `${r.id} (${r.service})`).sort();
  const cancelled = records.filter((r) => r.outcome === 'cancelled').map((r) => `${r.id} (${r.service})`).sort();
  const perService = world.services.map((s) => [s.id, records.filter((r) => r.service === s.id).length]);
  return { slow, csat, untrained, open, openMonths, cancelled, skipped, perService, total: records.length };
}

const h1 = (x) => (x === null ? '—' : x.toFixed(1));
const pct = (x) => (x === null ? '—' : `${(x * 100).toFixed(0)}%`);

function readme(world, f) {
  const actions = world.actionList;
  const lines = [
    `# ${ORGANISATION} — example ledger`,
    '',
    'A realistic after-sales ledger of a Spanish appliance maker (washing machines, fridges, air',
    'conditioners…), with Spanish names and descriptions. It is **generated**: do not edit it by hand,',
    'change and re-run `node scripts/make-example.mjs` (deterministic: same bytes every run).',
    '',
    '```sh',
    'aftersales --ledger examples/electrodomesticos-sol check',
    `aftersales --ledger examples/electrodomesticos-sol control --as-of ${AS_OF}`,
    '```',
    '',
    `- \`locale: es\`, \`timezone: Europe/Madrid\`, \`period: month\`, \`history: 12\`; business calendar`,
    '  `oficina` (Mon–Fri 09:00–14:00 and 15:00–18:00, Sat 10:00–13:00, Spanish and Madrid holidays),',
    '  used by `reparacion-garantia`; strategic objective `csat-2026` (CSAT ≥ 85% over all services).',
    `- ${f.total} records opened from ${FIRST_MONTH}-01 to 2026-11-26, before the as-of instant`,
    `  \`${AS_OF}\`; with that as-of the default control period is **2026-10**.`,
    `- Records per service: ${f.perService.map(([s, n]) => `\`${s}\` ${n}`).join(', ')}.`,
    '- Team: `marta` (responsable-servicio, owner of every service); technicians (`tecnico`) `ana`,',
    '  `luis`, `jorge`, `pablo`; support agents (`agente-soporte`) `lucia`, `carmen`, `david`.',
    `- Procedure \`instalacion\` is at version 2, effective ${V2_EFFECTIVE} (adds the optional step`,
    '  `formacion-usuario`); installation records opened before that date cite `instalacion@1`, later',
    '  ones `instalacion@2`. The other procedures are at version 1.',
    '- Requirements of all four kinds on every service, built-in indicators plus two inline ones',
    '  (`reparacion-garantia/cortesia`: mean of `survey.courtesy`; `soporte-tecnico/esfuerzo-bajo`:',
    '  share of `survey.effort` ≥ 5). Apart from the planted problems, most targets are met most months.',
    '',
    '## Planted problems',
    '',
    `### (a) Slow technician: \`${SLOW.person}\` on \`${SLOW.service}\``,
    '',
    `Every month, \`${SLOW.person}\`'s warranty repairs take about ${SLOW.factor}× the working time of the other`,
    `technicians'. He is the top cause (dimension \`assignee\`, value \`${SLOW.person}\`) of requirement`,
    '`reparacion-garantia/tiempo-resolucion` (resolution_time p90, target max 28h, critical 40h,',
    'business hours of calendar `oficina`). Business hours per closed record, pauses excluded:',
    '',
    '| month | luis n | luis median | luis p90 | others median | others p90 |',
    '|---|---|---|---|---|---|',
    ...f.slow.map((s) => `| ${s.month} | ${s.n} | ${h1(s.median)} | ${h1(s.p90)} | ${h1(s.othersMedian)} | ${h1(s.othersP90)} |`),
    '',
    `### (b) Mandatory step skipped: \`${SKIPPED.service}\`, step \`${SKIPPED.step}\``,
    '',
    `Each month a handful of closed maintenance records mark the mandatory step \`${SKIPPED.step}\` as`,
    '`skipped` (problem code `step-not-done`; lowers `procedure_adherence`). By month of `closed`:',
    '',
    '| month | records |',
    '|---|---|',
    ...[...f.skipped].map(([m, ids]) => `| ${m} | ${ids.map((i) => `\`${i}\``).join(' ')} |`),
    '',
    `### (c) Expired training: \`${EXPIRED.person}\`, course \`${EXPIRED.course}\``,
    '',
    `\`${EXPIRED.person}\`'s \`${EXPIRED.course}\` certificate expired on ${EXPIRED.expires} (\`expires: ${EXPIRED.expires}\` in`,
    `team.yaml). \`${EXPIRED.service}\` requires it of role \`tecnico\`, and he keeps doing installations:`,
    '`training` deviation (problem `expired`), `assignee-untrained` in `compliance`, and a drop of',
    `\`${EXPIRED.service}/personal-formado\` (trained_staff) from 2026-10. His ${f.untrained.length} installation`,
    `records opened on or after ${EXPIRED.expires}:`,
    '',
    f.untrained.map((i) => `\`${i.split(' ')[0]}\`${i.includes('(open)') ? ' (still open)' : ''}`).join(', '),
    '',
    `### (d) CSAT drop: \`${CSAT_DROP.service}\` in ${CSAT_DROP.month}`,
    '',
    `In ${CSAT_DROP.month} most installation surveys give \`csat\` 1–3 (summer peak of air-conditioner`,
    `installations, appointments moved without notice). Requirement \`${CSAT_DROP.service}/satisfaccion\``,
    '(csat, min 80%, critical 70%) is critical that month; NPS drops with it. Share of surveys with',
    'csat ≥ 4 among records closed in each month:',
    '',
    '| month | surveys | csat ≥ 4 |',
    '|---|---|---|',
    ...f.csat.map((c) => `| ${c.month} | ${c.n} | ${pct(c.share)} |`),
    '',
    '### (e) Open and cancelled records',
    '',
    `Still open at the as-of instant (${f.open.length}, opened in ${f.openMonths.join(', ')}):`,
    '',
    ...f.open.map((o) => `- \`${o.split(' ')[0]}\` ${o.split(' ')[1]}`),
    '',
    `Outcome \`cancelled\` (${f.cancelled.length}; they count only in \`volume\`):`,
    '',
    ...f.cancelled.map((o) => `- \`${o.split(' ')[0]}\` ${o.split(' ')[1]}`),
    '',
    '## Actions',
    '',
    '| id | type | status | about |',
    '|---|---|---|---|',
    `| \`${actions[0].id}\` | corrective | open, **overdue** (due ${actions[0].due}) | answers \`${actions[0].deviation}\` (problem a) |`,
    `| \`${actions[1].id}\` | corrective | done ${actions[1].closed}, \`verification.after: ${actions[1].verification.after}\` (verified in 2026-10) | answers \`${actions[1].deviation}\` (problem d) |`,
    `| \`${actions[2].id}\` | preventive | open, due ${actions[2].due} (not overdue) | renew \`${EXPIRED.person}\`'s \`${EXPIRED.course}\` (problem c) |`,
    '',
  ];
  return lines.join('\n');
}

function main() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: path.join(here, '..', 'examples', 'electrodomesticos-sol') },
      seed: { type: 'string', default: String(DEFAULT_SEED) }, // only to try alternatives; the bundled example uses the default
    },
  });
  SEED = Number(values.seed);
  const out = values.out;
  const world = buildWorld();
  prepareOut(out, ['README.md']);
  let f;
  const res = writeWorld(world, out, {
    collect: (records) => {
      const skipped = plantSkippedSteps(world, records);
      f = facts(world, records, skipped);
    },
  });
  fs.writeFileSync(path.join(out, 'README.md'), readme(world, f));
  console.log(`example written to ${path.relative(process.cwd(), out) || '.'}: ${res.records} records, ${res.files + 1} files`);
}

main();
