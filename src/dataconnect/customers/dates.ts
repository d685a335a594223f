import { formatIsoDate, type DayNumber } from '../../platform/time/local-day.ts';
import { formatOffset, PARIS, timeZone, type TimeZone } from '../../platform/time/zone.ts';

/** Dates of the customer and contract answers, at local midnight with the offset in force then. */

export const PARIS_ZONE: TimeZone = timeZone(PARIS);

/** v5 `xs:date` with offset: `2013-08-14+01:00`. */
export function v5Date(day: DayNumber, zone: TimeZone = PARIS_ZONE): string {
  return formatIsoDate(day) + formatOffset(zone.localDay(day).offsetAtStart);
}

/** 2026 ITC date-time, offset without a colon as the Swagger pattern says: `2021-01-01T00:00:00+0100`. */
export function itcDateTime(day: DayNumber, zone: TimeZone = PARIS_ZONE): string {
  return `${formatIsoDate(day)}T00:00:00${formatOffset(zone.localDay(day).offsetAtStart, '')}`;
}
