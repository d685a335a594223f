import { DEMO_PARTIES } from '../../src/demo/parties.ts';
import { sandboxNetwork } from '../../src/demo/sandbox.ts';
import { CustomerAccounts } from '../../src/consent/customer-accounts.ts';
import { GatewayAdmin } from '../../src/gateway/admin.service.ts';
import { GridStore } from '../../src/grid/grid.store.ts';
import { createHub, type Hub } from '../../src/hub.ts';
import { IngestService } from '../../src/metering/ingest.service.ts';
import { S } from '../../src/metering/series.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { listen } from '../../src/platform/http/listen.ts';
import { parseIsoDate } from '../../src/platform/time/local-day.ts';
import { createTestDatabase, type TestDatabase } from './engines.ts';
import { testCurveDay, testDailyDay, testPoint } from './network.ts';

/** A hub for the consent journey: two customers with accounts, the sandbox network, and three OAuth applications. */
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

export const CONSENT_NOW = '2026-11-24T10:00:00+01:00';
const d = (iso: string) => parseIsoDate(iso)!;

export async function startConsentHub(options: { redirectUri: string }): Promise<ConsentHub> {
  const test = await createTestDatabase();
  const config = loadConfig({ ...test.env, GRIDGATE_TEST_MODE: 'true', GRIDGATE_NOW: CONSENT_NOW, GRIDGATE_LOG_LEVEL: 'silent' });
  const hub = await createHub(config, { database: test.database });
  const alice: Customer = { id: '2600000001', email: 'alice.martin@example.org', password: 'correct horse battery', points: ['26000000000011', '26000000000012'] };
  const bob: Customer = { id: '2600000002', email: 'bob.durand@example.org', password: 'another fine password', points: ['26000000000021'] };
  const person = (c: Customer, lastName: string) => ({ id: c.id, kind: 'person' as const, title: 'Mme', firstName: 'Test', lastName, companyName: null, siret: null, email: c.email, phone: null });
  const contract = (usagePointId: string, customerId: string) => ({ usagePointId, customerId, supplierId: 'SUP-LUMIVOLT', startDay: d('2024-01-01'), endDay: null, contractType: 'Contrat unique', distributionTariff: 'BTINFCUST', lastTariffChangeDay: null });
  const sandbox = sandboxNetwork();
  const points = [...alice.points, ...bob.points];
  await new GridStore(test.database.db).insertNetwork({
    parties: [...DEMO_PARTIES],
    customers: [...sandbox.customers, person(alice, 'Martin'), person(bob, 'Durand')],
    usagePoints: [...sandbox.usagePoints, ...points.map((id) => testPoint(id))],
    contracts: [...sandbox.contracts, ...alice.points.map((p) => contract(p, alice.id)), ...bob.points.map((p) => contract(p, bob.id))],
  });
  const readingDay = '2026-11-20';
  await new IngestService(test.database, hub.zone).ingest(points.flatMap((p) => [testDailyDay(p, d(readingDay), S.daily_consumption.id, 11_000), testCurveDay(hub.zone, p, d(readingDay), (i) => 400 + i)]));
  const accounts = new CustomerAccounts(test.database, hub.clock);
  for (const c of [alice, bob]) await accounts.create({ customerId: c.id, email: c.email, password: c.password });

  const admin = new GatewayAdmin(test.database.db, () => hub.clock.now());
  await admin.createPartner({ id: 'shop', role: 'service_provider', name: 'Shop Énergie', legalId: '12345678900012' });
  await admin.createPlan({ id: 'roomy', name: 'Roomy', monthlyFeeCents: 0, pricePerThousandCallsCents: 0, includedCalls: 0, limits: [{ name: 'Q3', window: 'second', scope: 'application_api', limit: 1000 }] });
  const clients = {} as ConsentHub['clients'];
  for (const [key, name, stage] of [['prod', 'Shop Conso', 'production'], ['other', 'Other App', 'production'], ['sandbox', 'Shop Sandbox', 'sandbox']] as const) {
    await admin.createApplication({ id: `shop-${key}`, partnerId: 'shop', name, stage });
    for (const api of ['dataconnect-v3', 'dataconnect-v5', 'dataconnect-2026']) await admin.subscribe(`shop-${key}`, api, 'roomy');
    const issued = await admin.createCredential({ applicationId: `shop-${key}`, kind: 'oauth_client', redirectUri: options.redirectUri });
    clients[key] = { id: issued.credential.lookup!, secret: issued.secret! };
  }
  const base = await listen(hub.server);
  return {
    hub, base, test, clients, customers: { alice, bob }, readingDay,
    moveClock: async (body) => {
      const response = await fetch(`${base}/__test__/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`clock: ${response.status} ${await response.text()}`);
    },
    close: async () => {
      await hub.close();
      await test.cleanup();
    },
  };
}
