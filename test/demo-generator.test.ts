import { describe, expect, it } from 'vitest';
import { weekdayOf, isHoliday } from '../src/demo/calendar.ts';
import { generateDay, PointGenerator } from '../src/demo/generator.ts';
import { buildNetwork } from '../src/demo/network.ts';
import { demoProfile, pointTraits } from '../src/demo/profiles.ts';
import { hashString } from '../src/demo/random.ts';
import { parseOffpeakHours, inWindows } from '../src/demo/tariffs.ts';
import { dailyTemperature, climateOf } from '../src/demo/weather.ts';
import type { UsagePointRow } from '../src/grid/grid.tables.ts';
import type { DayReadings } from '../src/metering/day-readings.ts';
import { QUALITY, S } from '../src/metering/series.ts';
import { parseIsoDate } from '../src/platform/time/local-day.ts';
import { timeZone } from '../src/platform/time/zone.ts';

/**
 * The generator is a pure function of (seed, point, day): these tests pick
 * past days freely, since no rule of theirs depends on today's date.
 */
const paris = timeZone('Europe/Paris');
const day = (iso: string) => parseIsoDate(iso)!;
const SEED = 'gridgate-test';
const network = buildNetwork(SEED, 400, 60);
const pointById = new Map(network.usagePoints.map((p) => [p.id, p]));
const point = (id: string) => pointById.get(id)!;

/** Every row of a point for [from, to[, by day. */
function daysOf(p: UsagePointRow, from: number, to: number, seed = SEED): Map<number, DayReadings[]> {
  const generator = new PointGenerator(demoProfile(seed, p), paris);
  const out = new Map<number, DayReadings[]>();
  for (let d = from; d < to; d++) out.set(d, generator.day(d));
  return out;
}

const series = (rows: DayReadings[] | undefined, id: number) => rows?.find((r) => r.series === id);
const integral = (curve: DayReadings) => (curve.values.reduce((sum, v) => sum + v, 0) * curve.step) / 3600;
const complete = (curve: DayReadings) => curve.quality.every((q) => q !== QUALITY.missing);
const kindOf = (p: UsagePointRow) => pointTraits(SEED, p.id, p.energy, p.segment, p.direction);

const YEAR = [day('2025-01-01'), day('2026-01-01')] as const;
const electricity = network.usagePoints.filter((p) => p.energy === 'electricity');

