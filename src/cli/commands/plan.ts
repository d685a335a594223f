import type { Command } from 'commander';
import type { PlanLimitRow } from '../../gateway/gateway.tables.ts';
import { CliError } from '../context.ts';
import { collect, printRows, withAdmin } from '../admin-command.ts';

export function registerPlan(program: Command): void {
  const plan = program.command('plan').description('Plans: limit windows, included calls and prices');
  plan
    .command('create <id>')
    .requiredOption('--name <name>', 'plan name')
    .option('--limit <name:window:scope:limit>', 'a limit window, repeatable; window second|hour|day, scope application|application_api|partner (e.g. Q3:second:application_api:5)', collect)
    .option('--monthly-fee-cents <n>', 'monthly fee per subscription, in cents', '0')
    .option('--price-per-thousand-cents <n>', 'price of 1,000 calls beyond the included ones, in cents', '0')
    .option('--included-calls <n>', 'calls included each month', '0')
    .action(async (id: string, options: { name: string; limit?: string[]; monthlyFeeCents: string; pricePerThousandCents: string; includedCalls: string }) => {
      const limits = (options.limit ?? []).map((text) => {
        const [name, window, scope, limit] = text.split(':');
        if (!name || !window || !scope || !limit) throw new CliError(`--limit "${text}": write name:window:scope:limit, e.g. Q4:hour:application_api:1000`);
        return { name, window, scope, limit: Number(limit) } as Omit<PlanLimitRow, 'planId'>;
      });
      await withAdmin(async (admin) => {
        await admin.createPlan({ id, name: options.name, limits, monthlyFeeCents: Number(options.monthlyFeeCents), pricePerThousandCallsCents: Number(options.pricePerThousandCents), includedCalls: Number(options.includedCalls) });
        process.stdout.write(`Plan ${id} created with ${limits.length} limit window(s).\n`);
      });
    });
  plan
    .command('list')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) =>
      withAdmin(async (admin) =>
        printRows(
          (await admin.listPlans()).map((p) => ({
            id: p.id, name: p.name, monthly_fee_cents: p.monthlyFeeCents, per_1000_calls_cents: p.pricePerThousandCallsCents, included_calls: p.includedCalls,
            limits: p.limits.map((l) => `${l.name}: ${l.limit}/${l.window} per ${l.scope}`).join('; '),
          })),
          options.json,
        ),
      ),
    );
}
