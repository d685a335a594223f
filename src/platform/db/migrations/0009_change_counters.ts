import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine-ddl.ts';
import { GENERATION_TABLES } from './0006_gateway_generation.ts';

/**
 * Named change counters, moved by triggers whoever writes, so that a
 * process may keep rarely changing rows in memory and read one small table
 * per call to know what changed (platform/db/change-counters.ts):
 * `gateway` (the tables of 0006, whose single counter this replaces),
 * `grid` (usage points, contracts, customers), `consents`, and `tokens`
 * (revocations: an update or a delete of a token, not its issue).
 */
export const COUNTED: Record<string, { tables: string[]; events: string[] }> = {
  gateway: { tables: GENERATION_TABLES, events: ['insert', 'update', 'delete'] },
  grid: { tables: ['usage_points', 'contracts', 'customers'], events: ['insert', 'update', 'delete'] },
  consents: { tables: ['consents'], events: ['insert', 'update', 'delete'] },
  tokens: { tables: ['oauth_tokens'], events: ['update', 'delete'] },
};

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('change_counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into change_counters (name, value) select 'gateway', value from gateway_generation where id = 1`.execute(db);
  for (const name of Object.keys(COUNTED)) if (name !== 'gateway') await sql`insert into change_counters (name, value) values (${name}, 0)`.execute(db);

  if (engineOf(db) === 'sqlite') {
    for (const table of GENERATION_TABLES) for (const event of ['insert', 'update', 'delete']) await sql.raw(`drop trigger ${table}_${event}_generation`).execute(db);
    for (const [name, { tables, events }] of Object.entries(COUNTED)) {
      for (const table of tables) {
        for (const event of events) {
          await sql.raw(`create trigger ${table}_${event}_changes after ${event} on ${table} begin update change_counters set value = value + 1 where name = '${name}'; end`).execute(db);
        }
      }
    }
  } else {
    for (const table of GENERATION_TABLES) await sql.raw(`drop trigger ${table}_generation on ${table}`).execute(db);
    await sql.raw('drop function gateway_generation_bump()').execute(db);
    // The function body is resolved when it runs: name the table with its schema.
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    const counters = `"${rows[0]!.schema.replaceAll('"', '""')}".change_counters`;
    await sql
      .raw(`create function change_counter_bump() returns trigger language plpgsql as $$ begin update ${counters} set value = value + 1 where name = TG_ARGV[0]; return null; end $$`)
      .execute(db);
    for (const [name, { tables, events }] of Object.entries(COUNTED)) {
      for (const table of tables) {
        await sql.raw(`create trigger ${table}_changes after ${events.join(' or ')} on ${table} for each statement execute function change_counter_bump('${name}')`).execute(db);
      }
    }
  }
  await db.schema.dropTable('gateway_generation').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'sqlite') {
    for (const { tables, events } of Object.values(COUNTED)) for (const table of tables) for (const event of events) await sql.raw(`drop trigger ${table}_${event}_changes`).execute(db);
  } else {
    for (const { tables } of Object.values(COUNTED)) for (const table of tables) await sql.raw(`drop trigger ${table}_changes on ${table}`).execute(db);
    await sql.raw('drop function change_counter_bump()').execute(db);
  }
  await db.schema.dropTable('change_counters').execute();
  // 0006 again: its table and triggers.
  const { up: recreate } = await import('./0006_gateway_generation.ts');
  await recreate(db);
}
