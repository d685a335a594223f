import type { DayReadings } from '../../metering/day-readings.ts';
import { dayParts } from '../../platform/time/local-day.ts';
import { daysInRange, type MeteringAnswer } from './request.ts';

export type MaxPowerPeriod = 'P1D' | 'P1M';

/**
 * Max power at `P1M` (Mesures V1 `measuring_period`, v2 `mesuresPas`): one
 * maximum per local calendar month of `[start; end[`, the months at either
 * end cut to the range. The maximum of a month is the greatest of its daily
 * maxima, so the answer keeps that day's row, and its item is dated at that
 * day's peak like a `P1D` item; on a tie the earlier day wins. Months
 * without any value are left out, as missing days are.
 */
export function monthlyMaxima(answer: MeteringAnswer): MeteringAnswer {
  const best = new Map<number, DayReadings>();
  for (const day of daysInRange(answer)) {
    const value = day.values[0];
    if (value !== value) continue;
    const { year, month } = dayParts(day.day);
    const kept = best.get(year * 12 + month);
    if (!kept || value > kept.values[0]!) best.set(year * 12 + month, day);
  }
  return { ...answer, days: [...best.values()] };
}
