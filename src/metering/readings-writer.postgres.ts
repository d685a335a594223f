import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ReadingRow } from './readings.tables.ts';
import { UPSERT_SET } from './readings-writer.sqlite.ts';
import { inKeyOrder, type ReadingsWriter, type WriteResult } from './readings-writer.ts';

const COLUMNS = 'usage_point_id, series, day, revision, step, segments, labels, vals, quality, aux';

/**
 * PostgreSQL bulk path. New days (the common case: yesterday's data) are
 * COPYed straight into the table; if any day already exists the COPY fails
 * on the key, is rolled back to a savepoint, and the batch is COPYed into a
 * temporary table and merged with "higher revision wins" in one statement.
 */
export class PostgresReadingsWriter implements ReadingsWriter {
  private readonly pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async write(rows: ReadingRow[]): Promise<WriteResult> {
    if (rows.length === 0) return { written: 0, stale: 0 };
    rows = inKeyOrder(rows);
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      let result: WriteResult;
      await client.query('savepoint direct_copy');
      try {
        await copyRows(client, 'readings', rows);
        await client.query('release savepoint direct_copy');
        result = { written: rows.length, stale: 0 };
      } catch (error) {
        if ((error as { code?: string }).code !== '23505') throw error;
        await client.query('rollback to savepoint direct_copy');
        result = await mergeRows(client, rows);
      }
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

async function mergeRows(client: pg.PoolClient, rows: ReadingRow[]): Promise<WriteResult> {
  await client.query('create temporary table if not exists readings_incoming (like readings) on commit delete rows');
  await copyRows(client, 'readings_incoming', rows);
  const merged = await client.query(
    `insert into readings (${COLUMNS}) select ${COLUMNS} from readings_incoming
     on conflict (usage_point_id, series, day) do update set ${UPSERT_SET}`,
  );
  const written = merged.rowCount ?? 0;
  return { written, stale: rows.length - written };
}

export async function copyRows(client: pg.PoolClient, table: string, rows: ReadingRow[]): Promise<void> {
  const stream = client.query(copyFrom(`copy ${table} (${COLUMNS}) from stdin`));
  await pipeline(Readable.from(copyText(rows)), stream);
}

const NULL = '\\N';

/** COPY text format, a few hundred rows per chunk; bytea in hex with its backslash escaped. */
function* copyText(rows: ReadingRow[]): Generator<string> {
  let chunk = '';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    chunk += `${r.usagePointId}\t${r.series}\t${r.day}\t${r.revision}\t${r.step}\t${r.segments ?? NULL}\t${r.labels ?? NULL}\t\\\\x${r.vals.toString('hex')}\t\\\\x${r.quality.toString('hex')}\t${r.aux ? `\\\\x${r.aux.toString('hex')}` : NULL}\n`;
    if ((i & 255) === 255) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