describe('demo generator', () => {
  it('gives the same values for the same day, whatever was generated before, and other values under another seed', () => {
    const p = electricity.find((x) => x.direction === 'consumption' && x.lastActivationDay < YEAR[0])!;
    const d = day('2025-02-12');
    const walked = daysOf(p, d - 40, d + 1).get(d)!;
    const direct = new PointGenerator(demoProfile(SEED, p), paris).day(d);
    expect(direct).toEqual(walked);
    expect(generateDay(SEED, p, d, S.consumption_index.id, paris)).toEqual(series(walked, S.consumption_index.id));
    const other = new PointGenerator(demoProfile('another-seed', p), paris).day(d);
    expect(series(other, S.consumption_load_curve.id)!.values).not.toEqual(series(walked, S.consumption_load_curve.id)!.values);
  });

  it('has 46 and 50 half-hours on the DST days, and 138 / 150 ten-minute slots', () => {
    const halfHourly = electricity.find((p) => p.stepSeconds === 1800 && p.direction === 'consumption' && p.loadCurveCollection === 'enabled')!;
    const tenMinutes = electricity.find((p) => p.stepSeconds === 600 && p.direction === 'consumption')!;
    for (const [p, spring, autumn] of [[halfHourly, 46, 50], [tenMinutes, 138, 150]] as const) {
      const g = new PointGenerator(demoProfile(SEED, { ...p, lastActivationDay: day('2020-01-01') }), paris);
      expect(series(g.day(day('2026-03-29')), S.consumption_load_curve.id)!.values).toHaveLength(spring);
      expect(series(g.day(day('2026-10-25')), S.consumption_load_curve.id)!.values).toHaveLength(autumn);
    }
  });

  it('makes each daily energy the exact integral of its curve, and the max power at least the peak slot, reached inside it', () => {
    let checked = 0;
    for (const p of electricity.filter((x) => x.loadCurveCollection === 'enabled').slice(0, 120)) {
      for (const [, rows] of daysOf(p, day('2025-03-01'), day('2025-03-15'))) {
        for (const [curveId, dailyId] of [[S.consumption_load_curve.id, S.daily_consumption.id], [S.production_load_curve.id, S.daily_production.id]]) {
          const curve = series(rows, curveId);
          const daily = series(rows, dailyId);
          if (!curve || !daily || !complete(curve)) continue;
          expect(integral(curve)).toBe(daily.values[0]);
          checked++;
        }
        const curve = series(rows, S.consumption_load_curve.id);
        const max = series(rows, S.daily_consumption_max_power.id);
        if (curve && max && complete(curve)) {
          const peak = curve.values.indexOf(Math.max(...curve.values));
          expect(max.values[0]).toBeGreaterThanOrEqual(curve.values[peak]);
          expect(max.aux![0]).toBeGreaterThanOrEqual(peak * curve.step);
          expect(max.aux![0]).toBeLessThan((peak + 1) * curve.step);
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('makes every value an integer and every curve value non-negative', () => {
    for (const p of electricity.slice(0, 60)) {
      for (const [, rows] of daysOf(p, day('2025-06-01'), day('2025-06-04'))) {
        for (const r of rows) for (const v of r.values) if (v === v) expect(Number.isInteger(v) && v >= 0).toBe(true);
      }
    }
  });

  it('advances each index register by the energy of the slots of its time class', () => {
    const p = electricity.find((x) => x.tariffOption === 'HC' && x.offpeakHours === 'HC (22H30-6H30)' && x.stepSeconds === 1800 && x.direction === 'consumption' && x.loadCurveCollection === 'enabled')!;
    const windows = parseOffpeakHours(p.offpeakHours);
    const days = daysOf(p, day('2025-01-01'), day('2025-03-01'));
    let checked = 0;
    for (const [d, rows] of days) {
      const index = series(rows, S.consumption_index.id);
      const before = series(days.get(d - 1), S.consumption_index.id);
      const curve = series(rows, S.consumption_load_curve.id);
      if (!index || !before || !curve || !complete(curve)) continue;
      expect(index.labels).toEqual(['HP', 'HC']);
      // Independent of the generator: slot i starts i half-hours after midnight (no DST change in these months).
      let hp = 0;
      let hc = 0;
      curve.values.forEach((w, i) => (inWindows(windows, i * 30 + 15) ? (hc += w / 2) : (hp += w / 2)));
      expect([index.values[0] - before.values[0], index.values[1] - before.values[1]]).toEqual([hp, hc]);
      expect(hp + hc).toBe(series(rows, S.daily_consumption.id)!.values[0]);
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('draws more gas on a cold day than on a mild one, and derives the volume from the coefficient', () => {
    const gas = network.usagePoints.find((p) => p.energy === 'gas' && p.segment === 'T2' && p.lastActivationDay < YEAR[0])!;
    const climate = climateOf(gas.inseeCode);
    const temperature = (d: number) => dailyTemperature(hashString(SEED), climate, d);
    const energyOn = (d: number) => generateDay(SEED, gas, d, S.gas_daily.id, paris);
    const year = Array.from({ length: 365 }, (_, i) => YEAR[0] + i).filter((d) => energyOn(d) !== undefined);
    const cold = year.reduce((a, b) => (temperature(b) < temperature(a) ? b : a));
    const mild = year.find((d) => Math.abs(temperature(d) - 15) < 0.5 && Math.abs(temperature(d + 1) - 15) < 2)!;
    const [coldDay, mildDay] = [energyOn(cold)!, energyOn(mild)!];
    expect(temperature(cold)).toBeLessThan(5);
    expect(coldDay.values[0]).toBeGreaterThan(mildDay.values[0] * 1.5);
    for (const g of [coldDay, mildDay]) {
      const [energy, volume, coefficient] = g.values;
      expect(coefficient).toBeGreaterThan(10_000);
      expect(coefficient).toBeLessThan(12_000);
      expect(Math.abs(volume - (energy / coefficient) * 1000)).toBeLessThanOrEqual(0.5);
    }
  });

  it('keeps offices quiet on Sundays and public holidays', () => {
    const office = electricity.find((p) => kindOf(p).activity === 'office' && p.direction === 'consumption' && p.lastActivationDay < YEAR[0])!;
    const days = daysOf(office, YEAR[0], YEAR[1]);
    const mean = (filter: (d: number) => boolean) => {
      const values = [...days].filter(([d, rows]) => filter(d) && series(rows, S.daily_consumption.id)).map(([, rows]) => series(rows, S.daily_consumption.id)!.values[0]);
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    const weekdays = mean((d) => weekdayOf(d) < 5 && !isHoliday(d));
    expect(mean((d) => weekdayOf(d) === 6)).toBeLessThan(weekdays * 0.7);
    expect(mean((d) => weekdayOf(d) < 5 && isHoliday(d))).toBeLessThan(weekdays * 0.7);
  });

  it('produces solar power only by day, more in June than in December', () => {
    const producer = point('24880057139941');
    const june = daysOf(producer, day('2025-06-01'), day('2025-07-01'));
    const december = daysOf(producer, day('2025-12-01'), day('2026-01-01'));
    const total = (days: Map<number, DayReadings[]>) => [...days.values()].reduce((sum, rows) => sum + (series(rows, S.daily_production.id)?.values[0] ?? 0), 0);
    expect(total(june)).toBeGreaterThan(total(december) * 2.5);
    for (const rows of [...june.values(), ...december.values()]) {
      const curve = series(rows, S.production_load_curve.id)!;
      expect(curve.values.slice(0, 8).every((v) => v === 0)).toBe(true); // 00:00-04:00
      expect(curve.values.slice(-4).every((v) => v === 0)).toBe(true); // 22:00-24:00
      expect(series(rows, S.consumption_load_curve.id)).toBeUndefined();
    }
  });

  it('shows net metering behind one meter: at each slot one side holds the net value, the other 0', () => {
    for (const id of ['12655648759651', '11111111111111', ...electricity.filter((p) => p.direction === 'both').map((p) => p.id).slice(0, 5)]) {
      let exported = 0;
      let imported = 0;
      for (const [, rows] of daysOf(point(id), day('2025-05-01'), day('2025-05-15'))) {
        const consumption = series(rows, S.consumption_load_curve.id);
        const production = series(rows, S.production_load_curve.id);
        if (!consumption || !production) continue;
        consumption.values.forEach((v, i) => expect(v === 0 || production.values[i] === 0 || v !== v).toBe(true));
        exported += series(rows, S.daily_production.id)!.values[0];
        imported += series(rows, S.daily_consumption.id)!.values[0];
      }
      expect(exported).toBeGreaterThan(0);
      expect(imported).toBeGreaterThan(0);
    }
  });

  it('has some gaps and corrected days, deterministically', () => {
    let missingSlots = 0;
    let corrected = 0;
    let missingDays = 0;
    for (const p of electricity.filter((x) => x.loadCurveCollection === 'enabled' && x.direction === 'consumption' && x.lastActivationDay < YEAR[0]).slice(0, 80)) {
      for (const [, rows] of daysOf(p, YEAR[0], day('2025-07-01'))) {
        if (rows.length === 0) missingDays++;
        const curve = series(rows, S.consumption_load_curve.id);
        if (curve && !complete(curve)) missingSlots++;
        if (curve?.revision === 2) {
          corrected++;
          expect(curve.quality).toContain(QUALITY.corrected);
        }
      }
    }
    expect(missingSlots).toBeGreaterThan(10);
    expect(corrected).toBeGreaterThan(5);
    expect(missingDays).toBeGreaterThan(10);
  });
});

describe('demo sandbox points', () => {
  it('digit 4 has no data at all on Tuesdays and Wednesdays, and complete days otherwise', () => {
    for (const [d, rows] of daysOf(point('42900589957123'), day('2025-09-01'), day('2025-10-27'))) {
      if (weekdayOf(d) === 1 || weekdayOf(d) === 2) expect(rows).toEqual([]);
      else expect(rows.map((r) => r.series)).toEqual([S.consumption_load_curve.id, S.daily_consumption.id, S.daily_consumption_max_power.id, S.consumption_index.id]);
    }
  });

  it('digit 1 was commissioned on 2019-08-27 and has nothing before', () => {
    const p = point('11453290002823');
    expect(p.lastActivationDay).toBe(day('2019-08-27'));
    const days = daysOf(p, day('2019-08-20'), day('2019-09-03'));
    expect(days.get(day('2019-08-26'))).toEqual([]);
    expect(series(days.get(day('2019-08-27')), S.daily_consumption.id)).toBeDefined();
  });

  it('digit 2 opposed the load curve but has complete daily data', () => {
    const p = point('32320647321714');
    expect(p.loadCurveCollection).toBe('opposed');
    for (const [, rows] of daysOf(p, day('2025-01-01'), day('2025-02-01'))) {
      expect(rows.map((r) => r.series)).toEqual([S.daily_consumption.id, S.daily_consumption_max_power.id, S.consumption_index.id]);
    }
  });

  it('11111111111111 is a three-phase C2 site that also produces; 99999999999999 is C1 and 14000000000001 C5', () => {
    expect(point('11111111111111')).toMatchObject({ segment: 'C2', phaseCount: 3, direction: 'both' });
    expect(point('99999999999999')).toMatchObject({ segment: 'C1', direction: 'consumption' });
    expect(point('14000000000001')).toMatchObject({ segment: 'C5', subscribedPowerKva: 9 });
    const rows = new PointGenerator(demoProfile(SEED, point('11111111111111')), paris).day(day('2025-06-18'));
    expect(rows.map((r) => r.series).sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
