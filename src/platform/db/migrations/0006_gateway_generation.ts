import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine-ddl.ts';

/**
 * One counter that moves whenever a table the gateway decides on changes, by
 * triggers, whoever writes (this process, another one, the CLI, plain SQL).
 * The gateway keeps its decisions in memory and reads only this counter per
 * call, so that a revocation still counts from the next call in every process.
 */
export const GENERATION_TABLES = ['partners', 'applications', 'credentials', 'apis', 'api_operations', 'plans', 'plan_limits', 'subscriptions', 'calendars'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('gateway_generation')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into gateway_generation (id, value) values (1, 0)`.execute(db);
  if (engineOf(db) === 'sqlite') {
    for (const table of GENERATION_TABLES) {
      for (const event of ['insert', 'update', 'delete']) {
        await sql
          .raw(`create trigger ${table}_${event}_generation after ${event} on ${table} begin update gateway_generation set value = value + 1 where id = 1; end`)
          .execute(db);
      }
    }
  } else {
    // The function body is resolved when it runs: name the table with its schema.
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    const table = `"${rows[0]!.schema.replaceAll('"', '""')}".gateway_generation`;
    await sql
      .raw(`create function gateway_generation_bump() returns trigger language plpgsql as $$ begin update ${table} set value = value + 1 where id = 1; return null; end $$`)
      .execute(db);
    for (const table of GENERATION_TABLES) {
      await sql.raw(`create trigger ${table}_generation after insert or update or delete on ${table} for each statement execute function gateway_generation_bump()`).execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'sqlite') {
    for (const table of GENERATION_TABLES) for (const event of ['insert', 'update', 'delete']) await sql.raw(`drop trigger ${table}_${event}_generation`).execute(db);
  } else {
    for (const table of GENERATION_TABLES) await sql.raw(`drop trigger ${table}_generation on ${table}`).execute(db);
    await sql.raw('drop function gateway_generation_bump()').execute(db);
  }
  await db.schema.dropTable('gateway_generation').execute();
}
