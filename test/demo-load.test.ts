import { afterEach, describe, expect, it } from 'vitest';
import { PointGenerator } from '../src/demo/generator.ts';
import { appendDays, defaultHistory, loadDemo } from '../src/demo/load.ts';
import { buildNetwork } from '../src/demo/network.ts';
import { demoProfile } from '../src/demo/profiles.ts';
import { GridReads } from '../src/grid/grid.reads.ts';
import { GridStore } from '../src/grid/grid.store.ts';
import type { DayReadings } from '../src/metering/day-readings.ts';
import { IngestService } from '../src/metering/ingest.service.ts';
import { ReadingsStore } from '../src/metering/readings.store.ts';
import { S } from '../src/metering/series.ts';
import { addMonths, parseIsoDate } from '../src/platform/time/local-day.ts';
import { timeZone } from '../src/platform/time/zone.ts';
import { contractEngines, createTestDatabase, type TestDatabase } from './support/engines.ts';

const paris = timeZone('Europe/Paris');
const SEED = 'gridgate-test';
// Loads end yesterday, like the CLI's: dates follow the clock so that nothing ages out.
const today = paris.dayOf(Date.now());

/** What the generator gives for the whole network over [from, to[, computed without any database. */
function expectedRows(points: number, gasPoints: number, from: number, to: number): DayReadings[] {
  const rows: DayReadings[] = [];
  for (const p of buildNetwork(SEED, points, gasPoints).usagePoints) {
    const generator = new PointGenerator(demoProfile(SEED, p), paris);
    for (let d = from; d < to; d++) rows.push(...generator.day(d));
  }
  return rows;
}

async function dumpReadings(test: TestDatabase): Promise<string[]> {
  const rows = await test.database.db.selectFrom('readings').selectAll().orderBy('usagePointId').orderBy('series').orderBy('day').execute();
  return rows.map((r) => `${r.usagePointId}|${r.series}|${r.day}|${r.revision}|${r.step}|${r.labels}|${Buffer.from(r.vals).toString('hex')}|${Buffer.from(r.quality).toString('hex')}|${r.aux ? Buffer.from(r.aux).toString('hex') : ''}`);
}

describe.each(contractEngines())('demo load on %s', (engine) => {
  let test: TestDatabase;
  afterEach(async () => test?.cleanup());

  it('loads 20 points x 10 days with the expected rows, and a second run changes nothing', async () => {
    test = await createTestDatabase(engine);
    const options = { seed: SEED, electricityPoints: 20, gasPoints: 4, fromDay: today - 10, toDay: today };
    const expected = expectedRows(20, 4, today - 10, today);
    const first = await loadDemo(test.database, paris, options);
    expect(first).toMatchObject({ usagePoints: 24 + 15, insertedUsagePoints: 24 + 15, days: 10, rows: expected.length });
    const store = new ReadingsStore(test.database);
    expect(await store.countRows()).toBe(expected.length);
    const before = await dumpReadings(test);
    const second = await loadDemo(test.database, paris, { ...options, worker: true });
    expect(second).toMatchObject({ insertedUsagePoints: 0, rows: expected.length });
    expect(await dumpReadings(test)).toEqual(before);
    expect(await new GridStore(test.database.db).countUsagePoints()).toEqual({ electricity: 20 + 15, gas: 4 });
  });

  it('stores the balance responsible party of each contract, and both contract reads (compiled or not) give it back', async () => {
    test = await createTestDatabase(engine);
    await loadDemo(test.database, paris, { seed: SEED, electricityPoints: 5, gasPoints: 1, fromDay: today - 1, toDay: today });
    const grid = new GridStore(test.database.db);
    const reads = new GridReads(test.database);
    // The sandbox's C1 site and C2 site (with its P1 side) have the demo's party; a Linky point has none.
    for (const [prm, party] of [['99999999999999', 'BRP-EQUILIBRE'], ['11111111111111', 'BRP-EQUILIBRE'], ['22516914714270', null]] as const) {
      expect((await grid.contractsOf(prm)).map((c) => c.balanceResponsibleId)).toEqual([party]);
      expect((await reads.contractsOf(prm)).map((c) => c.balanceResponsibleId)).toEqual([party]);
    }
    // The column refers to a market party.
    await expect(test.database.db.updateTable('contracts').set({ balanceResponsibleId: 'BRP-NOBODY' }).where('usagePointId', '=', '99999999999999').execute()).rejects.toThrow(/foreign key/i);
  });

  it('produces days that the validating ingest path accepts', async () => {
    test = await createTestDatabase(engine);
    await loadDemo(test.database, paris, { seed: SEED, electricityPoints: 60, gasPoints: 10, fromDay: today - 1, toDay: today });
    // DST days included: one spring and one autumn day of the last years.
    const days = [today - 2, parseIsoDate('2025-03-30')!, parseIsoDate('2025-10-26')!];
    const batch = expectedRows(60, 10, days[0], days[0] + 1);
    for (const d of days.slice(1)) batch.push(...expectedRows(60, 10, d, d + 1));
    expect(batch.length).toBeGreaterThan(200);
    expect(await new IngestService(test.database, paris).check(batch)).toEqual([]);
  });

  it('appends the days of a running hub with exactly the values of a full load', async () => {
    test = await createTestDatabase(engine);
    await loadDemo(test.database, paris, { seed: SEED, electricityPoints: 10, gasPoints: 2, fromDay: today - 5, toDay: today - 2 });
    const appended = await appendDays(test.database, paris, SEED, today - 2, today);
    expect(appended.usagePoints).toBe(27);
    const afterAppend = await dumpReadings(test);
    const reference = await createTestDatabase(engine);
    try {
      await loadDemo(reference.database, paris, { seed: SEED, electricityPoints: 10, gasPoints: 2, fromDay: today - 5, toDay: today });
      expect(afterAppend).toEqual(await dumpReadings(reference));
    } finally {
      await reference.cleanup();
    }
    const index = await new ReadingsStore(test.database).readDays('22516914714270', S.consumption_index.id, today - 5, today);
    expect(index.length).toBeGreaterThanOrEqual(4);
  });
});

describe('demo history', () => {
  it('covers 36 months and 15 days up to yesterday', () => {
    const { fromDay, toDay } = defaultHistory(today);
    expect(toDay).toBe(today);
    expect(fromDay).toBe(addMonths(today, -36) - 15);
  });
});
