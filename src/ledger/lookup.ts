// Indexes over a loaded ledger's valid data: by id, people by role. Built once per command.
import type { Ledger } from './load.js';
import type { Person, Procedure, Product, Role, Service } from './schema.js';

export interface Lookup {
  services: Map<string, Service>;
  /** Service id → its file path (for annotations on the service file). */
  serviceFiles: Map<string, string>;
  procedures: Map<string, Procedure>;
  people: Map<string, Person>;
  roles: Map<string, Role>;
  peopleByRole: Map<string, Person[]>;
  products: Map<string, Product>;
}

export function buildLookup(ledger: Ledger): Lookup {
  const services = new Map<string, Service>();
  const serviceFiles = new Map<string, string>();
  for (const f of ledger.services) {
    if (!f.data) continue;
    services.set(f.data.id, f.data);
    serviceFiles.set(f.data.id, f.path);
  }
  const procedures = new Map<string, Procedure>();
  for (const f of ledger.procedures) if (f.data) procedures.set(f.data.id, f.data);
  const people = new Map<string, Person>();
  const peopleByRole = new Map<string, Person[]>();
  for (const p of ledger.team?.people ?? []) {
    people.set(p.id, p);
    for (const r of p.roles) {
      const list = peopleByRole.get(r) ?? [];
      list.push(p);
      peopleByRole.set(r, list);
    }
  }
  const roles = new Map<string, Role>();
  for (const r of ledger.team?.roles ?? []) roles.set(r.id, r);
  const products = new Map<string, Product>();
  for (const p of ledger.products?.products ?? []) products.set(p.id, p);
  return { services, serviceFiles, procedures, people, roles, peopleByRole, products };
}
