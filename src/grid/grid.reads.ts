import type { ChangeCounters } from '../platform/db/change-counters.ts';
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

  /** With the hub's change counters, answers are kept in memory until the grid changes (counter `grid`). */
  constructor(database: Database, changes?: ChangeCounters) {
    const { db } = database;
    const point = compileOnce(database, (id: string) => db.selectFrom('usagePoints').selectAll().where('id', '=', id), 'id?');
    const contracts = compileOnce(database, (id: string) => db.selectFrom('contracts').selectAll().where('usagePointId', '=', id).orderBy('startDay').orderBy('id'), 'point?');
    const kept = <T>(key: string, read: () => Promise<T>) => (changes ? changes.remember('grid', key, read) : read());
    this.usagePoint = (id) => kept(`p|${id}`, async () => (await point(id))[0]);
    this.contractsOf = (id) => kept(`c|${id}`, () => contracts(id));
  }
}
