// The organisation a plan needs: the roles its service and procedure name, added to team.yaml
// when missing (from the template's roles, or created while answering), each after the role it
// reports to. Existing team.yaml text is edited in place, keeping the user's comments.
import { stringify } from 'yaml';
import { editYaml } from '../ledger/edit.js';
import type { Procedure, Role, Service } from '../ledger/schema.js';
import { modeline } from '../ledger/write.js';

/** Role ids a service and its procedure refer to, in order of first mention. */
export function referencedRoles(service: Partial<Service>, procedure: Partial<Procedure> | undefined): string[] {
  const out: string[] = [];
  const add = (r: string | undefined) => {
    if (r && !out.includes(r)) out.push(r);
  };
  add(service.owner);
  for (const s of procedure?.steps ?? []) add(s.role);
  for (const r of service.resources ?? []) add(r.role);
  for (const n of service.training ?? []) add(n.role);
  return out;
}

/**
 * The roles to append: each referenced role missing from the team and known in `pool`, preceded
 * by the pool roles it reports to (transitively) that are missing too. A `reports_to` that
 * would point nowhere is dropped. In pool order, so that managers come first.
 */
export function rolesToAdd(team: readonly Role[], pool: readonly Role[], referenced: readonly string[]): Role[] {
  const have = new Set(team.map((r) => r.id));
  const byId = new Map(pool.map((r) => [r.id, r]));
  const wanted = new Set<string>();
  const visit = (id: string, depth: number) => {
    if (have.has(id) || wanted.has(id) || depth > pool.length) return;
    const role = byId.get(id);
    if (!role) return;
    wanted.add(id);
    if (role.reports_to) visit(role.reports_to, depth + 1);
  };
  for (const id of referenced) visit(id, 0);
  return pool
    .filter((r) => wanted.has(r.id))
    .map((r) => {
      const out: Role = { id: r.id, name: r.name };
      if (r.reports_to && (have.has(r.reports_to) || wanted.has(r.reports_to))) out.reports_to = r.reports_to;
      if (r.description) out.description = r.description;
      return out;
    });
}

/** team.yaml with `roles` appended: an edit of the existing text, or a new file. */
export function teamText(existing: string | undefined, roles: readonly Role[]): string {
  if (existing === undefined) {
    return modeline('team.yaml', 'team') + stringify({ roles, people: [] }, { lineWidth: 0, indentSeq: true });
  }
  return editYaml(existing, (e) => {
    for (const role of roles) e.append(['roles'], role);
  });
}
