import { getSetting, setSetting } from '../platform/settings.ts';
import type { Database } from '../platform/db/database.ts';
import type { Progress } from '../platform/progress.ts';
import type { Clock } from '../platform/time/clock.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { AppError } from '../platform/errors.ts';
import { DEMO_LAST_DAY_SETTING, DEMO_SEED_SETTING } from './credentials.ts';
import { seedDemoGateway } from './demo-gateway.ts';
import { seedDemoCustomerAccounts } from './demo-customers.ts';
import { defaultHistory, loadDemo, type DemoLoadReport } from './load.ts';
import { SANDBOX_PROFILES } from './sandbox.ts';

export interface DemoSettings {
  seed: string;
  electricityPoints: number;
  gasPoints: number;
  /** Days of history up to yesterday; undefined for 36 months + 15 days. */
  days: number | undefined;
}

/**
 * Makes a database a demo database: marks it first (so that an interrupted
 * load resumes at the next start), loads the network and its history,
 * seeds the demo partners and applications and the demo customers'
 * accounts, and records the last day loaded
 * for the daily job. Refuses to mix two seeds in one database.
 */
export async function loadDemoDatabase(deps: { database: Database; zone: TimeZone; clock: Clock }, demo: DemoSettings, progress: Progress): Promise<DemoLoadReport> {
  const db = deps.database.db;
  const existing = await getSetting(db, DEMO_SEED_SETTING);
  if (existing !== undefined && existing !== demo.seed) {
    throw new AppError(409, 'other_demo_seed', `this database holds the demo network of seed "${existing}": use that seed, or a fresh database for "${demo.seed}"`);
  }
  await setSetting(db, DEMO_SEED_SETTING, demo.seed);
  const today = deps.zone.dayOf(deps.clock.now());
  const { fromDay, toDay } = demo.days !== undefined ? { fromDay: today - demo.days, toDay: today } : defaultHistory(today);
  const report = await loadDemo(deps.database, deps.zone, { seed: demo.seed, electricityPoints: demo.electricityPoints, gasPoints: demo.gasPoints, fromDay, toDay }, progress);
  await seedDemoGateway(db, demo.seed, () => deps.clock.now());
  await seedDemoCustomerAccounts(deps, demo.seed);
  const last = await getSetting(db, DEMO_LAST_DAY_SETTING);
  if (last === undefined || Number(last) < toDay - 1) await setSetting(db, DEMO_LAST_DAY_SETTING, String(toDay - 1));
  return report;
}

/** The sandbox usage points, for people: state digit, PRMs, behaviour. */
export function sandboxTable(): { state: string; usagePointIds: string[]; description: string }[] {
  return SANDBOX_PROFILES.map((p) => ({ state: p.stateDigit === null ? '2026' : `state ${p.stateDigit}`, usagePointIds: p.usagePointIds, description: p.description }));
}
