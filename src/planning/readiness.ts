// Readiness of a service for the implementation phase (the seed's "Implementación"): can it be
// performed — procedure in force, owner and every step's role staffed, people trained,
// resources and intake mechanisms declared — and measured — requirements of the four kinds with
// targets, and the inputs the indicators need. Pure: no I/O, no clock (the date is given).
import { labelsOf } from '../i18n/labels.js';
import type { Translate } from '../i18n/index.js';
import type { Ledger } from '../ledger/load.js';
import type { Lookup } from '../ledger/lookup.js';
import { REQUIREMENT_KINDS, type Service } from '../ledger/schema.js';
import { trainingGaps } from '../quality/training.js';

export const CHECK_IDS = [
  'procedure', 'owner', 'step-roles', 'training', 'resources', 'need',
  ...REQUIREMENT_KINDS.map((k) => `requirements-${k}` as const),
  'inputs',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export interface Check {
  id: CheckId;
  ok: boolean;
  detail: string;
}

export interface Readiness {
  id: string;
  name: string;
  ready: boolean;
  checks: Check[];
}

function staffed(lookup: Lookup, role: string): string[] {
  return (lookup.peopleByRole.get(role) ?? []).map((p) => p.id).sort();
}

function procedureChecks(service: Service, lookup: Lookup, asOf: string, t: Translate): Check[] {
  const p = lookup.procedures.get(service.procedure);
  if (!p) {
    return [
      { id: 'procedure', ok: false, detail: t('status.detail.procedure-missing', { procedure: service.procedure }) },
      { id: 'step-roles', ok: false, detail: t('status.detail.steps-no-procedure') },
    ];
  }
  const params = { procedure: p.id, version: p.version, effective: p.effective };
  const procedure: Check = p.effective <= asOf
    ? { id: 'procedure', ok: true, detail: t('status.detail.procedure-ok', params) }
    : { id: 'procedure', ok: false, detail: t('status.detail.procedure-future', params) };
  if (p.steps.length === 0) return [procedure, { id: 'step-roles', ok: false, detail: t('status.detail.steps-none') }];
  const stepsByRole = new Map<string, string[]>();
  for (const s of p.steps) if (s.role) stepsByRole.set(s.role, [...(stepsByRole.get(s.role) ?? []), s.id]);
  if (stepsByRole.size === 0) return [procedure, { id: 'step-roles', ok: true, detail: t('status.detail.steps-no-roles') }];
  const unstaffed = [...stepsByRole].filter(([role]) => staffed(lookup, role).length === 0);
  const steps: Check = unstaffed.length === 0
    ? { id: 'step-roles', ok: true, detail: t('status.detail.steps-ok', { roles: [...stepsByRole.keys()].join(', ') }) }
    : {
        id: 'step-roles',
        ok: false,
        detail: t('status.detail.steps-unstaffed', {
          roles: unstaffed.map(([role, ids]) => t('status.detail.step-role', { role, steps: ids.join(', ') })).join('; '),
        }),
      };
  return [procedure, steps];
}

function ownerCheck(service: Service, lookup: Lookup, t: Translate): Check {
  const people = staffed(lookup, service.owner);
  return people.length > 0
    ? { id: 'owner', ok: true, detail: t('status.detail.owner-ok', { role: service.owner, people: people.join(', ') }) }
    : { id: 'owner', ok: false, detail: t('status.detail.owner-none', { role: service.owner }) };
}

function trainingCheck(service: Service, ledger: Ledger, asOf: string, t: Translate): Check {
  const needs = service.training ?? [];
  const courses = new Set(needs.flatMap((n) => n.courses));
  if (courses.size === 0) return { id: 'training', ok: true, detail: t('status.detail.training-none') };
  const people = ledger.team?.people ?? [];
  const roles = [...new Set(needs.filter((n) => n.courses.length > 0).map((n) => n.role))];
  // Nobody to train yet is not a training gap: the staffing checks name the empty roles.
  if (!people.some((p) => p.roles.some((r) => roles.includes(r)))) {
    return { id: 'training', ok: true, detail: t('status.detail.training-nobody', { roles: roles.join(', ') }) };
  }
  const gaps = trainingGaps([service], people, asOf);
  if (gaps.length === 0) return { id: 'training', ok: true, detail: t('status.detail.training-ok', { count: courses.size }) };
  const text = gaps.map((g) =>
    g.problem === 'expired'
      ? t('status.detail.gap-expired', { person: g.person, course: g.course, expires: g.expires ?? '' })
      : t('status.detail.gap-missing', { person: g.person, course: g.course }),
  );
  return { id: 'training', ok: false, detail: text.join('; ') };
}

function resourcesCheck(service: Service, t: Translate): Check {
  const r = service.resources ?? [];
  return r.length > 0
    ? { id: 'resources', ok: true, detail: t('status.detail.resources-ok', { count: r.length, names: r.map((x) => x.name).join(', ') }) }
    : { id: 'resources', ok: false, detail: t('status.detail.resources-none') };
}

function needCheck(service: Service, t: Translate): Check {
  const need = service.need ?? [];
  if (need.length === 0) return { id: 'need', ok: false, detail: t('status.detail.need-none') };
  // A scheduled need without an interval cannot tell when the service is due.
  if (need.some((n) => n.channel === 'scheduled' && !n.every)) return { id: 'need', ok: false, detail: t('status.detail.need-every') };
  return { id: 'need', ok: true, detail: t('status.detail.need-ok', { channels: labelsOf(t, 'channel', [...new Set(need.map((n) => n.channel))]) }) };
}

function kindChecks(service: Service, t: Translate): Check[] {
  return REQUIREMENT_KINDS.map((kind) => {
    const id = `requirements-${kind}` as const;
    const of = service.requirements.filter((r) => r.kind === kind);
    if (of.length === 0) return { id, ok: false, detail: t('status.detail.kind-none', { kind: t(`plan.kind.${kind}`) }) };
    // A target is a side to meet: exactly one of min and max (SPEC §3.4).
    const without = of.filter((r) => (r.target.min === undefined) === (r.target.max === undefined));
    if (without.length > 0) return { id, ok: false, detail: t('status.detail.kind-no-target', { ids: without.map((r) => r.id).join(', ') }) };
    return { id, ok: true, detail: t('status.detail.kind-ok', { count: of.length, ids: of.map((r) => r.id).join(', ') }) };
  });
}

function inputsCheck(service: Service, ledger: Ledger, t: Translate): Check {
  const needing = service.requirements.filter((r) => r.indicator === 'warranty_claim_rate' || r.indicator === 'utilisation');
  if (needing.length === 0) return { id: 'inputs', ok: true, detail: t('status.detail.inputs-not-needed') };
  const missing: string[] = [];
  const sales = ledger.sales?.sales ?? [];
  const products = ledger.products?.products ?? [];
  const sold = new Set(sales.filter((s) => s.units > 0).map((s) => s.product));
  const withWarranty = products.filter((p) => p.warranty > 0 && sold.has(p.id));
  const capacity = (service.resources ?? []).some((r) => (r.capacity ?? 0) > 0);
  for (const r of needing) {
    if (r.indicator === 'warranty_claim_rate') {
      if (sold.size === 0) missing.push(t('status.detail.inputs-sales', { requirement: r.id }));
      else if (withWarranty.length === 0) missing.push(t('status.detail.inputs-warranty', { requirement: r.id }));
    } else if (!capacity) missing.push(t('status.detail.inputs-capacity', { requirement: r.id }));
  }
  if (missing.length > 0) return { id: 'inputs', ok: false, detail: missing.join('; ') };
  const indicators = [...new Set(needing.map((r) => r.indicator as string))].sort();
  return { id: 'inputs', ok: true, detail: t('status.detail.inputs-ok', { indicators: indicators.join(', ') }) };
}

/** The checklist of one service, in CHECK_IDS order. */
export function serviceReadiness(service: Service, ledger: Ledger, lookup: Lookup, asOf: string, t: Translate): Readiness {
  const [procedure, steps] = procedureChecks(service, lookup, asOf, t);
  const checks: Check[] = [
    procedure,
    ownerCheck(service, lookup, t),
    steps,
    trainingCheck(service, ledger, asOf, t),
    resourcesCheck(service, t),
    needCheck(service, t),
    ...kindChecks(service, t),
    inputsCheck(service, ledger, t),
  ];
  return { id: service.id, name: service.name, ready: checks.every((c) => c.ok), checks };
}

/** Every service's checklist, by service id. */
export function readiness(ledger: Ledger, lookup: Lookup, asOf: string, t: Translate): Readiness[] {
  return [...lookup.services.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((s) => serviceReadiness(s, ledger, lookup, asOf, t));
}
