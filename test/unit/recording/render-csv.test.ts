// New record files read back as the data they were written from (parse → write → parse is the
// identity), and CSV cells survive a write → read round trip, formula neutralisation included.
import fc from 'fast-check';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { renderRecord, recordFileText, scalarYaml } from '../../../src/recording/render.js';
import { csvCell, csvLine, detectDelimiter, neutralise, parseCsv, unneutralise } from '../../../src/recording/csv.js';

const load = (text: string) => jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });

describe('renderRecord', () => {
  it('writes the layout of SPEC §1.6', () => {
    const text = recordFileText('records/2026/11/20261102-7k3qzm2a.yaml', {
      notes: 'free: text # not a comment',
      id: '20261102-7k3qzm2a',
      service: 'warranty-repair',
      procedure: 'warranty-repair@2',
      opened: '2026-11-02T09:14:00+01:00',
      serial: '00123',
      steps: { diagnose: 'done', 'handover-training': 'n/a' },
      parts: [{ ref: 'BRG-22', qty: 1, cost: 18.4 }],
      survey: { csat: 5, comment: 'Muy amable' },
      'x-crm': 991,
    });
    expect(text).toBe(`# yaml-language-server: $schema=../../../.aftersales/schema/record.json
id: 20261102-7k3qzm2a
service: warranty-repair
procedure: warranty-repair@2
opened: 2026-11-02T09:14:00+01:00
serial: "00123"
steps: { diagnose: done, handover-training: n/a }
parts:
  - { ref: BRG-22, qty: 1, cost: 18.4 }
survey: { csat: 5, comment: Muy amable }
notes: "free: text # not a comment"
x-crm: 991
`);
  });

  it('quotes what YAML would read as something else', () => {
    for (const s of ['true', 'no', 'null', '~', '12', '1e3', '0x1F', '.inf', '09:14', '-5', '@me', '#1', 'a: b', 'ends:', ' pad', '[x]', '{y}', '*a', '&b', '!t', '|', '>', '%', "'q'", '"q"', '', 'a\nb']) {
      expect(load(`v: ${scalarYaml(s)}`)).toEqual({ v: s });
    }
    expect(scalarYaml('C-1042')).toBe('C-1042');
    expect(scalarYaml('2026-11-02T09:14:00+01:00')).toBe('2026-11-02T09:14:00+01:00');
  });

  it('property: any record-like data reads back unchanged', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 30 });
    const scalar = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean());
    const key = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
    const data = fc.record({
      id: text,
      customer: scalar,
      notes: text,
      steps: fc.dictionary(key, text, { maxKeys: 4 }),
      parts: fc.array(fc.record({ ref: scalar, qty: fc.nat() }), { maxLength: 3 }),
      survey: fc.dictionary(key, scalar, { maxKeys: 3 }),
    });
    fc.assert(
      fc.property(data, (d) => {
        const back = load(renderRecord(d)) as Record<string, unknown>;
        const expected = JSON.parse(JSON.stringify(d, (_k, v) => (Object.is(v, -0) ? 0 : v)));
        expect(JSON.parse(JSON.stringify(back, (_k, v) => (Object.is(v, -0) ? 0 : v)))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('CSV', () => {
  it('finds the separator in the header line, outside quotes', () => {
    expect(detectDelimiter('a,b,c\n1;2;3;4;5')).toBe(',');
    expect(detectDelimiter('a;b;"c,d,e"\n')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('single')).toBe(',');
  });

  it('keeps the line each row starts on, across embedded newlines and blank lines', async () => {
    const table = await parseCsv('id,text,n\r\n1,"two\r\nlines",3\r\n\r\n2,plain,4\r\n3,"x,y",5');
    expect(table.header).toEqual(['id', 'text', 'n']);
    expect(table.rows).toEqual([
      { line: 2, cells: ['1', 'two\r\nlines', '3'] },
      { line: 5, cells: ['2', 'plain', '4'] },
      { line: 6, cells: ['3', 'x,y', '5'] },
    ]);
    expect(table.broken).toEqual([]);
  });

  it('reports a broken row and reads the rest', async () => {
    const table = await parseCsv('a;b;c\n1;2;3\n4;5\n6;7;8\n9;"unclosed;10\n');
    expect(table.delimiter).toBe(';');
    expect(table.rows.map((r) => [r.line, r.cells[0]])).toEqual([[2, '1'], [4, '6']]);
    expect(table.broken.map((b) => b.line)).toEqual([3, 5]);
    expect(table.broken[0].reason).toMatch(/expect 3, got 2/);
  });

  it('neutralises text cells a spreadsheet would run, and only those', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+34 600')).toBe("'+34 600");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell(-5)).toBe('-5'); // a number is not text
    expect(csvCell('2026-11-02T09:14:00-05:00')).toBe('2026-11-02T09:14:00-05:00');
    expect(csvCell('C-1042')).toBe('C-1042');
    expect(csvCell([{ ref: 'A', qty: 1 }])).toBe('"[{""ref"":""A"",""qty"":1}]"');
    expect(unneutralise("'=1+1")).toBe('=1+1');
    expect(unneutralise("'plain")).toBe("'plain");
  });

  it('property: a written row reads back as the same cells', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { minLength: 2, maxLength: 5 }), async (cells) => {
        const header = cells.map((_c, i) => `c${i}`);
        const table = await parseCsv(csvLine(header) + csvLine(cells));
        expect(table.broken).toEqual([]);
        // an all-empty row is a blank line to the parser; otherwise cells come back exactly
        if (cells.some((c) => c !== '')) expect(table.rows[0].cells.map(unneutralise)).toEqual(cells);
        for (const c of cells) expect(unneutralise(neutralise(c))).toBe(c);
      }),
      { numRuns: 200 },
    );
  });
});
