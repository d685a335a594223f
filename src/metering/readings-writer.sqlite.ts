import type BetterSqlite3 from 'better-sqlite3';
import type { ReadingRow } from './readings.tables.ts';
import { inKeyOrder, type ReadingsWriter, type WriteResult } from './readings-writer.ts';

export const UPSERT_SET = `revision = excluded.revision, step = excluded.step, segments = excluded.segments,
  labels = excluded.labels, vals = excluded.vals, quality = excluded.quality, aux = excluded.aux
  where excluded.revision >= readings.revision`;

/** SQLite bulk path: one prepared upsert, run for every row inside one transaction. */
export class SqliteReadingsWriter implements ReadingsWriter {
  private readonly run: (rows: ReadingRow[]) => WriteResult;

  constructor(sqlite: BetterSqlite3.Database) {
    const upsert = sqlite.prepare(
      `insert into readings (usage_point_id, series, day, revision, step, segments, labels, vals, quality, aux)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (usage_point_id, series, day) do update set ${UPSERT_SET}`,
    );
    this.run = sqlite.transaction((rows: ReadingRow[]) => {
      let written = 0;
      for (const r of rows) {
        written += upsert.run(r.usagePointId, r.series, r.day, r.revision, r.step, r.segments, r.labels, r.vals, r.quality, r.aux).changes;
      }
      return { written, stale: rows.length - written };
    });
  }

  async write(rows: ReadingRow[]): Promise<WriteResult> {
    return this.run(inKeyOrder(rows));
  }
}
