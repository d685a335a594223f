import type { Kysely } from 'kysely';
import { CustomerAccounts } from '../consent/customer-accounts.ts';
import type { Database } from '../platform/db/database.ts';
import type { Schema } from '../platform/db/schema.ts';
import { derivedSecret } from '../platform/secrets.ts';
import type { Clock } from '../platform/time/clock.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { SANDBOX_CUSTOMER_IDS } from './sandbox.ts';

export interface DemoCustomerAccount {
  customerId: string;
  name: string;
  email: string;
  password: string;
  usagePointIds: string[];
}

/** Derived from the demo seed, like the other demo credentials: the same on every machine. */
export function demoCustomerPassword(seed: string, customerId: string): string {
  return derivedSecret(seed, `customer-password/${customerId}`, '').slice(0, 16);
}

/** Customers who hold electricity points today, with those points, by customer id (sandbox customers left out). */
async function holders(db: Kysely<Schema>, today: number): Promise<Map<string, { email: string | null; name: string; points: string[] }>> {
  const rows = await db
    .selectFrom('contracts as c')
    .innerJoin('usagePoints as p', 'p.id', 'c.usagePointId')
    .innerJoin('customers as k', 'k.id', 'c.customerId')
    .select(['c.customerId', 'c.usagePointId', 'k.email', 'k.kind', 'k.firstName', 'k.lastName', 'k.companyName'])
    .where('p.energy', '=', 'electricity')
    .where('c.startDay', '<=', today)
    .where((eb) => eb.or([eb('c.endDay', 'is', null), eb('c.endDay', '>', today)]))
    .orderBy('c.customerId')
    .orderBy('c.usagePointId')
    .execute();
  const found = new Map<string, { email: string | null; name: string; points: string[] }>();
  for (const row of rows) {
    if (SANDBOX_CUSTOMER_IDS.has(row.customerId)) continue;
    const entry = found.get(row.customerId) ?? { email: row.email, name: row.kind === 'company' ? (row.companyName ?? '') : `${row.firstName ?? ''} ${row.lastName ?? ''}`.trim(), points: [] };
    entry.points.push(row.usagePointId);
    found.set(row.customerId, entry);
  }
  return found;
}

/**
 * Accounts of the customer space for three demo customers: one who holds
 * several electricity points (to tick more than one on the consent page)
 * when the network has one, and single-point customers. Idempotent.
 */
export async function seedDemoCustomerAccounts(deps: { database: Database; zone: TimeZone; clock: Clock }, seed: string): Promise<void> {
  const accounts = new CustomerAccounts(deps.database, deps.clock);
  const candidates = [...(await holders(deps.database.db, deps.zone.dayOf(deps.clock.now()))).entries()].filter(([, c]) => c.email);
  const chosen = [...candidates.filter(([, c]) => c.points.length > 1).slice(0, 1), ...candidates.filter(([, c]) => c.points.length === 1)].slice(0, 3);
  const taken = new Set((await deps.database.db.selectFrom('customerAccounts').select('email').execute()).map((r) => r.email));
  for (const [customerId, customer] of chosen) {
    if ((await accounts.exists(customerId)) || taken.has(customer.email!.toLowerCase())) continue;
    await accounts.create({ customerId, email: customer.email!, password: demoCustomerPassword(seed, customerId) });
    taken.add(customer.email!.toLowerCase());
  }
}

/** The demo customers' accounts and what they hold today, for `gridgate start` to print. */
export async function demoCustomerAccounts(db: Kysely<Schema>, seed: string, today: number): Promise<DemoCustomerAccount[]> {
  const held = await holders(db, today);
  const accounts = await db.selectFrom('customerAccounts').select(['customerId', 'email']).orderBy('customerId').execute();
  return accounts.map((a) => ({ customerId: a.customerId, email: a.email, password: demoCustomerPassword(seed, a.customerId), name: held.get(a.customerId)?.name ?? '', usagePointIds: held.get(a.customerId)?.points ?? [] }));
}
