/**
 * 7-day load-curve reads: p50 and p99 over random (point, week) queries on
 * each engine, for the store query alone and for the full native answer
 * (checks, query, JSON). Baseline in the same run: a primary-key lookup of
 * one usage point row, the cheapest query the database can answer.
 *   node bench/read.bench.ts [--points 2000] [--days 365] [--queries 2000]
 */
import { sql } from 'kysely';
import { ReadingsStore } from '../src/metering/readings.store.ts';
import { ReadingsService } from '../src/metering/readings.service.ts';
import { readingsJson } from '../src/metering/readings.format.ts';
import { readingsWriter } from '../src/metering/readings-writer.ts';
import { S } from '../src/metering/series.ts';
import { formatIsoDate } from '../src/platform/time/local-day.ts';
import { systemClock } from '../src/platform/time/clock.ts';
import { timeZone } from '../src/platform/time/zone.ts';
import { GridStore } from '../src/grid/grid.store.ts';
import { curveRows } from './curve-rows.ts';
import { announceSkip, arg, benchPointIds, fmt, freshPostgres, freshSqlite, insertBenchPoints, percentile, PG_URL, type BenchDatabase } from './support.ts';

const points = arg('points', 2000);
const days = arg('days', 365);
const queries = arg('queries', 2000);
const zone = timeZone('Europe/Paris');
const lastDay = zone.dayOf(Date.now()) - 1;
const ids = benchPointIds(points);
const { rows } = curveRows(zone, ids, lastDay, days);

// Same queries on both engines: a random point and a random 7-day window.
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
const plan = Array.from({ length: queries }, () => ({ id: ids[Math.floor(random() * ids.length)], start: lastDay - days + 1 + Math.floor(random() * (days - 7)) }));

async function measure(name: string, run: (q: (typeof plan)[number]) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (const q of plan.slice(0, 200)) await run(q); // warm-up
  const times: number[] = [];
  for (const q of plan) {
    const start = process.hrtime.bigint();
    await run(q);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const result = { p50: percentile(times, 50), p99: percentile(times, 99) };
  console.log(`  ${name.padEnd(44)} p50 ${fmt(result.p50, 3)} ms, p99 ${fmt(result.p99, 3)} ms`);
  return result;
}

async function bench(engine: string, target: BenchDatabase): Promise<void> {
  const { database } = target;
  await insertBenchPoints(database, ids);
  await readingsWriter(database).write(rows);
  if (database.engine === 'postgres') await database.pool!.query('analyze');
  const store = new ReadingsStore(database);
  const grid = new GridStore(database.db);
  const service = new ReadingsService({ database, zone, clock: systemClock, maxRangeDays: 366 });
  console.log(`${engine}: ${queries} random 7-day queries over ${points} points x ${days} days`);
  const base = await measure('baseline: usage point by primary key', (q) => grid.usagePoint(q.id));
  await measure('baseline: select 1', () => sql`select 1`.execute(database.db));
  const query = await measure('store: 7 day rows, decoded', (q) => store.readDays(q.id, S.consumption_load_curve.id, q.start, q.start + 7));
  const full = await measure('native answer: checks + query + JSON', async (q) =>
    readingsJson(await service.read(q.id, 'consumption_load_curve', formatIsoDate(q.start), formatIsoDate(q.start + 7)), zone),
  );
  console.log(`  ratios to the primary-key baseline (p50): store ${fmt(query.p50 / base.p50, 2)} x, native answer ${fmt(full.p50 / base.p50, 2)} x`);
  await target.cleanup();
}

await bench('sqlite', await freshSqlite());
if (PG_URL) await bench('postgres', await freshPostgres(PG_URL));
else announceSkip('PostgreSQL reads');
