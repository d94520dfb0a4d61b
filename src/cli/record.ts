// record (open, close, update, show, list), import and export: the implementation phase's
// commands — interventions logged one file each, in and out of help-desk tools and BI.
import { collect, type Register } from './types.js';

export const registerRecord: Register = (program, run) => {
  const rec = program
    .command('record')
    .description('log interventions: open (the default: record --service S …; see record open --help), close, pause, resume, cancel, update, show, list');

  const open = rec
    .command('open', { isDefault: true })
    .description('open an intervention (asks on a terminal); prints the new id')
    .option('--service <id>', 'service the intervention belongs to')
    .option('--set <path=value>', 'set a record field, e.g. customer=C-1042 (repeatable)', collect)
    .option('--from <file>', "YAML or JSON file of one record or a list ('-': stdin)");
  open.action(
    run(open, async (ctx) => {
      const { runRecordOpen } = await import('../commands/record-open.js');
      return runRecordOpen({ ...ctx, ...open.opts() });
    }),
  );

  const close = rec
    .command('close')
    .description('close an intervention, asking for what a closed record requires')
    .argument('<id>', 'record id or an unambiguous prefix')
    .option('--outcome <outcome>', 'resolved | unresolved | replaced | refunded | no-fault-found | cancelled')
    .option('--step <step=state>', 'state of a procedure step: done | skipped | n/a; all=done marks every step, later --step flags make exceptions (repeatable)', collect)
    .option('--set <path=value>', 'set a record field (repeatable)', collect)
    .option('--closed <timestamp>', 'when it was closed (default: now)');
  close.action(
    run(close, async (ctx) => {
      const { runRecordClose } = await import('../commands/record-close.js');
      return runRecordClose({ ...ctx, ...close.opts(), id: close.args[0] });
    }),
  );

  const stateCommand = (name: 'pause' | 'resume' | 'cancel', description: string, reason: boolean, runner: 'runRecordPause' | 'runRecordResume' | 'runRecordCancel') => {
    const cmd = rec.command(name).description(description).argument('<id>', 'record id or an unambiguous prefix');
    if (reason) cmd.option('--reason <text>', 'why (kept in the record)');
    cmd.option('--at <timestamp>', 'when (default: now)');
    cmd.action(
      run(cmd, async (ctx) => {
        const m = await import('../commands/record-state.js');
        return m[runner]({ ...ctx, ...cmd.opts(), id: cmd.args[0] });
      }),
    );
  };
  stateCommand('pause', 'pause an open intervention (waiting for parts, for the customer…): the time paused does not count', true, 'runRecordPause');
  stateCommand('resume', 'resume a paused intervention', false, 'runRecordResume');
  stateCommand('cancel', 'cancel an open intervention: closed with outcome cancelled (it counts only in volume)', true, 'runRecordCancel');

  const update = rec
    .command('update')
    .description("change fields of a record, keeping the file's comments and layout")
    .argument('<id>', 'record id or an unambiguous prefix')
    .option('--set <path=value>', 'set a record field; an empty value removes it (repeatable)', collect);
  update.action(
    run(update, async (ctx) => {
      const { runRecordUpdate } = await import('../commands/record-update.js');
      return runRecordUpdate({ ...ctx, ...update.opts(), id: update.args[0] });
    }),
  );

  const show = rec
    .command('show')
    .description('print one record')
    .argument('<id>', 'record id or an unambiguous prefix')
    .option('--format <format>', 'yaml | json', 'yaml');
  show.action(
    run(show, async (ctx) => {
      const { runRecordShow } = await import('../commands/record-show.js');
      return runRecordShow({ ...ctx, ...show.opts(), id: show.args[0] });
    }),
  );

  const list = rec
    .command('list')
    .description('list records, sorted by opened')
    .option('--open', 'only records not closed yet')
    .option('--at-risk', 'the SLA clocks of open records: breached or running out within --within; exit 1 when one is breached')
    .option('--within <duration>', 'with --at-risk: how far ahead to look (default 4h)')
    .option('--as-of <time>', 'with --at-risk: "now", a date or an ISO timestamp')
    .option('--service <id>', 'only this service')
    .option('--period <period>', 'only records opened in this period (2026-11, 2026-W47, 2026-Q4, current)')
    .option('--format <format>', 'table | json', 'table');
  list.action(
    run(list, async (ctx) => {
      const { runRecordList } = await import('../commands/record-list.js');
      return runRecordList({ ...ctx, ...list.opts() });
    }),
  );

  const imp = program
    .command('import')
    .description('sync interventions from a help-desk CSV export: new tickets create records, changed ones update them (--kind sales|products: ERP inputs)')
    .argument('<file>', 'CSV file (UTF-8, "," or ";" separated)')
    .option('--mapping <name>', 'a saved mapping: imports/NAME.yaml in the ledger, or zendesk | freshdesk | odoo-helpdesk')
    .option('--kind <kind>', 'records (default) | sales | products')
    .option('--service <id>', 'service the interventions belong to')
    .option('--map <field=Column>', 'record field ← CSV column, e.g. opened="Created at" (repeatable)', collect)
    .option('--set <path=value>', 'a value for every imported record, e.g. channel=email (repeatable)', collect)
    .option('--date-format <format>', 'date-fns pattern of the dates, e.g. "dd/MM/yyyy HH:mm" (default: ISO 8601)')
    .option('--source-system <name>', 'name of the help desk, stored in source.system (default: helpdesk)')
    .option('--dry-run', 'say what would be created, updated (which fields), unchanged or rejected; write nothing');
  imp.action(
    run(imp, async (ctx) => {
      const { runImport } = await import('../commands/import.js');
      return runImport({ ...ctx, ...imp.opts(), file: imp.args[0] });
    }),
  );

  const exp = program
    .command('export')
    .description('export records for BI tools (CSV cells safe against formula injection)')
    .option('--format <format>', 'csv | jsonl', 'csv')
    .option('--period <period>', 'only records opened in this period (2026-11, 2026-W47, 2026-Q4, current)')
    .option('--service <id>', 'only this service')
    .option('--output <file>', 'write to a file instead of stdout');
  exp.action(
    run(exp, async (ctx) => {
      const { runExport } = await import('../commands/export.js');
      return runExport({ ...ctx, ...exp.opts() });
    }),
  );
};
