// Scheduled services due per asset (serial), for `aftersales due` (SPEC §5). Pure: the records
// are given with their local `opened` date, "today" is given.
//
// Two sources of a due date:
// - a service's scheduled need (`need` entries with `every`; the shortest when several): it
//   applies to the assets that service has served, and to every asset of a product it has
//   served (a service declares no product list, so its records show its scope). Due = the last
//   intervention of that serial on that service, else the asset's sale date, + every.
// - a product's `maintenance` interval: every asset of that product. Due = the last intervention
//   of the serial on any service, else the sale date, + maintenance. Its service is the
//   scheduled service that serves that product, else the only scheduled service, else none.
// When both give a date for the same asset and service, the earlier one is kept.
//
// An asset's product, customer and sale date are those of its latest record that holds them.
// Cancelled records are no intervention. An asset whose latest intervention ended `replaced`
// or `refunded` is no longer with the customer and is left out. Assets with neither a sale
// date nor an intervention have no base date and are left out.
import type { Product, Service } from '../ledger/schema.js';
import { parseDurationHours } from '../time/index.js';
import { addDays } from './verify-period.js';

export interface AssetRecord {
  id: string;
  serial: string;
  service: string;
  /** local date of `opened` in the ledger time zone */
  date: string;
  product?: string;
  customer?: string;
  sold?: string;
  outcome?: string;
}

export type DueStatus = 'overdue' | 'due-soon';

export interface DueAsset {
  serial: string;
  product: string | null;
  customer: string | null;
  service: string | null;
  last: string | null;
  due: string;
  status: DueStatus;
}

/** Whole days of a duration (`365d` → 365, `2w` → 14, `36h` → 2: rounded to the nearest day). */
export function durationDays(text: string): number {
  return Math.round(parseDurationHours(text) / 24);
}

interface Asset {
  serial: string;
  records: AssetRecord[]; // by date then id
  interventions: AssetRecord[]; // not cancelled
  product?: string;
  customer?: string;
  sold?: string;
}

function latest<K extends keyof AssetRecord>(records: AssetRecord[], key: K): AssetRecord[K] | undefined {
  for (let i = records.length - 1; i >= 0; i--) if (records[i][key] !== undefined) return records[i][key];
  return undefined;
}

function assetsOf(records: readonly AssetRecord[]): Asset[] {
  const bySerial = new Map<string, AssetRecord[]>();
  for (const r of records) {
    const list = bySerial.get(r.serial);
    if (list) list.push(r);
    else bySerial.set(r.serial, [r]);
  }
  const out: Asset[] = [];
  for (const [serial, list] of bySerial) {
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const interventions = list.filter((r) => r.outcome !== 'cancelled');
    const last = interventions[interventions.length - 1];
    if (last && (last.outcome === 'replaced' || last.outcome === 'refunded')) continue;
    out.push({ serial, records: list, interventions, product: latest(list, 'product'), customer: latest(list, 'customer'), sold: latest(list, 'sold') });
  }
  return out;
}

export function dueAssets(
  records: readonly AssetRecord[],
  services: readonly Service[],
  products: readonly Product[],
  asOfDate: string,
  withinDays: number,
): DueAsset[] {
  const assets = assetsOf(records);
  // Scheduled services: shortest `every`, and the products and serials each one serves.
  const scheduled = services
    .map((s) => {
      const days = (s.need ?? []).filter((n) => n.every !== undefined).map((n) => durationDays(n.every!));
      return { id: s.id, days: days.length > 0 ? Math.min(...days) : undefined };
    })
    .filter((s): s is { id: string; days: number } => s.days !== undefined)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const servedProducts = new Map<string, Set<string>>();
  for (const r of records) {
    if (r.outcome === 'cancelled' || r.product === undefined) continue;
    const set = servedProducts.get(r.service) ?? new Set<string>();
    set.add(r.product);
    servedProducts.set(r.service, set);
  }

  const found = new Map<string, DueAsset>();
  const offer = (a: Asset, service: string | null, last: string | null, days: number) => {
    const base = last ?? a.sold;
    if (base === undefined) return;
    const due = addDays(base, days);
    const key = `${a.serial}\u0000${service ?? ''}`;
    const before = found.get(key);
    if (before && before.due <= due) return;
    found.set(key, { serial: a.serial, product: a.product ?? null, customer: a.customer ?? null, service, last, due, status: 'overdue' });
  };

  for (const a of assets) {
    for (const s of scheduled) {
      const mine = a.interventions.filter((r) => r.service === s.id);
      const served = mine.length > 0 || (a.product !== undefined && servedProducts.get(s.id)?.has(a.product) === true);
      if (!served) continue;
      offer(a, s.id, mine.length > 0 ? mine[mine.length - 1].date : null, s.days);
    }
    const product = a.product === undefined ? undefined : products.find((p) => p.id === a.product);
    if (product?.maintenance !== undefined) {
      const serving = scheduled.find((s) => servedProducts.get(s.id)?.has(product.id));
      const service = serving?.id ?? (scheduled.length === 1 ? scheduled[0].id : null);
      const last = a.interventions.length > 0 ? a.interventions[a.interventions.length - 1].date : null;
      offer(a, service, last, durationDays(product.maintenance));
    }
  }

  const horizon = addDays(asOfDate, withinDays);
  const out: DueAsset[] = [];
  for (const d of found.values()) {
    if (d.due < asOfDate) out.push({ ...d, status: 'overdue' });
    else if (d.due <= horizon) out.push({ ...d, status: 'due-soon' });
  }
  const cmp = (x: string | null, y: string | null) => ((x ?? '') < (y ?? '') ? -1 : (x ?? '') > (y ?? '') ? 1 : 0);
  return out.sort((a, b) => cmp(a.due, b.due) || cmp(a.serial, b.serial) || cmp(a.service, b.service));
}
