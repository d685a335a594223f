import { ConfigError, loadConfig, type Config } from '../platform/config.ts';
import { openDatabase, type Database } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { clockFor, type Clock } from '../platform/time/clock.ts';
import { timeZone, type TimeZone } from '../platform/time/zone.ts';

/** What every CLI command works with: validated config, a migrated database, the clock and zone. */
export interface CliContext {
  config: Config;
  database: Database;
  clock: Clock;
  zone: TimeZone;
  close(): Promise<void>;
}

export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nFix the values above (see docs/configuration.md) and run the command again.\n`);
      process.exit(2);
    }
    throw error;
  }
}

export async function openContext(options: { migrate?: boolean } = {}): Promise<CliContext> {
  const config = loadConfigOrExit();
  const database = openDatabase({ databaseUrl: config.databaseUrl, home: config.home });
  try {
    if (options.migrate !== false) await migrateToLatest(database);
  } catch (error) {
    await database.close();
    throw new CliError(`Cannot prepare the database at ${database.location}: ${(error as Error).message}`);
  }
  return { config, database, clock: clockFor(config), zone: timeZone(config.timeZone), close: () => database.close() };
}

/** An error meant for the person at the terminal: printed without a stack trace. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}
