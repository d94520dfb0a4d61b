// Help-desk columns and values → record fields: mapping flags, automatic mapping of exported
// columns, and value conversion (time zones, help-desk words, people by name, decimal commas).
import { describe, expect, it } from 'vitest';
import { parse } from 'date-fns/parse';
import { TZDate } from '@date-fns/tz';
import { translator } from '../../../src/i18n/index.js';
import { buildMapping, convertCell, STILL_OPEN, toTimestamp, type ValueContext } from '../../../src/recording/import-map.js';

const t = translator('en');
const ctx: ValueContext = {
  tz: 'Europe/Madrid',
  t,
  people: [
    { id: 'ana', name: 'Ana García', roles: ['technician'], email: 'ana@example.com' },
    { id: 'luis', name: 'Luis Fernández', roles: ['technician'] },
  ],
  products: [{ id: 'wm-300', name: 'Washing machine WM-300', warranty: 24 }],
};
const value = (field: string, cell: string, c: ValueContext = ctx) => {
  const r = convertCell(field.split('.'), cell, c);
  if ('error' in r) throw new Error(r.error);
  return r.value;
};
const error = (field: string, cell: string) => {
  const r = convertCell(field.split('.'), cell, ctx);
  return 'error' in r ? r.error : undefined;
};

describe('buildMapping', () => {
  const header = ['Ticket ID', 'Created at', 'Priority', 'survey.csat', 'notes', 'Other'];

  it('maps flags, columns named like record fields, and the ticket id by default', () => {
    const m = buildMapping(header, ['opened=created at', 'priority=Priority'], t);
    expect(m.map((x) => [x.path.join('.'), x.header])).toEqual([
      ['opened', 'Created at'],
      ['priority', 'Priority'],
      ['survey.csat', 'survey.csat'],
      ['notes', 'notes'],
      ['source.id', 'Ticket ID'],
    ]);
  });

  it('refuses unknown fields and columns with a did-you-mean, and requires opened and a ticket id', () => {
    expect(() => buildMapping(header, ['opend=Created at'], t)).toThrow('unknown record field "opend"');
    expect(() => buildMapping(header, ['opened=Created'], t)).toThrow(/no column "Created" in the CSV/);
    expect(() => buildMapping(header, ['opened'], t)).toThrow(/expected field=Column/);
    expect(() => buildMapping(header, [], t)).toThrow(/no column gives when the intervention was opened/);
    expect(() => buildMapping(['When'], ['opened=When'], t)).toThrow(/no column gives the ticket id/);
  });
});

describe('convertCell', () => {
  it('reads timestamps in the ledger time zone, ISO or with --date-format', () => {
    expect(value('opened', '2026-11-02 09:14:00')).toBe('2026-11-02T09:14:00+01:00');
    expect(value('opened', '2026-07-02 09:14')).toBe('2026-07-02T09:14:00+02:00');
    expect(value('opened', '2026-11-02T08:14:00Z')).toBe('2026-11-02T09:14:00+01:00');
    expect(value('opened', '2026-11-02 09:14:00 +0000')).toBe('2026-11-02T10:14:00+01:00');
    const ref = new TZDate(0, 'UTC');
    const withFormat = { ...ctx, dateFormat: 'dd/MM/yyyy HH:mm', parseDate: (s: string, f: string) => parse(s, f, ref).getTime() };
    expect(value('opened', '02/11/2026 09:14', withFormat)).toBe('2026-11-02T09:14:00+01:00');
    // 02:30 on 29 March 2026 does not exist in Madrid (clocks jump 02:00 → 03:00): moved forward
    expect(toTimestamp('29/03/2026 02:30', withFormat)).toBe('2026-03-29T03:30:00+02:00');
    expect(value('sold', '15/06/2025 00:00', withFormat)).toBe('2025-06-15');
    expect(error('opened', '02/11/2026')).toMatch(/not a valid timestamp.*--date-format/);
  });

  it('maps help-desk words: priorities, channels, statuses, satisfaction', () => {
    expect(['Low', 'Normal', 'Medium', 'High', 'Urgent'].map((p) => value('priority', p))).toEqual(['low', 'normal', 'normal', 'high', 'urgent']);
    expect(['Phone', 'Web form', 'E-mail', 'Chat', 'API'].map((c) => value('channel', c))).toEqual(['phone', 'web', 'email', 'chat', 'other']);
    expect(['Solved', 'Closed', 'Resolved'].map((s) => value('outcome', s))).toEqual(['resolved', 'resolved', 'resolved']);
    expect(['New', 'Open', 'Pending', 'On-hold'].map((s) => value('outcome', s))).toEqual([STILL_OPEN, STILL_OPEN, STILL_OPEN, STILL_OPEN]);
    expect(['Good', 'Bad', 'Offered', 'Unoffered', '4'].map((s) => value('survey.csat', s))).toEqual([5, 2, undefined, undefined, 4]);
    expect(error('priority', 'Critical')).toMatch(/"Critical" is not allowed/);
  });

  it('finds people and products by id, name or e-mail, accents and case aside', () => {
    expect(value('assignee', 'Luis Fernandez')).toBe('luis');
    expect(value('assignee', 'ANA@example.com')).toBe('ana');
    expect(value('assignee', 'ana')).toBe('ana');
    expect(value('product', 'washing machine wm-300')).toBe('wm-300');
    expect(error('assignee', 'Bob')).toMatch(/no person "Bob" in team.yaml/);
    expect(error('product', 'WM-999')).toMatch(/no product "WM-999"/);
  });

  it('types other fields by the schema; decimal commas; formula quotes undone', () => {
    expect(value('cost', '84,50')).toBe(84.5);
    expect(value('visits', '2')).toBe(2);
    expect(value('serial', '00123')).toBe('00123');
    expect(value('source.id', '48213')).toBe('48213');
    expect(value('parts', '[{"ref":"BRG-22","qty":1}]')).toEqual([{ ref: 'BRG-22', qty: 1 }]);
    expect(value('notes', "'=SUM(A1)")).toBe('=SUM(A1)');
    expect(value('complaint', 'yes')).toBe(true);
    expect(value('notes', '   ')).toBeUndefined();
    expect(error('visits', 'two')).toMatch(/not a number/);
  });
});
