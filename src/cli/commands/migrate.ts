import type { Command } from 'commander';
import { migrateToLatest } from '../../platform/db/migrate.ts';
import { openContext } from '../context.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations (also done at every start)')
    .action(async () => {
      const context = await openContext({ migrate: false });
      try {
        const { applied } = await migrateToLatest(context.database);
        process.stdout.write(applied.length ? `Applied ${applied.join(', ')} on ${context.database.location}\n` : `Schema already up to date on ${context.database.location}\n`);
      } finally {
        await context.close();
      }
    });
}
