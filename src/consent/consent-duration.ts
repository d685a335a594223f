import { parse, type Duration } from 'tinyduration';
import { addMonths } from '../platform/time/local-day.ts';
import type { TimeZone } from '../platform/time/zone.ts';

/** A consent lasts at most three years (§3). */
export const MAX_CONSENT_MONTHS = 36;

export type ConsentDuration = { ok: true; text: string; expiresAt: number } | { ok: false; error: 'invalid_duration_format' | 'maximum_duration_exceeded' };

/**
 * The end of a consent asked for with an ISO 8601 duration (`P3Y`, `P6M`,
 * `P1095D`, `P1Y4M`...), counted on the local calendar from now: `P1Y`
 * asked on 15 March ends on the next 15 March at the same wall-clock time,
 * whatever the DST changes in between. Longer than three years, or
 * negative, is `maximum_duration_exceeded` (§3); zero or malformed is
 * `invalid_duration_format`.
 */
export function consentExpiry(text: string, now: number, zone: TimeZone): ConsentDuration {
  let duration: Duration;
  try {
    duration = parse(text, { allowMultipleFractions: false });
  } catch {
    return { ok: false, error: 'invalid_duration_format' };
  }
  const parts = [duration.years, duration.months, duration.weeks, duration.days, duration.hours, duration.minutes, duration.seconds];
  if (parts.some((p) => p !== undefined && !Number.isInteger(p))) return { ok: false, error: 'invalid_duration_format' };
  if (duration.negative && parts.some((p) => p)) return { ok: false, error: 'maximum_duration_exceeded' };
  // Each part alone must fit in three years before any calendar arithmetic (P100000000D would overflow the dates).
  const [years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0] = parts;
  if (years * 12 + months > MAX_CONSENT_MONTHS || weeks * 7 + days > 1100 || hours * 3600 + minutes * 60 + seconds > 1100 * 86_400) return { ok: false, error: 'maximum_duration_exceeded' };
  const { day, wallSecond } = zone.wallClockOf(now);
  const endDay = addMonths(day, years * 12 + months) + weeks * 7 + days;
  const expiresAt = zone.instantOf(endDay, wallSecond) + (hours * 3600 + minutes * 60 + seconds) * 1000;
  if (expiresAt <= now) return { ok: false, error: 'invalid_duration_format' };
  if (expiresAt > zone.instantOf(addMonths(day, MAX_CONSENT_MONTHS), wallSecond)) return { ok: false, error: 'maximum_duration_exceeded' };
  return { ok: true, text, expiresAt };
}
