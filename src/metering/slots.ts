import type { TimeZone } from '../platform/time/zone.ts';
import type { DayReadings, Segment } from './day-readings.ts';

/**
 * Where each slot of a day lies: the segments of a curve day, resolved
 * against the day's real length (82,800, 86,400 or 90,000 s).
 */
export interface SlotRun {
  fromSecond: number;
  step: number;
  count: number;
}

export function slotRuns(segments: Segment[] | null, step: number, dayLengthSeconds: number): SlotRun[] {
  const list = segments && segments.length > 0 ? segments : [{ fromSecond: 0, step }];
  const runs: SlotRun[] = [];
  for (let i = 0; i < list.length; i++) {
    const end = i + 1 < list.length ? list[i + 1].fromSecond : dayLengthSeconds;
    runs.push({ fromSecond: list[i].fromSecond, step: list[i].step, count: Math.ceil((end - list[i].fromSecond) / list[i].step) });
  }
  return runs;
}

/** Expected number of values of a curve day; used to refuse a day of the wrong length. */
export function expectedSlots(segments: Segment[] | null, step: number, dayLengthSeconds: number): number {
  return slotRuns(segments, step, dayLengthSeconds).reduce((n, run) => n + run.count, 0);
}

export interface CurvePoint {
  /** Local wall-clock label of the interval end, `YYYY-MM-DD HH:MM:SS`. */
  endLabel: string;
  /** UTC epoch ms of the interval end. */
  endMs: number;
  step: number;
  value: number;
  quality: number;
}

/** Present points of curve days, in time order; missing points are left out. */
export function curvePoints(days: DayReadings[], zone: TimeZone): CurvePoint[] {
  const out: CurvePoint[] = [];
  for (const day of days) {
    const local = zone.localDay(day.day);
    let index = 0;
    for (const run of slotRuns(day.segments, day.step, local.lengthSeconds)) {
      const labels = zone.slotEndLabels(day.day, run.step, run.fromSecond, run.count);
      for (let i = 0; i < run.count; i++, index++) {
        const value = day.values[index];
        if (value !== value) continue;
        out.push({ endLabel: labels[i], endMs: local.startMs + (run.fromSecond + (i + 1) * run.step) * 1000, step: run.step, value, quality: day.quality[index] });
      }
    }
  }
  return out;
}
