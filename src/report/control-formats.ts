// The formats of `control`, one entry each: how to load its reporter, and what it needs
// computed beforehand (reporters are pure: `(report, t, options) → text`). A new format is a
// new file in report/ and one entry here.
import type { Translate } from '../i18n/index.js';
import type { Position } from '../acting/deviation-positions.js';
import type { ReviewInputs } from '../acting/review.js';
import type { ControlResult } from '../quality/control.js';

export interface ControlReport {
  result: ControlResult;
  /** Where each deviation is (by key), for formats that annotate files. */
  positions: ReadonlyMap<string, Position>;
  /** The management review's other inputs (actions, satisfaction, improvement room). */
  review?: ReviewInputs;
}

export type ControlReporter = (report: ControlReport, t: Translate, options: { color: boolean; verbose: boolean }) => string;

export interface ControlFormat {
  load(): Promise<ControlReporter>;
  needs?: readonly ('positions' | 'review')[];
}

export const CONTROL_FORMATS = {
  table: { load: async () => { const m = await import('./control-table.js'); return (r, t, o) => m.formatControlTable(r.result, t, o.color, o.verbose); } },
  json: { load: async () => { const m = await import('./control-json.js'); return (r) => m.formatControlJson(r.result); } },
  markdown: { needs: ['review'], load: async () => { const m = await import('./control-markdown.js'); return (r, t) => m.formatControlMarkdown(r.result, t, r.review); } },
  github: { needs: ['positions'], load: async () => (await import('./control-github.js')).formatControlGithub },
  junit: { load: async () => { const m = await import('./control-junit.js'); return (r, t) => m.formatControlJunit(r.result, t); } },
} satisfies Record<string, ControlFormat>;

export type ControlFormatName = keyof typeof CONTROL_FORMATS;
export const CONTROL_FORMAT_NAMES = Object.keys(CONTROL_FORMATS) as ControlFormatName[];
