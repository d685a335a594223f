/**
 * Demo generation and load benchmark: 10,000 electricity points x 365 days
 * into a fresh SQLite database (goal: <= 60 s on a 2-core machine), then the
 * same rows with constant pre-built blobs through the same writer, so that
 * the ratio shows what generating costs on top of writing.
 *
 *   node bench/demo.bench.ts [--points 10000] [--days 365] [--gas-points 0]
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { loadDemo } from '../src/demo/load.ts';
import { readingsWriter } from '../src/metering/readings-writer.ts';
import type { ReadingRow } from '../src/metering/readings.tables.ts';
import { seriesById } from '../src/metering/series.ts';
import { formatIsoDate } from '../src/platform/time/local-day.ts';
import { timeZone } from '../src/platform/time/zone.ts';
import { arg, fmt, freshSqlite, timed } from './support.ts';

const points = arg('points', 10_000);
const days = arg('days', 365);
const gasPoints = arg('gas-points', 0);
const zone = timeZone('Europe/Paris');
const today = zone.dayOf(Date.now());
const fromDay = today - days;

function fileSize(file: string): number {
  let size = 0;
  for (const f of [file, `${file}-wal`]) {
    try {
      size += statSync(f).size;
    } catch {
      // no WAL file
    }
  }
  return size;
}

process.stdout.write(`demo bench: ${points} electricity + ${gasPoints} gas points x ${days} days (${formatIsoDate(fromDay)} to ${formatIsoDate(today - 1)}), ${availableParallelism()} CPUs, Node ${process.version}\n`);

// 1. The demo: network, generation on a worker thread, writes on this one.
const demo = await freshSqlite();
const report = await loadDemo(demo.database, zone, { seed: 'gridgate-bench', electricityPoints: points, gasPoints, fromDay, toDay: today });
const shapes = demo.database.sqlite!
  .prepare('select usage_point_id as id, series, count(*) as n, sum(length(vals)) as bytes, max(length(quality)) as slots from readings group by usage_point_id, series order by usage_point_id, series')
  .all() as { id: string; series: number; n: number; bytes: number; slots: number }[];
let values = 0;
for (const s of shapes) values += s.bytes / seriesById(s.series).width / (seriesById(s.series).channels?.length ?? 1);
const demoBytes = fileSize(demo.database.location);
process.stdout.write(`  demo load: ${fmt(report.rows, 0)} rows (${report.usagePoints} points incl. sandbox) in ${fmt(report.seconds)} s, ${fmt(demoBytes / 2 ** 20, 0)} MiB on disk\n`);
await demo.cleanup();

// 2. Baseline: the same keys, in the same order, with constant blobs of the same sizes.
const baseline = await freshSqlite();
const writer = readingsWriter(baseline.database);
let baselineRows = 0;
const blobs = new Map<string, Buffer>();
const blob = (bytes: number, fill: number) => {
  const key = `${bytes}:${fill}`;
  let b = blobs.get(key);
  if (!b) blobs.set(key, (b = Buffer.alloc(bytes, fill)));
  return b;
};
const { seconds: baselineSeconds } = await timed(async () => {
  let batch: ReadingRow[] = [];
  for (const s of shapes) {
    const def = seriesById(s.series);
    const vals = blob(Math.round(s.bytes / s.n), 7);
    const quality = blob(s.slots, 1);
    const aux = def.kind === 'max_power' ? blob(4, 0) : null;
    const labels = def.kind === 'index' ? 'HP;HC' : null;
    for (let k = 0; k < s.n; k++) {
      batch.push({ usagePointId: s.id, series: s.series, day: fromDay + k, revision: 1, step: def.kind === 'curve' ? 1800 : 86_400, segments: null, labels, vals, quality, aux });
    }
    if (batch.length >= 5000) {
      await writer.write(batch);
      baselineRows += batch.length;
      batch = [];
    }
  }
  await writer.write(batch);
  baselineRows += batch.length;
});
process.stdout.write(`  baseline (constant blobs, same writer, same key order): ${fmt(baselineRows, 0)} rows in ${fmt(baselineSeconds)} s\n`);
await baseline.cleanup();

const rowsPerSecond = report.rows / report.seconds;
process.stdout.write(
  `demo: ${points} points x ${days} days, ${fmt(report.rows, 0)} rows, ${fmt(values, 0)} values in ${fmt(report.seconds)} s ` +
    `(${fmt(rowsPerSecond, 0)} rows/s, ${fmt(values / report.seconds / 1e6, 2)} M values/s); ` +
    `baseline ${fmt(baselineSeconds)} s; ratio ${fmt(report.seconds / baselineSeconds, 2)}; goal <= 60 s: ${report.seconds <= 60 ? 'met' : 'NOT met'}\n`,
);
