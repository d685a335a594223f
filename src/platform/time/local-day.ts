/**
 * Local days as integers: day 0 is 1970-01-01 in the operator's calendar.
 * An integer is what the readings table keys on; ISO strings are for the edges.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type DayNumber = number;

/** Parses `YYYY-MM-DD`; returns undefined for anything that is not a real calendar date. */
export function parseIsoDate(text: string): DayNumber | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return ms / MS_PER_DAY;
}

const isoCache: string[] = [];

export function formatIsoDate(day: DayNumber): string {
  const cached = isoCache[day];
  if (cached !== undefined) return cached;
  const text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  if (day >= 0 && day < 200_000) isoCache[day] = text;
  return text;
}

/** Calendar parts of a day, for rules that depend on the weekday or the month. */
export function dayParts(day: DayNumber): { year: number; month: number; dayOfMonth: number; weekday: number } {
  const date = new Date(day * MS_PER_DAY);
  // weekday: 0 = Monday ... 6 = Sunday
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, dayOfMonth: date.getUTCDate(), weekday: (date.getUTCDay() + 6) % 7 };
}

export function dayFromParts(year: number, month: number, dayOfMonth: number): DayNumber {
  return Math.round(Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY);
}

/** Adds calendar months, clamping to the last day of the target month (31 March - 1 month = 28/29 February). */
export function addMonths(day: DayNumber, months: number): DayNumber {
  const { year, month, dayOfMonth } = dayParts(day);
  const targetMonthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(targetMonthIndex / 12);
  const targetMonth = (targetMonthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return dayFromParts(targetYear, targetMonth, Math.min(dayOfMonth, lastDay));
}
