import { afterEach, describe, expect, it } from 'vitest';
import { GridStore } from '../src/grid/grid.store.ts';
import type { UsagePointRow } from '../src/grid/grid.tables.ts';
import type { DayReadings } from '../src/metering/day-readings.ts';
import { IngestError, IngestService } from '../src/metering/ingest.service.ts';
import { ReadingsStore } from '../src/metering/readings.store.ts';
import { QUALITY, S } from '../src/metering/series.ts';
import { curvePoints } from '../src/metering/slots.ts';
import { parseIsoDate } from '../src/platform/time/local-day.ts';
import { timeZone } from '../src/platform/time/zone.ts';
import { contractEngines, createTestDatabase, type TestDatabase } from './support/engines.ts';

const paris = timeZone('Europe/Paris');
const day = (iso: string) => parseIsoDate(iso)!;

function point(id: string, overrides: Partial<UsagePointRow> = {}): UsagePointRow {
  return {
    id, energy: 'electricity', street: '1 rue de la Paix', postalCode: '75002', inseeCode: '75102', city: 'Paris',
    latitude: 48.87, longitude: 2.33, segment: 'C5', meterType: 'AMM', phaseCount: 1, subscribedPowerKva: 9,
    tariffOption: 'HC', offpeakHours: 'HC (22H30-6H30)', stepSeconds: 1800, direction: 'consumption', status: 'in_service',
    lastActivationDay: day('2020-01-01'), loadCurveCollection: 'enabled', ...overrides,
  };
}

function curveDay(id: string, iso: string, revision: number, value: (i: number) => number, step = 1800): DayReadings {
  const n = paris.slotCount(day(iso), step);
  const values = Float64Array.from({ length: n }, (_, i) => value(i));
  return {
    usagePointId: id, series: S.consumption_load_curve.id, day: day(iso), revision, step, segments: null, labels: null,
    values, quality: Uint8Array.from(values, (v) => (Number.isNaN(v) ? QUALITY.missing : QUALITY.measured)), aux: null,
  };
}

