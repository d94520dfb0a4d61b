// Find the ledger root: --ledger DIR, else AFTERSALES_LEDGER, else walk up from the working
// directory to the first folder holding aftersales.yaml (like git finds .git).
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const SETTINGS_FILE = 'aftersales.yaml';

export type LocateResult = { root: string } | { root: undefined; tried: string; reason: 'not-found' | 'no-settings' };

export function locateLedger(opts: { cwd: string; ledger?: string; env?: NodeJS.ProcessEnv }): LocateResult {
  const explicit = opts.ledger ?? opts.env?.AFTERSALES_LEDGER;
  if (explicit) {
    const dir = resolve(opts.cwd, explicit);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return { root: undefined, tried: dir, reason: 'not-found' };
    if (!existsSync(join(dir, SETTINGS_FILE))) return { root: undefined, tried: dir, reason: 'no-settings' };
    return { root: dir };
  }
  let dir = resolve(opts.cwd);
  for (;;) {
    if (existsSync(join(dir, SETTINGS_FILE))) return { root: dir };
    const parent = dirname(dir);
    if (parent === dir) return { root: undefined, tried: resolve(opts.cwd), reason: 'no-settings' };
    dir = parent;
  }
}
