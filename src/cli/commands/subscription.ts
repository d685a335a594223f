import type { Command } from 'commander';
import { isoOrEmpty, printRows, withAdmin } from '../admin-command.ts';

export function registerSubscription(program: Command): void {
  const subscription = program.command('subscription').description('Subscriptions of applications to APIs under a plan');
  subscription
    .command('add <application> <api> <plan>')
    .description('Subscribe an application to an API (or change its plan)')
    .action(async (application: string, api: string, plan: string) => withAdmin(async (admin) => {
      await admin.subscribe(application, api, plan);
      process.stdout.write(`${application} is subscribed to ${api} under ${plan}.\n`);
    }));
  subscription
    .command('remove <application> <api>')
    .action(async (application: string, api: string) => withAdmin(async (admin) => {
      await admin.unsubscribe(application, api);
      process.stdout.write(`${application} is no longer subscribed to ${api}.\n`);
    }));
  subscription
    .command('list')
    .option('--app <id>', 'only this application')
    .option('--json', 'print JSON')
    .action(async (options: { app?: string; json?: boolean }) =>
      withAdmin(async (admin) => printRows((await admin.listSubscriptions(options.app)).map((s) => ({ application: s.applicationId, api: s.apiId, plan: s.planId, since: isoOrEmpty(s.createdAt) })), options.json)),
    );
}
