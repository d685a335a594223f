import { isoStep } from '../../metering/readings.format.ts';
import { formatIsoDate } from '../../platform/time/local-day.ts';
import { forEachCurveSlot } from './curve-slots.ts';
import { readingType, type ReadingType } from './reading-type.ts';
import { daysInRange, peakSecond, valueText, type MeteringAnswer } from './request.ts';

export interface CurveReading {
  value: string;
  /** Local end of the interval, `YYYY-MM-DD HH:MM:SS`. */
  date: string;
  interval_length: string;
  measure_type: 'B';
}

export interface DayReading {
  value: string;
  /** `YYYY-MM-DD` for daily energy; the local moment of the peak `YYYY-MM-DD HH:MM:SS` for max power. */
  date: string;
}

export interface MeterReadingV5 {
  meter_reading: {
    usage_point_id: string;
    start: string;
    end: string;
    quality: 'BRUT';
    reading_type: ReadingType;
    interval_reading: (CurveReading | DayReading)[];
  };
}

/**
 * The v5 answer of a metering resource (§5), also v4's (decision 1): dates
 * in local wall-clock without `T` or offset, `start`/`end` echoed as
 * `YYYY-MM-DD` (decision 23), missing points left out. `quality` is always
 * `BRUT`: Data Connect serves C5 raw data, never a corrected one.
 */
export function renderV5(answer: MeteringAnswer): MeterReadingV5 {
  return {
    meter_reading: {
      usage_point_id: answer.usagePointId,
      start: formatIsoDate(answer.startDay),
      end: formatIsoDate(answer.endDay),
      quality: 'BRUT',
      reading_type: readingType(answer.series, 'v5'),
      interval_reading: answer.series.kind === 'curve' ? curveReadings(answer) : dayReadings(answer),
    },
  };
}

/** v4 has the v5 envelope with per-item `interval_length` (decision 1). */
export const renderV4 = renderV5;

function curveReadings(answer: MeteringAnswer): CurveReading[] {
  const out: CurveReading[] = [];
  forEachCurveSlot(answer, (slot) => {
    if (slot.value !== slot.value) return;
    out.push({ value: valueText(slot.value), date: slot.endLabel, interval_length: isoStep(slot.step), measure_type: 'B' });
  });
  return out;
}

function dayReadings(answer: MeteringAnswer): DayReading[] {
  const maxPower = answer.series.kind === 'max_power';
  const out: DayReading[] = [];
  for (const day of daysInRange(answer)) {
    const value = day.values[0];
    if (value !== value) continue;
    out.push({ value: valueText(value), date: maxPower ? answer.zone.wallClockAt(day.day, peakSecond(day)) : formatIsoDate(day.day) });
  }
  return out;
}
