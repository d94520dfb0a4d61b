// Service templates: the shipped ones (templates/services/<id>.<lang>.yaml in the package) and
// a ledger's own (templates/<id>.<lang>.yaml or templates/<id>.yaml at the ledger root, which
// override a shipped template of the same id). A template is kept as its yaml Document so that
// its comments — where each default target comes from — reach the files `plan` writes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, LineCounter, parseDocument, type Document, type YAMLMap } from 'yaml';
import jsyaml from 'js-yaml';
import { z } from 'zod';
import { LedgerError, UsageError } from '../errors.js';
import type { Translate } from '../i18n/index.js';
import { placeProblems } from '../ledger/positions.js';
import type { PendingProblem } from '../ledger/problems.js';
import { problemMessage } from '../ledger/problems.js';
import { slug, teamFile, type Role } from '../ledger/schema.js';
import { validateData } from '../ledger/validate.js';
import { closest } from '../ledger/values.js';

export type TemplateSource = 'shipped' | 'ledger';

export interface TemplateInfo {
  id: string;
  source: TemplateSource;
  /** Absolute path of the file chosen for the language. */
  file: string;
  /** The file's language, or undefined for a language-neutral `<id>.yaml`. */
  lang: string | undefined;
}

export interface LoadedTemplate extends TemplateInfo {
  title: string;
  summary: string;
  roles: Role[];
  /** The whole template document (comments kept); `service` and `procedure` are its nodes. */
  doc: Document;
  service: YAMLMap;
  procedure: YAMLMap;
}

/** The shipped templates, found relative to the built module (dist/planning → templates/). */
export function shippedTemplatesDir(): string {
  return fileURLToPath(new URL('../../templates/services', import.meta.url));
}

export function ledgerTemplatesDir(root: string): string {
  return join(root, 'templates');
}

const NAME_RE = /^([a-z0-9][a-z0-9-]{0,63})(?:\.([a-z]{2}))?\.yaml$/;

/** Files of a templates folder by template id: language → file ('' = language-neutral). */
function scan(dir: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const m = e.isFile() ? NAME_RE.exec(e.name) : null;
    if (!m) continue;
    const byLang = out.get(m[1]) ?? new Map<string, string>();
    byLang.set(m[2] ?? '', join(dir, e.name));
    out.set(m[1], byLang);
  }
  return out;
}

/** The file for `lang`: <id>.<lang>.yaml, else <id>.yaml, else English, else any. */
function pick(byLang: Map<string, string>, lang: string): { file: string; lang: string | undefined } {
  for (const l of [lang, '', 'en', ...[...byLang.keys()].sort()]) {
    const file = byLang.get(l);
    if (file) return { file, lang: l === '' ? undefined : l };
  }
  throw new Error('unreachable: a scanned template has at least one file');
}

/** Every template available to a ledger (or, without one, the shipped ones), sorted by id. */
export function findTemplates(lang: string, root?: string): TemplateInfo[] {
  const found = new Map<string, TemplateInfo>();
  for (const [id, byLang] of scan(shippedTemplatesDir())) found.set(id, { id, source: 'shipped', ...pick(byLang, lang) });
  if (root) for (const [id, byLang] of scan(ledgerTemplatesDir(root))) found.set(id, { id, source: 'ledger', ...pick(byLang, lang) });
  return [...found.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const wrapper = z.strictObject({
  template: slug.optional(),
  title: z.string(),
  summary: z.string(),
  roles: z.array(teamFile.shape.roles.element),
  service: z.unknown(),
  procedure: z.unknown(),
});

function fail(t: Translate, file: string, text: string, pending: PendingProblem[]): never {
  const placed = placeProblems(text, pending);
  const details = placed.map((p) => `${file}:${p.line}:${p.column}: ${problemMessage(p, t)}`);
  throw new LedgerError(t('plan.error.bad-template', { file }), t('plan.hint.bad-template'), details);
}

/** Read and validate a template: its wrapper, its service and its procedure (schemas only). */
export function loadTemplate(info: TemplateInfo, t: Translate): LoadedTemplate {
  const text = readFileSync(info.file, 'utf8').replace(/^\uFEFF/, '');
  const doc = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false });
  const file = info.file;
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new LedgerError(t('plan.error.bad-template', { file }), t('plan.hint.bad-template'), [
      `${file}:${e.linePos?.[0].line ?? 1}:${e.linePos?.[0].col ?? 1}: ${t('problem.yaml-syntax', { detail: e.message.split('\n')[0] })}`,
    ]);
  }
  const checked = checkTemplate(file, doc.toJS());
  if (!checked.head) fail(t, file, text, checked.problems);
  const head = checked.head;
  const service = doc.get('service', true);
  const procedure = doc.get('procedure', true);
  if (!isMap(service) || !isMap(procedure)) fail(t, file, text, [{ file, path: [], code: 'bad-format', severity: 'error', params: { value: 'service / procedure' } }]);
  return {
    ...info,
    title: head.title,
    summary: head.summary,
    roles: head.roles,
    doc,
    service: service as YAMLMap,
    procedure: procedure as YAMLMap,
  };
}

