import { CustomerAccounts } from '../../src/consent/customer-accounts.ts';
import type { Hub } from '../../src/hub.ts';
import { S } from '../../src/metering/series.ts';
import type { TestDatabase } from './engines.ts';
import { contract, d, DataConnectHub, person } from './dataconnect-hub.ts';
import { testCurveDay, testDailyDay, testPoint } from './network.ts';

/** A hub for the consent journey: two customers with accounts and readings, the sandbox network, and three OAuth applications subscribed to every Data Connect API. */
export interface ConsentHub {
  hub: Hub;
  base: string;
  test: TestDatabase;
  clients: Record<'prod' | 'other' | 'sandbox', { id: string; secret: string }>;
  customers: { alice: Customer; bob: Customer };
  /** The day with readings on every customer point. */
  readingDay: string;
  moveClock(body: { advance?: string; set?: string }): Promise<void>;
  close(): Promise<void>;
}

export interface Customer {
  id: string;
  email: string;
  password: string;
  points: string[];
}

const APIS = ['dataconnect-v3', 'dataconnect-v5', 'dataconnect-2026'];

export async function startConsentHub(options: { redirectUri: string }): Promise<ConsentHub> {
  const alice: Customer = { id: '2600000001', email: 'alice.martin@example.org', password: 'correct horse battery', points: ['26000000000011', '26000000000012'] };
  const bob: Customer = { id: '2600000002', email: 'bob.durand@example.org', password: 'another fine password', points: ['26000000000021'] };
  const readingDay = '2026-11-20';
  const points = [...alice.points, ...bob.points];
  const dc = await DataConnectHub.start({
    apps: [
      { id: 'shop-prod', name: 'Shop Conso', stage: 'production', apis: APIS },
      { id: 'shop-other', name: 'Other App', stage: 'production', apis: APIS },
      { id: 'shop-sandbox', name: 'Shop Sandbox', stage: 'sandbox', apis: APIS },
    ],
    customers: [person(alice.id, 'Martin', { email: alice.email }), person(bob.id, 'Durand', { email: bob.email })],
    usagePoints: points.map((id) => testPoint(id)),
    contracts: [...alice.points.map((p) => contract(p, alice.id, '2024-01-01')), ...bob.points.map((p) => contract(p, bob.id, '2024-01-01'))],
    days: (zone) => points.flatMap((p) => [testDailyDay(p, d(readingDay), S.daily_consumption.id, 11_000), testCurveDay(zone, p, d(readingDay), (i) => 400 + i)]),
    redirectUri: options.redirectUri,
  });
  const accounts = new CustomerAccounts(dc.test.database, dc.hub.clock);
  for (const c of [alice, bob]) await accounts.create({ customerId: c.id, email: c.email, password: c.password });
  return {
    hub: dc.hub, base: dc.base, test: dc.test, customers: { alice, bob }, readingDay,
    clients: { prod: dc.clients['shop-prod']!, other: dc.clients['shop-other']!, sandbox: dc.clients['shop-sandbox']! },
    moveClock: (body) => dc.moveClock(body),
    close: () => dc.close(),
  };
}
