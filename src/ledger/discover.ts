// Finding the ledger's files by the layout of SPEC §1. Nothing under the ledger is skipped in
// silence: a folder that cannot be listed, an entry that is not a regular file where a file
// must be (a FIFO, a socket, a device, a folder named `x.yaml`), a file where a folder must be
// (`records/2026/12`), and a symlink leading out of the ledger are problems naming their path.
// Only regular files (or symlinks to regular files inside the ledger) are ever opened.
// Leftover temporary files of a killed writer (ledger/write.ts TEMP_NAME) are warnings.
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, sep } from 'node:path';
import { fileProblem, type Problem } from './problems.js';
import type { FileKind } from './schema.js';
import { TEMP_NAME } from './write.js';

export interface Found {
  path: string;
  kind: FileKind;
}

const ROOT_FILES: [string, FileKind][] = [
  ['aftersales.yaml', 'settings'],
  ['team.yaml', 'team'],
  ['suggestions.yaml', 'suggestions'],
  ['inputs/products.yaml', 'products'],
  ['inputs/sales.yaml', 'sales'],
  ['inputs/benchmarks.yaml', 'benchmarks'],
];

const FOLDERS: [string, FileKind][] = [['services', 'service'], ['procedures', 'procedure'], ['actions', 'action'], ['imports', 'import']];

function isYamlName(name: string): boolean {
  return name.endsWith('.yaml') || name.endsWith('.yml');
}

type EntryType = 'file' | 'folder' | 'other' | 'outside' | 'broken';

class Walker {
  readonly found: Found[] = [];
  readonly problems: Problem[] = [];
  private realRoot: string | undefined;

  constructor(readonly root: string) {}

  private inside(real: string): boolean {
    this.realRoot ??= realpathSync(this.root);
    return real === this.realRoot || real.startsWith(this.realRoot + sep);
  }

  /** What an entry is, following a symlink only when it stays inside the ledger. */
  typeOf(rel: string, dirent?: Dirent): EntryType {
    let link = dirent?.isSymbolicLink();
    if (dirent && !link) return dirent.isFile() ? 'file' : dirent.isDirectory() ? 'folder' : 'other';
    const abs = join(this.root, rel);
    try {
      if (link === undefined) link = lstatSync(abs).isSymbolicLink();
      if (link && !this.inside(realpathSync(abs))) return 'outside';
      const st = statSync(abs);
      return st.isFile() ? 'file' : st.isDirectory() ? 'folder' : 'other';
    } catch {
      return 'broken';
    }
  }

