// Scheduled services due per asset, computed by hand from a few records (as-of 2026-11-26,
// due soon = within 30 days, i.e. due ≤ 2026-12-26).
import { describe, expect, it } from 'vitest';
import { dueAssets, durationDays, type AssetRecord } from '../../../src/acting/due.js';
import type { Product, Service } from '../../../src/ledger/schema.js';

const svc = (id: string, every?: string): Service => ({
  id, name: id, owner: 'manager', procedure: id, requirements: [],
  need: every ? [{ channel: 'scheduled', every }, { channel: 'phone' }] : [{ channel: 'phone' }],
});
const SERVICES = [svc('maintenance', '365d'), svc('repair')];
const PRODUCTS: Product[] = [
  { id: 'ac-9', name: 'AC', warranty: 60, maintenance: '365d' },
  { id: 'te-4', name: 'Heater', warranty: 36, maintenance: '730d' },
  { id: 'wm-300', name: 'Washer', warranty: 24 },
];
let n = 0;
const r = (serial: string, service: string, date: string, extra: Partial<AssetRecord> = {}): AssetRecord => ({ id: `r${n++}`, serial, service, date, ...extra });

describe('dueAssets', () => {
  it('a scheduled need counts from the last intervention on that service, else the sale date', () => {
    const records = [
      r('A', 'maintenance', '2025-12-01', { product: 'ac-9', customer: 'C-1', sold: '2024-10-01' }), // 2025-12-01 + 365 = 2026-12-01: due soon
      r('B', 'repair', '2026-02-01', { product: 'ac-9', customer: 'C-1', sold: '2025-11-10' }), // ac-9 is served by maintenance; sold + 365 = 2026-11-10: overdue
    ];
    expect(dueAssets(records, SERVICES, PRODUCTS, '2026-11-26', 30)).toEqual([
      { serial: 'B', product: 'ac-9', customer: 'C-1', service: 'maintenance', last: null, due: '2026-11-10', status: 'overdue' },
      { serial: 'A', product: 'ac-9', customer: 'C-1', service: 'maintenance', last: '2025-12-01', due: '2026-12-01', status: 'due-soon' },
    ]);
  });

  it('a product maintenance interval counts from the last intervention on any service', () => {
    // te-4 is not served by maintenance; the only scheduled service is named. 2025-01-10 + 730 = 2027-01-10 (not within 30 d).
    const records = [r('H', 'repair', '2025-01-10', { product: 'te-4', sold: '2020-01-01' })];
    expect(dueAssets(records, SERVICES, PRODUCTS, '2026-11-26', 30)).toEqual([]);
    expect(dueAssets(records, SERVICES, PRODUCTS, '2026-11-26', 60)).toEqual([
      { serial: 'H', product: 'te-4', customer: null, service: 'maintenance', last: '2025-01-10', due: '2027-01-10', status: 'due-soon' },
    ]);
    // Without any scheduled service, product maintenance names no service.
    expect(dueAssets(records, [svc('repair')], PRODUCTS, '2026-11-26', 60)[0].service).toBeNull();
  });

  it('keeps the earlier of the two dates for the same asset and service', () => {
    // service need: last maintenance 2025-06-01 + 365 = 2026-06-01; product: last repair 2026-03-01 + 365 = 2027-03-01
    const records = [
      r('A', 'maintenance', '2025-06-01', { product: 'ac-9' }),
      r('A', 'repair', '2026-03-01', { product: 'ac-9', sold: '2024-01-01' }),
    ];
    expect(dueAssets(records, SERVICES, PRODUCTS, '2026-11-26', 30)).toEqual([
      { serial: 'A', product: 'ac-9', customer: null, service: 'maintenance', last: '2025-06-01', due: '2026-06-01', status: 'overdue' },
    ]);
  });

  it('ignores cancelled records, retired assets, assets with no base date and products with no schedule', () => {
    const records = [
      r('X', 'maintenance', '2025-11-01', { product: 'ac-9', outcome: 'cancelled', sold: '2025-10-15' }), // sold + 365 = 2026-10-15
      r('R', 'repair', '2026-05-01', { product: 'ac-9', outcome: 'replaced', sold: '2021-05-01' }), // swapped: gone
      r('W', 'repair', '2025-01-01', { product: 'wm-300', sold: '2020-01-01' }), // no schedule
      r('M', 'maintenance', '2025-01-01', { product: 'ac-9', outcome: 'cancelled' }), // no sale date, no intervention
    ];
    expect(dueAssets(records, SERVICES, PRODUCTS, '2026-11-26', 30)).toEqual([
      { serial: 'X', product: 'ac-9', customer: null, service: 'maintenance', last: null, due: '2026-10-15', status: 'overdue' },
    ]);
  });

  it('takes product, customer and sale date from the latest record holding them; sorts by due then serial', () => {
    const records = [
      r('B', 'maintenance', '2025-11-18', { product: 'ac-9', customer: 'old' }),
      r('B', 'maintenance', '2025-11-19', { customer: 'new' }), 
      r('B', 'maintenance', '2025-11-21', {}),
      r('A', 'maintenance', '2025-11-20', { product: 'ac-9' }),
    ];
    expect(dueAssets(records, SERVICES, PRODUCTS, '2026-11-26', 30).map((d) => [d.serial, d.customer, d.product, d.due])).toEqual([
      ['A', null, 'ac-9', '2026-11-20'],
      ['B', 'new', 'ac-9', '2026-11-21'],
    ]);
  });

  it('durations in days', () => {
    expect(durationDays('365d')).toBe(365);
    expect(durationDays('2w')).toBe(14);
    expect(durationDays('36h')).toBe(2);
  });
});