describe.each(contractEngines())('readings store on %s', (engine) => {
  let test: TestDatabase;
  afterEach(async () => test?.cleanup());

  async function setup() {
    test = await createTestDatabase(engine);
    await new GridStore(test.database.db).insertNetwork({
      parties: [], customers: [], contracts: [],
      usagePoints: [point('00000000000001'), point('00000000000002', { direction: 'production' }), point('GI123456', { energy: 'gas', segment: 'T2', meterType: 'GAZPAR', stepSeconds: 86400 })],
    });
    return { ingest: new IngestService(test.database, paris), store: new ReadingsStore(test.database) };
  }

  it('stores DST days with 46 and 50 values and reads them back labelled', async () => {
    const { ingest, store } = await setup();
    await ingest.ingest([curveDay('00000000000001', '2026-03-29', 1, (i) => 100 + i), curveDay('00000000000001', '2026-10-25', 1, (i) => 200 + i)]);
    const spring = await store.readDays('00000000000001', S.consumption_load_curve.id, day('2026-03-29'), day('2026-03-30'));
    expect(spring[0].values).toHaveLength(46);
    const autumn = await store.readDays('00000000000001', S.consumption_load_curve.id, day('2026-10-25'), day('2026-10-26'));
    const points = curvePoints(autumn, paris);
    expect(points).toHaveLength(50);
    expect(points[49]).toMatchObject({ endLabel: '2026-10-26 00:00:00', value: 249 });
    expect(points.filter((p) => p.endLabel === '2026-10-25 02:30:00').map((p) => p.value)).toEqual([204, 206]);
  });

  it('keeps leading zeros, omits missing points and stores 64-bit energies exactly', async () => {
    const { ingest, store } = await setup();
    await ingest.ingest([curveDay('00000000000001', '2026-01-05', 1, (i) => (i === 3 ? NaN : i))]);
    const energy = 2_400_000_000_123; // a 100 MW site for a day, in Wh
    await ingest.ingest([{ usagePointId: '00000000000001', series: S.daily_consumption.id, day: day('2026-01-05'), revision: 1, step: 86400, segments: null, labels: null, values: Float64Array.of(energy), quality: Uint8Array.of(1), aux: null }]);
    const [curve] = await store.readDays('00000000000001', S.consumption_load_curve.id, day('2026-01-05'), day('2026-01-06'));
    expect(curve.usagePointId).toBe('00000000000001');
    expect(curvePoints([curve], paris)).toHaveLength(47);
    const [daily] = await store.readDays('00000000000001', S.daily_consumption.id, day('2026-01-05'), day('2026-01-06'));
    expect(daily.values[0]).toBe(energy);
  });

  it('replaces a re-sent day, lets the higher revision win and never duplicates', async () => {
    const { ingest, store } = await setup();
    expect(await ingest.ingest([curveDay('00000000000001', '2026-02-02', 2, () => 500)])).toEqual({ written: 1, stale: 0 });
    expect(await ingest.ingest([curveDay('00000000000001', '2026-02-02', 1, () => 100)])).toEqual({ written: 0, stale: 1 });
    expect(await ingest.ingest([curveDay('00000000000001', '2026-02-02', 2, () => 600), curveDay('00000000000001', '2026-02-03', 1, () => 1)])).toEqual({ written: 2, stale: 0 });
    expect(await ingest.ingest([curveDay('00000000000001', '2026-02-02', 5, () => 900), curveDay('00000000000001', '2026-02-02', 3, () => 300)])).toEqual({ written: 1, stale: 0 });
    const rows = await store.readDays('00000000000001', S.consumption_load_curve.id, day('2026-02-01'), day('2026-02-05'));
    expect(rows.map((r) => [r.revision, r.values[0]])).toEqual([[5, 900], [1, 1]]);
    expect(await store.countRows()).toBe(2);
  });

  it('refuses a whole batch with one bad day and writes nothing', async () => {
    const { ingest, store } = await setup();
    const good = curveDay('00000000000001', '2026-03-28', 1, () => 1);
    const wrongLength = { ...curveDay('00000000000001', '2026-03-29', 1, () => 1), values: new Float64Array(48), quality: new Uint8Array(48).fill(1) };
    const unknownPoint = curveDay('99999999999998', '2026-03-28', 1, () => 1);
    const wrongDirection = curveDay('00000000000002', '2026-03-28', 1, () => 1);
    const error = await ingest.ingest([good, wrongLength, unknownPoint, wrongDirection]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).problems.map((p) => p.index)).toEqual([1, 2, 3]);
    expect((error as IngestError).problems[0].reason).toContain('46 value(s)');
    expect(await store.countRows()).toBe(0);
  });

  it('keeps each segment step when the step changes within a day', async () => {
    const { ingest, store } = await setup();
    // 00:00-10:00 at 30 min (20), 10:00-12:00 at 10 min (12), 12:00-24:00 at 60 min (12)
    const values = Float64Array.from({ length: 44 }, (_, i) => i);
    await ingest.ingest([{ usagePointId: '00000000000001', series: S.consumption_load_curve.id, day: day('2026-05-04'), revision: 1, step: 1800,
      segments: [{ fromSecond: 0, step: 1800 }, { fromSecond: 36000, step: 600 }, { fromSecond: 43200, step: 3600 }], labels: null, values, quality: new Uint8Array(44).fill(1), aux: null }]);
    const points = curvePoints(await store.readDays('00000000000001', S.consumption_load_curve.id, day('2026-05-04'), day('2026-05-05')), paris);
    expect(points.map((p) => p.step).slice(18, 34)).toEqual([1800, 1800, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 3600, 3600]);
    expect(points[20].endLabel).toBe('2026-05-04 10:10:00');
    expect(points.at(-1)!.endLabel).toBe('2026-05-05 00:00:00');
  });
});
