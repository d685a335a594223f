import type { Command } from 'commander';
import { PARTNER_ROLES } from '../../gateway/admin.service.ts';
import { CliError } from '../context.ts';
import { collect, printRows, withAdmin } from '../admin-command.ts';

export function registerPartner(program: Command): void {
  const partner = program.command('partner').description('Partners: suppliers, service providers, local authorities, aggregators, the operator');
  partner
    .command('create')
    .description('Register a partner')
    .requiredOption('--role <role>', PARTNER_ROLES.join(' | '))
    .requiredOption('--name <name>', 'legal name')
    .requiredOption('--legal-id <siret>', 'SIRET (14 digits) or SIREN (9 digits)')
    .option('--id <id>', 'identifier (default: generated)')
    .option('--contact <email:name:purpose>', 'a contact, repeatable', collect)
    .action(async (options: { role: string; name: string; legalId: string; id?: string; contact?: string[] }) => {
      const contacts = (options.contact ?? []).map((text) => {
        const [email, name, purpose] = text.split(':');
        if (!email || !name) throw new CliError(`--contact "${text}": write email:name:purpose, e.g. api@acme.example:API team:technical`);
        return { email, name, purpose: purpose ?? 'general' };
      });
      await withAdmin(async (admin) => {
        const row = await admin.createPartner({ id: options.id, role: options.role, name: options.name, legalId: options.legalId, contacts });
        process.stdout.write(`Partner ${row.id} created (${row.role}, ${row.name}).\n`);
      });
    });
  partner
    .command('list')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) =>
      withAdmin(async (admin) => printRows((await admin.listPartners()).map((p) => ({ id: p.id, role: p.role, name: p.name, legal_id: p.legalId, status: p.status })), options.json)),
    );
  partner
    .command('show <id>')
    .action(async (id: string) => withAdmin(async (admin) => void process.stdout.write(`${JSON.stringify(await admin.partner(id), null, 2)}\n`)));
  partner
    .command('suspend <id>')
    .description('Suspend a partner and with it all its applications')
    .action(async (id: string) => withAdmin(async (admin) => {
      await admin.setPartnerStatus(id, 'suspended');
      process.stdout.write(`Partner ${id} suspended: its applications are refused from the next call.\n`);
    }));
  partner
    .command('resume <id>')
    .action(async (id: string) => withAdmin(async (admin) => {
      await admin.setPartnerStatus(id, 'active');
      process.stdout.write(`Partner ${id} active again.\n`);
    }));
}
