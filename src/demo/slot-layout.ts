import type { DayNumber } from '../platform/time/local-day.ts';
import type { TimeZone } from '../platform/time/zone.ts';

/**
 * Where the slots of a local day fall on the wall clock: slot i covers the
 * elapsed seconds [i * step, (i + 1) * step) after local midnight, and its
 * wall-clock start jumps by an hour at a DST change (46 or 50 half-hours).
 * Built once per (day, step) from the cached local day.
 */
export interface SlotLayout {
  count: number;
  step: number;
  /** Wall-clock minute at which each slot starts. */
  wallStart: Int16Array;
  /** Wall-clock minute in the middle of each slot (0-1439): picks the slot's tariff register. */
  wallMiddle: Int16Array;
}

const layouts = new Map<number, SlotLayout>();
const STEP_CODES: Record<number, number> = { 600: 0, 900: 1, 1800: 2, 3600: 3, 86_400: 4 };

export function slotLayout(zone: TimeZone, day: DayNumber, step: number): SlotLayout {
  const key = day * 8 + (STEP_CODES[step] ?? 7);
  const cached = layouts.get(key);
  if (cached) return cached;
  const local = zone.localDay(day);
  const count = Math.ceil(local.lengthSeconds / step);
  const shift = local.changeAtSecond >= 0 ? (local.offsetAfterChange - local.offsetAtStart) * 60 : 0;
  const wallStart = new Int16Array(count);
  const wallMiddle = new Int16Array(count);
  for (let i = 0; i < count; i++) {
    const start = i * step;
    const middle = start + step / 2;
    wallStart[i] = Math.floor((start + (local.changeAtSecond >= 0 && start >= local.changeAtSecond ? shift : 0)) / 60);
    const wall = Math.floor((middle + (local.changeAtSecond >= 0 && middle >= local.changeAtSecond ? shift : 0)) / 60);
    wallMiddle[i] = wall > 1439 ? 1439 : wall;
  }
  if (layouts.size > 100_000) layouts.clear();
  const layout = { count, step, wallStart, wallMiddle };
  layouts.set(key, layout);
  return layout;
}
