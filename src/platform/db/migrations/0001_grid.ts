import { sql, type Kysely } from 'kysely';
import { autoIdType } from '../engine-ddl.ts';

/** Market parties, customers, usage points (electricity PRM, gas PCE) and the contracts that link them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('market_parties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('supplier', 'balance_responsible', 'service_provider', 'local_authority', 'aggregator', 'operator')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('legal_id', 'text')
    .addColumn('energy', 'text', (c) => c.notNull().check(sql`energy in ('electricity', 'gas', 'both')`))
    .execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`length(id) = 10`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('person', 'company')`))
    .addColumn('title', 'text')
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('company_name', 'text')
    .addColumn('siret', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .execute();

  await db.schema
    .createTable('usage_points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('energy', 'text', (c) => c.notNull().check(sql`energy in ('electricity', 'gas')`))
    .addColumn('street', 'text', (c) => c.notNull())
    .addColumn('postal_code', 'text', (c) => c.notNull())
    .addColumn('insee_code', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('latitude', 'real')
    .addColumn('longitude', 'real')
    .addColumn('segment', 'text', (c) => c.notNull())
    .addColumn('meter_type', 'text', (c) => c.notNull())
    .addColumn('phase_count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('subscribed_power_kva', 'integer')
    .addColumn('tariff_option', 'text')
    .addColumn('offpeak_hours', 'text')
    .addColumn('step_seconds', 'integer', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('consumption', 'production', 'both')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('in_service', 'out_of_service')`))
    .addColumn('last_activation_day', 'integer', (c) => c.notNull())
    .addColumn('load_curve_collection', 'text', (c) => c.notNull().check(sql`load_curve_collection in ('enabled', 'opposed')`))
    .execute();
  await db.schema.createIndex('usage_points_insee').on('usage_points').column('insee_code').execute();

  await db.schema
    .createTable('contracts')
    .addColumn('id', autoIdType(db), (c) => c.primaryKey())
    .addColumn('usage_point_id', 'text', (c) => c.notNull().references('usage_points.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('supplier_id', 'text', (c) => c.notNull().references('market_parties.id'))
    .addColumn('start_day', 'integer', (c) => c.notNull())
    .addColumn('end_day', 'integer')
    .addColumn('contract_type', 'text', (c) => c.notNull())
    .addColumn('distribution_tariff', 'text')
    .addColumn('last_tariff_change_day', 'integer')
    .execute();
  await db.schema.createIndex('contracts_point_start').on('contracts').columns(['usage_point_id', 'start_day']).execute();
  await db.schema.createIndex('contracts_customer').on('contracts').column('customer_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['contracts', 'usage_points', 'customers', 'market_parties']) await db.schema.dropTable(table).execute();
}
