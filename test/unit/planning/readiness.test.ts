// Readiness checks of `status`, one at a time, on the minimal fixture ledger (which is ready)
// with one thing taken away each time.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import { loadLedger, type Ledger } from '../../../src/ledger/load.js';
import { buildLookup } from '../../../src/ledger/lookup.js';
import type { Service } from '../../../src/ledger/schema.js';
import { CHECK_IDS, serviceReadiness, readiness } from '../../../src/planning/readiness.js';
import { FIXTURES } from '../../helpers/run.js';

const t = translator('en');
const pristine = loadLedger(join(FIXTURES, 'ledgers', 'minimal'), { records: false, cache: false });

/** A copy of the minimal ledger, changed by `edit`, and the checks of its service. */
function checks(edit: (l: Ledger, s: Service) => void = () => {}, asOf = '2026-11-26') {
  const ledger = structuredClone(pristine);
  const service = ledger.services[0].data!;
  edit(ledger, service);
  const r = serviceReadiness(service, ledger, buildLookup(ledger), asOf, t);
  return { ready: r.ready, by: Object.fromEntries(r.checks.map((c) => [c.id, c])), failed: r.checks.filter((c) => !c.ok).map((c) => c.id) };
}

describe('readiness', () => {
  it('the minimal fixture is ready, with every check in order', () => {
    const ledger = structuredClone(pristine);
    const [r] = readiness(ledger, buildLookup(ledger), '2026-11-26', t);
    expect(r.ready).toBe(true);
    expect(r.checks.map((c) => c.id)).toEqual([...CHECK_IDS]);
    expect(r.checks.find((c) => c.id === 'procedure')!.detail).toBe('warranty-repair version 2, effective since 2026-09-01');
    expect(r.checks.find((c) => c.id === 'owner')!.detail).toBe('service-manager held by marta');
    expect(r.checks.find((c) => c.id === 'training')!.detail).toBe('everyone holds the 1 required course(s)');
  });

  it('a procedure not yet in force, or missing', () => {
    const future = checks(undefined, '2026-08-31');
    expect(future.failed).toEqual(['procedure']);
    expect(future.by.procedure.detail).toBe('warranty-repair version 2 takes effect on 2026-09-01');
    const missing = checks((_, s) => (s.procedure = 'nope'));
    expect(missing.failed).toEqual(['procedure', 'step-roles']);
    expect(missing.by.procedure.detail).toBe('procedures/nope.yaml does not exist');
  });

  it('an owner role and step roles nobody holds', () => {
    const noOwner = checks((l) => (l.team!.people = l.team!.people.filter((p) => p.id !== 'marta')));
    expect(noOwner.failed).toEqual(['owner']);
    expect(noOwner.by.owner.detail).toBe('nobody in team.yaml holds the role service-manager');
    const noTech = checks((l) => (l.team!.people = l.team!.people.filter((p) => p.id !== 'ana')));
    expect(noTech.failed).toEqual(['step-roles']);
    expect(noTech.by['step-roles'].detail).toBe('nobody holds technician (steps diagnose, repair, handover-training)');
    expect(noTech.by.training).toMatchObject({ ok: true, detail: 'nobody holds technician yet: nobody to train' });
  });

  it('people lacking a course, or holding an expired one', () => {
    const expired = checks(undefined, '2028-03-10');
    expect(expired.failed).toEqual(['training']);
    expect(expired.by.training.detail).toBe('ana: appliance-diagnostics expired on 2028-03-10');
    const lacking = checks((_, s) => (s.training = [{ role: 'technician', courses: ['appliance-diagnostics', 'customer-care'] }]));
    expect(lacking.by.training.detail).toBe('ana lacks customer-care');
    expect(checks((_, s) => delete s.training).by.training).toMatchObject({ ok: true, detail: 'no training needs declared' });
  });

  it('no resources, no intake mechanism, a scheduled need without an interval', () => {
    expect(checks((_, s) => delete s.resources).by.resources).toMatchObject({ ok: false, detail: 'no resources declared' });
    expect(checks((_, s) => (s.need = [])).by.need).toMatchObject({ ok: false, detail: 'no intake mechanism (need) declared' });
    const scheduled = checks((_, s) => s.need!.push({ channel: 'scheduled' }));
    expect(scheduled.by.need).toMatchObject({ ok: false, detail: 'the scheduled need has no `every` interval' });
  });

  it('each of the four kinds present with a target', () => {
    const none = checks((_, s) => (s.requirements = s.requirements.filter((r) => r.kind !== 'interpersonal')));
    expect(none.failed).toEqual(['requirements-interpersonal']);
    expect(none.by['requirements-interpersonal'].detail).toBe('no interpersonal requirement');
    const sideless = checks((_, s) => (s.requirements[1].target = { critical: '70%' }));
    expect(sideless.failed).toEqual(['requirements-qualitative']);
    expect(sideless.by['requirements-qualitative'].detail).toBe('no min or max target: csat');
  });

  it('inputs for warranty_claim_rate (sales, warranty months) and utilisation (capacity)', () => {
    const claim = { id: 'claims', kind: 'quantitative' as const, indicator: 'warranty_claim_rate' as const, target: { max: 2 } };
    const util = { id: 'load', kind: 'quantitative' as const, indicator: 'utilisation' as const, target: { max: '85%' } };
    const present = checks((_, s) => s.requirements.push(claim, util));
    expect(present.by.inputs).toMatchObject({ ok: true, detail: 'present for utilisation, warranty_claim_rate' });
    const noSales = checks((l, s) => {
      s.requirements.push(claim);
      l.sales = undefined;
    });
    expect(noSales.by.inputs).toMatchObject({ ok: false, detail: 'claims (warranty_claim_rate) needs units sold in inputs/sales.yaml' });
    const noWarranty = checks((l, s) => {
      s.requirements.push(claim);
      l.products!.products[0].warranty = 0;
    });
    expect(noWarranty.by.inputs.detail).toBe('claims (warranty_claim_rate) needs products with warranty months in inputs/products.yaml');
    const noCapacity = checks((_, s) => {
      s.requirements.push(util);
      delete s.resources![0].capacity;
    });
    expect(noCapacity.by.inputs).toMatchObject({ ok: false, detail: 'load (utilisation) needs a resource with capacity' });
    expect(noCapacity.ready).toBe(false);
  });

  it('speaks Spanish', () => {
    const ledger = structuredClone(pristine);
    const [r] = readiness(ledger, buildLookup(ledger), '2026-08-01', translator('es'));
    expect(r.checks[0].detail).toBe('warranty-repair versión 2 entra en vigor el 2026-09-01');
  });
});
