import { compileOnce } from '../platform/db/compiled.ts';
import type { Database } from '../platform/db/database.ts';
import type { Contract } from './grid.store.ts';
import type { UsagePointRow } from './grid.tables.ts';

/**
 * The grid reads every data call makes (the point, its contracts), compiled
 * once: building a Kysely query per call cost more than running it
 * (docs/performance.md, Data Connect). The other grid queries are in GridStore.
 */
export class GridReads {
  readonly usagePoint: (id: string) => Promise<UsagePointRow | undefined>;
  readonly contractsOf: (usagePointId: string) => Promise<Contract[]>;

  constructor(database: Database) {
    const { db } = database;
    const point = compileOnce(database, (id: string) => db.selectFrom('usagePoints').selectAll().where('id', '=', id), 'id?');
    this.usagePoint = async (id) => (await point(id))[0];
    this.contractsOf = compileOnce(database, (id: string) => db.selectFrom('contracts').selectAll().where('usagePointId', '=', id).orderBy('startDay').orderBy('id'), 'point?');
  }
}
