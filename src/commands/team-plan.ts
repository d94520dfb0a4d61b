// `aftersales team plan [--as-of T] [--within D] [--format table|json|markdown]`: who must take
// which course by when — missing and expired now, expiring ones by their expiry within the
// horizon — grouped by course with the services that require it, to book sessions. Exit 0.
import type { CommandContext } from '../io/io.js';
import { addDays, asOfDate, spanDays, spanOption } from '../team/dates.js';
import { openTeamReport } from '../team/open.js';
import { planJson, planMarkdown, planTable } from '../report/team.js';
import { EXPIRING_DAYS, trainingPlan } from '../team/status.js';
import { formatOption } from './format-option.js';

export const PLAN_FORMATS = ['table', 'json', 'markdown'] as const;

export interface TeamPlanOptions {
  asOf?: string;
  within?: string;
  format?: string;
}

export async function runTeamPlan(ctx: CommandContext & TeamPlanOptions): Promise<{ exitCode: number }> {
  const { io } = ctx;
  const format = formatOption(io, ctx.format, PLAN_FORMATS, 'table');
  const span = ctx.within === undefined ? { days: EXPIRING_DAYS } : spanOption('--within', ctx.within, io.t);
  const { ledger, team, services } = openTeamReport(ctx);
  const asOf = asOfDate(ctx.asOf, io.now(), ledger.config.timezone, io.t);
  const days = spanDays(asOf, span);
  const horizon = addDays(asOf, days);
  const plan = trainingPlan(team, services, asOf, days);
  if (format === 'json') io.out(planJson(asOf, horizon, plan));
  else if (format === 'markdown') io.out(planMarkdown(asOf, horizon, plan, io.t));
  else io.out(planTable(asOf, horizon, plan, io.t, io.color));
  return { exitCode: 0 };
}
