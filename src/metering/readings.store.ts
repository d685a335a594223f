import type { Kysely } from 'kysely';
import { compileOnce } from '../platform/db/compiled.ts';
import type { Database } from '../platform/db/database.ts';
import type { Schema } from '../platform/db/schema.ts';
import { fromRow, type DayReadings } from './day-readings.ts';
import type { ReadingRow } from './readings.tables.ts';

/** Range reads of the readings store, the same SQL on both engines. */
export class ReadingsStore {
  private readonly db: Kysely<Schema>;
  private readonly dayRows: (usagePointId: string, series: number, fromDay: number, toDay: number) => Promise<ReadingRow[]>;

  constructor(database: Database) {
    this.db = database.db;
    // The read of every data call: compiled once.
    this.dayRows = compileOnce(
      database,
      (usagePointId: string, series: number, fromDay: number, toDay: number) =>
        this.db.selectFrom('readings').selectAll().where('usagePointId', '=', usagePointId).where('series', '=', series).where('day', '>=', fromDay).where('day', '<', toDay).orderBy('day'),
      'point?', -1, -2, -3,
    ) as typeof this.dayRows;
  }

  /** Days in [fromDay; toDay[ for one point and series, in day order. */
  async readDays(usagePointId: string, series: number, fromDay: number, toDay: number): Promise<DayReadings[]> {
    return (await this.dayRows(usagePointId, series, fromDay, toDay)).map(fromRow);
  }

  /** Which series a point has data for, with their first and last day. */
  async seriesSummary(usagePointId: string): Promise<{ series: number; firstDay: number; lastDay: number; days: number }[]> {
    const rows = await this.db
      .selectFrom('readings')
      .select((eb) => ['series', eb.fn.min<number>('day').as('firstDay'), eb.fn.max<number>('day').as('lastDay'), eb.fn.countAll<number>().as('days')])
      .where('usagePointId', '=', usagePointId)
      .groupBy('series')
      .orderBy('series')
      .execute();
    return rows.map((r) => ({ series: Number(r.series), firstDay: Number(r.firstDay), lastDay: Number(r.lastDay), days: Number(r.days) }));
  }

  async lastDay(series?: number): Promise<number | undefined> {
    let query = this.db.selectFrom('readings').select((eb) => eb.fn.max<number>('day').as('last'));
    if (series !== undefined) query = query.where('series', '=', series);
    const row = await query.executeTakeFirst();
    return row?.last === null || row?.last === undefined ? undefined : Number(row.last);
  }

  async countRows(): Promise<number> {
    const row = await this.db.selectFrom('readings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
