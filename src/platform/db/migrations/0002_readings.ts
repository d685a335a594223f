import { sql, type Kysely } from 'kysely';
import { blobType, engineOf } from '../engine-ddl.ts';

/**
 * The readings store: one row per usage point, series and local day, the day's
 * values packed little-endian in `vals`, one quality byte per value in `quality`.
 * No foreign key to usage_points: the ingest service checks points once per
 * batch, and a per-row check would halve the bulk rate.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const blob = blobType(db);
  let table = db.schema
    .createTable('readings')
    .addColumn('usage_point_id', 'text', (c) => c.notNull())
    .addColumn('series', 'smallint', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('segments', 'text')
    .addColumn('labels', 'text')
    .addColumn('vals', blob, (c) => c.notNull())
    .addColumn('quality', blob, (c) => c.notNull())
    .addColumn('aux', blob)
    .addPrimaryKeyConstraint('readings_pk', ['usage_point_id', 'series', 'day']);
  if (engineOf(db) === 'sqlite') table = table.modifyEnd(sql`without rowid`);
  await table.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('readings').execute();
}
