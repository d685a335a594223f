import type { Command } from 'commander';
import { verifyAudit } from '../../gateway/audit.verify.ts';
import { UsageService } from '../../gateway/usage.service.ts';
import { AppError } from '../../platform/errors.ts';
import { CliError, openContext } from '../context.ts';
import { printRows } from '../admin-command.ts';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('The audit log of who touched which data');
  audit
    .command('verify')
    .description('Check every hash chain of the audit log; names the first broken record')
    .action(async () => {
      const context = await openContext();
      try {
        let broken = 0;
        const reports = await verifyAudit(context.database.db, (r) => {
          if (r.broken) broken++;
          process.stdout.write(`${r.broken ? 'BROKEN' : 'ok    '} segment ${r.segmentId} (${r.writer}): ${r.records} records, ${r.checkpoints} checkpoints${r.broken ? ` - ${r.broken.reason}` : ''}\n`);
        });
        process.stdout.write(`${reports.length} segment(s) checked in ${context.database.location}: ${broken === 0 ? 'all chains intact' : `${broken} broken`}.\n`);
        if (broken > 0) process.exitCode = 3;
      } finally {
        await context.close();
      }
    });

  program
    .command('usage')
    .description('Calls, refusals, errors and latency per application, API and day')
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD')
    .requiredOption('--to <date>', 'day after the last, YYYY-MM-DD')
    .option('--app <id>', 'only this application')
    .option('--api <id>', 'only this API')
    .option('--partner <id>', 'only this partner')
    .option('--json', 'print JSON')
    .action(async (options: { from: string; to: string; app?: string; api?: string; partner?: string; json?: boolean }) => {
      const context = await openContext();
      try {
        const rows = await new UsageService(context.database.db, context.zone).daily({ from: options.from, to: options.to, applicationId: options.app, apiId: options.api, partnerId: options.partner });
        printRows(rows.map((r) => ({ date: r.date, application: r.applicationId, api: r.apiId, calls: r.calls, refusals: r.refusals, errors: r.errors, avg_ms: (r.averageUs / 1000).toFixed(2), max_ms: (r.maxUs / 1000).toFixed(2) })), options.json);
      } catch (error) {
        if (error instanceof AppError) throw new CliError(error.message);
        throw error;
      } finally {
        await context.close();
      }
    });

  program
    .command('statement <partner> <month>')
    .description("A partner's monthly statement (month YYYY-MM) from usage and plan prices")
    .option('--json', 'print JSON')
    .action(async (partner: string, month: string, options: { json?: boolean }) => {
      const context = await openContext();
      try {
        const statement = await new UsageService(context.database.db, context.zone).statement(partner, month);
        if (options.json) return void process.stdout.write(`${JSON.stringify(statement, null, 2)}\n`);
        process.stdout.write(`Statement of ${partner} for ${month}\n\n`);
        const euros = (cents: number) => (cents / 100).toFixed(2);
        printRows(statement.lines.map((l) => ({ application: l.applicationId, api: l.apiId, plan: l.planId ?? '(unsubscribed since)', calls: l.calls, billable: l.billableCalls, fee_eur: euros(l.monthlyFeeCents), usage_eur: euros(l.usageCents), total_eur: euros(l.totalCents) })), false);
        process.stdout.write(`\nTotal: ${euros(statement.totalCents)} EUR\n`);
      } catch (error) {
        if (error instanceof AppError) throw new CliError(error.message);
        throw error;
      } finally {
        await context.close();
      }
    });
}
