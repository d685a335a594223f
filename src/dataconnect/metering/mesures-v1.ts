import type { DayReadings } from '../../metering/day-readings.ts';
import { isoStep } from '../../metering/readings.format.ts';
import { formatIsoDate } from '../../platform/time/local-day.ts';
import { forEachCurveSlot } from './curve-slots.ts';
import type { MaxPowerPeriod } from './monthly-max-power.ts';
import { readingType, type ReadingType } from './reading-type.ts';
import { daysInRange, inRange, peakSecond, valueText, type MeteringAnswer } from './request.ts';

export interface MesuresV1Options {
  /**
   * `iso` (default): every date written `YYYY-MM-DDTHH:MM:SS.000Z` holding
   * the French wall-clock value (decision 17). `v5`: the v5 strings, the
   * per-deployment switch of the same decision.
   */
  dates?: 'iso' | 'v5';
  /**
   * Sandbox form (decision 21): a stored day or slot without a value is an
   * item whose value is the string `"null"` instead of being left out. Days
   * with no row at all stay out, as in the recorded sandbox payload.
   */
  nullItems?: boolean;
  /**
   * `grandeurPhysique=TOUT` on a three-phase point: the max-power days of
   * phases 1, 2 and 3 (PMA1..PMA3), matched by day with `answer.days` (PMA).
   * Left out for `PMA`, and for `TOUT` on a single-phase point, which
   * answers exactly like `PMA` (decision 17).
   */
  phases?: readonly [readonly DayReadings[], readonly DayReadings[], readonly DayReadings[]];
  /** Max power's `measuring_period`: `P1M` when the days are already the monthly maxima (monthly-max-power.ts). */
  maxPowerPeriod?: MaxPowerPeriod;
}

export type V1ReadingType = ReadingType & { flow_direction?: 'forward' };

export interface V1ToutReadingType extends Omit<ReadingType, 'unit'> {
  flow_direction: ['forward', 'forward', 'forward', 'forward'];
  unit: [string, string, string, string];
}

export interface V1Reading {
  value: string;
  date: string;
  interval_length?: string;
  measure_type?: 'B';
}

/** One TOUT item: element i of `value` goes with element i of `date`, in the order PMA, PMA1, PMA2, PMA3. */
export interface V1ToutReading {
  value: [string, string, string, string];
  date: [string, string, string, string];
}

export interface MeterReadingV1 {
  meter_reading: {
    usage_point_id: string;
    start: string;
    end: string;
    quality: 'BRUT';
    reading_type: V1ReadingType | V1ToutReadingType;
    interval_reading: (V1Reading | V1ToutReading)[];
  };
}

const NULL_VALUE = 'null';

/**
 * Mesures V1 (§11.4): the v5 envelope, keys and string values, with the
 * dates of the only V1 payloads said to come from Enedis (decision 17).
 * Those payloads carry `flow_direction: "forward"` on a consumption
 * resource; nothing says what a production one carries, so it has none.
 */
export function renderMesuresV1(answer: MeteringAnswer, options: MesuresV1Options = {}): MeterReadingV1 {
  const dates = options.dates === 'v5' ? V5_DATES : ISO_DATES;
  const base = readingType(answer.series, 'Mesures V1', options.maxPowerPeriod);
  const tout = answer.series.kind === 'max_power' && options.phases !== undefined;
  let reading: V1ReadingType | V1ToutReadingType;
  if (tout) reading = { flow_direction: ['forward', 'forward', 'forward', 'forward'], ...base, unit: [base.unit, base.unit, base.unit, base.unit] };
  else if (answer.series.direction === 'consumption') reading = { flow_direction: 'forward', ...base };
  else reading = base;
  let items: (V1Reading | V1ToutReading)[];
  if (answer.series.kind === 'curve') items = curveReadings(answer, dates, options.nullItems === true);
  else if (tout) items = toutReadings(answer, options.phases!, dates, options.nullItems === true);
  else items = dayReadings(answer, dates, options.nullItems === true);
  return {
    meter_reading: {
      usage_point_id: answer.usagePointId,
      start: dates.day(formatIsoDate(answer.startDay)),
      end: dates.day(formatIsoDate(answer.endDay)),
      quality: 'BRUT',
      reading_type: reading,
      interval_reading: items,
    },
  };
}

interface DateForm {
  /** From `YYYY-MM-DD`. */
  day(date: string): string;
  /** From the v5 local `YYYY-MM-DD HH:MM:SS`. */
  moment(label: string): string;
}

// The sandbox writes the wall-clock value with a `Z`: day D echoes as DT00:00:00.000Z, so no conversion to UTC.
const ISO_DATES: DateForm = {
  day: (date) => `${date}T00:00:00.000Z`,
  moment: (label) => `${label.slice(0, 10)}T${label.slice(11)}.000Z`,
};

const V5_DATES: DateForm = { day: (date) => date, moment: (label) => label };

function curveReadings(answer: MeteringAnswer, dates: DateForm, nullItems: boolean): V1Reading[] {
  const out: V1Reading[] = [];
  forEachCurveSlot(answer, (slot) => {
    const present = slot.value === slot.value;
    if (!present && !nullItems) return;
    out.push({ value: present ? valueText(slot.value) : NULL_VALUE, date: dates.moment(slot.endLabel), interval_length: isoStep(slot.step), measure_type: 'B' });
  });
  return out;
}

function dayReadings(answer: MeteringAnswer, dates: DateForm, nullItems: boolean): V1Reading[] {
  const maxPower = answer.series.kind === 'max_power';
  const out: V1Reading[] = [];
  for (const day of daysInRange(answer)) {
    const value = day.values[0];
    const present = value === value;
    if (!present && !nullItems) continue;
    const date = maxPower ? dates.moment(answer.zone.wallClockAt(day.day, present ? peakSecond(day) : 0)) : dates.day(formatIsoDate(day.day));
    out.push({ value: present ? valueText(value) : NULL_VALUE, date });
  }
  return out;
}

/**
 * A TOUT item exists for a day with at least one value of the four; a phase
 * without a value on such a day cannot be left out of the arrays of 4, so it
 * is written `"null"` at midnight, like the sandbox's missing day.
 */
function toutReadings(answer: MeteringAnswer, phases: NonNullable<MesuresV1Options['phases']>, dates: DateForm, nullItems: boolean): V1ToutReading[] {
  const { startDay, endDay, zone } = answer;
  const channels = [daysInRange(answer), ...phases.map((days) => inRange(days, startDay, endDay))].map((days) => new Map(days.map((d) => [d.day, d])));
  const out: V1ToutReading[] = [];
  for (let d = startDay; d < endDay; d++) {
    const rows = channels.map((byDay) => byDay.get(d));
    if (rows.every((row) => row === undefined)) continue;
    const values: string[] = [];
    const moments: string[] = [];
    let anyValue = false;
    for (const row of rows) {
      const value = row ? row.values[0] : NaN;
      const present = value === value;
      anyValue ||= present;
      values.push(present ? valueText(value) : NULL_VALUE);
      moments.push(dates.moment(zone.wallClockAt(d, present ? peakSecond(row!) : 0)));
    }
    if (!anyValue && !nullItems) continue;
    out.push({ value: values as V1ToutReading['value'], date: moments as V1ToutReading['date'] });
  }
  return out;
}
