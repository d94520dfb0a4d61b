// The formats of `control`, one entry each: how to load its reporter, and what it needs
// computed beforehand (reporters are pure: `(report, t, options) → text`). A new format is a
// new file in report/ and one entry here.
import type { Translate } from '../i18n/index.js';
import type { Position } from '../acting/deviation-positions.js';
import type { ReviewInputs } from '../acting/review.js';
import type { ControlResult, Deviation } from '../quality/control.js';
import type { Change } from '../acting/since.js';

export interface ControlReport {
  result: ControlResult;
  /** Where each deviation is (by key), for formats that annotate files. */
  positions: ReadonlyMap<string, Position>;
  /** The management review's other inputs (actions, satisfaction, improvement room). */
  review?: ReviewInputs;
  /** With --since: the revision compared with, each deviation's state, and the fixed ones. */
  since?: SinceReport;
}

export interface SinceReport {
  ref: string;
  commit: string;
  changes: ReadonlyMap<string, Change>;
  fixed: readonly Deviation[];
  counts: Record<Change, number>;
}

export type ControlReporter = (report: ControlReport, t: Translate, options: { color: boolean; verbose: boolean }) => string;

export interface ControlFormat {
  load(): Promise<ControlReporter>;
  needs?: readonly ('positions' | 'review')[];
}

export const CONTROL_FORMATS = {
  table: { load: async () => { const m = await import('./control-table.js'); return (r, t, o) => m.formatControlTable(r.result, t, o.color, o.verbose, r.since); } },
  json: { load: async () => { const m = await import('./control-json.js'); return (r) => m.formatControlJson(r.result, r.since); } },
  markdown: { needs: ['review'], load: async () => { const m = await import('./control-markdown.js'); return (r, t) => m.formatControlMarkdown(r.result, t, r.review); } },
  github: { needs: ['positions'], load: async () => (await import('./control-github.js')).formatControlGithub },
  junit: { load: async () => { const m = await import('./control-junit.js'); return (r, t) => m.formatControlJunit(r.result, t); } },
  sarif: { needs: ['positions'], load: async () => (await import('./control-sarif.js')).formatControlSarif },
  codequality: { needs: ['positions'], load: async () => (await import('./control-codequality.js')).formatControlCodequality },
} satisfies Record<string, ControlFormat>;

export type ControlFormatName = keyof typeof CONTROL_FORMATS;
export const CONTROL_FORMAT_NAMES = Object.keys(CONTROL_FORMATS) as ControlFormatName[];
