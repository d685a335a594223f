import type { Database } from '../platform/db/database.ts';
import type { ReadingRow } from './readings.tables.ts';
import { SqliteReadingsWriter } from './readings-writer.sqlite.ts';
import { PostgresReadingsWriter } from './readings-writer.postgres.ts';

export interface WriteResult {
  /** Rows inserted or replaced. */
  written: number;
  /** Rows ignored because the stored day has a higher revision. */
  stale: number;
}

/**
 * The bulk path of the readings store. One call is one transaction: all of
 * it lands or none of it does. A day already stored is replaced when the
 * incoming revision is equal or higher, and left alone otherwise.
 */
export interface ReadingsWriter {
  write(rows: ReadingRow[]): Promise<WriteResult>;
}

/**
 * Orders a batch by key (point, series, day) unless it already is: B-tree
 * inserts in key order append to pages instead of splitting them all over the
 * index, measured 1.6x faster on SQLite for a day-major history load.
 */
export function inKeyOrder(rows: ReadingRow[]): ReadingRow[] {
  for (let i = 1; i < rows.length; i++) {
    if (compareKeys(rows[i - 1], rows[i]) > 0) return [...rows].sort(compareKeys);
  }
  return rows;
}

function compareKeys(a: ReadingRow, b: ReadingRow): number {
  if (a.usagePointId !== b.usagePointId) return a.usagePointId < b.usagePointId ? -1 : 1;
  return a.series - b.series || a.day - b.day;
}

export function readingsWriter(database: Database): ReadingsWriter {
  return database.engine === 'sqlite' ? new SqliteReadingsWriter(database.sqlite!) : new PostgresReadingsWriter(database.pool!);
}

/**
 * Keeps one row per (point, series, day) within a batch: the highest revision,
 * the later row on a tie, as if the rows had been written one after another.
 */
export function dedupeBatch(rows: ReadingRow[]): ReadingRow[] {
  const seen = new Map<string, number>();
  let duplicates = false;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const key = `${row.usagePointId}|${row.series}|${row.day}`;
    const previous = seen.get(key);
    if (previous === undefined) {
      seen.set(key, i);
    } else {
      duplicates = true;
      if (row.revision >= rows[previous].revision) seen.set(key, i);
    }
  }
  if (!duplicates) return rows;
  const keep = new Set(seen.values());
  return rows.filter((_, i) => keep.has(i));
}
