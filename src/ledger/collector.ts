// What the cross-file checks share (checks.ts, record-checks.ts): the collector of pending
// problems, the wording of an unknown reference, and how a file's id and a broken file are told.
import type { Ledger, LedgerFile } from './load.js';
import type { PendingProblem, Params, Severity, YamlPath } from './problems.js';
import { closest } from './values.js';

export class Collector {
  readonly items: PendingProblem[] = [];
  add(file: string, path: YamlPath, code: string, params: Params = {}, severity: Severity = 'error', atKey = false) {
    this.items.push({ file, path, code, params, severity, atKey });
  }
}

/** The file name without its `.yaml`/`.yml` extension (what a file's id must be). */
export function fileBase(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.endsWith('.yaml') ? name.slice(0, -5) : name.endsWith('.yml') ? name.slice(0, -4) : name;
}

/**
 * Ids that references may use: the valid files' ids, plus the names of files that failed to
 * parse — a broken service file must not also make every record of it "unknown".
 */
export function knownIds(files: LedgerFile<{ id: string }>[]): Set<string> {
  return new Set(files.map((f) => (f.data ? f.data.id : fileBase(f.path))));
}

/** A single file (team.yaml, inputs/…) that exists but has errors: skip references into it. */
export function broken(ledger: Ledger, kind: string): boolean {
  // the kind first: a record's data is read on demand (load.ts), and never needed here
  return ledger.files.some((f) => f.kind === kind && f.data === undefined);
}

export function unknownRef(c: Collector, file: string, path: YamlPath, what: string, value: string, known: string[], severity: Severity = 'error') {
  const suggestion = closest(value, known) ?? '';
  c.add(file, path, `unknown-${what}`, { value, suggestion, known: known.slice(0, 12).join(', ') }, severity);
}
