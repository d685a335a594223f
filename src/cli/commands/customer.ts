import type { Command } from 'commander';
import { CustomerAccounts } from '../../consent/customer-accounts.ts';
import { AppError } from '../../platform/errors.ts';
import { randomSecret } from '../../platform/secrets.ts';
import { CliError, openContext } from '../context.ts';

export function registerCustomer(program: Command): void {
  const customer = program.command('customer').description('Accounts of the customer space (consents and access log)');
  customer
    .command('account')
    .description("Open the customer space to a customer of the grid and print the account's password")
    .argument('<customer-id>', 'the customer, as in the grid')
    .argument('<email>', 'the e-mail the customer signs in with')
    .action(async (customerId: string, email: string) => {
      const context = await openContext();
      try {
        const password = randomSecret('', 12);
        await new CustomerAccounts(context.database, context.clock).create({ customerId, email, password });
        process.stdout.write(
          `Customer space account for ${customerId} created in ${context.database.location}.\n` +
            `Sign-in: ${email.trim().toLowerCase()} at ${context.config.publicUrl}/account\n` +
            `Password (shown only now; give it to the customer over a channel of your own):\n\n  ${password}\n\n`,
        );
      } catch (error) {
        if (error instanceof AppError) throw new CliError(error.message);
        throw error;
      } finally {
        await context.close();
      }
    });
}
