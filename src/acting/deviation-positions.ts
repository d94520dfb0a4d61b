// Where each deviation of a control result is, for formats that annotate files (github, and
// code-review formats): the line of its requirement in the service file, else the line of the
// part of the service it is about (training, resources), else the service's `id`; objectives
// and deviations of unknown services point at aftersales.yaml line 1. Read before reporting,
// so that reporters stay pure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseForPositions, positionOf, rangeAt } from '../ledger/positions.js';
import type { ControlResult } from '../quality/control.js';

export interface Position {
  file: string;
  line: number;
}

export function deviationPositions(result: ControlResult, root: string): Map<string, Position> {
  const out = new Map<string, Position>();
  const sources = new Map<string, ReturnType<typeof parseForPositions> | undefined>();
  const source = (file: string) => {
    if (!sources.has(file)) {
      try {
        sources.set(file, parseForPositions(readFileSync(join(root, file), 'utf8')));
      } catch {
        sources.set(file, undefined);
      }
    }
    return sources.get(file);
  };
  for (const d of result.deviations) {
    const svc = result.services.find((s) => s.id === d.service);
    if (!svc) {
      out.set(d.key, { file: 'aftersales.yaml', line: 1 });
      continue;
    }
    const req = d.kind === 'target' || d.kind === 'trend' ? svc.requirements.find((r) => r.id === d.requirement) : undefined;
    const path = req ? ['requirements', req.index] : d.kind === 'training' ? ['training'] : d.kind === 'capacity' ? ['resources'] : ['id'];
    const src = source(svc.file);
    out.set(d.key, { file: svc.file, line: src ? positionOf(src, rangeAt(src, path)[0]).line : 1 });
  }
  return out;
}
