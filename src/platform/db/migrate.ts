import { sql } from 'kysely';
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely/migration';
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
import * as m0011 from './migrations/0011_audit_file.ts';

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
  '0011_audit_file': m0011,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export interface MigrationReport {
  applied: string[];
}

/** Brings the schema up to date; safe to call on every start-up, from several processes. */
export async function migrateToLatest(database: Database): Promise<MigrationReport> {
  return migrate(database, (migrator) => migrator.migrateToLatest());
}

/** Up or down to the named migration (tests of a migration, repairs by hand). */
export async function migrateTo(database: Database, name: string): Promise<MigrationReport> {
  return migrate(database, (migrator) => migrator.migrateTo(name));
}

async function migrate(database: Database, run: (migrator: Migrator) => Promise<MigrationResultSet>): Promise<MigrationReport> {
  // Kysely looks for its bookkeeping tables in every schema; name ours, or a table of
  // another schema on the same server (another tenant, a parallel test) is taken for it.
  const migrationTableSchema =
    database.engine === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)).rows[0].schema : undefined;
  // Before any migration, so that none runs against the empty file that attaching a lost one created.
  if (database.engine === 'sqlite') await checkAuditFile(database);
  const migrator = new Migrator({ db: database.db, provider, migrationTableSchema });
  let { error, results } = await run(migrator);
  // SQLite has no lock between processes for this: when two start together, the one that loses
  // the race fails on the other's bookkeeping; run again, it finds what is left to do (or nothing).
  if (error && database.engine === 'sqlite') ({ error, results } = await run(migrator));
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed on ${database.location}: ${(error as Error).message}`, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/** Once moved (0011), the audit log must be found in its own file: a lost file is said, not silently started afresh. */
async function checkAuditFile(database: Database): Promise<void> {
  const bookkeeping = await sql<{ n: number }>`select count(*) as n from main.sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(database.db);
  if (Number(bookkeeping.rows[0]!.n) === 0) return; // a new database
  const moved = await sql<{ n: number }>`select count(*) as n from kysely_migration where name = '0011_audit_file'`.execute(database.db);
  if (Number(moved.rows[0]!.n) === 0) return;
  const found = await sql<{ n: number }>`select count(*) as n from audit.sqlite_master where type = 'table' and name = 'audit_records'`.execute(database.db);
  if (Number(found.rows[0]!.n) === 0) {
    throw new Error(
      `The audit log file ${database.auditLocation} is missing or empty, while the database ${database.location} is not new. ` +
        'Restore the audit file from your backup (an audit log cannot be rebuilt), or move both files away to start afresh.',
    );
  }
}

export function migrationNames(): string[] {
  return Object.keys(MIGRATIONS);
}
