import { isoStep } from '../../metering/readings.format.ts';
import { JsonText } from '../../platform/http/json-text.ts';
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
 * `BRUT`: Data Connect serves C5 raw data, never a corrected one. Written
 * as JSON text in one pass, the bytes of `JSON.stringify` of a
 * `MeterReadingV5`: a week of curve is 336 items, and building them as
 * objects first cost three times as much (docs/performance.md).
 */
export function renderV5(answer: MeteringAnswer): JsonText {
  const head = `{"meter_reading":{"usage_point_id":${JSON.stringify(answer.usagePointId)},"start":"${formatIsoDate(answer.startDay)}","end":"${formatIsoDate(answer.endDay)}","quality":"BRUT","reading_type":${JSON.stringify(readingType(answer.series, 'v5'))},"interval_reading":[`;
  return new JsonText(`${head}${answer.series.kind === 'curve' ? curveItems(answer) : dayItems(answer)}]}}`);
}

/** v4 has the v5 envelope with per-item `interval_length` (decision 1). */
export const renderV4 = renderV5;

// Values, labels and steps are digits, spaces, colons and letters: nothing to escape.
function curveItems(answer: MeteringAnswer): string {
  let items = '';
  forEachCurveSlot(answer, (slot) => {
    if (slot.value !== slot.value) return;
    items += `${items ? ',' : ''}{"value":"${valueText(slot.value)}","date":"${slot.endLabel}","interval_length":"${isoStep(slot.step)}","measure_type":"B"}`;
  });
  return items;
}

function dayItems(answer: MeteringAnswer): string {
  const maxPower = answer.series.kind === 'max_power';
  let items = '';
  for (const day of daysInRange(answer)) {
    const value = day.values[0];
    if (value !== value) continue;
    const date = maxPower ? answer.zone.wallClockAt(day.day, peakSecond(day)) : formatIsoDate(day.day);
    items += `${items ? ',' : ''}{"value":"${valueText(value)}","date":"${date}"}`;
  }
  return items;
}
