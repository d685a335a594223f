import { formatIsoDate } from '../../platform/time/local-day.ts';
import { firstStep, forEachCurveSlot } from './curve-slots.ts';
import { readingType, type ReadingType } from './reading-type.ts';
import { daysInRange, peakSecond, valueText, type MeteringAnswer } from './request.ts';

export interface V3CurveReadingType {
  measurement_kind: 'power';
  /** Step in seconds, e.g. `"1800"`. */
  interval_length: string;
  unit: 'W';
  aggregate: 'average';
}

export interface V3Reading {
  rank: string;
  value: string;
  /** Max power only: the v5 local moment of the peak. */
  date?: string;
}

export interface UsagePointsV3 {
  usage_point: {
    meter_reading: {
      usage_point_id: string;
      start: string;
      end: string;
      reading_type: V3CurveReadingType | ReadingType;
      interval_reading: V3Reading[];
    };
  }[];
}

/**
 * The v3 answer (seed 002, decision 1): items numbered by rank instead of
 * dated. Curve ranks are absolute slot positions from the first slot of
 * `start`, gaps left as gaps (decision 2), so a DST day takes 46 or 50 ranks;
 * daily and max-power ranks count days from `start`.
 */
export function renderV3(answer: MeteringAnswer): UsagePointsV3 {
  const curve = answer.series.kind === 'curve';
  return {
    usage_point: [
      {
        meter_reading: {
          usage_point_id: answer.usagePointId,
          start: formatIsoDate(answer.startDay),
          end: formatIsoDate(answer.endDay),
          reading_type: curve ? curveReadingType(answer) : readingType(answer.series, 'v3'),
          interval_reading: curve ? curveReadings(answer) : dayReadings(answer),
        },
      },
    ],
  };
}

/**
 * v3 carries one step for the whole answer; a step change inside the period
 * keeps its slot positions but cannot be told in this format.
 */
function curveReadingType(answer: MeteringAnswer): V3CurveReadingType {
  return { measurement_kind: 'power', interval_length: String(firstStep(answer)), unit: 'W', aggregate: 'average' };
}

function curveReadings(answer: MeteringAnswer): V3Reading[] {
  const out: V3Reading[] = [];
  forEachCurveSlot(answer, (slot) => {
    if (slot.value === slot.value) out.push({ rank: String(slot.position + 1), value: valueText(slot.value) });
  });
  return out;
}

function dayReadings(answer: MeteringAnswer): V3Reading[] {
  const maxPower = answer.series.kind === 'max_power';
  const out: V3Reading[] = [];
  for (const day of daysInRange(answer)) {
    const value = day.values[0];
    if (value !== value) continue;
    const reading: V3Reading = { rank: String(day.day - answer.startDay + 1), value: valueText(value) };
    if (maxPower) reading.date = answer.zone.wallClockAt(day.day, peakSecond(day));
    out.push(reading);
  }
  return out;
}
