import { createRequire } from 'node:module';
import { dayFromParts, type DayNumber } from '../platform/time/local-day.ts';

/**
 * Calendar facts of local days (weekday, month, year, day of year, season,
 * French public holidays), computed once per year into typed arrays so that
 * the generator reads them by index instead of calling a date library per value.
 */

// The package returns `new Date(year, month, day)` in the process's own zone: read back with local getters.
const joursFeries = createRequire(import.meta.url)('@socialgouv/jours-feries') as (year: number, options?: { alsace?: boolean }) => Record<string, Date>;

const FIRST_YEAR = 1990;
const LAST_YEAR = 2100;
const FIRST_DAY = dayFromParts(FIRST_YEAR, 1, 1);
const LAST_DAY = dayFromParts(LAST_YEAR + 1, 1, 1);

const HOLIDAY = 1;
const ALSACE_HOLIDAY = 2;

const month = new Uint8Array(LAST_DAY - FIRST_DAY);
const years = new Uint16Array(LAST_DAY - FIRST_DAY);
const dayOfYear = new Uint16Array(LAST_DAY - FIRST_DAY);
const holidays = new Uint8Array(LAST_DAY - FIRST_DAY);
const season = new Float64Array(LAST_DAY - FIRST_DAY);

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function fillYear(year: number): void {
  const first = dayFromParts(year, 1, 1) - FIRST_DAY;
  const lengths = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  let index = first;
  for (let m = 0; m < 12; m++) {
    for (let d = 0; d < lengths[m]; d++, index++) {
      month[index] = m + 1;
      years[index] = year;
      dayOfYear[index] = index - first + 1;
      season[index] = Math.cos((2 * Math.PI * (index - first + 1 - 15)) / 365.25);
    }
  }
  for (const date of Object.values(joursFeries(year))) holidays[dayFromParts(date.getFullYear(), date.getMonth() + 1, date.getDate()) - FIRST_DAY] |= HOLIDAY;
  for (const date of Object.values(joursFeries(year, { alsace: true }))) {
    const i = dayFromParts(date.getFullYear(), date.getMonth() + 1, date.getDate()) - FIRST_DAY;
    if (!(holidays[i] & HOLIDAY)) holidays[i] |= ALSACE_HOLIDAY;
  }
}

function indexOf(day: DayNumber): number {
  const i = day - FIRST_DAY;
  if (i < 0 || day >= LAST_DAY) throw new RangeError(`demo calendar covers ${FIRST_YEAR}-${LAST_YEAR}, not day ${day}`);
  if (month[i] === 0) fillYear(computeYear(day));
  return i;
}

/** Calendar year of a day: days since 1990-01-01 over the mean year, corrected by one step. */
function computeYear(day: DayNumber): number {
  let year = FIRST_YEAR + Math.floor((day - FIRST_DAY) / 365.2425);
  if (dayFromParts(year, 1, 1) > day) year--;
  else if (dayFromParts(year + 1, 1, 1) <= day) year++;
  return year;
}

/** 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(day: DayNumber): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** 1-366. */
export function dayOfYearOf(day: DayNumber): number {
  return dayOfYear[indexOf(day)];
}

/** French public holiday; Alsace-Moselle (departments 57, 67, 68) adds Good Friday and 26 December. */
export function isHoliday(day: DayNumber, alsace = false): boolean {
  const flags = holidays[indexOf(day)];
  return (flags & HOLIDAY) !== 0 || (alsace && (flags & ALSACE_HOLIDAY) !== 0);
}

/**
 * The tables themselves, for loops over many days: index a table with
 * `calendarIndex(day)`, which fills the day's year on first use.
 */
export const CALENDAR = { month, year: years, dayOfYear, holidays, season } as const;
export const HOLIDAY_FLAG = HOLIDAY;
export const ALSACE_HOLIDAY_FLAG = ALSACE_HOLIDAY;

export function calendarIndex(day: DayNumber): number {
  return indexOf(day);
}