/**
 * A template's data checked: its wrapper against the template schema, its service and its
 * procedure against the ledger's (problems named by their data paths, not yet placed).
 */
function checkTemplate(file: string, data: unknown): { head: z.infer<typeof wrapper>; problems?: undefined } | { head?: undefined; problems: PendingProblem[] } {
  const head = wrapper.safeParse(data);
  // Reuse the ledger's wording for the wrapper's keys too (missing key, wrong type…).
  if (!head.success) return { problems: validateWrapper(file, data) };
  const problems = [
    ...validateData(file, 'service', head.data.service).map((p) => ({ ...p, path: ['service', ...p.path] })),
    ...validateData(file, 'procedure', head.data.procedure).map((p) => ({ ...p, path: ['procedure', ...p.path] })),
  ];
  return problems.length > 0 ? { problems } : { head: head.data };
}

/**
 * A template's title and summary, for a list: read with the bulk parser (js-yaml) and checked
 * like loadTemplate; a template that fails (or uses anchors, which js-yaml does not bound) is
 * loaded in full, for its problems at their lines (loadTemplate throws them).
 */
export function describeTemplate(info: TemplateInfo, t: Translate): { title: string; summary: string } {
  const text = readFileSync(info.file, 'utf8').replace(/^\uFEFF/, '');
  if (!text.includes('&') && !text.includes('*')) {
    let data: unknown;
    try {
      data = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
    } catch {
      data = undefined;
    }
    const { head } = checkTemplate(info.file, data);
    if (head) return { title: head.title, summary: head.summary };
  }
  const tpl = loadTemplate(info, t);
  return { title: tpl.title, summary: tpl.summary };
}

/** Problems of the wrapper keys, in the ledger's problem codes. */
function validateWrapper(file: string, data: unknown): PendingProblem[] {
  const out: PendingProblem[] = [];
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return [{ file, path: [], code: 'wrong-type', severity: 'error', params: { expected: 'mapping', actual: typeof data, value: String(data) } }];
  }
  const d = data as Record<string, unknown>;
  const allowed = Object.keys(wrapper.shape);
  for (const key of Object.keys(d)) {
    if (!allowed.includes(key)) out.push({ file, path: [key], atKey: true, code: 'unknown-key', severity: 'error', params: { key, suggestion: '', allowed: allowed.join(', ') } });
  }
  for (const key of ['title', 'summary', 'roles', 'service', 'procedure']) {
    if (d[key] === undefined) out.push({ file, path: [], code: 'missing-key', severity: 'error', params: { key, expected: key === 'roles' ? 'list' : key === 'title' || key === 'summary' ? 'string' : 'mapping' } });
  }
  if (Array.isArray(d.roles)) {
    const roles = z.array(teamFile.shape.roles.element).safeParse(d.roles);
    if (!roles.success) {
      for (const p of validateData(file, 'team', { roles: d.roles, people: [] })) out.push(p);
    }
  }
  for (const key of ['title', 'summary']) {
    if (d[key] !== undefined && typeof d[key] !== 'string') out.push({ file, path: [key], code: 'wrong-type', severity: 'error', params: { expected: 'string', actual: typeof d[key], value: String(d[key]) } });
  }
  if (out.length === 0) out.push({ file, path: [], code: 'bad-format', severity: 'error', params: { value: 'template' } });
  return out;
}

/** The template with id `id`, or a usage error listing the available ones. */
export function findTemplate(id: string, lang: string, root: string | undefined, t: Translate): TemplateInfo {
  const all = findTemplates(lang, root);
  const info = all.find((x) => x.id === id);
  if (info) return info;
  const ids = all.map((x) => x.id);
  const near = closest(id, ids);
  const message = t('plan.error.unknown-template', { id }) + (near ? ` (${t('hint.didYouMean', { suggestion: near })})` : '');
  throw new UsageError(message, t('plan.hint.unknown-template', { known: ids.join(', ') }));
}