  /** The entries of a folder; a folder that exists but cannot be listed is a problem. */
  list(rel: string): Dirent[] {
    try {
      return readdirSync(join(this.root, rel), { withFileTypes: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') this.problems.push(fileProblem(rel, 'unreadable-folder', { reason: code ?? (e as Error).message }));
      return [];
    }
  }

  /** A ledger file at `rel`, if it is one that can be read. */
  file(rel: string, kind: FileKind, type: EntryType): void {
    if (type === 'file') this.found.push({ path: rel, kind });
    else if (type === 'folder' || type === 'other') this.problems.push(fileProblem(rel, 'not-a-regular-file'));
    else if (type === 'outside') this.problems.push(fileProblem(rel, 'symlink-outside'));
    else this.problems.push(fileProblem(rel, 'unreadable', { reason: 'broken symbolic link' }));
  }

  /** A folder the layout requires there: anything else is a problem. */
  folder(rel: string, type: EntryType): boolean {
    if (type === 'folder') return true;
    if (type === 'outside') this.problems.push(fileProblem(rel, 'symlink-outside'));
    else this.problems.push(fileProblem(rel, 'not-a-folder'));
    return false;
  }

  /** Hidden entries are ignored, but a killed writer's temporary file is worth a warning. */
  hidden(rel: string, name: string): boolean {
    if (!name.startsWith('.')) return false;
    if (TEMP_NAME.test(name)) {
      let age = 0;
      try {
        age = Math.floor((Date.now() - lstatSync(join(this.root, rel)).mtimeMs) / 60_000);
      } catch { /* gone */ }
      this.problems.push(fileProblem(rel, 'leftover-temp', { minutes: age }, 'warning'));
    }
    return true;
  }
}

/** Every ledger file by the layout of SPEC §1, plus problems for what cannot be read or is misplaced. */
export function discoverFiles(root: string, withRecords: boolean): { found: Found[]; misplaced: Problem[] } {
  const w = new Walker(root);
  for (const [rel, kind] of ROOT_FILES) if (lstatOrUndefined(join(root, rel))) w.file(rel, kind, w.typeOf(rel));
  for (const e of w.list('')) w.hidden(e.name, e.name);
  if (folderExists(w, 'inputs')) for (const e of w.list('inputs')) w.hidden(`inputs/${e.name}`, e.name);
  for (const [folder, kind] of FOLDERS) {
    if (!folderExists(w, folder)) continue;
    for (const e of w.list(folder)) {
      const path = `${folder}/${e.name}`;
      if (w.hidden(path, e.name) || !isYamlName(e.name)) continue;
      if (e.name.endsWith('.yml')) w.problems.push(fileProblem(path, 'bad-extension'));
      else w.file(path, kind, w.typeOf(path, e));
    }
  }
  if (withRecords && folderExists(w, 'records')) {
    for (const year of w.list('records')) {
      const yearPath = `records/${year.name}`;
      if (w.hidden(yearPath, year.name)) continue;
      const yearType = w.typeOf(yearPath, year);
      if (isYamlName(year.name) && yearType !== 'folder') {
        w.problems.push(fileProblem(yearPath, 'record-misplaced'));
        continue;
      }
      if (!/^\d{4}$/.test(year.name)) continue; // a README or such: not ledger data
      if (!w.folder(yearPath, yearType)) continue;
      for (const month of w.list(yearPath)) {
        const monthPath = `${yearPath}/${month.name}`;
        if (w.hidden(monthPath, month.name)) continue;
        const monthType = w.typeOf(monthPath, month);
        if (isYamlName(month.name) && monthType !== 'folder') {
          w.problems.push(fileProblem(monthPath, 'record-misplaced'));
          continue;
        }
        if (!/^\d{2}$/.test(month.name)) continue;
        if (!w.folder(monthPath, monthType)) continue;
        for (const e of w.list(monthPath)) {
          const path = `${monthPath}/${e.name}`;
          if (w.hidden(path, e.name) || !isYamlName(e.name)) continue;
          if (e.name.endsWith('.yml')) w.problems.push(fileProblem(path, 'bad-extension'));
          else w.file(path, 'record', w.typeOf(path, e));
        }
      }
    }
  }
  w.found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { found: w.found, misplaced: w.problems };
}

function lstatOrUndefined(abs: string) {
  try {
    return lstatSync(abs);
  } catch {
    return undefined;
  }
}

/** A layout folder: absent is fine; present must be a folder (or a link to one inside). */
function folderExists(w: Walker, rel: string): boolean {
  if (!lstatOrUndefined(join(w.root, rel))) return false;
  return w.folder(rel, w.typeOf(rel));
}

/**
 * The ledger files among `paths` (relative, with `/`), by the same layout as discoverFiles, for
 * a ledger that is not on disk (a git revision, `control --since`). Hidden names and `.yml`
 * files are left out (discoverFiles reports them; a revision's problems are not reported).
 */
export function classifyPaths(paths: Iterable<string>): Found[] {
  const roots = new Map(ROOT_FILES);
  const folders = new Map(FOLDERS);
  const out: Found[] = [];
  for (const path of paths) {
    const parts = path.split('/');
    if (parts.some((p) => p.startsWith('.'))) continue;
    const root = roots.get(path);
    if (root) out.push({ path, kind: root });
    else if (parts.length === 2 && folders.has(parts[0]) && parts[1].endsWith('.yaml')) out.push({ path, kind: folders.get(parts[0])! });
    else if (parts.length === 4 && parts[0] === 'records' && /^\d{4}$/.test(parts[1]) && /^\d{2}$/.test(parts[2]) && parts[3].endsWith('.yaml')) out.push({ path, kind: 'record' });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
