import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CREDENTIAL_KINDS, sshFingerprint } from '../../gateway/admin.service.ts';
import { CliError } from '../context.ts';
import { isoOrEmpty, printRows, withAdmin } from '../admin-command.ts';

export function registerCredential(program: Command): void {
  const credential = program.command('credential').description('Credentials of an application: API keys, OAuth clients, client certificates, SSH keys');
  credential
    .command('create <application>')
    .requiredOption('--kind <kind>', CREDENTIAL_KINDS.join(' | '))
    .option('--redirect-uri <uri>', 'oauth_client: the one registered redirect URI')
    .option('--subject-dn <dn>', 'certificate: subject DN, e.g. "CN=supplier.example,O=Supplier,C=FR"')
    .option('--issuer-dn <dn>', 'certificate: issuer DN of the authority that signed it')
    .option('--public-key-file <file>', 'ssh_key: the OpenSSH public key (id_ed25519.pub)')
    .option('--expires <date>', 'expiry, ISO 8601 instant')
    .action(async (application: string, options: { kind: string; redirectUri?: string; subjectDn?: string; issuerDn?: string; publicKeyFile?: string; expires?: string }) => {
      let publicKey: string | undefined;
      if (options.publicKeyFile) {
        try {
          publicKey = readFileSync(options.publicKeyFile, 'utf8').trim();
        } catch (error) {
          throw new CliError(`cannot read ${options.publicKeyFile}: ${(error as Error).message}`);
        }
      }
      const expiresAt = options.expires ? Date.parse(options.expires) : undefined;
      if (options.expires && Number.isNaN(expiresAt)) throw new CliError(`--expires "${options.expires}" is not an ISO 8601 instant`);
      await withAdmin(async (admin) => {
        const issued = await admin.createCredential({
          applicationId: application, kind: options.kind, redirectUri: options.redirectUri, subjectDn: options.subjectDn, issuerDn: options.issuerDn,
          publicKey, fingerprint: publicKey ? sshFingerprint(publicKey) : undefined, expiresAt,
        });
        const c = issued.credential;
        const lines = [`Credential ${c.id} (${c.kind}) created for ${c.applicationId}.`];
        if (c.kind === 'oauth_client') lines.push(`  client_id      ${c.lookup}`, `  client_secret  ${issued.secret}`, `  redirect_uri   ${c.redirectUri}`);
        if (c.kind === 'api_key') lines.push(`  API key  ${issued.secret}`);
        if (c.kind === 'certificate') lines.push(`  subject  ${c.lookup}`, `  issuer   ${c.issuerDn}`);
        if (c.kind === 'ssh_key') lines.push(`  fingerprint  ${c.lookup}`);
        if (issued.secret) lines.push('', 'The secret is shown only now: store it safely. Only its SHA-256 is kept.');
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
  credential
    .command('list <application>')
    .option('--json', 'print JSON')
    .action(async (application: string, options: { json?: boolean }) =>
      withAdmin(async (admin) =>
        printRows(
          (await admin.listCredentials(application)).map((c) => ({ id: c.id, kind: c.kind, identifier: c.lookup ?? '(secret)', status: c.status, created: isoOrEmpty(c.createdAt), expires: isoOrEmpty(c.expiresAt) })),
          options.json,
        ),
      ),
    );
  credential
    .command('revoke <id>')
    .description('Revoke a credential: refused from the next call')
    .action(async (id: string) => withAdmin(async (admin) => {
      await admin.revokeCredential(id);
      process.stdout.write(`Credential ${id} revoked.\n`);
    }));
}
