import type { Kysely } from 'kysely';
import type { Schema } from './db/schema.ts';

/** Hub-wide key/value settings kept in the database. */
export async function getSetting(db: Kysely<Schema>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function setSetting(db: Kysely<Schema>, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
