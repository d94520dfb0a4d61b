// The version of the code that produced a cache: a hash of every built module of the tool
// (dist/, or src/ when run from source in tests). Any change to any module invalidates every
// cache — no hand-kept list of "the modules that matter" to forget a new one in. Computed once
// per process (about 100 small files: a few milliseconds).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let memo: string | undefined;

function walk(dir: string, hash: ReturnType<typeof createHash>): void {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) walk(path, hash);
    else if (/\.(js|ts)$/.test(e.name)) hash.update(e.name).update(readFileSync(path));
  }
}

export function codeVersion(): string {
  if (memo === undefined) {
    const hash = createHash('sha256');
    try {
      walk(dirname(dirname(fileURLToPath(import.meta.url))), hash);
    } catch {
      hash.update(String(Date.now())); // unreadable code: no cache from another run is trusted
    }
    memo = hash.digest('hex').slice(0, 16);
  }
  return memo;
}
