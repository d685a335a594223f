import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { throwawaySchema } from './pg-schema.ts';
import { openPostgres, openSqlite, type Database, type Engine } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';

/**
 * Test databases. SQLite always; PostgreSQL when GRIDGATE_TEST_PG_URL points
 * at a server. GRIDGATE_TEST_ENGINE=postgres makes PostgreSQL the engine of
 * the whole suite (CI's second run). Each database is private to its test:
 * a temporary file, or a fresh schema on the server.
 */
export const PG_URL = process.env.GRIDGATE_TEST_PG_URL;
export const DEFAULT_ENGINE: Engine = process.env.GRIDGATE_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** Engines that contract tests run on: SQLite, and PostgreSQL when a server is given. */
export function contractEngines(): Engine[] {
  if (PG_URL) return ['sqlite', 'postgres'];
  skipLoudly('PostgreSQL', 'set GRIDGATE_TEST_PG_URL=postgres://user:pass@127.0.0.1/db to run the PostgreSQL half of the contract tests');
  return ['sqlite'];
}

export function skipLoudly(what: string, how: string): void {
  const message = `SKIPPED: ${what} tests did not run (${how})`;
  if (process.env.CI === 'true') throw new Error(`${message}; with CI=true a skip is a failure`);
  console.warn(`\n*** ${message} ***\n`);
}

export interface TestDatabase {
  database: Database;
  /** What a server process needs to open the same database (env variables). */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export async function createTestDatabase(engine: Engine = DEFAULT_ENGINE, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const result = engine === 'sqlite' ? createSqlite() : await createPostgres();
  if (options.migrate !== false) await migrateToLatest(result.database);
  return result;
}

function createSqlite(): TestDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), 'gridgate-test-'));
  const database = openSqlite(path.join(dir, 'gridgate.db'));
  return {
    database,
    env: { GRIDGATE_HOME: dir },
    cleanup: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgres(): Promise<TestDatabase> {
  if (!PG_URL) throw new Error('GRIDGATE_TEST_ENGINE=postgres needs GRIDGATE_TEST_PG_URL');
  const schema = await throwawaySchema(PG_URL, 't');
  const database = openPostgres(schema.url);
  return {
    database,
    env: { DATABASE_URL: schema.url },
    cleanup: async () => {
      await database.close();
      await schema.drop();
    },
  };
}
