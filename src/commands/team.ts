// `aftersales team list [--role R] [--as-of DATE] [--format table|json]`: people, their roles,
// the courses they hold with expiry, and per service the courses they still need.
import type { CommandContext } from '../io/io.js';
import { asOfDate } from '../team/dates.js';
import { openTeamReport, unknownIdError } from '../team/open.js';
import { listJson, listTable } from '../report/team.js';
import { EXPIRING_DAYS, teamStatus } from '../team/status.js';
import { formatOption } from './format-option.js';

export const LIST_FORMATS = ['table', 'json'] as const;

export interface TeamListOptions {
  role?: string;
  asOf?: string;
  format?: string;
}

export async function runTeamList(ctx: CommandContext & TeamListOptions): Promise<{ exitCode: number }> {
  const { io } = ctx;
  const format = formatOption(io, ctx.format, LIST_FORMATS, 'table');
  const { ledger, team, services } = openTeamReport(ctx);
  const asOf = asOfDate(ctx.asOf, io.now(), ledger.config.timezone, io.t);
  if (ctx.role !== undefined && !team.roles.some((r) => r.id === ctx.role)) {
    throw unknownIdError(ctx, 'role', ctx.role, team.roles.map((r) => r.id));
  }
  const people = teamStatus(team, services, asOf, ctx.role);
  io.out(format === 'json' ? listJson(asOf, people) : listTable(asOf, people, io.t, io.color, EXPIRING_DAYS, ctx.role));
  return { exitCode: 0 };
}
