import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, CamelCasePlugin, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { Schema } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';

/**
 * One handle on the database, whichever the engine. Queries go through `db`
 * (Kysely, written once for both engines); the bulk paths use the raw handle
 * of their engine (`sqlite` or `pool`).
 */
export interface Database {
  engine: Engine;
  db: Kysely<Schema>;
  /** Where the data lives, for people: a file path or a URL without its password. */
  location: string;
  /** On SQLite, the audit log's own file (attached as the schema `audit`); on PostgreSQL the audit tables are in the database. */
  auditLocation: string | undefined;
  sqlite: BetterSqlite3.Database | undefined;
  pool: pg.Pool | undefined;
  close(): Promise<void>;
}

// 64-bit integers (energies, indexes) come back as JS numbers: exact up to 2^53 Wh, 9 PWh.
pg.types.setTypeParser(20, (value) => Number(value));

export function openDatabase(options: { databaseUrl?: string; home: string; file?: string }): Database {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openSqlite(options.file ?? path.join(options.home, 'gridgate.db'));
}

export function openSqlite(file: string): Database {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  // 16 KiB pages hold a few dozen day rows each: measured 1.45x the ingest rate of 4 KiB
  // pages (docs/performance.md). Only takes effect when the file is created.
  sqlite.pragma('page_size = 16384');
  sqlite.pragma('journal_mode = WAL');
  // FULL: a commit is on disk when it returns; the audit log answers reads only after that (about 0.25 ms per commit here).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  // The audit log in its own file: a durable commit per group of calls no longer grows the WAL
  // that every read of the main file searches (docs/architecture.md, migration 0011).
  const auditFile = file === ':memory:' ? ':memory:' : auditFileOf(file);
  sqlite.prepare('attach database ? as audit').run(auditFile);
  // Audit records are small: 4 KiB pages write a quarter of the bytes per commit.
  sqlite.pragma('audit.page_size = 4096');
  sqlite.pragma('audit.journal_mode = WAL');
  sqlite.pragma('audit.synchronous = FULL');
  // The customer's access log and the KPIs read it too; the main file keeps the larger share.
  sqlite.pragma('audit.cache_size = -16384');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins: [new CamelCasePlugin()] });
  return {
    engine: 'sqlite',
    db,
    location: file,
    auditLocation: auditFile,
    sqlite,
    pool: undefined,
    close: async () => {
      await db.destroy();
    },
  };
}

/** `gridgate.db` keeps its audit log in `gridgate-audit.db`, next to it. */
export function auditFileOf(file: string): string {
  const { dir, name } = path.parse(file);
  return path.join(dir, `${name}-audit.db`);
}

/**
 * Kysely prepares a new statement for every query; preparing costs more than
 * running a primary-key read. Queries are few and their text is stable
 * (values are parameters), so each text is prepared once.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (sql: string) => {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        // A runaway of distinct texts (IN lists of varying length) must not grow without bound.
        if (statements.size > 2000) statements.clear();
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

export function openPostgres(databaseUrl: string): Database {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  const location = redactUrl(databaseUrl);
  return {
    engine: 'postgres',
    db,
    location,
    auditLocation: undefined,
    sqlite: undefined,
    pool,
    close: async () => {
      await db.destroy();
    },
  };
}

export function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}
