import { sql, type Kysely } from 'kysely';
import { blobType } from '../engine-ddl.ts';

/**
 * API management: partners and their applications, credentials, the API
 * catalog, plans with their limit windows, subscriptions, opening calendars,
 * the audit log (hash-chained segments with checkpoints) and daily usage.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const blob = blobType(db);

  await db.schema
    .createTable('partners')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('supplier', 'service_provider', 'local_authority', 'aggregator', 'operator')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('legal_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'suspended')`))
    .addColumn('market_party_id', 'text', (c) => c.references('market_parties.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('partner_contacts')
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('partner_contacts_pk', ['partner_id', 'email'])
    .execute();

  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('sandbox', 'homologation', 'production')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'suspended')`))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('applications_partner').on('applications').column('partner_id').execute();

  await db.schema
    .createTable('credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('api_key', 'oauth_client', 'certificate', 'ssh_key')`))
    // What identifies the credential in a request: an OAuth client id, a certificate subject DN, an SSH key fingerprint.
    .addColumn('lookup', 'text')
    // SHA-256 of the secret: an API key or an OAuth client secret.
    .addColumn('secret_hash', blob)
    .addColumn('redirect_uri', 'text')
    .addColumn('issuer_dn', 'text')
    .addColumn('public_key', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'revoked')`))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('credentials_secret').on('credentials').column('secret_hash').execute();
  await db.schema.createIndex('credentials_lookup').on('credentials').columns(['kind', 'lookup']).execute();
  await db.schema.createIndex('credentials_application').on('credentials').column('application_id').execute();

  await db.schema
    .createTable('apis')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('rest', 'soap', 'files', 'portal')`))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('published', 'deprecated', 'retired')`))
    .addColumn('sunset_day', 'integer')
    .addColumn('personal_data', 'integer', (c) => c.notNull().check(sql`personal_data in (0, 1)`))
    .execute();

  await db.schema
    .createTable('api_operations')
    .addColumn('api_id', 'text', (c) => c.notNull().references('apis.id'))
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('read', 'write')`))
    .addPrimaryKeyConstraint('api_operations_pk', ['api_id', 'operation'])
    .execute();

  await db.schema
    .createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('monthly_fee_cents', 'bigint', (c) => c.notNull())
    // Price of 1,000 calls beyond the included ones, in cents.
    .addColumn('price_per_thousand_calls_cents', 'bigint', (c) => c.notNull())
    .addColumn('included_calls', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('plan_limits')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('window', 'text', (c) => c.notNull().check(sql`"window" in ('second', 'hour', 'day')`))
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('application', 'application_api', 'partner')`))
    .addColumn('limit', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_limits_pk', ['plan_id', 'name'])
    .execute();

  await db.schema
    .createTable('subscriptions')
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('api_id', 'text', (c) => c.notNull().references('apis.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscriptions_pk', ['application_id', 'api_id'])
    .execute();

  await db.schema
    .createTable('calendars')
    .addColumn('channel', 'text', (c) => c.primaryKey())
    .addColumn('definition', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_segments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('writer', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_records')
    .addColumn('segment_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('partner_id', 'text')
    .addColumn('application_id', 'text')
    .addColumn('credential_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('api_id', 'text')
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('usage_points', 'text')
    .addColumn('basis', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('duration_us', 'bigint', (c) => c.notNull())
    .addColumn('hash', blob, (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_records_pk', ['segment_id', 'seq'])
    .execute();
  await db.schema.createIndex('audit_records_at').on('audit_records').column('at').execute();
  await db.schema.createIndex('audit_records_application').on('audit_records').columns(['application_id', 'at']).execute();

  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('segment_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', blob, (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_checkpoints_pk', ['segment_id', 'seq'])
    .execute();

  await db.schema
    .createTable('usage_daily')
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('api_id', 'text', (c) => c.notNull())
    .addColumn('calls', 'bigint', (c) => c.notNull())
    .addColumn('errors', 'bigint', (c) => c.notNull())
    .addColumn('refusals', 'bigint', (c) => c.notNull())
    .addColumn('cost', 'bigint', (c) => c.notNull())
    .addColumn('duration_us_total', 'bigint', (c) => c.notNull())
    .addColumn('duration_us_max', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_daily_pk', ['day', 'application_id', 'api_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['usage_daily', 'audit_checkpoints', 'audit_records', 'audit_segments', 'calendars', 'subscriptions', 'plan_limits', 'plans', 'api_operations', 'apis', 'credentials', 'applications', 'partner_contacts', 'partners']) {
    await db.schema.dropTable(table).execute();
  }
}
