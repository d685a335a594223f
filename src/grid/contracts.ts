import type { DayNumber } from '../platform/time/local-day.ts';

interface Dated {
  startDay: DayNumber;
  endDay: DayNumber | null;
}

/** The contract in force on a day (its holder is the point's customer then): the latest one started and not yet ended. */
export function contractInForce<C extends Dated>(contracts: readonly C[], day: DayNumber): C | undefined {
  let found: C | undefined;
  for (const c of contracts) {
    if (c.startDay <= day && (c.endDay === null || c.endDay > day) && (!found || c.startDay > found.startDay)) found = c;
  }
  return found;
}
