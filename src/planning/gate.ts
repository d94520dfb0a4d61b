// Before anything is written: the planned files must pass `aftersales check`. They are parsed
// exactly as the loader will read them, put in place of (or beside) the ledger's files, and the
// cross-file checks run over that would-be ledger. Only problems of what `plan` writes count: a
// problem elsewhere in the ledger is not plan's to refuse.
import { assemble, type Ledger, type LedgerFile } from '../ledger/load.js';
import { crossChecks } from '../ledger/checks.js';
import { parseText } from '../ledger/parse.js';
import type { Params, YamlPath } from '../ledger/problems.js';
import type { FileKind } from '../ledger/schema.js';

export interface PlannedFile {
  /** Path relative to the ledger root. */
  path: string;
  kind: Extract<FileKind, 'service' | 'procedure' | 'team'>;
  text: string;
}

export interface GateProblem {
  file: string;
  /** A data path in the file, or undefined when only a line is known. */
  path?: YamlPath;
  line?: number;
  column?: number;
  code: string;
  params: Params;
}

/**
 * Problems (errors) the planned files would have. `newRolesFrom`: team.yaml's roles from this
 * index on are the ones plan appends; earlier entries are the user's and not judged here.
 */
export function gate(ledger: Ledger, planned: PlannedFile[], newRolesFrom: number): { problems: GateProblem[]; data: Map<string, unknown> } {
  const problems: GateProblem[] = [];
  const data = new Map<string, unknown>();
  const replaced = new Set(planned.map((p) => p.path));
  const files: LedgerFile[] = ledger.files.filter((f) => !replaced.has(f.path));
  for (const p of planned) {
    const parsed = parseText(p.path, p.kind, p.text);
    for (const e of parsed.problems.filter((x) => x.severity === 'error')) {
      problems.push({ file: p.path, line: e.line, column: e.column, code: e.code, params: e.params });
    }
    data.set(p.path, parsed.data);
    files.push({ path: p.path, kind: p.kind, data: parsed.data, problems: parsed.problems });
  }
  if (problems.length > 0) return { problems, data };
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const would = assemble(ledger.root, files, false);
  for (const p of crossChecks(would)) {
    if (p.severity !== 'error' || !replaced.has(p.file)) continue;
    if (p.file === 'team.yaml' && !(p.path[0] === 'roles' && typeof p.path[1] === 'number' && p.path[1] >= newRolesFrom)) continue;
    problems.push({ file: p.file, path: p.path, code: p.code, params: p.params });
  }
  return { problems, data };
}
