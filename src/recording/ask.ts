// The questions `record` and `record close` ask on a terminal. Each asks only for what flags
// did not give; an empty answer to an optional question leaves the field out. Answers are
// checked against the record schema as they are typed, so a wrong value is asked again
// instead of failing the whole command at the end.
import { labelOf } from '../i18n/labels.js';
import type { Translate } from '../i18n/index.js';
import type { Prompter, Choice } from '../io/prompt.js';
import { schemaAt } from '../ledger/schema-walk.js';
import { FILE_KINDS, SIX_M, type Filter, type Indicator, type Service, type Settings } from '../ledger/schema.js';
import { isTimestamp } from '../ledger/values.js';

type Data = Record<string, unknown>;

/** Does `value` fit the record schema at `path` (e.g. ['survey', 'csat'])? */
export function fitsField(path: string[], value: unknown): boolean {
  const schema = schemaAt(FILE_KINDS.record, path);
  return schema ? schema.safeParse(value).success : false;
}

export function getIn(obj: Data, path: string[]): unknown {
  let node: unknown = obj;
  for (const k of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Data)[k];
  }
  return node;
}

/** Text typed for a field → its value: numbers for numeric fields, else the text. */
export function typedAnswer(path: string[], text: string): unknown {
  const s = text.trim();
  if (s === '') return undefined;
  if (/^-?\d+([.,]\d+)?$/.test(s)) {
    const n = Number(s.replace(',', '.'));
    if (fitsField(path, n)) return n;
  }
  if (s === 'true' || s === 'false') {
    if (fitsField(path, s === 'true')) return s === 'true';
  }
  return s;
}

/** Ask an optional field as text; validated by the schema. */
export async function askText(p: Prompter, t: Translate, path: string[], message: string, dflt?: string): Promise<unknown> {
  const answer = await p.input({
    message,
    default: dflt,
    validate: (v) => {
      const value = typedAnswer(path, v);
      return value === undefined || fitsField(path, value) ? true : t('record.ask.invalid', { field: path.join('.') });
    },
  });
  return typedAnswer(path, answer);
}

export async function askTimestamp(p: Prompter, t: Translate, message: string, dflt: string): Promise<string> {
  return p.input({ message, default: dflt, validate: (v) => (isTimestamp(v.trim()) ? true : t('problem.bad-timestamp', { value: v })) }).then((v) => v.trim());
}

/** A select with a "(none)" choice first when the field is optional; '' means none. */
export async function askChoice(p: Prompter, t: Translate, message: string, values: { value: string; name?: string }[], dflt?: string, optional = true, noneLabel = t('record.ask.none')): Promise<string | undefined> {
  const choices: Choice<string>[] = values.map((v) => ({ name: v.name ?? v.value, value: v.value }));
  if (optional) choices.unshift({ name: noneLabel, value: '' });
  const answer = await p.select<string>({ message, choices, default: dflt });
  return answer === '' ? undefined : answer;
}

export async function askCause(p: Prompter, t: Translate): Promise<Data | undefined> {
  const category = await askChoice(p, t, t('record.ask.cause'), SIX_M.map((m) => ({ value: m, name: `${labelOf(t, 'six-m', m)} — ${t(`record.6m.${m}`)}` })));
  if (!category) return undefined;
  const detail = String((await p.input({ message: t('record.ask.cause-detail') })) ?? '').trim();
  return detail ? { category, detail } : { category };
}

export async function askParts(p: Prompter, t: Translate): Promise<Data[] | undefined> {
  const parts: Data[] = [];
  for (;;) {
    const ref = (await p.input({ message: t('record.ask.part-ref', { n: parts.length + 1 }) })).trim();
    if (ref === '') break;
    const part: Data = { ref };
    const qty = await askText(p, t, ['parts', '0', 'qty'], t('record.ask.part-qty'), '1');
    if (qty !== undefined) part.qty = qty;
    const cost = await askText(p, t, ['parts', '0', 'cost'], t('record.ask.part-cost'));
    if (cost !== undefined) part.cost = cost;
    parts.push(part);
  }
  return parts.length > 0 ? parts : undefined;
}

/** Survey question names a service's requirements (and the ledger's objectives) measure. */
export function surveyQuestions(service: Service | undefined, settings: Settings | undefined): string[] {
  const out = new Set<string>();
  const fromFilter = (f: Filter | undefined) => {
    for (const k of Object.keys(f ?? {})) if (k.startsWith('survey.')) out.add(k.slice(7));
  };
  const fromIndicator = (ind: Indicator, where?: Filter) => {
    fromFilter(where);
    if (typeof ind === 'string') {
      if (ind === 'csat') out.add('csat');
      if (ind === 'nps') out.add('nps');
      if (ind === 'ces') out.add('effort');
      return;
    }
    if (ind.field?.startsWith('survey.')) out.add(ind.field.slice(7));
    if (ind.type === 'nps' && !ind.field) out.add('nps');
    fromFilter(ind.where);
    fromFilter(ind.match);
  };
  for (const r of service?.requirements ?? []) fromIndicator(r.indicator, r.where);
  for (const o of settings?.objectives ?? []) fromIndicator(o.indicator, o.where);
  out.delete('comment');
  const standard = ['csat', 'nps', 'effort'].filter((q) => out.has(q));
  return [...standard, ...[...out].filter((q) => !standard.includes(q)).sort()];
}

export async function askSurvey(p: Prompter, t: Translate, questions: string[]): Promise<Data | undefined> {
  if (questions.length === 0) return undefined;
  if (!(await p.confirm({ message: t('record.ask.survey', { questions: questions.join(', ') }), default: false }))) return undefined;
  const survey: Data = {};
  for (const q of questions) {
    const key = `record.ask.survey-${q}`;
    const message = t(key) === key ? t('record.ask.survey-other', { question: q }) : t(key);
    const v = await askText(p, t, ['survey', q], message);
    if (v !== undefined) survey[q] = v;
  }
  const comment = (await p.input({ message: t('record.ask.survey-comment') })).trim();
  if (comment) survey.comment = comment;
  return Object.keys(survey).length > 0 ? survey : undefined;
}
