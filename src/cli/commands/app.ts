import type { Command } from 'commander';
import { STAGES } from '../../gateway/admin.service.ts';
import { printRows, withAdmin } from '../admin-command.ts';

export function registerApp(program: Command): void {
  const app = program.command('app').description("Partners' applications and their stage (sandbox, homologation, production)");
  app
    .command('create')
    .requiredOption('--partner <id>', 'owning partner')
    .requiredOption('--name <name>', 'application name')
    .option('--stage <stage>', STAGES.join(' | '), 'sandbox')
    .option('--id <id>', 'identifier (default: generated)')
    .action(async (options: { partner: string; name: string; stage: string; id?: string }) =>
      withAdmin(async (admin) => {
        const row = await admin.createApplication({ id: options.id, partnerId: options.partner, name: options.name, stage: options.stage });
        process.stdout.write(`Application ${row.id} created for ${row.partnerId} (${row.stage}).\nNext: \`gridgate credential create ${row.id} --kind api_key\` and \`gridgate subscription add ${row.id} <api> <plan>\`.\n`);
      }),
    );
  app
    .command('list')
    .option('--partner <id>', 'only this partner')
    .option('--json', 'print JSON')
    .action(async (options: { partner?: string; json?: boolean }) =>
      withAdmin(async (admin) => {
        const suspendedPartners = new Set((await admin.listPartners()).filter((p) => p.status === 'suspended').map((p) => p.id));
        // A partner's suspension suspends its applications (checked on each call): say so where the application's own status is active.
        const status = (a: { partnerId: string; status: string }) => (a.status === 'active' && suspendedPartners.has(a.partnerId) ? 'active (partner suspended)' : a.status);
        printRows((await admin.listApplications(options.partner)).map((a) => ({ id: a.id, partner: a.partnerId, name: a.name, stage: a.stage, status: status(a) })), options.json);
      }),
    );
  app
    .command('stage <id> <stage>')
    .description(`Move an application to another stage (${STAGES.join(', ')})`)
    .action(async (id: string, stage: string) => withAdmin(async (admin) => {
      await admin.updateApplication(id, { stage });
      process.stdout.write(`Application ${id} is now in ${stage}.\n`);
    }));
  for (const [name, status] of [['suspend', 'suspended'], ['resume', 'active']] as const) {
    app.command(`${name} <id>`).action(async (id: string) => withAdmin(async (admin) => {
      await admin.updateApplication(id, { status });
      process.stdout.write(`Application ${id} ${status}.\n`);
    }));
  }
}
