import type { UsagePointRow } from '../../src/grid/grid.tables.ts';
import type { DayReadings } from '../../src/metering/day-readings.ts';
import { QUALITY, S } from '../../src/metering/series.ts';
import { parseIsoDate } from '../../src/platform/time/local-day.ts';
import type { TimeZone } from '../../src/platform/time/zone.ts';

/** Small hand-made fixtures for tests that need a few points and days. */
export function testPoint(id: string, overrides: Partial<UsagePointRow> = {}): UsagePointRow {
  return {
    id, energy: 'electricity', street: '1 rue de la Paix', postalCode: '75002', inseeCode: '75102', city: 'Paris',
    latitude: 48.87, longitude: 2.33, segment: 'C5', meterType: 'AMM', phaseCount: 1, subscribedPowerKva: 9,
    tariffOption: 'HC', offpeakHours: 'HC (22H30-6H30)', stepSeconds: 1800, direction: 'consumption', status: 'in_service',
    lastActivationDay: parseIsoDate('2020-01-01')!, loadCurveCollection: 'enabled', ...overrides,
  };
}

export function testCurveDay(zone: TimeZone, id: string, day: number, value: (slot: number) => number, options: { revision?: number; step?: number; series?: number } = {}): DayReadings {
  const step = options.step ?? 1800;
  const values = Float64Array.from({ length: zone.slotCount(day, step) }, (_, i) => value(i));
  return {
    usagePointId: id, series: options.series ?? S.consumption_load_curve.id, day, revision: options.revision ?? 1, step, segments: null, labels: null,
    values, quality: Uint8Array.from(values, (v) => (Number.isNaN(v) ? QUALITY.missing : QUALITY.measured)), aux: null,
  };
}

export function testDailyDay(id: string, day: number, series: number, value: number, aux?: number): DayReadings {
  return {
    usagePointId: id, series, day, revision: 1, step: 86400, segments: null, labels: null,
    values: Float64Array.of(value), quality: Uint8Array.of(QUALITY.measured), aux: aux === undefined ? null : Int32Array.of(aux),
  };
}

/** An index day: the registers at the end of the local day, one value per register name. */
export function testIndexDay(id: string, day: number, labels: string[], values: number[], series: number = S.consumption_index.id): DayReadings {
  return {
    usagePointId: id, series, day, revision: 1, step: 86400, segments: null, labels,
    values: Float64Array.from(values), quality: Uint8Array.from(values, () => QUALITY.measured), aux: null,
  };
}

/**
 * The interval-end labels of a 30-minute curve on 2026-03-29, the spring
 * change (decision 3): `00:30` … `02:00`, then `03:30` … `23:30` (the hour
 * 02:00-03:00 does not exist, so neither `02:30` nor `03:00` appears), then
 * `2026-03-30 00:00:00`: 46 labels.
 */
export const SPRING_FORWARD_2026_LABELS: readonly string[] = (() => {
  const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;
  const before = [30, 60, 90, 120];
  const after = Array.from({ length: 41 }, (_, i) => 3 * 60 + 30 + 30 * i);
  return [...[...before, ...after].map((m) => `2026-03-29 ${hhmm(m)}`), '2026-03-30 00:00:00'];
})();
