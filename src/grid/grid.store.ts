import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.ts';
import type { Insertable, Selectable } from 'kysely';
import type { ContractRow, CustomerRow, MarketPartyRow, UsagePointRow } from './grid.tables.ts';
import { contractInForce } from './contracts.ts';

export type Contract = Selectable<ContractRow>;

/** SQL for the grid tables, the same on both engines. */
export class GridStore {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async usagePoint(id: string): Promise<UsagePointRow | undefined> {
    return this.db.selectFrom('usagePoints').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async listUsagePoints(options: { energy?: 'electricity' | 'gas'; after?: string; limit: number }): Promise<UsagePointRow[]> {
    let query = this.db.selectFrom('usagePoints').selectAll().orderBy('id').limit(options.limit);
    if (options.energy) query = query.where('energy', '=', options.energy);
    if (options.after) query = query.where('id', '>', options.after);
    return query.execute();
  }

  async countUsagePoints(): Promise<{ electricity: number; gas: number }> {
    const rows = await this.db.selectFrom('usagePoints').select(['energy', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('energy').execute();
    const count = { electricity: 0, gas: 0 };
    for (const row of rows) count[row.energy] = Number(row.n);
    return count;
  }

  /** Which of these ids a grid table already holds; chunked to stay under the engines' parameter limits. */
  async existingIds(table: 'usagePoints' | 'customers' | 'marketParties', ids: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db.selectFrom(table).select('id').where('id', 'in', ids.slice(i, i + 500)).execute();
      for (const row of rows) found.add(row.id);
    }
    return found;
  }

  /** The contract in force on a day: the current holder of a point. */
  async contractOn(usagePointId: string, day: number): Promise<Contract | undefined> {
    return contractInForce(await this.contractsOf(usagePointId), day);
  }

  async contractsOf(usagePointId: string): Promise<Contract[]> {
    return this.db.selectFrom('contracts').selectAll().where('usagePointId', '=', usagePointId).orderBy('startDay').execute();
  }

  /** The usage points a customer holds on a day (they are the holder of the contract in force), by id. */
  async pointsHeldBy(customerId: string, day: number): Promise<UsagePointRow[]> {
    const candidates = await this.db
      .selectFrom('contracts')
      .select('usagePointId')
      .distinct()
      .where('customerId', '=', customerId)
      .where('startDay', '<=', day)
      .where((eb) => eb.or([eb('endDay', 'is', null), eb('endDay', '>', day)]))
      .execute();
    const held: UsagePointRow[] = [];
    for (const { usagePointId } of candidates.sort((a, b) => a.usagePointId.localeCompare(b.usagePointId))) {
      if ((await this.contractOn(usagePointId, day))?.customerId !== customerId) continue;
      const point = await this.usagePoint(usagePointId);
      if (point) held.push(point);
    }
    return held;
  }

  async customer(id: string): Promise<CustomerRow | undefined> {
    return this.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async marketParty(id: string): Promise<MarketPartyRow | undefined> {
    return this.db.selectFrom('marketParties').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Inserts a whole network in one transaction; chunks keep each statement under the engines' parameter limits. */
  async insertNetwork(network: {
    parties: MarketPartyRow[];
    customers: CustomerRow[];
    usagePoints: UsagePointRow[];
    contracts: Insertable<ContractRow>[];
  }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await insertChunks(network.parties, (rows) => trx.insertInto('marketParties').values(rows).execute());
      await insertChunks(network.customers, (rows) => trx.insertInto('customers').values(rows).execute());
      await insertChunks(network.usagePoints, (rows) => trx.insertInto('usagePoints').values(rows).execute());
      await insertChunks(network.contracts, (rows) => trx.insertInto('contracts').values(rows).execute());
    });
  }
}

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  // 20 columns x 40 rows stays under SQLite's 999-parameter floor on old builds and PostgreSQL's 65,535.
  for (let i = 0; i < rows.length; i += 40) await insert(rows.slice(i, i + 40));
}
