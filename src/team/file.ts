// Reading and writing team.yaml for the `team` edit commands. The file is read as bytes, edited
// as text (ledger/edit.ts keeps every byte outside the edited node; a BOM and CRLF line endings
// are put back), and the result is verified — schema and the cross-file checks of team.yaml —
// before anything is written. Nothing is written when any check fails; edits hold the file's
// lock from reading to writing (editTeam), so concurrent edits are serialised, not lost.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { LedgerError } from '../errors.js';
import type { Translate } from '../i18n/index.js';
import { allProblems, crossChecks } from '../ledger/checks.js';
import type { Ledger, LedgerFile } from '../ledger/load.js';
import { placeProblems } from '../ledger/positions.js';
import type { PendingProblem, Problem } from '../ledger/problems.js';
import { problemLine } from '../ledger/problems.js';
import type { Team } from '../ledger/schema.js';
import { validateData } from '../ledger/validate.js';
import { createExclusive, modeline, replaceAtomic, withFileLock } from '../ledger/write.js';

export const TEAM_FILE = 'team.yaml';

export interface TeamText {
  /** Absolute path of team.yaml. */
  path: string;
  exists: boolean;
  /** The bytes read (to detect a concurrent change before replacing). */
  bytes: Buffer | undefined;
  /** The text with LF line endings and no BOM: what the editor works on. */
  text: string;
  bom: boolean;
  crlf: boolean;
  /** The valid data of the file (empty lists when the file does not exist yet). */
  team: Team;
}

/** The text of a new team.yaml: the modeline and two empty lists. */
export function newTeamText(): string {
  return `${modeline(TEAM_FILE, 'team')}roles: []\npeople: []\n`;
}

function problemLines(problems: Problem[], t: Translate): string[] {
  const lines = problems.slice(0, 20).map((p) => problemLine(p, t));
  if (problems.length > 20) lines.push(`… (${problems.length - 20} more)`);
  return lines;
}

/**
 * team.yaml of a loaded ledger, ready to edit. Refuses (exit 2) a team.yaml that has errors now:
 * an edit could not leave it valid, and the user should see the problems first.
 */
export function readTeam(ledger: Ledger, t: Translate): TeamText {
  const path = join(ledger.root, TEAM_FILE);
  const exists = existsSync(path);
  if (exists) {
    const errors = allProblems(ledger).filter((p) => p.file === TEAM_FILE && p.severity === 'error');
    if (errors.length > 0) {
      throw new LedgerError(t('team.error.team-invalid', { count: errors.length }), t('hint.invalid-ledger'), problemLines(errors, t));
    }
  }
  if (!exists) {
    return { path, exists, bytes: undefined, text: newTeamText(), bom: false, crlf: false, team: { roles: [], people: [] } };
  }
  const bytes = readFileSync(path);
  let text = bytes.toString('utf8');
  const bom = text.startsWith('\uFEFF');
  if (bom) text = text.slice(1);
  const crlf = text.includes('\r\n');
  if (crlf) text = text.replace(/\r\n/g, '\n');
  const team = parse(text, { schema: 'core' }) as Team;
  return { path, exists, bytes, text, bom, crlf, team };
}

/** Problems the edited text would have in team.yaml: its schema, then the cross-file checks. */
export function verifyTeamText(ledger: Ledger, text: string): { data: Team | undefined; problems: Problem[] } {
  let data: unknown;
  try {
    data = parse(text, { schema: 'core' });
  } catch (e) {
    const p: PendingProblem = { file: TEAM_FILE, path: [], code: 'yaml-syntax', severity: 'error', params: { detail: (e as Error).message } };
    return { data: undefined, problems: placeProblems(text, [p]) };
  }
  const schema = validateData(TEAM_FILE, 'team', data);
  if (schema.length > 0) return { data: undefined, problems: placeProblems(text, schema) };
  const team = data as Team;
  const files: LedgerFile[] = ledger.files.filter((f) => f.kind !== 'team');
  files.push({ path: TEAM_FILE, kind: 'team', data: team, problems: [] });
  const edited: Ledger = { ...ledger, team, files, recordsLoaded: false };
  const pending = crossChecks(edited).filter((p) => p.file === TEAM_FILE && p.severity === 'error');
  return { data: team, problems: placeProblems(text, pending) };
}

/**
 * Verify `text` (the edited team.yaml, LF, no BOM) and write it: exclusive create for a new
 * file, atomic replace for an existing one, in the file's own BOM and line endings.
 */
export function writeTeam(ledger: Ledger, file: TeamText, text: string, t: Translate): void {
  const { problems } = verifyTeamText(ledger, text);
  if (problems.length > 0) {
    throw new LedgerError(t('team.error.edit-invalid'), t('team.hint.edit-invalid'), problemLines(problems, t));
  }
  let out = file.crlf ? text.replace(/\n/g, '\r\n') : text;
  if (file.bom) out = `\uFEFF${out}`;
  try {
    if (!file.exists) {
      createExclusive(file.path, out);
      return;
    }
    const now = readFileSync(file.path);
    if (!file.bytes || !now.equals(file.bytes)) {
      throw new LedgerError(t('team.error.changed', { file: TEAM_FILE }), t('team.hint.changed'));
    }
    replaceAtomic(file.path, out);
  } catch (e) {
    if (e instanceof LedgerError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new LedgerError(t('team.error.changed', { file: TEAM_FILE }), t('team.hint.changed'));
    throw new LedgerError(t('error.write-failed', { file: file.path, reason: (e as Error).message }));
  }
}

/**
 * One edit of team.yaml under its lock: the file is read afresh, `build` makes the new text from
 * it (and may refuse with a UsageError), and the result is verified and written. Two edits at
 * once are serialised, so neither is lost. Returns the file as it was before the edit.
 */
export function editTeam(ledger: Ledger, t: Translate, build: (file: TeamText) => string): TeamText {
  return withFileLock(join(ledger.root, TEAM_FILE), () => {
    const file = readTeam(ledger, t);
    writeTeam(ledger, file, build(file), t);
    return file;
  });
}
