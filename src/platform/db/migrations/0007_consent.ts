import { sql, type Kysely } from 'kysely';
import { autoIdType, blobType } from '../engine-ddl.ts';

/**
 * Customer accounts and their sessions, consents (one per application,
 * customer and usage point, numbered: Data Connect's `autorisation_id`),
 * authorization codes and OAuth tokens. Codes and tokens are kept as SHA-256.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('customer_accounts')
    .addColumn('customer_id', 'text', (c) => c.primaryKey().references('customers.id'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('customer_sessions')
    .addColumn('token_hash', blobType(db), (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0).check(sql`revoked in (0, 1)`))
    .execute();
  await db.schema
    .createTable('consents')
    .addColumn('id', autoIdType(db), (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('usage_point_id', 'text', (c) => c.notNull().references('usage_points.id'))
    .addColumn('granted_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('v1', 'v2', 'sandbox')`))
    .addUniqueConstraint('consents_once', ['application_id', 'customer_id', 'usage_point_id'])
    .execute();
  await db.schema.createIndex('consents_by_point').on('consents').columns(['usage_point_id', 'application_id']).execute();
  await db.schema.createIndex('consents_by_customer').on('consents').column('customer_id').execute();
  await db.schema
    .createTable('authorization_codes')
    .addColumn('code_hash', blobType(db), (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('usage_points', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema
    .createTable('oauth_tokens')
    .addColumn('token_hash', blobType(db), (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('access', 'refresh')`))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('credential_id', 'text', (c) => c.notNull().references('credentials.id'))
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('usage_points', 'text')
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('oauth_tokens_by_application').on('oauth_tokens').column('application_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['oauth_tokens', 'authorization_codes', 'consents', 'customer_sessions', 'customer_accounts']) await db.schema.dropTable(table).execute();
}
