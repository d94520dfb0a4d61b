// Deterministic, seeded generator of aftersales ledgers (SPEC §1).
//
// Used by scripts/generate.mjs (benchmark / test ledgers of any size) and by
// scripts/make-example.mjs (the bundled example with planted problems).
// Plain ESM, no build step, no Math.random and no clock: the same arguments
// always give the same bytes.
//
// Layout of this file:
//   1. PRNG            seeded mulberry32 + helpers
//   2. Time            ledger-timezone formatting (DST correct), dates, months
//   3. Calendars       business hours, used to place `closed` inside working time
//   4. YAML emitter    small, deterministic, always-quoted-when-unsure scalars
//   5. Catalogue       products, parts, causes, service and procedure templates (Spanish)
//   6. World           the plan of a ledger: settings, team, services, volumes
//   7. Simulation      one record at a time, chronologically
//   8. Writing         files on disk, generateLedger()

import fs from 'node:fs';
import path from 'node:path';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// 1. PRNG

/** mulberry32: tiny, fast, good enough for synthetic data. Returns floats in [0,1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, to derive independent sub-streams from labels. */
export function hashString(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

export class Rng {
  constructor(seed) {
    this.seed = seed >>> 0;
    this.next = mulberry32(this.seed);
  }
  /** An independent stream: consuming it never shifts this one (ids stay stable when content changes). */
  fork(label) {
    return new Rng(hashString(`${this.seed}:${label}`));
  }
  float(a = 0, b = 1) {
    return a + (b - a) * this.next();
  }
  int(a, b) {
    return a + Math.floor(this.next() * (b - a + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  pick(arr) {
    return arr[Math.floor(this.next() * arr.length)];
  }
  /** pairs: [[value, weight], ...] */
  weighted(pairs) {
    let total = 0;
    for (const p of pairs) total += p[1];
    let x = this.next() * total;
    for (const p of pairs) {
      x -= p[1];
      if (x < 0) return p[0];
    }
    return pairs[pairs.length - 1][0];
  }
  normal() {
    // Box-Muller; 1 - u avoids log(0)
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  lognormal(median, sigma) {
    return median * Math.exp(sigma * this.normal());
  }
  crockford(n = 8) {
    let s = '';
    for (let i = 0; i < n; i++) s += CROCKFORD[Math.floor(this.next() * 32)];
    return s;
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Time

const pad2 = (n) => (n < 10 ? '0' : '') + n;

/** 'YYYY-MM-DD' of a day number (days since 1970-01-01). */
export function dayToDate(day) {
  return new Date(day * DAY).toISOString().slice(0, 10);
}
export function dateToDay(date) {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY);
}
/** 'YYYY-MM' + n months. */
export function addMonths(label, n) {
  const [y, m] = label.split('-').map(Number);
  const k = y * 12 + (m - 1) + n;
  return `${Math.floor(k / 12)}-${pad2((k % 12) + 1)}`;
}
export function monthRange(first, count) {
  return Array.from({ length: count }, (_, i) => addMonths(first, i));
}
/** Calendar months added to a date, clamped to the month's end (SPEC §4 out-of-warranty). */
export function addMonthsToDate(date, n) {
  const [y, m, d] = date.split('-').map(Number);
  const label = addMonths(`${y}-${pad2(m)}`, n);
  const [ny, nm] = label.split('-').map(Number);
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${label}-${pad2(Math.min(d, last))}`;
}

/**
 * Formatting and wall-clock conversion in an IANA zone. Offsets come from Intl and are
 * cached per quarter hour (every zone's transitions fall on quarter hours), so formatting
 * 100k records costs a few thousand Intl calls.
 */
export function makeZone(timeZone) {
  const dtf = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const cache = new Map();
  const QUARTER = 15 * MIN;

  /** Offset of the zone at instant ms, in minutes (Madrid: 60 or 120). */
  function offsetMin(ms) {
    const key = Math.floor(ms / QUARTER);
    let off = cache.get(key);
    if (off === undefined) {
      const at = key * QUARTER;
      const p = {};
      for (const { type, value } of dtf.formatToParts(new Date(at))) p[type] = value;
      const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
      off = Math.round((wall - at) / MIN);
      cache.set(key, off);
    }
    return off;
  }
  /** Wall-clock ms (local time read as if UTC) of an instant. */
  function toWall(ms) {
    return ms + offsetMin(ms) * MIN;
  }
  /**
   * Instant of a wall-clock time. The two offsets in force half a day around it are the only
   * candidates; in the autumn overlap the larger one (summer time, the earlier instant) wins,
   * and a time in the spring gap takes the offset from before the gap.
   */
  function fromWall(wall) {
    const before = offsetMin(wall - 14 * HOUR);
    const after = offsetMin(wall + 14 * HOUR);
    for (const off of before >= after ? [before, after] : [after, before]) {
      const t = wall - off * MIN;
      if (offsetMin(t) === off) return t;
    }
    return wall - before * MIN;
  }
  /** ISO 8601 with the zone's offset: 2026-11-02T09:14:00+01:00 */
  function format(ms) {
    const off = offsetMin(ms);
    const iso = new Date(ms + off * MIN).toISOString().slice(0, 19);
    const a = Math.abs(off);
    return `${iso}${off < 0 ? '-' : '+'}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`;
  }
  function date(ms) {
    return new Date(toWall(ms)).toISOString().slice(0, 10);
  }
  function month(ms) {
    return new Date(toWall(ms)).toISOString().slice(0, 7);
  }
  return { timeZone, offsetMin, toWall, fromWall, format, date, month };
}

// ---------------------------------------------------------------------------------------------
// 3. Calendars

const WEEKDAYS = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

function parseClock(s) {
  const [h, m] = s.split(':').map(Number);
  return h * 60 + m;
}

/**
 * Parses SPEC §1.1 calendar hours, e.g. { "mon-fri": "09:00-14:00,15:00-18:00", sat: "10:00-13:00" },
 * into per-weekday minute intervals (index 0 = Sunday).
 */
export function parseSchedule(hours, holidays = []) {
  const days = Array.from({ length: 7 }, () => []);
  for (const [key, spans] of Object.entries(hours)) {
    const [from, to = from] = key.split('-');
    const ivals = spans.split(',').map((s) => s.trim().split('-').map(parseClock));
    for (let d = WEEKDAYS[from]; ; d = (d + 1) % 7) {
      days[d].push(...ivals);
      if (d === WEEKDAYS[to]) break;
    }
  }
  for (const d of days) d.sort((a, b) => a[0] - b[0]);
  return { days, holidays: new Set(holidays) };
}

const weekdayOfDay = (day) => (day + 4) % 7; // 1970-01-01 was a Thursday

/**
 * The instant reached after `minutes` of working time from `startMs`, counting only the
 * schedule's hours on non-holidays. Used so that `closed` and pauses fall in working time.
 */
export function addWork(zone, sched, startMs, minutes) {
  const wall = zone.toWall(startMs);
  let day = Math.floor(wall / DAY);
  let minute = (wall - day * DAY) / MIN;
  let left = minutes;
  for (let guard = 0; guard < 3660; guard++, day++, minute = 0) {
    if (sched.holidays.size && sched.holidays.has(dayToDate(day))) continue;
    for (const [a, b] of sched.days[weekdayOfDay(day)]) {
      if (minute >= b) continue;
      const s = Math.max(a, minute);
      if (left <= b - s) return zone.fromWall(day * DAY + (s + left) * MIN);
      left -= b - s;
      minute = b;
    }
  }
  throw new Error('addWork: schedule has no working time');
}

/** Working minutes of the schedule between two instants (the inverse of addWork). */
export function workBetween(zone, sched, fromMs, toMs) {
  if (toMs <= fromMs) return 0;
  const a = zone.toWall(fromMs);
  const b = zone.toWall(toMs);
  let total = 0;
  for (let day = Math.floor(a / DAY); day <= Math.floor(b / DAY); day++) {
    if (sched.holidays.size && sched.holidays.has(dayToDate(day))) continue;
    const lo = Math.max(0, (a - day * DAY) / MIN);
    const hi = Math.min(1440, (b - day * DAY) / MIN);
    for (const [s, e] of sched.days[weekdayOfDay(day)]) total += Math.max(0, Math.min(e, hi) - Math.max(s, lo));
  }
  return total;
}

/** Spanish national holidays (plus Good Friday and Madrid's 2 May / 15 May) for a year. */
export function spanishHolidays(year) {
  // Anonymous Gregorian algorithm for Easter Sunday
  const a = year % 19, b = Math.floor(year / 100), c = year % 100;
  const d = Math.floor(b / 4), e = b % 4, f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  const goodFriday = dayToDate(dateToDay(`${year}-${pad2(month)}-${pad2(day)}`) - 2);
  const fixed = ['01-01', '01-06', '05-01', '05-02', '05-15', '08-15', '10-12', '11-01', '12-06', '12-08', '12-25'];
  return [...fixed.map((md) => `${year}-${md}`), goodFriday].sort();
}

// ---------------------------------------------------------------------------------------------
// 4. YAML emitter
//
// Hand-rolled rather than yaml.stringify so that the layout is fixed (flow maps for short
// leaves such as `steps`, `survey`, targets) and so that generation stays fast.

/** Text written verbatim (timestamps, money with two decimals). */
export class Raw {
  constructor(text) {
    this.text = text;
  }
}
/** A map or list written in flow style: { a: 1, b: x } / [a, b]. */
export class Flow {
  constructor(value) {
    this.value = value;
  }
}
export const raw = (text) => new Raw(text);
export const flow = (value) => new Flow(value);
export const money = (n) => new Raw(n.toFixed(2));

// Plain (unquoted) strings: start with a letter, no YAML indicators, not a reserved word.
const PLAIN_WORD = /^[\p{L}_][\p{L}\p{N}_ ./()@'-]*$/u;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n)$/i;
// Strings starting with a digit that we know to be strings under the YAML 1.2 core schema:
// dates, months, timestamps, durations, record ids.
const PLAIN_DIGIT = /^(\d{4}-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z))?)?|\d+(\.\d+)?[mhdw]|\d{8}-[0-9a-z]{8})$/;

export function scalar(v) {
  if (v instanceof Raw) return v.text;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  const s = String(v);
  if ((PLAIN_WORD.test(s) && !RESERVED.test(s) && !s.endsWith(' ')) || PLAIN_DIGIT.test(s)) return s;
  return JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar
}

const isLeaf = (v) => v === null || v instanceof Raw || typeof v !== 'object';

function flowText(v) {
  if (v instanceof Flow) v = v.value;
  if (isLeaf(v)) return scalar(v);
  if (Array.isArray(v)) return v.length ? `[${v.map(flowText).join(', ')}]` : '[]';
  const parts = [];
  for (const [k, x] of Object.entries(v)) if (x !== undefined) parts.push(`${scalar(k)}: ${flowText(x)}`);
  return parts.length ? `{ ${parts.join(', ')} }` : '{}';
}

/** Inline text of a value, or null when it needs block layout. */
function inlineText(v) {
  if (isLeaf(v) || v instanceof Flow) return flowText(v);
  if (Array.isArray(v) && (v.length === 0 || v.every(isLeaf))) return flowText(v);
  return null;
}

function blockMap(obj, indent, lines) {
  const pad = ' '.repeat(indent);
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    const key = scalar(k);
    const inl = inlineText(v);
    if (inl !== null) {
      lines.push(`${pad}${key}: ${inl}`);
    } else if (Array.isArray(v)) {
      lines.push(`${pad}${key}:`);
      blockList(v, indent + 2, lines);
    } else if (Object.keys(v).length === 0) {
      lines.push(`${pad}${key}: {}`);
    } else {
      lines.push(`${pad}${key}:`);
      blockMap(v, indent + 2, lines);
    }
  }
}

function blockList(arr, indent, lines) {
  const pad = ' '.repeat(indent);
  for (const item of arr) {
    const inl = inlineText(item);
    if (inl !== null) {
      lines.push(`${pad}- ${inl}`);
      continue;
    }
    // a map item: lay it out at indent + 2, then put the dash on its first line
    const sub = [];
    blockMap(item, indent + 2, sub);
    sub[0] = `${pad}- ${sub[0].slice(indent + 2)}`;
    lines.push(...sub);
  }
}

/** A whole document: optional first comment line, then the map. Always ends with a newline. */
export function toYaml(obj, comment) {
  const lines = comment ? [comment] : [];
  blockMap(obj, 0, lines);
  return lines.join('\n') + '\n';
}

/** The yaml-language-server line for a file `depth` folders below the ledger root. */
export function schemaComment(kind, depth) {
  const rel = depth === 0 ? '.' : Array(depth).fill('..').join('/');
  return `# yaml-language-server: $schema=${rel}/.aftersales/schema/${kind}.json`;
}

// ---------------------------------------------------------------------------------------------
// 5. Catalogue (Spanish domain data shared by the generator and the example)

export const PRODUCTS = [
  { id: 'lavadora-ls7', name: 'Lavadora Sol LS-7 (8 kg)', warranty: 36, prefix: 'LS7', share: 0.22 },
  { id: 'frigorifico-fc3', name: 'Frigorífico combi FC-3', warranty: 36, prefix: 'FC3', share: 0.16 },
  { id: 'lavavajillas-lv5', name: 'Lavavajillas LV-5', warranty: 36, prefix: 'LV5', share: 0.14 },
  { id: 'horno-hp2', name: 'Horno pirolítico HP-2', warranty: 36, prefix: 'HP2', share: 0.1 },
  { id: 'aire-split-as9', name: 'Aire acondicionado split AS-9', warranty: 60, maintenance: '365d', prefix: 'AS9', share: 0.14, summer: true },
  { id: 'termo-te4', name: 'Termo eléctrico TE-4 (80 l)', warranty: 36, maintenance: '730d', prefix: 'TE4', share: 0.1 },
  { id: 'campana-cd1', name: 'Campana decorativa CD-1', warranty: 36, prefix: 'CD1', share: 0.06 },
  { id: 'secadora-sb6', name: 'Secadora con bomba de calor SB-6', warranty: 36, prefix: 'SB6', share: 0.08 },
];

/** Spare parts per product: [ref, unit cost]. */
export const PARTS = {
  'lavadora-ls7': [['ROD-6204', 18.4], ['BOM-LS7', 32.9], ['PLC-LS7', 89.0], ['JNT-LS7', 24.5]],
  'frigorifico-fc3': [['TER-FC3', 27.3], ['VEN-FC3', 35.6], ['JNT-FC3', 29.9], ['PLC-FC3', 96.0]],
  'lavavajillas-lv5': [['BOM-LV5', 41.2], ['RES-LV5', 38.75], ['SNS-LV5', 15.8]],
  'horno-hp2': [['RES-HP2', 33.4], ['TER-HP2', 22.6], ['VEN-HP2', 28.1]],
  'aire-split-as9': [['CND-AS9', 22.1], ['PLC-AS9', 112.0], ['SNS-AS9', 14.6]],
  'termo-te4': [['RES-TE4', 45.0], ['ANO-TE4', 18.9], ['TER-TE4', 21.5]],
  'campana-cd1': [['MOT-CD1', 58.0], ['FLT-CD1', 12.0]],
  'secadora-sb6': [['BOM-SB6', 37.5], ['SNS-SB6', 16.2], ['FLT-SB6', 9.8]],
};
/** Consumables of preventive maintenance and installation kits. */
export const CONSUMABLES = {
  'aire-split-as9': { maintenance: ['FLT-AS9', 12.5], install: ['KIT-AS9', 45.0] },
  'termo-te4': { maintenance: ['ANO-TE4', 18.9], install: ['KIT-TE4', 16.0] },
  'lavavajillas-lv5': { install: ['KIT-LV5', 9.5] },
  'horno-hp2': { install: ['KIT-HP2', 6.0] },
  'campana-cd1': { install: ['KIT-CD1', 11.0] },
};

/** 6M cause details (Spanish) per category. */
export const CAUSES = {
  material: ['rodamiento desgastado', 'placa electrónica defectuosa', 'junta deteriorada', 'bomba de desagüe averiada', 'resistencia fundida', 'sonda de temperatura defectuosa'],
  method: ['instalación incorrecta', 'configuración de fábrica errónea', 'procedimiento de montaje no seguido', 'programa mal seleccionado'],
  people: ['uso inadecuado por el cliente', 'error en una visita anterior', 'mantenimiento no realizado por el cliente'],
  machine: ['defecto de ensamblaje en la línea', 'fallo del banco de pruebas de fábrica'],
  measurement: ['termostato descalibrado', 'lectura errónea del sensor de nivel'],
  environment: ['subida de tensión en la red', 'cal en el agua', 'humedad en la ubicación', 'ventilación insuficiente'],
};

/** Survey comments, for visits at home (field) and for the help desk (desk). */
const COMMENTS = {
  field: {
    good: ['Muy amable', 'Rápido y eficaz', 'Todo perfecto, gracias', 'El técnico lo explicó todo muy bien', 'Puntual y limpio'],
    mid: ['Correcto, aunque tardaron en venir', 'Tuve que llamar dos veces', 'Bien, pero la cita se retrasó'],
    bad: ['Nadie avisó del retraso', 'Tardaron demasiado', 'Tuve que insistir mucho', 'El problema sigue sin resolverse', 'La cita se cambió sin avisar'],
  },
  desk: {
    good: ['Muy amable', 'Me lo solucionaron por teléfono', 'Todo perfecto, gracias', 'La agente lo explicó muy bien'],
    mid: ['Correcto, aunque esperé bastante', 'Tuve que llamar dos veces'],
    bad: ['Me pasaron de un agente a otro', 'No me dieron solución', 'Demasiada espera al teléfono'],
  },
};
const NOTES = [
  'Cliente solicita visita por la tarde',
  'Acceso por la puerta trasera',
  'Avisar antes de llegar',
  'Cliente mayor, explicar con calma',
  'Segunda vivienda, coordinar llaves',
  'Aparato empotrado, llevar ayudante',
];

export const ROLES = [
  { id: 'responsable-servicio', name: 'Responsable del servicio posventa' },
  { id: 'tecnico', name: 'Técnico de campo', reports_to: 'responsable-servicio' },
  { id: 'agente-soporte', name: 'Agente de soporte técnico', reports_to: 'responsable-servicio' },
];

export const COURSES = {
  tecnico: ['diagnostico-electrodomesticos', 'atencion-cliente', 'gases-fluorados', 'seguridad-electrica'],
  'agente-soporte': ['atencion-cliente', 'soporte-remoto'],
  'responsable-servicio': ['atencion-cliente', 'gestion-calidad-iso9001'],
};

export const CALENDAR_HOURS = { 'mon-fri': '09:00-14:00,15:00-18:00', sat: '10:00-13:00' };
/** Working time used to place timestamps of services that declare no calendar. */
const FIELD_HOURS = { 'mon-fri': '08:00-20:00', sat: '09:00-14:00' };
const DESK_HOURS = { 'mon-fri': '08:00-20:00', sat: '09:00-14:00' };

/**
 * Procedures. `since` marks a step added by a later version: records citing an older
 * version do not list it. Every step of a procedure belongs to one role, the role the
 * record's assignee must hold.
 */
export const PROCEDURE_TEMPLATES = [
  {
    id: 'reparacion-garantia',
    name: 'Procedimiento de reparación en garantía',
    version: 1,
    steps: [
      { id: 'verificar-garantia', name: 'Verificar la garantía con la fecha de compra', mandatory: true, captures: ['sold'] },
      { id: 'diagnostico', name: 'Diagnosticar la avería', mandatory: true, captures: ['cause'] },
      { id: 'intervencion', name: 'Reparar, ajustar o sustituir el aparato', mandatory: true },
      { id: 'prueba-funcionamiento', name: 'Probar el aparato delante del cliente', mandatory: true },
      { id: 'cierre-parte', name: 'Cerrar el parte con visitas y costes', mandatory: true, captures: ['visits', 'cost'] },
      { id: 'encuesta', name: 'Ofrecer la encuesta de satisfacción', mandatory: false, captures: ['survey'] },
    ],
  },
  {
    id: 'instalacion',
    name: 'Procedimiento de instalación',
    version: 2,
    steps: [
      { id: 'comprobar-emplazamiento', name: 'Comprobar el emplazamiento y las tomas', mandatory: true },
      { id: 'montaje', name: 'Montar y conectar el aparato', mandatory: true },
      { id: 'puesta-en-marcha', name: 'Poner en marcha y registrar el número de serie', mandatory: true, captures: ['serial'] },
      { id: 'formacion-usuario', name: 'Enseñar al cliente a usar el aparato', mandatory: false, since: 2 },
      { id: 'cierre-parte', name: 'Cerrar el parte con costes', mandatory: true, captures: ['cost'] },
      { id: 'encuesta', name: 'Ofrecer la encuesta de satisfacción', mandatory: false, captures: ['survey'] },
    ],
  },
  {
    id: 'mantenimiento-preventivo',
    name: 'Procedimiento de mantenimiento preventivo',
    version: 1,
    steps: [
      { id: 'inspeccion', name: 'Inspeccionar el aparato según la lista de control', mandatory: true },
      { id: 'limpieza', name: 'Limpiar filtros, intercambiadores y desagües', mandatory: true },
      { id: 'prueba-seguridad', name: 'Prueba de seguridad eléctrica y de fugas', mandatory: true },
      { id: 'sustitucion-consumibles', name: 'Sustituir consumibles', mandatory: false, captures: ['parts'] },
      { id: 'cierre-parte', name: 'Cerrar el parte con costes', mandatory: true, captures: ['cost'] },
      { id: 'encuesta', name: 'Ofrecer la encuesta de satisfacción', mandatory: false, captures: ['survey'] },
    ],
  },
  {
    id: 'soporte-tecnico',
    name: 'Procedimiento de soporte técnico a distancia',
    version: 1,
    steps: [
      { id: 'identificar-cliente', name: 'Identificar al cliente y el aparato', mandatory: true, captures: ['customer', 'product'] },
      { id: 'diagnostico-remoto', name: 'Diagnosticar a distancia', mandatory: true, captures: ['cause'] },
      { id: 'solucion', name: 'Guiar la solución o derivar a reparación', mandatory: true },
      { id: 'encuesta', name: 'Ofrecer la encuesta de satisfacción', mandatory: false, captures: ['survey'] },
    ],
  },
];
const PROCEDURE_ROLE = {
  'reparacion-garantia': 'tecnico',
  instalacion: 'tecnico',
  'mantenimiento-preventivo': 'tecnico',
  'soporte-tecnico': 'agente-soporte',
};

/**
 * Service specifications (the YAML content) together with the simulation parameters that
 * make their records look real. `spec(ctx)` returns the YAML object; ctx carries values that
 * depend on the ledger's size (volumes, capacity).
 */
export const SERVICE_TEMPLATES = [
  {
    id: 'reparacion-garantia',
    sim: {
      asset: 'warranty',
      schedule: 'calendar',
      channels: [['phone', 55], ['web', 25], ['email', 15], ['chat', 5]],
      priorities: [['low', 10], ['normal', 65], ['high', 18], ['urgent', 7]],
      products: [['lavadora-ls7', 25], ['frigorifico-fc3', 20], ['lavavajillas-lv5', 17], ['horno-hp2', 10], ['aire-split-as9', 12], ['termo-te4', 7], ['campana-cd1', 3], ['secadora-sb6', 6]],
      work: { median: 11, sigma: 0.45 },
      pause: { rate: 0.18, median: 14, sigma: 0.5, reasons: ['esperando piezas', 'cliente ausente'] },
      visits: [[1, 85], [2, 12], [3, 3]],
      outcomes: [['resolved', 86], ['replaced', 5], ['no-fault-found', 4], ['unresolved', 3], ['refunded', 2]],
      cancelRate: 0.008,
      causes: [['material', 55], ['method', 12], ['people', 12], ['environment', 10], ['measurement', 6], ['machine', 5]],
      partsRate: 0.75,
      cost: { base: 30, perHour: 36, onsite: 1.2 },
      surveyRate: 0.62,
      repeatRate: 0.05,
      season: [1, 0.95, 1, 1, 1.05, 1.15, 1.25, 1.25, 1.1, 1, 0.95, 1],
      share: 0.34,
    },
    spec: (ctx) => ({
      id: 'reparacion-garantia',
      name: 'Reparación en garantía',
      description: 'Reparación a domicilio de aparatos en periodo de garantía.',
      owner: 'responsable-servicio',
      procedure: 'reparacion-garantia',
      calendar: 'oficina',
      warranty: true,
      need: [
        { channel: 'phone', description: 'El cliente llama a la línea de servicio técnico' },
        { channel: 'web', description: 'Formulario de avería en la web' },
        { channel: 'email', description: 'Correo al servicio técnico' },
        { channel: 'chat', description: 'Chat de la web y de la app' },
      ],
      requirements: [
        req('tiempo-resolucion', 'quantitative', 'El 90 % de las reparaciones resueltas en 28 horas laborables', 'resolution_time', { stat: 'p90', target: { max: '28h', critical: '40h' } }),
        req('tasa-reclamaciones-garantia', 'quantitative', 'Menos de 0,8 avisos en garantía por cada 1000 aparatos en garantía', 'warranty_claim_rate', { target: { max: 0.8, critical: 1 } }),
        req('coste-medio', 'quantitative', 'Coste medio por reparación por debajo de 120 €', 'cost', { stat: 'mean', target: { max: 120, critical: 140 } }),
        req('utilizacion', 'quantitative', 'Carga de los técnicos por debajo del 90 % de su capacidad', 'utilisation', { target: { max: '90%', critical: '100%' } }),
        req('primera-visita', 'qualitative', 'Al menos el 60 % resuelto en la primera visita', 'first_time_fix', { target: { min: '60%', critical: '50%' } }),
        req('reincidencia', 'qualitative', 'Menos del 8 % de aparatos vuelven a avisar en 30 días', 'repeat_rate', { within: '30d', target: { max: '8%', critical: '12%' } }),
        req('sla-prioritarias', 'process', 'El 80 % de los avisos prioritarios cerrados en 24 horas laborables', 'sla_compliance', { within: '24h', where: { priority: ['high', 'urgent'] }, target: { min: '80%', critical: '65%' } }),
        req('adherencia-procedimiento', 'process', 'El 95 % de los partes siguen todos los pasos obligatorios', 'procedure_adherence', { target: { min: '95%', critical: '90%' } }),
        req('personal-formado', 'process', 'Todas las reparaciones las hace personal con la formación exigida', 'trained_staff', { target: { min: '95%', critical: '85%' } }),
        req('satisfaccion', 'interpersonal', 'Al menos el 85 % de clientes satisfechos (CSAT 4 o 5)', 'csat', { target: { min: '85%', critical: '75%' } }),
        req('cortesia', 'interpersonal', 'Cortesía del técnico valorada con 4,4 o más', flow({ type: 'mean', field: 'survey.courtesy' }), { target: { min: 4.4, critical: 4 } }),
      ],
      resources: [
        { name: 'Técnicos de campo', kind: 'people', role: 'tecnico', quantity: ctx.technicians, capacity: ctx.capacity },
        { name: 'Stock de repuestos', kind: 'parts' },
        { name: 'Furgonetas de servicio', kind: 'vehicle', quantity: ctx.technicians },
      ],
      training: [{ role: 'tecnico', courses: ['diagnostico-electrodomesticos', 'atencion-cliente'] }],
      benchmarks: [
        { requirement: 'tiempo-resolucion', source: 'Acuerdo de nivel de servicio público de la competencia', value: '24h' },
        { requirement: 'satisfaccion', source: 'Estudio sectorial de satisfacción 2026', value: '88%' },
      ],
    }),
  },
  {
    id: 'instalacion',
    sim: {
      asset: 'install',
      schedule: 'field',
      channels: [['proactive', 50], ['phone', 25], ['web', 25]],
      priorities: [['normal', 85], ['high', 15]],
      products: [['aire-split-as9', 50], ['lavavajillas-lv5', 15], ['horno-hp2', 12], ['campana-cd1', 10], ['termo-te4', 13]],
      work: { median: 9, sigma: 0.55 },
      pause: { rate: 0.08, median: 10, sigma: 0.5, reasons: ['obra no preparada', 'cliente ausente'] },
      visits: [[1, 90], [2, 10]],
      outcomes: [['resolved', 96], ['unresolved', 3], ['refunded', 1]],
      cancelRate: 0.012,
      causes: [['method', 50], ['environment', 30], ['material', 20]],
      causeRate: 0.1,
      cost: { base: 40, perHour: 36, onsite: 2.2 },
      surveyRate: 0.6,
      repeatRate: 0.01,
      optionalDone: 0.8,
      season: [0.8, 0.8, 0.9, 1, 1.2, 1.6, 1.9, 1.9, 1.2, 0.9, 0.9, 1.2],
      share: 0.22,
    },
    spec: (ctx) => ({
      id: 'instalacion',
      name: 'Instalación',
      description: 'Instalación y puesta en marcha en casa del cliente de los aparatos que lo requieren.',
      owner: 'responsable-servicio',
      procedure: 'instalacion',
      need: [
        { channel: 'proactive', description: 'Alta automática al vender un aparato con instalación incluida' },
        { channel: 'phone', description: 'El cliente llama para concertar la instalación' },
        { channel: 'web', description: 'Cita de instalación reservada en la web' },
      ],
      requirements: [
        req('plazo-instalacion', 'quantitative', 'El 90 % de las instalaciones terminadas en 72 horas desde el aviso', 'resolution_time', { stat: 'p90', target: { max: '72h', critical: '96h' } }),
        req('utilizacion', 'quantitative', 'Carga de los instaladores por debajo del 95 % de su capacidad', 'utilisation', { target: { max: '95%', critical: '100%' } }),
        req('recomendacion', 'qualitative', 'NPS de las instalaciones de 30 o más', 'nps', { target: { min: 30, critical: 15 } }),
        req('adherencia-procedimiento', 'process', 'El 95 % de las instalaciones siguen todos los pasos obligatorios', 'procedure_adherence', { target: { min: '95%', critical: '90%' } }),
        req('registros-completos', 'process', 'El 98 % de los partes cerrados están completos', 'record_completeness', { target: { min: '98%', critical: '90%' } }),
        req('personal-formado', 'process', 'Todas las instalaciones las hace personal certificado', 'trained_staff', { target: { min: '95%', critical: '85%' } }),
        req('satisfaccion', 'interpersonal', 'Al menos el 80 % de clientes satisfechos (CSAT 4 o 5)', 'csat', { target: { min: '80%', critical: '70%' } }),
      ],
      resources: [
        { name: 'Técnicos instaladores', kind: 'people', role: 'tecnico', quantity: ctx.technicians, capacity: ctx.capacity },
        { name: 'Kits de instalación', kind: 'parts' },
        { name: 'Bomba de vacío y manómetros', kind: 'equipment', quantity: 2 },
      ],
      training: [{ role: 'tecnico', courses: ['gases-fluorados', 'atencion-cliente'] }],
      benchmarks: [{ requirement: 'recomendacion', source: 'Panel de clientes 2026', value: 35 }],
    }),
  },
  {
    id: 'mantenimiento-preventivo',
    sim: {
      asset: 'maintenance',
      schedule: 'field',
      channels: [['scheduled', 75], ['phone', 25]],
      priorities: [['low', 60], ['normal', 40]],
      products: [['aire-split-as9', 70], ['termo-te4', 30]],
      work: { median: 6, sigma: 0.5 },
      pause: { rate: 0.05, median: 8, sigma: 0.5, reasons: ['cliente ausente'] },
      visits: [[1, 95], [2, 5]],
      outcomes: [['resolved', 97], ['unresolved', 3]],
      cancelRate: 0.01,
      causes: [['material', 40], ['environment', 35], ['people', 25]],
      causeRate: 0.3,
      consumablesRate: 0.6,
      cost: { base: 25, perHour: 36, onsite: 1 },
      surveyRate: 0.55,
      repeatRate: 0.01,
      season: [0.7, 0.8, 1, 1.4, 1.6, 1.2, 0.8, 0.6, 0.9, 1.2, 1, 0.8],
      share: 0.14,
    },
    spec: (ctx) => ({
      id: 'mantenimiento-preventivo',
      name: 'Mantenimiento preventivo',
      description: 'Revisión periódica de aires acondicionados y termos para evitar averías.',
      owner: 'responsable-servicio',
      procedure: 'mantenimiento-preventivo',
      need: [
        { channel: 'scheduled', description: 'Revisión anual desde la compra o la última intervención', every: '365d' },
        { channel: 'phone', description: 'El cliente pide la revisión por teléfono' },
      ],
      requirements: [
        req('revisiones-realizadas', 'quantitative', `Al menos ${ctx.volumeMin} revisiones al mes`, 'volume', { target: { min: ctx.volumeMin, critical: Math.max(1, Math.round(ctx.volumeMin * 0.6)) } }),
        req('coste-medio', 'quantitative', 'Coste medio por revisión por debajo de 95 €', 'cost', { stat: 'mean', target: { max: 95, critical: 115 } }),
        req('reincidencia', 'qualitative', 'Menos del 5 % de aparatos revisados avisan de una avería en 60 días', 'repeat_rate', { within: '60d', target: { max: '5%', critical: '10%' } }),
        req('adherencia-procedimiento', 'process', 'El 95 % de las revisiones siguen todos los pasos obligatorios', 'procedure_adherence', { target: { min: '95%', critical: '85%' } }),
        req('personal-formado', 'process', 'Todas las revisiones las hace personal con la formación exigida', 'trained_staff', { target: { min: '95%', critical: '85%' } }),
        req('satisfaccion', 'interpersonal', 'Al menos el 80 % de clientes satisfechos (CSAT 4 o 5)', 'csat', { target: { min: '80%', critical: '65%' } }),
      ],
      resources: [
        { name: 'Técnicos de mantenimiento', kind: 'people', role: 'tecnico', quantity: ctx.technicians, capacity: ctx.capacity },
        { name: 'Filtros y ánodos', kind: 'parts' },
      ],
      training: [{ role: 'tecnico', courses: ['seguridad-electrica', 'diagnostico-electrodomesticos'] }],
    }),
  },
  {
    id: 'soporte-tecnico',
    sim: {
      asset: 'any',
      schedule: 'desk',
      channels: [['phone', 50], ['chat', 25], ['email', 15], ['web', 10]],
      priorities: [['low', 20], ['normal', 70], ['high', 10]],
      products: PRODUCTS.map((p) => [p.id, p.share]),
      work: { median: 1, sigma: 0.8 },
      pause: { rate: 0.1, median: 5, sigma: 0.6, reasons: ['esperando respuesta del cliente'] },
      visits: [[1, 70], [2, 22], [3, 8]],
      outcomes: [['resolved', 82], ['unresolved', 10], ['no-fault-found', 8]],
      cancelRate: 0.004,
      causes: [['people', 45], ['method', 25], ['material', 15], ['environment', 10], ['measurement', 5]],
      cost: { base: 2.5, perHour: 30, onsite: 0.2 },
      surveyRate: 0.6,
      repeatRate: 0.03,
      serialRate: 0.8,
      season: [1, 1, 1, 1, 1, 1.1, 1.2, 1.2, 1, 1, 1, 1],
      share: 0.3,
    },
    spec: (ctx) => ({
      id: 'soporte-tecnico',
      name: 'Soporte técnico',
      description: 'Atención telefónica y por chat a dudas de uso y averías sencillas.',
      owner: 'responsable-servicio',
      procedure: 'soporte-tecnico',
      need: [
        { channel: 'phone', description: 'Línea de atención al cliente' },
        { channel: 'chat', description: 'Chat de la web y de la app' },
        { channel: 'email', description: 'Buzón de soporte' },
        { channel: 'web', description: 'Formulario de consulta' },
      ],
      requirements: [
        req('primera-respuesta', 'quantitative', 'Mediana de primera respuesta de 45 minutos o menos', 'first_response_time', { stat: 'median', target: { max: '45m', critical: '90m' } }),
        req('resolucion', 'quantitative', 'Mediana de resolución de 8 horas o menos', 'resolution_time', { stat: 'median', target: { max: '8h', critical: '24h' } }),
        req('utilizacion', 'quantitative', 'Carga de los agentes por debajo del 90 % de su capacidad', 'utilisation', { target: { max: '90%', critical: '100%' } }),
        req('recomendacion', 'qualitative', 'NPS de 30 o más', 'nps', { target: { min: 30, critical: 15 } }),
        req('sla-48h', 'process', 'El 85 % de las consultas cerradas en 48 horas', 'sla_compliance', { within: '48h', target: { min: '85%', critical: '75%' } }),
        req('registros-completos', 'process', 'El 98 % de los casos cerrados están completos', 'record_completeness', { target: { min: '98%', critical: '90%' } }),
        req('esfuerzo-bajo', 'interpersonal', 'Al menos el 70 % de los encuestados valora el esfuerzo con 5 o más', flow({ type: 'share', where: { 'survey.effort': { exists: true } }, match: { 'survey.effort': { gte: 5 } } }), { target: { min: '70%', critical: '60%' } }),
        req('satisfaccion', 'interpersonal', 'Al menos el 85 % de clientes satisfechos (CSAT 4 o 5)', 'csat', { target: { min: '85%', critical: '75%' } }),
      ],
      resources: [
        { name: 'Agentes de soporte', kind: 'people', role: 'agente-soporte', quantity: ctx.agents, capacity: ctx.capacity },
        { name: 'Plataforma de atención telefónica y chat', kind: 'equipment' },
      ],
      training: [{ role: 'agente-soporte', courses: ['atencion-cliente', 'soporte-remoto'] }],
    }),
  },
];

function req(id, kind, description, indicator, rest) {
  const { stat, within, where, target } = rest;
  return {
    id,
    kind,
    description,
    indicator,
    stat,
    within,
    where: where && flow(where),
    target: flow(target),
  };
}

// ---------------------------------------------------------------------------------------------
// 6. World: everything a ledger needs except its records

/**
 * Distributes `total` over cells proportionally to `weights` (largest remainder), so that
 * the sum is exact and the result deterministic.
 */
export function apportion(total, weights) {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum ? (total * w) / sum : 0));
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) out[order[k % order.length][1]]++;
  return out;
}

const FIRST_NAMES = [
  ['marta', 'Marta'], ['sergio', 'Sergio'], ['ana', 'Ana'], ['luis', 'Luis'], ['jorge', 'Jorge'], ['pablo', 'Pablo'],
  ['elena', 'Elena'], ['javier', 'Javier'], ['laura', 'Laura'], ['raul', 'Raúl'], ['nuria', 'Nuria'], ['ivan', 'Iván'],
  ['sonia', 'Sonia'], ['alberto', 'Alberto'], ['lucia', 'Lucía'], ['carmen', 'Carmen'], ['david', 'David'], ['rosa', 'Rosa'],
  ['diego', 'Diego'], ['irene', 'Irene'], ['hugo', 'Hugo'], ['alba', 'Alba'], ['mario', 'Mario'], ['clara', 'Clara'],
];
const SURNAMES = ['García', 'Fernández', 'Martín', 'Sánchez', 'Torres', 'López', 'Romero', 'Díaz', 'Moreno', 'Ruiz', 'Navarro', 'Gil', 'Serrano', 'Molina', 'Ortiz', 'Delgado', 'Castro', 'Rubio', 'Marín', 'Iglesias'];

/** A team of `size` people: 2 managers, ~60% technicians, the rest support agents. */
export function makeTeam(size, firstDay) {
  const managers = 2;
  const technicians = Math.max(1, Math.round((size - managers) * 0.62));
  const people = [];
  for (let i = 0; i < size; i++) {
    const [id, first] = FIRST_NAMES[i % FIRST_NAMES.length];
    const pid = i < FIRST_NAMES.length ? id : `${id}-${Math.floor(i / FIRST_NAMES.length) + 1}`;
    const role = i < managers ? 'responsable-servicio' : i < managers + technicians ? 'tecnico' : 'agente-soporte';
    // stagger completion dates so that the training lists differ from person to person
    const training = COURSES[role].map((course, k) => {
      const completed = dayToDate(dateToDay(firstDay) - 90 - ((i * 37 + k * 53) % 900));
      const t = { course, completed };
      if (course === 'gases-fluorados') t.expires = addMonthsToDate(completed, 60);
      return t;
    });
    people.push({ id: pid, name: `${first} ${SURNAMES[(i * 7) % SURNAMES.length]}`, roles: [role], training });
  }
  return people;
}

/**
 * Builds the plan of a generic ledger. Options:
 *   records, seed, services (count), months, end ('YYYY-MM', last month with records),
 *   locale, people (team size).
 */
export function buildGenericWorld(opts) {
  const months = monthRange(addMonths(opts.end, -(opts.months - 1)), opts.months);
  const zone = makeZone('Europe/Madrid');
  const asOfMs = zone.fromWall(Date.parse(`${addMonths(opts.end, 1)}-01T00:00:00Z`));
  const templates = expandTemplates(opts.services);
  const team = makeTeam(opts.people ?? 20, `${months[0]}-01`);
  // one technician's gas certificate expires in the middle of the range: a realistic gap
  const techs = team.filter((p) => p.roles.includes('tecnico'));
  if (techs.length > 2 && opts.months > 2) {
    const t = techs[2].training.find((c) => c.course === 'gases-fluorados');
    t.expires = `${months[Math.floor(months.length / 2)]}-15`;
  }

  // records per service and month: service share × seasonality, apportioned exactly
  const weights = [];
  for (const t of templates) for (const m of months) weights.push(t.sim.share * t.sim.season[Number(m.slice(5)) - 1]);
  const flat = apportion(opts.records, weights);
  const counts = templates.map((_, s) => months.map((_, k) => flat[s * months.length + k]));

  const effective = `${months[Math.floor(months.length / 2)]}-01`;
  return finishWorld({
    seed: opts.seed,
    zone,
    months,
    asOfMs,
    organisation: opts.locale === 'en' ? 'Sol Appliances Ltd.' : 'Servicio Posventa Demo S.L.',
    locale: opts.locale,
    templates,
    team,
    counts,
    effective: () => effective,
    cancelScale: 1,
    staleOpenRate: 0.002,
    gapRate: 0.003,
    skipRate: 0.004,
    actions: 'generic',
  });
}

/** `n` services from the four templates; beyond four, numbered copies (`instalacion-2`). */
function expandTemplates(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const base = SERVICE_TEMPLATES[i % SERVICE_TEMPLATES.length];
    const k = Math.floor(i / SERVICE_TEMPLATES.length);
    if (k === 0) {
      out.push({ ...base, procedureTemplate: PROCEDURE_TEMPLATES.find((p) => p.id === base.id) });
      continue;
    }
    const id = `${base.id}-${k + 1}`;
    out.push({
      ...base,
      id,
      procedureTemplate: { ...PROCEDURE_TEMPLATES.find((p) => p.id === base.id), id },
      spec: (ctx) => ({ ...base.spec(ctx), id, name: `${base.spec(ctx).name} ${k + 1}`, procedure: id }),
    });
  }
  return out;
}

/**
 * Completes a world: service YAML, procedures, runtime schedules and assignee lists,
 * products and sales sized so that warranty_claim_rate lands near 0.55 per 1000 units.
 * Both the generic generator and the example go through here.
 */
export function finishWorld(w) {
  const first = w.months[0];
  const last = w.months[w.months.length - 1];
  const years = [...new Set([...w.months, addMonths(last, 3)].map((m) => Number(m.slice(0, 4))))];
  const holidays = years.flatMap((y) => (w.holidays ? w.holidays(y) : spanishHolidays(y)));
  const schedules = {
    calendar: parseSchedule(CALENDAR_HOURS, holidays),
    field: parseSchedule(FIELD_HOURS, holidays),
    desk: parseSchedule(DESK_HOURS, holidays),
  };
  const people = new Map(w.team.map((p) => [p.id, p]));
  const byRole = (role) => w.team.filter((p) => p.roles.includes(role)).map((p) => p.id);
  const technicians = byRole('tecnico').length;
  const agents = byRole('agente-soporte').length;

  const services = w.templates.map((t, s) => {
    const peak = Math.max(...w.counts[s]);
    const mean = w.counts[s].reduce((a, b) => a + b, 0) / w.counts[s].length;
    // capacity so that the busiest month runs at ~85%: realistic and below the 90-95% targets
    const ctx = {
      technicians,
      agents,
      capacity: Math.max(1, Math.ceil(peak / 0.85)),
      volumeMin: Math.max(1, Math.floor(mean * 0.6)),
    };
    const spec = t.spec(ctx);
    const proc = t.procedureTemplate;
    const role = PROCEDURE_ROLE[t.id.replace(/-\d+$/, '')];
    const assignees = w.assignees?.[t.id] ?? byRole(role).map((id) => [id, 1]);
    return {
      ...t.sim,
      id: t.id,
      index: s,
      spec,
      warranty: spec.warranty === true,
      schedule: schedules[t.sim.schedule],
      procedure: proc.id,
      assignees,
    };
  });

  const procedures = new Map();
  for (const t of w.templates) {
    const p = t.procedureTemplate;
    const effective = p.version > 1 ? w.effective(p.id) : `${addMonths(first, -18)}-01`;
    procedures.set(p.id, { ...p, effective, role: PROCEDURE_ROLE[t.id.replace(/-\d+$/, '')] });
  }

  const products = new Map(PRODUCTS.map((p) => [p.id, p]));
  const maxWarranty = Math.max(...PRODUCTS.map((p) => p.warranty));
  const salesMonths = monthRange(addMonths(first, -maxWarranty), maxWarranty + w.months.length);
  const sales = makeSales(w, services, salesMonths);

  return {
    ...w,
    services,
    procedures,
    products,
    people,
    sales,
    salesStart: `${salesMonths[0]}-01`,
    startMs: w.zone.fromWall(Date.parse(`${first}-01T00:00:00Z`)),
    holidays,
    schedules,
  };
}

/** Monthly units sold per product, scaled to the number of warranty claims simulated. */
function makeSales(w, services, salesMonths) {
  const warrantySvcs = services.filter((s) => s.warranty);
  const claims = warrantySvcs.reduce((a, s) => a + w.counts[s.index].reduce((x, y) => x + y, 0), 0) / w.months.length;
  const units = PRODUCTS.reduce((a, p) => a + p.share * p.warranty, 0);
  const k = Math.max(claims, 1) * 1000 / (0.55 * units);
  const rng = new Rng(w.seed).fork('sales');
  const rows = [];
  salesMonths.forEach((m, i) => {
    const mo = Number(m.slice(5));
    for (const p of PRODUCTS) {
      const season = p.summer ? [0.4, 0.4, 0.6, 0.9, 1.4, 2, 2.2, 1.8, 0.9, 0.5, 0.4, 0.5][mo - 1] : [1.1, 0.9, 0.95, 0.95, 1, 0.95, 0.9, 0.85, 1, 1, 1.2, 1.3][mo - 1];
      const growth = 1 + 0.004 * (i - salesMonths.length / 2);
      const units = Math.max(1, Math.round(k * p.share * season * growth * rng.float(0.92, 1.08)));
      rows.push(flow({ month: m, product: p.id, units }));
    }
  });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// 7. Simulation

/** Hours of the day a channel's requests arrive, and which weekdays (weight per weekday). */
const ARRIVALS = {
  phone: { from: 8 * 60, to: 20 * 60, days: [0, 1, 1, 1, 1, 1, 0.3], holidays: false },
  chat: { from: 8 * 60, to: 22 * 60, days: [0.2, 1, 1, 1, 1, 1, 0.5], holidays: false },
  visit: { from: 9 * 60, to: 19 * 60, days: [0, 1, 1, 1, 1, 1, 0.3], holidays: false },
  web: { from: 7 * 60, to: 23 * 60, days: [0.5, 1, 1, 1, 1, 1, 0.7], holidays: true },
  email: { from: 7 * 60, to: 23 * 60, days: [0.4, 1, 1, 1, 1, 1, 0.6], holidays: true },
  scheduled: { from: 9 * 60, to: 17 * 60, days: [0, 1, 1, 1, 1, 1, 0], holidays: false },
  proactive: { from: 9 * 60, to: 20 * 60, days: [0, 1, 1, 1, 1, 1, 0.5], holidays: false },
  other: { from: 9 * 60, to: 18 * 60, days: [0, 1, 1, 1, 1, 1, 0], holidays: false },
};
/** First response time (minutes, elapsed) by channel. */
const RESPONSE = {
  phone: [12, 0.8], chat: [4, 0.7], visit: [30, 0.6], web: [110, 0.8], email: [140, 0.8],
  scheduled: [240, 0.6], proactive: [200, 0.7], other: [120, 0.8],
};

/** Candidate arrival days of a month for a channel, with weights (cached). */
function arrivalDays(world, month, channel) {
  world._days ??= new Map();
  const key = `${month}|${channel}`;
  let days = world._days.get(key);
  if (!days) {
    const a = ARRIVALS[channel] ?? ARRIVALS.other;
    const d0 = dateToDay(`${month}-01`);
    const d1 = dateToDay(`${addMonths(month, 1)}-01`);
    const hol = new Set(world.holidays);
    days = [];
    for (let d = d0; d < d1; d++) {
      const w = hol.has(dayToDate(d)) && !a.holidays ? 0 : a.days[weekdayOfDay(d)];
      if (w > 0) days.push([d, w]);
    }
    if (!days.length) days.push([d0, 1]);
    world._days.set(key, days);
  }
  return days;
}

/** Opening instant for a record of this month and channel, before the as-of instant. */
function pickOpened(world, rng, month, channel) {
  const a = ARRIVALS[channel] ?? ARRIVALS.other;
  const days = arrivalDays(world, month, channel);
  for (let tries = 0; tries < 50; tries++) {
    const day = rng.weighted(days);
    const minute = rng.int(a.from, a.to - 1);
    const ms = world.zone.fromWall(day * DAY + minute * MIN);
    if (ms < world.asOfMs && ms >= world.startMs) return ms;
  }
  // partial last month: fall back to the first working minute of the month
  return world.zone.fromWall(days[0][0] * DAY + a.from * MIN);
}

/** The skeleton of every record (service, channel, opened), in chronological order. */
function planOpenings(world, rng) {
  const plan = [];
  world.services.forEach((svc, s) => {
    world.months.forEach((month, m) => {
      for (let k = 0; k < world.counts[s][m]; k++) {
        const channel = rng.weighted(svc.channels);
        plan.push({ ms: pickOpened(world, rng, month, channel), svc: s, channel });
      }
    });
  });
  return plan.sort((a, b) => a.ms - b.ms); // stable: ties keep service/month order
}

/** Running state of a simulation: ids already used, assets seen, counters. */
function newState(world) {
  const total = world.counts.flat().reduce((a, b) => a + b, 0);
  return {
    ids: new Set(),
    assets: [],
    window: Math.max(20, Math.ceil(total / world.months.length)),
    serial: 0,
    customer: 0,
    replaced: 0,
    bySvc: {},
  };
}

function newRecordId(state, rng, date) {
  for (;;) {
    const id = `${date.replaceAll('-', '')}-${rng.crockford(8)}`;
    if (!state.ids.has(id)) {
      state.ids.add(id);
      return id;
    }
  }
}

function inWarranty(world, asset, date) {
  if (!asset.sold) return false;
  const p = world.products.get(asset.product);
  return addMonthsToDate(asset.sold, p.warranty) >= date;
}

/** The asset (customer, product, serial, sale date) a record is about; sometimes a repeat. */
function chooseAsset(world, state, svc, rng, openedMs, date) {
  // a repeat is mostly the same service coming back (failed fix), sometimes another service
  const pool = rng.chance(0.7) ? (state.bySvc[svc.id] ??= []) : state.assets;
  if (pool.length && rng.chance(svc.repeatRate)) {
    const window = Math.ceil(state.window * (pool === state.assets ? 1 : svc.share));
    const a = pool[rng.int(Math.max(0, pool.length - window), pool.length - 1)];
    const okProduct = svc.products.some(([p]) => p === a.product);
    if (okProduct && a.serial && (!svc.warranty || inWarranty(world, a, date))) return { ...a, repeat: true };
  }
  const product = rng.weighted(svc.products);
  const p = world.products.get(product);
  const openedDay = dateToDay(date);
  let soldDay;
  if (svc.asset === 'warranty') soldDay = openedDay - rng.int(15, p.warranty * 30 - 20);
  else if (svc.asset === 'install') soldDay = openedDay - rng.int(0, 20);
  else if (svc.asset === 'maintenance') soldDay = openedDay - 365 * rng.int(1, 3) + rng.int(-20, 20);
  else soldDay = openedDay - rng.int(20, 5 * 365);
  soldDay = Math.max(soldDay, dateToDay(world.salesStart));
  const sold = dayToDate(Math.min(soldDay, openedDay));
  // 6% of new assets belong to a customer we already know (several appliances at home)
  const customer = state.customer > 10 && rng.chance(0.06) ? rng.int(1, state.customer) : ++state.customer;
  const asset = {
    customer: `C-${10000 + customer}`,
    product,
    serial: `${p.prefix}-${sold.slice(2, 4)}${sold.slice(5, 7)}-${String(++state.serial).padStart(6, '0')}`,
    sold,
  };
  state.assets.push(asset);
  (state.bySvc[svc.id] ??= []).push(asset);
  return asset;
}

/** A CSAT 1–5 drawn from a mix of a good and a bad distribution; penalty in [0,1]. */
function drawSurvey(rng, penalty, comments) {
  const good = [[5, 66], [4, 28], [3, 3], [2, 2], [1, 1]];
  const bad = [[5, 8], [4, 14], [3, 28], [2, 28], [1, 22]];
  const csat = rng.chance(penalty) ? rng.weighted(bad) : rng.weighted(good);
  const NPS = {
    5: [[10, 48], [9, 40], [8, 10], [7, 2]],
    4: [[9, 22], [8, 45], [7, 23], [6, 10]],
    3: [[7, 30], [6, 30], [5, 25], [4, 15]],
    2: [[5, 30], [4, 30], [3, 20], [2, 20]],
    1: [[3, 30], [2, 30], [1, 20], [0, 20]],
  };
  const EFFORT = { 5: [[7, 55], [6, 35], [5, 10]], 4: [[6, 45], [5, 40], [4, 15]], 3: [[5, 30], [4, 40], [3, 30]], 2: [[4, 30], [3, 40], [2, 30]], 1: [[3, 30], [2, 40], [1, 30]] };
  const courtesy = csat >= 4 ? rng.weighted([[5, 80], [4, 18], [3, 2]]) : rng.weighted([[5, 25], [4, 40], [3, 25], [2, 10]]);
  const survey = { csat, nps: rng.weighted(NPS[csat]), effort: rng.weighted(EFFORT[csat]), courtesy };
  if (rng.chance(0.2)) survey.comment = rng.pick(csat >= 4 ? comments.good : csat === 3 ? comments.mid : comments.bad);
  return survey;
}

function drawCause(rng, svc) {
  const category = rng.weighted(svc.causes);
  return { category, detail: rng.pick(CAUSES[category]) };
}

/** Spare parts (and their total cost) for a record. */
function drawParts(rng, svc, rec) {
  const parts = [];
  const cons = CONSUMABLES[rec.product];
  if (svc.asset === 'install' && cons?.install) parts.push({ ref: cons.install[0], qty: 1, cost: cons.install[1] });
  if (svc.asset === 'maintenance' && cons?.maintenance && rng.chance(svc.consumablesRate ?? 0.6)) parts.push({ ref: cons.maintenance[0], qty: 1, cost: cons.maintenance[1] });
  if (svc.partsRate && rec.cause?.category === 'material' && rng.chance(svc.partsRate)) {
    const [ref, cost] = rng.pick(PARTS[rec.product]);
    parts.push({ ref, qty: rng.chance(0.1) ? 2 : 1, cost });
  }
  return parts;
}

/** Opening, pause, response and closing instants of a record. */
function timeline(world, svc, rng, rec, ctx) {
  const zone = world.zone;
  const opened = rec.opened;
  if (ctx.cancelled) {
    // cancelled early: the customer withdraws within a day or two
    return { closed: opened + Math.round(rng.lognormal(20, 0.8) * 60) * MIN };
  }
  let work = rng.lognormal(svc.work.median, svc.work.sigma) * (1 + 0.55 * (ctx.visits - 1));
  if (rec.priority === 'urgent') work *= 0.5;
  else if (rec.priority === 'high') work *= 0.75;
  work *= world.hooks?.durationFactor?.(rec, svc) ?? 1;
  const workMin = Math.max(10, Math.round(work * 60));
  let closed;
  let pause;
  if (rng.chance(svc.pause.rate)) {
    const before = Math.round(workMin * rng.float(0.2, 0.6));
    const from = addWork(zone, svc.schedule, opened, before);
    const to = addWork(zone, svc.schedule, from, Math.max(30, Math.round(rng.lognormal(svc.pause.median, svc.pause.sigma) * 60)));
    closed = addWork(zone, svc.schedule, to, workMin - before);
    pause = { from, to, reason: rng.pick(svc.pause.reasons) };
  } else {
    closed = addWork(zone, svc.schedule, opened, workMin);
  }
  const [med, sig] = RESPONSE[rec.channel] ?? RESPONSE.other;
  const responded = Math.min(opened + Math.max(1, Math.round(rng.lognormal(med, sig))) * MIN, closed);
  return { closed, pause, responded };
}

/** done | skipped | n/a for each step the cited version has. */
function drawSteps(world, svc, proc, version, rng, rec, ctx) {
  const steps = {};
  for (const st of proc.steps) {
    if ((st.since ?? 1) > version) continue;
    let s;
    if (ctx.open) s = Object.keys(steps).length === 0 && rec.responded ? 'done' : undefined;
    else if (ctx.cancelled) s = 'n/a';
    else if (st.mandatory) s = rng.chance(world.skipRate ?? 0) ? 'skipped' : 'done';
    else if (st.captures?.includes('survey')) s = rec.survey ? 'done' : 'skipped';
    else s = rng.chance(svc.optionalDone ?? 0.7) ? 'done' : rng.chance(0.5) ? 'skipped' : 'n/a';
    if (s) steps[st.id] = s;
  }
  return steps;
}

/** Fields named by the `captures` of done steps: a closed record should hold them. */
export function capturedFields(proc, steps) {
  const out = new Set();
  for (const st of proc.steps) if (steps[st.id] === 'done') for (const f of st.captures ?? []) out.add(f);
  return out;
}

/** One record, as a plain object with instants in ms (formatted when written). */
function makeRecord(world, state, plan, rngs) {
  const rng = rngs.content;
  const svc = world.services[plan.svc];
  const proc = world.procedures.get(svc.procedure);
  const zone = world.zone;
  const date = zone.date(plan.ms);
  const version = proc.version > 1 && date < proc.effective ? proc.version - 1 : proc.version;
  const rec = {
    id: newRecordId(state, rngs.ids, date),
    service: svc.id,
    procedure: `${proc.id}@${version}`,
    version,
    opened: plan.ms,
    channel: plan.channel,
    priority: rng.weighted(svc.priorities),
  };
  const asset = chooseAsset(world, state, svc, rng, plan.ms, date);
  Object.assign(rec, { customer: asset.customer, product: asset.product, serial: asset.serial, sold: asset.sold });
  if (svc.asset === 'any' && !asset.repeat && !rng.chance(svc.serialRate ?? 1)) rec.serial = undefined;
  if (svc.asset === 'any' && rng.chance(0.4)) rec.sold = undefined; // the caller often does not know it
  rec.assignee = rng.weighted(svc.assignees);

  const cancelled = rng.chance(svc.cancelRate * (world.cancelScale ?? 1));
  const outcome = cancelled ? 'cancelled' : rng.weighted(svc.outcomes);
  const visits = outcome === 'unresolved' ? rng.int(2, 3) : rng.weighted(svc.visits);
  const ctx = { cancelled, visits, repeat: !!asset.repeat, state };
  const t = timeline(world, svc, rng, rec, ctx);
  ctx.open = t.closed >= world.asOfMs || (!cancelled && rng.chance(world.staleOpenRate ?? 0));
  if (t.responded !== undefined && t.responded < world.asOfMs) rec.responded = t.responded;

  if (!ctx.open) {
    rec.closed = t.closed;
    if (t.pause) rec.paused = [t.pause];
    rec.visits = cancelled ? undefined : visits;
    rec.outcome = outcome;
  }
  rec.closedMonth = rec.closed !== undefined ? zone.month(rec.closed) : undefined;
  if (!ctx.open && !cancelled) fillOutcomeFields(world, svc, proc, rng, rec, ctx);
  rec.steps = drawSteps(world, svc, proc, version, rng, rec, ctx);
  if (!ctx.open && !cancelled) ensureCaptured(world, svc, proc, rng, rec);
  if (rng.chance(0.06)) rec.notes = rng.pick(NOTES);
  world.hooks?.record?.(rec, svc, rng);
  return rec;
}

/** Cause, parts, cost, survey and complaint of a closed record. */
function fillOutcomeFields(world, svc, proc, rng, rec, ctx) {
  const needsCause = proc.steps.some((s) => s.captures?.includes('cause'));
  if (needsCause || rng.chance(svc.causeRate ?? 0)) rec.cause = drawCause(rng, svc);
  const parts = drawParts(rng, svc, rec);
  if (parts.length) rec.parts = parts;
  if (rec.outcome === 'replaced') rec.replaced_serial = `${world.products.get(rec.product).prefix}-R${String(++ctx.state.replaced).padStart(6, '0')}`;
  const onsite = rng.lognormal(svc.cost.onsite, 0.35) * rec.visits;
  const partsCost = parts.reduce((a, p) => a + p.qty * p.cost, 0);
  rec.cost = Math.round((svc.cost.base * rec.visits + svc.cost.perHour * onsite + partsCost) * 100) / 100;
  // slow or failed interventions make unhappy customers; hooks can force a bad month
  const slow = rec.closed - rec.opened > 5 * DAY ? 0.2 : 0;
  const failed = rec.outcome === 'unresolved' ? 0.45 : 0;
  const penalty = world.hooks?.surveyPenalty?.(rec, svc) ?? Math.min(0.9, 0.02 + slow + failed + (ctx.repeat ? 0.15 : 0));
  if (rng.chance(svc.surveyRate)) rec.survey = drawSurvey(rng, penalty, svc.schedule === world.schedules.desk ? COMMENTS.desk : COMMENTS.field);
  if ((rec.survey && rec.survey.csat <= 2 && rng.chance(0.5)) || (ctx.repeat && rng.chance(0.3))) rec.complaint = true;
}

/** Makes sure every field a done step captures is there, except for a few planned gaps. */
function ensureCaptured(world, svc, proc, rng, rec) {
  const need = capturedFields(proc, rec.steps);
  if (need.has('cause') && !rec.cause) rec.cause = drawCause(rng, svc);
  if (need.has('parts') && !rec.parts) {
    const [ref, cost] = (CONSUMABLES[rec.product]?.maintenance) ?? rng.pick(PARTS[rec.product]);
    rec.parts = [{ ref, qty: 1, cost }];
  }
  if (need.size && rng.chance(world.gapRate ?? 0)) {
    // completeness gap: someone forgot one field (check reports it as a warning)
    const fields = [...need].filter((f) => f !== 'customer' && f !== 'product');
    if (fields.length) rec[rng.pick(fields)] = undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// 8. Writing

const fmtPart = (p) => flow({ ref: p.ref, qty: p.qty, cost: money(p.cost) });

/** Record object → YAML text, keys in SPEC §1.6 order. */
export function renderRecord(world, rec) {
  const z = world.zone;
  const ts = (ms) => (ms === undefined ? undefined : raw(z.format(ms)));
  return toYaml(
    {
      id: rec.id,
      service: rec.service,
      procedure: rec.procedure,
      opened: ts(rec.opened),
      responded: ts(rec.responded),
      closed: ts(rec.closed),
      paused: rec.paused?.map((p) => flow({ from: ts(p.from), to: ts(p.to), reason: p.reason })),
      channel: rec.channel,
      priority: rec.priority,
      customer: rec.customer,
      product: rec.product,
      serial: rec.serial,
      sold: rec.sold,
      assignee: rec.assignee,
      visits: rec.visits,
      steps: flow(rec.steps),
      outcome: rec.outcome,
      complaint: rec.complaint,
      cause: rec.cause && flow(rec.cause),
      parts: rec.parts?.map(fmtPart),
      replaced_serial: rec.replaced_serial,
      cost: rec.cost === undefined ? undefined : money(rec.cost),
      survey: rec.survey && flow(rec.survey),
      notes: rec.notes,
    },
    schemaComment('record', 3),
  );
}

/** Runs the simulation and hands each record, in chronological order, to `emit`. */
export function simulate(world, emit) {
  const rng = new Rng(world.seed);
  const rngs = { ids: rng.fork('ids'), content: rng.fork('records') };
  const plan = planOpenings(world, rng.fork('openings'));
  const state = newState(world);
  for (const p of plan) emit(makeRecord(world, state, p, rngs));
}

/** The non-record files of a world: [relative path, YAML text]. */
export function ledgerFiles(world) {
  const files = [];
  const add = (rel, kind, obj) => files.push([rel, toYaml(obj, schemaComment(kind, rel.split('/').length - 1))]);
  add('aftersales.yaml', 'settings', settingsYaml(world));
  add('team.yaml', 'team', { roles: ROLES, people: world.team });
  for (const svc of world.services) add(`services/${svc.id}.yaml`, 'service', svc.spec);
  for (const p of world.procedures.values()) add(`procedures/${p.id}.yaml`, 'procedure', procedureYaml(p));
  add('inputs/products.yaml', 'products', {
    products: PRODUCTS.map((p) => ({ id: p.id, name: p.name, warranty: p.warranty, maintenance: p.maintenance })),
  });
  add('inputs/sales.yaml', 'sales', { sales: world.sales });
  add('inputs/benchmarks.yaml', 'benchmarks', { benchmarks: world.benchmarks ?? BENCHMARKS });
  for (const a of world.actionList ?? genericActions(world)) add(`actions/${a.id}.yaml`, 'action', a);
  return files;
}

const BENCHMARKS = [
  { indicator: 'csat', source: 'Estudio sectorial de satisfacción 2026', value: '88%' },
  { indicator: 'nps', source: 'Panel de clientes de electrodomésticos 2026', value: 32 },
  { indicator: 'first_time_fix', source: 'Asociación de servicios técnicos, informe anual', value: '72%' },
  { indicator: 'resolution_time', source: 'Acuerdo de nivel de servicio público de la competencia', value: '36h' },
];

function settingsYaml(world) {
  return {
    version: 1,
    organisation: world.organisation,
    locale: world.locale ?? 'es',
    timezone: world.zone.timeZone,
    period: 'month',
    history: 12,
    calendars: {
      oficina: {
        hours: flow(CALENDAR_HOURS),
        holidays: world.holidays,
      },
    },
    objectives: world.objectives ?? [
      { id: 'csat-global', description: 'CSAT de al menos el 85 % en el conjunto de los servicios', indicator: 'csat', target: flow({ min: '85%' }) },
    ],
  };
}

function procedureYaml(p) {
  return {
    id: p.id,
    name: p.name,
    version: p.version,
    effective: p.effective,
    steps: p.steps.map((s) => ({
      id: s.id,
      name: s.name,
      role: p.role,
      mandatory: s.mandatory,
      captures: s.captures,
    })),
  };
}

/** A few plausible actions for a generic ledger, with deterministic ids. */
function genericActions(world) {
  const rng = new Rng(world.seed).fork('actions');
  const m = world.months;
  const mk = (opened, rest) => ({ id: `${opened.replaceAll('-', '')}-${rng.crockford(8)}`, ...rest(opened) });
  const mid = m[Math.floor(m.length / 2)];
  const late = m[Math.max(0, m.length - 2)];
  const manager = world.team.find((p) => p.roles.includes('responsable-servicio'))?.id ?? 'responsable-servicio';
  const has = (id) => world.services.some((s) => s.id === id);
  const actions = [];
  if (has('reparacion-garantia')) actions.push(mk(`${addMonths(mid, 1)}-05`, (opened) => ({
      type: 'corrective',
      title: 'Reducir el plazo de espera de repuestos',
      service: 'reparacion-garantia',
      requirement: 'tiempo-resolucion',
      deviation: `reparacion-garantia/tiempo-resolucion/${mid}`,
      opened,
      owner: manager,
      due: `${addMonths(mid, 2)}-05`,
      analysis: {
        category: 'material',
        whys: ['Las reparaciones esperaban repuestos', 'Se agotó el stock de placas', 'El punto de pedido era demasiado bajo'],
        root_cause: 'Punto de pedido calculado antes de que crecieran las ventas',
      },
      plan: 'Subir el punto de pedido y homologar un segundo proveedor',
      status: 'done',
      closed: `${addMonths(mid, 2)}-01`,
      verification: { after: `${addMonths(mid, 2)}-05` },
    })));
  if (has('instalacion')) actions.push(mk(`${late}-10`, (opened) => ({
      type: 'preventive',
      title: 'Renovar los certificados de gases fluorados antes de que caduquen',
      service: 'instalacion',
      requirement: 'personal-formado',
      opened,
      owner: manager,
      due: `${addMonths(late, 2)}-15`,
      plan: 'Calendario de renovaciones con aviso tres meses antes de la caducidad',
      status: 'open',
    })));
  return actions;
}

const LEDGER_ENTRIES = ['aftersales.yaml', 'team.yaml', 'suggestions.yaml', 'services', 'procedures', 'inputs', 'records', 'actions', '.aftersales'];

/**
 * Makes `out` ready to receive a fresh ledger: created if missing; if it already holds a
 * ledger, its ledger files are removed (so a smaller run leaves no stale records behind).
 * Anything else in a non-empty folder is refused rather than risk deleting user files.
 */
export function prepareOut(out, extra = []) {
  if (!fs.existsSync(out)) return fs.mkdirSync(out, { recursive: true });
  const entries = fs.readdirSync(out);
  if (!entries.length) return;
  if (!entries.includes('aftersales.yaml')) throw new Error(`refusing to write into ${out}: it is not empty and holds no aftersales.yaml`);
  for (const e of [...LEDGER_ENTRIES, ...extra]) fs.rmSync(path.join(out, e), { recursive: true, force: true });
}

/** Writes the ledger of a world: fixed files, then records streamed from the simulation. */
export function writeWorld(world, out, { collect } = {}) {
  for (const dir of ['services', 'procedures', 'inputs', 'records', 'actions']) fs.mkdirSync(path.join(out, dir), { recursive: true });
  let files = 0;
  let bytes = 0;
  const write = (rel, text) => {
    fs.writeFileSync(path.join(out, rel), text);
    files++;
    bytes += Buffer.byteLength(text);
  };
  for (const [rel, text] of ledgerFiles(world)) write(rel, text);
  const madeDirs = new Set();
  let records = 0;
  const emit = (rec) => {
    const month = world.zone.month(rec.opened);
    const dir = `records/${month.slice(0, 4)}/${month.slice(5, 7)}`;
    if (!madeDirs.has(dir)) {
      fs.mkdirSync(path.join(out, dir), { recursive: true });
      madeDirs.add(dir);
    }
    write(`${dir}/${rec.id}.yaml`, renderRecord(world, rec));
    records++;
  };
  if (collect) {
    // the example post-processes all records (planted problems) before writing them
    const all = [];
    simulate(world, (r) => all.push(r));
    collect(all);
    all.forEach(emit);
  } else {
    simulate(world, emit);
  }
  return { files, bytes, records };
}

/**
 * Generates a complete ledger. Returns { records, files, bytes, months, services, ms }.
 *   generateLedger({ records: 1000, out: '/tmp/l', seed: 42, services: 4, months: 12, end: '2026-10' })
 */
export function generateLedger(options) {
  const opts = { seed: 42, services: 4, months: 12, end: '2026-10', locale: 'es', ...options };
  if (!Number.isInteger(opts.records) || opts.records < 0) throw new Error('records must be a non-negative integer');
  if (!opts.out) throw new Error('out is required');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.end)) throw new Error('end must be YYYY-MM');
  if (!(opts.services >= 1 && opts.months >= 1)) throw new Error('services and months must be at least 1');
  const t0 = performance.now();
  const world = buildGenericWorld(opts);
  prepareOut(opts.out);
  const res = writeWorld(world, opts.out);
  return { ...res, months: world.months, services: world.services.map((s) => s.id), ms: performance.now() - t0 };
}
