/**
 * Ingest of usage points x days of 30-minute curves (default 2,000 x 365 = 35 M values).
 * SQLite: the bulk path (prepared upsert, one transaction) against a plain prepared
 * INSERT of the same rows into the same empty keyed table. PostgreSQL: the bulk path
 * against a raw COPY of the same rows into an empty table with the same key, and
 * the merge path (re-ingest with a higher revision). The bulk path gets the rows
 * day-major, as a history load produces them; the baselines get them in key order.
 *   node bench/ingest.bench.ts [--points 2000] [--days 365]
 */
import { copyRows } from '../src/metering/readings-writer.postgres.ts';
import { inKeyOrder, readingsWriter } from '../src/metering/readings-writer.ts';
import { timeZone } from '../src/platform/time/zone.ts';
import { curveRows } from './curve-rows.ts';
import { announceSkip, arg, benchPointIds, fmt, freshPostgres, freshSqlite, insertBenchPoints, mvalues, PG_URL, timed } from './support.ts';

const points = arg('points', 2000);
const days = arg('days', 365);
const zone = timeZone('Europe/Paris');
const lastDay = zone.dayOf(Date.now()) - 1;
const ids = benchPointIds(points);

console.log(`ingest: ${points} points x ${days} days of PT30M curves`);
const built = await timed(async () => curveRows(zone, ids, lastDay, days));
const { rows, values } = built.result;
// Baselines get the rows in key order, their fastest order, so the ratio never flatters the bulk path.
const sortedRows = inKeyOrder(rows);
console.log(`  rows built in memory: ${rows.length.toLocaleString('en-US')} rows, ${values.toLocaleString('en-US')} values (${fmt(built.seconds, 2)} s, not timed below)`);

// SQLite
{
  const baseline = await freshSqlite();
  const sqlite = baseline.database.sqlite!;
  sqlite.exec(`create table readings_raw (usage_point_id text not null, series smallint not null, day integer not null, revision integer not null, step integer not null,
    segments text, labels text, vals blob not null, quality blob not null, aux blob, primary key (usage_point_id, series, day)) without rowid`);
  const insert = sqlite.prepare('insert into readings_raw values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const raw = await timed(async () => sqlite.transaction(() => { for (const r of sortedRows) insert.run(r.usagePointId, r.series, r.day, r.revision, r.step, r.segments, r.labels, r.vals, r.quality, r.aux); })());
  await baseline.cleanup();

  const target = await freshSqlite();
  await insertBenchPoints(target.database, ids);
  const writer = readingsWriter(target.database);
  const bulk = await timed(() => writer.write(rows));
  const again = await timed(() => writer.write(rows));
  await target.cleanup();
  console.log(`  sqlite raw INSERT baseline : ${fmt(raw.seconds, 2)} s, ${mvalues(values, raw.seconds)}`);
  console.log(`  sqlite bulk path (upsert)  : ${fmt(bulk.seconds, 2)} s, ${mvalues(values, bulk.seconds)}, ratio ${fmt(raw.seconds / bulk.seconds, 2)} x baseline`);
  console.log(`  sqlite re-ingest same days : ${fmt(again.seconds, 2)} s, ${mvalues(values, again.seconds)} (${again.result.written} replaced)`);
}

// PostgreSQL
if (!PG_URL) {
  announceSkip('PostgreSQL ingest');
} else {
  const baseline = await freshPostgres(PG_URL);
  await baseline.database.pool!.query('create table readings_raw (like readings including all)');
  const raw = await timed(async () => {
    const client = await baseline.database.pool!.connect();
    try {
      await client.query('begin');
      await copyRows(client, 'readings_raw', sortedRows);
      await client.query('commit');
    } finally {
      client.release();
    }
  });
  await baseline.cleanup();

  const target = await freshPostgres(PG_URL);
  await insertBenchPoints(target.database, ids);
  const writer = readingsWriter(target.database);
  const bulk = await timed(() => writer.write(rows));
  const revised = rows.map((r) => ({ ...r, revision: 2 }));
  const merge = await timed(() => writer.write(revised));
  await target.cleanup();
  console.log(`  postgres raw COPY baseline : ${fmt(raw.seconds, 2)} s, ${mvalues(values, raw.seconds)}`);
  console.log(`  postgres bulk path (new)   : ${fmt(bulk.seconds, 2)} s, ${mvalues(values, bulk.seconds)}, ratio ${fmt(raw.seconds / bulk.seconds, 2)} x raw COPY`);
  console.log(`  postgres merge (revision 2): ${fmt(merge.seconds, 2)} s, ${mvalues(values, merge.seconds)}, ratio ${fmt(raw.seconds / merge.seconds, 2)} x raw COPY (${merge.result.written} replaced)`);
}
