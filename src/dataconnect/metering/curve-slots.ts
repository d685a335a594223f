import type { DayReadings } from '../../metering/day-readings.ts';
import { slotRuns } from '../../metering/slots.ts';
import type { MeteringAnswer } from './request.ts';
import { daysInRange } from './request.ts';

/**
 * One slot of a load curve. `position` counts every slot of the requested
 * days from the first slot of `start` (0-based), including the slots of days
 * that have no row, so that v3 ranks stay absolute (decision 2).
 */
export interface CurveSlot {
  position: number;
  /** Local wall-clock label of the interval end, `YYYY-MM-DD HH:MM:SS`, written with the offset in force during the slot (decision 3). */
  endLabel: string;
  step: number;
  /** NaN when the slot is missing in a stored day. */
  value: number;
}

/**
 * Visits the slots of the stored curve days in time order. A day without a
 * row is not visited but still advances `position` by its slot count, at the
 * step the meter was on: the last step of the day before, or for leading
 * absent days the first step seen (a meter keeps its step until it changes).
 */
export function forEachCurveSlot(answer: MeteringAnswer, visit: (slot: CurveSlot) => void): void {
  const { zone } = answer;
  const stored = new Map<number, DayReadings>();
  for (const day of daysInRange(answer)) stored.set(day.day, day);
  let step = firstStep(answer);
  let position = 0;
  for (let d = answer.startDay; d < answer.endDay; d++) {
    const local = zone.localDay(d);
    const day = stored.get(d);
    if (!day) {
      position += Math.ceil(local.lengthSeconds / step);
      continue;
    }
    let index = 0;
    for (const run of slotRuns(day.segments, day.step, local.lengthSeconds)) {
      const labels = zone.slotEndLabels(d, run.step, run.fromSecond, run.count);
      for (let i = 0; i < run.count; i++, index++, position++) {
        visit({ position, endLabel: labels[i], step: run.step, value: index < day.values.length ? day.values[index] : NaN });
      }
      step = run.step;
    }
  }
}

/** Step of the first slot of the first stored day: the v3 `interval_length` and the step assumed before it. */
export function firstStep(answer: MeteringAnswer): number {
  const first = daysInRange(answer)[0];
  if (!first) return 1800;
  return first.segments && first.segments.length > 0 ? first.segments[0].step : first.step;
}
