import type { Command } from 'commander';
import { createOperatorAccount } from '../../gateway/operator-accounts.ts';
import { AppError } from '../../platform/errors.ts';
import { CliError, openContext } from '../context.ts';

export function registerAdmin(program: Command): void {
  const admin = program.command('admin').description('Operator accounts of the hub');
  admin
    .command('create')
    .description('Create an operator account and print its one-time password')
    .argument('[username]', 'user name (lower-case letters, digits, . _ -)', 'admin')
    .action(async (username: string) => {
      const context = await openContext();
      try {
        const account = await createOperatorAccount(context.database.db, username, context.clock.now());
        process.stdout.write(
          `Operator account "${account.username}" created in ${context.database.location}.\n` +
            `One-time password (shown only now, to be changed at first sign-in):\n\n  ${account.oneTimePassword}\n\n`,
        );
      } catch (error) {
        if (error instanceof AppError) throw new CliError(error.message);
        throw error;
      } finally {
        await context.close();
      }
    });
}
