import { derivedSecret } from '../platform/secrets.ts';

/**
 * Credentials of a demo hub, derived from the demo seed: the same on every
 * machine, so that a tutorial can show them. Used only on a database that
 * holds the demo network, never on a production one.
 */
export interface DemoCredentials {
  operatorApiKey: string;
}

export function demoCredentials(seed: string): DemoCredentials {
  return { operatorApiKey: derivedSecret(seed, 'native-api/operator-key', 'gg_demo_') };
}

/** Setting keys that mark a database as a demo database. */
export const DEMO_SEED_SETTING = 'demo.seed';
export const DEMO_LAST_DAY_SETTING = 'demo.last_day';
