// Lookups by a forward cursor (sorted-lookup.ts) answer exactly what a map would, in any order
// of asking and whatever order the list is in: a cursor is only a shortcut.
import { describe, expect, it } from 'vitest';
import { SortedLookup } from '../../../src/ledger/sorted-lookup.js';

function check(paths: string[], asked: string[]): void {
  const map = new Map(paths.map((p, i) => [p, i]));
  const lookup = new SortedLookup(paths, (i) => i);
  for (const p of asked) expect(lookup.get(p), p).toBe(map.get(p));
}

describe('SortedLookup', () => {
  const paths = ['a.yaml', 'records/2026/10/1.yaml', 'records/2026/10/2.yaml', 'records/2026/11/1.yaml', 'team.yaml'];

  it('answers in order, with absent paths in between', () => {
    check(paths, ['.gitignore', 'a.yaml', 'b.yaml', 'records/2026/10/1.yaml', 'records/2026/10/15.yaml', 'records/2026/10/2.yaml', 'records/2026/11/1.yaml', 'team.yaml', 'zz']);
  });

  it('answers out of order and repeated questions (from a map then)', () => {
    check(paths, ['team.yaml', 'a.yaml', 'a.yaml', 'records/2026/10/2.yaml', 'records/2026/10/1.yaml', 'nope']);
  });

  it('never answers wrongly when the list is not in the order of the questions (byte order vs UTF-16)', () => {
    // '\uFF21' (3 UTF-8 bytes) sorts after '\u{1F600}' (4 bytes, a surrogate pair) in UTF-16, before it in bytes
    const bytes = ['x/\uFF21.yaml', 'x/\u{1F600}.yaml', 'y.yaml'].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const lookup = new SortedLookup(bytes, (i) => bytes[i]);
    for (const p of [...bytes].sort()) {
      const got = lookup.get(p);
      expect(got === undefined || got === p).toBe(true); // a miss at worst (the file is then read), never another file's entry
    }
  });

  it('random lists and questions agree with a map', () => {
    let seed = 3;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 50; round++) {
      const list = [...new Set(Array.from({ length: 40 }, () => `r/${Math.floor(rand() * 60)}.yaml`))].sort();
      const asked = Array.from({ length: 60 }, () => `r/${Math.floor(rand() * 70)}.yaml`);
      if (round % 2 === 0) asked.sort();
      check(list, asked);
    }
  });
});
