import { sql, type Kysely } from 'kysely';
import { blobType } from '../engine-ddl.ts';

/** Sessions of operator accounts on the admin API: bearer tokens kept as SHA-256. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('operator_sessions')
    .addColumn('token_hash', blobType(db), (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().references('operator_accounts.username'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0).check(sql`revoked in (0, 1)`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('operator_sessions').execute();
}
