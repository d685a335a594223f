import { sql, type Kysely } from 'kysely';

/**
 * The customer space: CSRF tokens of its forms are signed against a cookie
 * secret (the session no longer keeps one), and the access log reads the
 * audit records of a customer's consents by their basis.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('customer_sessions').dropColumn('csrf_token').execute();
  await db.schema.createIndex('audit_records_basis').on('audit_records').columns(['basis', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_records_basis').execute();
  await db.schema.alterTable('customer_sessions').addColumn('csrf_token', 'text', (c) => c.notNull().defaultTo(sql`''`)).execute();
}
