// Everything the HTML report shows, gathered once: the control result, the review inputs
// (actions, satisfaction, improvement opportunities), the report's own data (causes, products)
// and the names and descriptions users wrote in the plan (rendered escaped, never as markup).
import type { Lang } from '../i18n/index.js';
import type { Ledger } from '../ledger/load.js';
import type { Lookup } from '../ledger/lookup.js';
import type { ActionData } from '../ledger/schema.js';
import type { ControlResult } from '../quality/control.js';
import type { Engine } from '../quality/engine.js';
import { periodsEndingWith } from '../time/index.js';
import { reviewInputs, type ReviewInputs } from './review.js';
import { reportData, type ReportData } from './report-data.js';

export interface ReportModel {
  lang: Lang;
  result: ControlResult;
  review: ReviewInputs;
  data: ReportData;
  history: string[];
  timezone: string;
  descriptions: {
    services: Map<string, string | undefined>;
    requirements: Map<string, string | undefined>;
    objectives: Map<string, string | undefined>;
  };
  people: Map<string, string>;
  roles: Map<string, string>;
  /** Role id → ids of the people holding it. */
  peopleByRole: Map<string, string[]>;
  actions: Map<string, ActionData>;
}

export const requirementKey = (service: string, requirement: string) => `${service}/${requirement}`;

export function buildReportModel(ledger: Ledger, lookup: Lookup, engine: Engine, result: ControlResult, lang: Lang): ReportModel {
  const requirements = new Map<string, string | undefined>();
  const services = new Map<string, string | undefined>();
  for (const s of lookup.services.values()) {
    services.set(s.id, s.description);
    for (const r of s.requirements) requirements.set(requirementKey(s.id, r.id), r.description);
  }
  const objectives = new Map<string, string | undefined>((ledger.settings?.objectives ?? []).map((o) => [o.id, o.description]));
  return {
    lang,
    result,
    review: reviewInputs(ledger, engine, result),
    data: reportData(engine, lookup, result, ledger.config.history),
    history: periodsEndingWith(result.period.label, ledger.config.history),
    timezone: ledger.config.timezone,
    descriptions: { services, requirements, objectives },
    people: new Map([...lookup.people.values()].map((p) => [p.id, p.name])),
    roles: new Map([...lookup.roles.values()].map((r) => [r.id, r.name])),
    peopleByRole: new Map([...lookup.peopleByRole].map(([role, people]) => [role, people.map((p) => p.id).sort()])),
    actions: new Map(ledger.actions.flatMap((f) => (f.data ? [[f.data.id, f.data] as [string, ActionData]] : []))),
  };
}
