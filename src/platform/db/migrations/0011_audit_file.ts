import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine-ddl.ts';

/**
 * On SQLite the audit log moves to its own file, attached to every
 * connection as the schema `audit` (platform/db/database.ts): its commits,
 * one durable sync per group, then no longer grow the main file's WAL that
 * every read searches, and it keeps 4 KiB pages (docs/architecture.md,
 * "The audit log's own file"). Queries name the tables without a schema, so
 * they find them there. PostgreSQL keeps them where they are.
 *
 * The tables are recreated from their own DDL (0004, 0008), copied with
 * `insert or ignore` (so that an interrupted move can run again), then
 * dropped from the source. Stop older Gridgate processes before upgrading:
 * they do not attach the file and would fail their audited calls after it.
 */
const AUDIT_TABLES = ['audit_segments', 'audit_records', 'audit_checkpoints', 'usage_daily'];

export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) !== 'sqlite') return;
  await moveTables(db, 'main', 'audit', async () => {
    const [inMain, inAudit] = [await tableNames(db, 'main'), await tableNames(db, 'audit')];
    if (!inMain.includes('audit_segments') || !inAudit.includes('audit_segments')) return;
    const count = async (schema: string) => Number((await sql<{ n: number }>`select count(*) as n from ${sql.ref(`${schema}.audit_segments`)}`.execute(db)).rows[0]!.n);
    if ((await count('main')) === 0 && (await count('audit')) > 0) {
      const file = (await sql<{ file: string }>`select file from pragma_database_list where name = 'audit'`.execute(db)).rows[0]?.file;
      throw new Error(`the audit log file ${file} already holds an audit log, which belongs to another database: move that file away (or delete it) and start again`);
    }
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) !== 'sqlite') return;
  await moveTables(db, 'audit', 'main', async () => undefined);
}

async function tableNames(db: Kysely<unknown>, schema: string): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from ${sql.ref(`${schema}.sqlite_master`)} where type = 'table'`.execute(db);
  return rows.rows.map((r) => r.name);
}

/**
 * Tables already moved by an interrupted run are no longer in `from`, and are
 * skipped. Both steps hold the write lock of both files (`begin immediate`),
 * so that no other connection writes meanwhile, and what is found is read
 * under it (another process may be moving the same tables); the copy is
 * committed (and on disk) before the source is dropped, and the second step
 * copies again what another process wrote between the two.
 */
async function moveTables(db: Kysely<unknown>, from: string, to: string, check: () => Promise<void>): Promise<void> {
  let tables: string[] = [];
  await inWriteTransaction(db, async () => {
    await check();
    const objects = await sql<{ type: string; name: string; ddl: string }>`
      select type, name, sql as ddl from ${sql.ref(`${from}.sqlite_master`)}
      where tbl_name in (${sql.join(AUDIT_TABLES)}) and sql is not null
      order by case type when 'table' then 0 else 1 end`.execute(db);
    tables = objects.rows.filter((o) => o.type === 'table').map((o) => o.name);
    for (const o of objects.rows) {
      // `create table "x" (...)` / `create [unique] index "i" on "x" (...)`: the same object, named in the target schema.
      const ddl = o.ddl.replace(/^create (table|unique index|index) "?\w+"?/i, (_all, kind: string) => `create ${kind} if not exists "${to}"."${o.name}"`);
      await sql.raw(ddl).execute(db);
    }
    await copy(db, from, to, tables);
  });
  if (!tables.length) return;
  await inWriteTransaction(db, async () => {
    // Another process moving the same tables may have dropped them meanwhile.
    const remaining = (await tableNames(db, from)).filter((t) => tables.includes(t));
    await copy(db, from, to, remaining);
    for (const table of remaining) await sql.raw(`drop table "${from}"."${table}"`).execute(db);
  });
}

async function copy(db: Kysely<unknown>, from: string, to: string, tables: string[]): Promise<void> {
  for (const table of tables) await sql.raw(`insert or ignore into "${to}"."${table}" select * from "${from}"."${table}"`).execute(db);
}

async function inWriteTransaction(db: Kysely<unknown>, work: () => Promise<void>): Promise<void> {
  await sql`begin immediate`.execute(db);
  try {
    await work();
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  }
}
