import type { Kysely } from 'kysely';

/**
 * The balance responsible party of a contract (a market party, role
 * `balance_responsible`): C1-C4 and P1-P3 contracts have one, C5 and P4
 * contracts and gas contracts none (enedis-data-connect.md §13 decision 20).
 * Nullable, so the contracts already stored keep none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('contracts').addColumn('balance_responsible_id', 'text', (c) => c.references('market_parties.id')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('contracts').dropColumn('balance_responsible_id').execute();
}
