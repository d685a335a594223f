import type { DayReadings } from '../../metering/day-readings.ts';
import type { SeriesDef } from '../../metering/series.ts';
import type { DayNumber } from '../../platform/time/local-day.ts';
import type { TimeZone } from '../../platform/time/zone.ts';

/**
 * What every Data Connect metering renderer works from: one series of one
 * point over the requested local days `[startDay; endDay[`, already checked
 * by the route. `days` are the stored days the route read; a day with no row
 * is simply absent.
 */
export interface MeteringAnswer {
  usagePointId: string;
  series: SeriesDef;
  startDay: DayNumber;
  /** Excluded, as the `end` / `dateFin` of every generation. */
  endDay: DayNumber;
  days: readonly DayReadings[];
  zone: TimeZone;
}

/**
 * The stored days a renderer reads for a requested range. An index row of
 * day D holds the registers at the end of D, i.e. the reading taken at
 * (D+1) 00:00; Enedis dates a period's index readings from `dateDebut`
 * 00:00 (SGE CMD3 capture), so the index needs the rows of the day before
 * `start` up to the day before the last requested day.
 */
export function storedDaysFor(series: SeriesDef, startDay: DayNumber, endDay: DayNumber): { startDay: DayNumber; endDay: DayNumber } {
  return series.kind === 'index' ? { startDay: startDay - 1, endDay: endDay - 1 } : { startDay, endDay };
}

/** The answer's stored days that fall in its range, in day order, one per day. */
export function daysInRange(answer: MeteringAnswer): DayReadings[] {
  const range = storedDaysFor(answer.series, answer.startDay, answer.endDay);
  return inRange(answer.days, range.startDay, range.endDay);
}

export function inRange(days: readonly DayReadings[], startDay: DayNumber, endDay: DayNumber): DayReadings[] {
  const byDay = new Map<DayNumber, DayReadings>();
  for (const day of days) if (day.day >= startDay && day.day < endDay) byDay.set(day.day, day);
  return [...byDay.values()].sort((a, b) => a.day - b.day);
}

/** True when the period holds no value at all: every generation then answers 404 `no_data_found` (decision 27). */
export function hasNoValue(answer: MeteringAnswer): boolean {
  for (const day of daysInRange(answer)) {
    for (let i = 0; i < day.values.length; i++) if (day.values[i] === day.values[i]) return false;
  }
  return true;
}

/** Values are integers in the store; every Data Connect value but the 2026 index is a JSON string of digits (decision 4). */
export function valueText(value: number): string {
  return String(value);
}

/** Seconds after local midnight of a max-power day's peak; a day without its moment falls back to midnight. */
export function peakSecond(day: DayReadings, slot = 0): number {
  const second = day.aux?.[slot];
  return second === undefined ? 0 : second;
}

/** A clear failure for a resource a generation does not have (index in v5, gas anywhere). */
export function unsupported(generation: string, series: SeriesDef): Error {
  return new Error(`Data Connect ${generation} has no resource for the series ${series.name}`);
}
