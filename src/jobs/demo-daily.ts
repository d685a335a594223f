import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Schema } from '../platform/db/schema.ts';
import { getSetting, setSetting } from '../platform/settings.ts';
import { AdjustableClock, type Clock } from '../platform/time/clock.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { formatIsoDate } from '../platform/time/local-day.ts';
import { DEMO_LAST_DAY_SETTING } from '../demo/credentials.ts';

export interface DemoDailyJob {
  /** Appends any missing day up to yesterday; resolves when done. */
  tick(): Promise<void>;
  stop(): void;
}

/**
 * Keeps a demo hub's data up to yesterday: after each local midnight it
 * generates the day that just ended (the generator is a pure function of the
 * seed, so the day is the one a fresh load would have made). Checks once a
 * minute, and at once whenever a test moves the clock.
 */
export function startDemoDailyJob(deps: {
  db: Kysely<Schema>;
  zone: TimeZone;
  clock: Clock;
  logger: Logger;
  append: (fromDay: number, toDay: number) => Promise<void>;
  intervalMs?: number;
}): DemoDailyJob {
  // Ticks run one after another, so a clock moved during an append is seen by the next run.
  let chain: Promise<void> = Promise.resolve();

  const run = async (): Promise<void> => {
    const yesterday = deps.zone.dayOf(deps.clock.now()) - 1;
    const stored = await getSetting(deps.db, DEMO_LAST_DAY_SETTING);
    if (stored === undefined) return;
    const lastDay = Number(stored);
    if (lastDay >= yesterday) return;
    await deps.append(lastDay + 1, yesterday + 1);
    await setSetting(deps.db, DEMO_LAST_DAY_SETTING, String(yesterday));
    deps.logger.info({ from: formatIsoDate(lastDay + 1), to: formatIsoDate(yesterday) }, 'demo data appended');
  };

  const tick = (): Promise<void> =>
    (chain = chain.then(run).catch((error: unknown) => deps.logger.error({ err: error }, 'demo daily append failed; will retry')));

  const timer = setInterval(() => void tick(), deps.intervalMs ?? 60_000);
  timer.unref();
  const unsubscribe = deps.clock instanceof AdjustableClock ? deps.clock.onChange(() => void tick()) : () => undefined;
  return {
    tick,
    stop: () => {
      clearInterval(timer);
      unsubscribe();
    },
  };
}
