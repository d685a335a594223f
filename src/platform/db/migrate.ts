import { sql } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { Database } from './database.ts';
import * as m0001 from './migrations/0001_grid.ts';
import * as m0002 from './migrations/0002_readings.ts';
import * as m0003 from './migrations/0003_settings_operators.ts';
import * as m0004 from './migrations/0004_gateway.ts';
import * as m0005 from './migrations/0005_operator_sessions.ts';
import * as m0006 from './migrations/0006_gateway_generation.ts';
import * as m0007 from './migrations/0007_consent.ts';
import * as m0008 from './migrations/0008_customer_space.ts';
import * as m0009 from './migrations/0009_change_counters.ts';
import * as m0010 from './migrations/0010_contract_balance_responsible.ts';

/** Numbered migrations, in order. Add a file and a line here; never edit a released one. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_grid': m0001,
  '0002_readings': m0002,
  '0003_settings_operators': m0003,
  '0004_gateway': m0004,
  '0005_operator_sessions': m0005,
  '0006_gateway_generation': m0006,
  '0007_consent': m0007,
  '0008_customer_space': m0008,
  '0009_change_counters': m0009,
  '0010_contract_balance_responsible': m0010,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export interface MigrationReport {
  applied: string[];
}

/** Brings the schema up to date; safe to call on every start-up, from several processes. */
export async function migrateToLatest(database: Database): Promise<MigrationReport> {
  // Kysely looks for its bookkeeping tables in every schema; name ours, or a table of
  // another schema on the same server (another tenant, a parallel test) is taken for it.
  const migrationTableSchema =
    database.engine === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)).rows[0].schema : undefined;
  const migrator = new Migrator({ db: database.db, provider, migrationTableSchema });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed on ${database.location}: ${(error as Error).message}`, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

export function migrationNames(): string[] {
  return Object.keys(MIGRATIONS);
}
