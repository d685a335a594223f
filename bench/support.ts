import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { throwawaySchema } from '../test/support/pg-schema.ts';
import { openPostgres, openSqlite, type Database } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { GridStore } from '../src/grid/grid.store.ts';
import type { UsagePointRow } from '../src/grid/grid.tables.ts';

/** Shared helpers of the benchmarks: fresh databases, timing, percentiles, figures. */
export function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

export const PG_URL = process.env.GRIDGATE_BENCH_PG_URL ?? process.env.GRIDGATE_TEST_PG_URL;

export function announceSkip(what: string): void {
  console.log(`\n*** SKIPPED ${what}: set GRIDGATE_BENCH_PG_URL=postgres://user:pass@127.0.0.1/db to measure PostgreSQL ***\n`);
}

export interface BenchDatabase {
  database: Database;
  cleanup(): Promise<void>;
}

export async function freshSqlite(): Promise<BenchDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gridgate-bench-'));
  const database = openSqlite(path.join(dir, 'bench.db'));
  await migrateToLatest(database);
  return { database, cleanup: async () => { await database.close(); rmSync(dir, { recursive: true, force: true }); } };
}

export async function freshPostgres(url: string): Promise<BenchDatabase> {
  const schema = await throwawaySchema(url, 'bench');
  const database = openPostgres(schema.url);
  await migrateToLatest(database);
  return {
    database,
    cleanup: async () => {
      await database.close();
      await schema.drop();
    },
  };
}

export function benchPointIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(50_000_000_000_000 + i * 7919).padStart(14, '0'));
}

export async function insertBenchPoints(database: Database, ids: string[]): Promise<void> {
  const points: UsagePointRow[] = ids.map((id) => ({
    id, energy: 'electricity', street: '1 place de la Mairie', postalCode: '69001', inseeCode: '69381', city: 'Lyon', latitude: 45.76, longitude: 4.83,
    segment: 'C5', meterType: 'AMM', phaseCount: 1, subscribedPowerKva: 9, tariffOption: 'BASE', offpeakHours: null, stepSeconds: 1800,
    direction: 'consumption', status: 'in_service', lastActivationDay: 18_000, loadCurveCollection: 'enabled',
  }));
  await new GridStore(database.db).insertNetwork({ parties: [], customers: [], contracts: [], usagePoints: points });
}

export async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const start = process.hrtime.bigint();
  const result = await work();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, result };
}

export function percentile(sortedMs: number[], p: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))];
}

export function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function mvalues(values: number, seconds: number): string {
  return `${fmt(values / seconds / 1e6, 2)} M values/s`;
}
