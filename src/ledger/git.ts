// The ledger as it was at a git revision (`control --since REF`, `check --since REF`): which
// commit REF names, the files changed since it, the blob ids of the ledger's files at it (the
// commit's tree) and the contents of the blobs the caches cannot serve (load-revision.ts). A REF
// the clone does not hold — typically a shallow CI clone — is exit 2 with the fetch-depth hint.
import { spawnSync } from 'node:child_process';
import { relative } from 'node:path';
import { LedgerError, UsageError } from '../errors.js';
import type { Translate } from '../i18n/index.js';

function git(cwd: string, args: string[]): { ok: boolean; out: string; err: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) return { ok: false, out: '', err: r.error.message };
  return { ok: r.status === 0, out: r.stdout, err: r.stderr };
}

export interface Revision {
  ref: string;
  commit: string;
  /** The ledger's folder inside the repository ('' at its top), with `/`. */
  prefix: string;
  top: string;
}

/** The commit REF names, for the repository holding the ledger at `root`. */
export function resolveRevision(root: string, ref: string, t: Translate): Revision {
  const top = git(root, ['rev-parse', '--show-toplevel']);
  if (!top.ok) throw new UsageError(t('since.not-git', { dir: root }), t('since.hint.not-git'));
  const topDir = top.out.trim();
  const commit = git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (!commit.ok) {
    const shallow = git(root, ['rev-parse', '--is-shallow-repository']).out.trim() === 'true';
    throw new UsageError(t(shallow ? 'since.shallow' : 'since.unknown-ref', { ref }), t(shallow ? 'since.hint.shallow' : 'since.hint.unknown-ref', { ref }));
  }
  const prefix = relative(topDir, root).split('\\').join('/');
  return { ref, commit: commit.out.trim(), prefix, top: topDir };
}

/**
 * The ledger files changed since the revision: committed after it, staged or not, and untracked
 * (added, modified, renamed — deleted ones cannot be checked), as paths relative to the ledger.
 */
export function changedSince(rev: Revision): Set<string> {
  const inLedger = (p: string) => (rev.prefix === '' ? p : p.startsWith(`${rev.prefix}/`) ? p.slice(rev.prefix.length + 1) : undefined);
  const out = new Set<string>();
  const diff = git(rev.top, ['diff', '--name-only', '--diff-filter=ACMR', '-z', rev.commit, '--', rev.prefix === '' ? '.' : rev.prefix]);
  const untracked = git(rev.top, ['ls-files', '--others', '--exclude-standard', '-z', '--', rev.prefix === '' ? '.' : rev.prefix]);
  for (const p of `${diff.out}${untracked.out}`.split('\0')) {
    const rel = p === '' ? undefined : inLedger(p);
    if (rel !== undefined) out.add(rel);
  }
  return out;
}

/** The content keys (blob ids, as content-keys.ts writes them) of the ledger's files at the revision. */
export function treeKeys(rev: Revision): Map<string, string> {
  const tree = rev.prefix === '' ? rev.commit : `${rev.commit}:${rev.prefix}`;
  const listed = git(rev.top, ['ls-tree', '-r', '-z', tree]);
  const keys = new Map<string, string>();
  // "<mode> blob <sha>\t<path>\0"
  for (const entry of listed.out.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, sha] = entry.slice(0, tab).split(' ');
    if (type === 'blob' && (mode === '100644' || mode === '100755')) keys.set(entry.slice(tab + 1), `git:${sha}`);
  }
  return keys;
}

/** The contents of blobs by id (`git cat-file --batch`, one process for all). */
export function readBlobs(rev: Revision, shas: readonly string[], t: Translate): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (shas.length === 0) return out;
  const r = spawnSync('git', ['cat-file', '--batch'], { cwd: rev.top, input: `${shas.join('\n')}\n`, maxBuffer: 1 << 30 });
  if (r.error || r.status !== 0) throw new LedgerError(t('since.no-ledger-at-ref', { ref: rev.ref, reason: r.error?.message ?? r.stderr.toString().trim() }));
  const buf = r.stdout as Buffer;
  // "<sha> blob <size>\n<content>\n" per object
  for (let at = 0; at < buf.length; ) {
    const nl = buf.indexOf(10, at);
    if (nl < 0) break;
    const [sha, type, size] = buf.toString('latin1', at, nl).split(' ');
    if (type !== 'blob') {
      at = nl + 1;
      continue;
    }
    const n = Number(size);
    out.set(sha, buf.subarray(nl + 1, nl + 1 + n));
    at = nl + 1 + n + 1;
  }
  return out;
}
