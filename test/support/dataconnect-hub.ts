import type { Insertable } from 'kysely';
import { Consents, type Consent } from '../../src/consent/consents.ts';
import { OAuthTokens } from '../../src/consent/tokens.ts';
import { dataConnectChannel } from '../../src/dataconnect/dataconnect.channel.ts';
import { DEMO_PARTIES } from '../../src/demo/parties.ts';
import { sandboxNetwork } from '../../src/demo/sandbox.ts';
import { GatewayAdmin } from '../../src/gateway/admin.service.ts';
import { GridStore } from '../../src/grid/grid.store.ts';
import type { ContractRow, CustomerRow, UsagePointRow } from '../../src/grid/grid.tables.ts';
import { createHub, type Hub } from '../../src/hub.ts';
import type { DayReadings } from '../../src/metering/day-readings.ts';
import { testPoint } from './network.ts';
import { IngestService } from '../../src/metering/ingest.service.ts';
import { loadConfig, type DataConnectSettings } from '../../src/platform/config.ts';
import { createServer } from '../../src/platform/http/server.ts';
import { listen } from '../../src/platform/http/listen.ts';
import { createMetrics } from '../../src/platform/metrics.ts';
import { parseIsoDate } from '../../src/platform/time/local-day.ts';
import type { TimeZone } from '../../src/platform/time/zone.ts';
import { createTestDatabase, type TestDatabase } from './engines.ts';

/**
 * A hub on a test database for the Data Connect end-to-end tests: the
 * sandbox network plus the test's own points, readings, and applications of
 * one partner, each subscribed to the APIs it names. The clock is pinned on
 * 2026-11-24 (a Tuesday), so that the DST day 2026-10-25 stays inside the
 * 24-month window whatever the wall-clock date.
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked field by field */
export type Json = any;

export const NOW = '2026-11-24T10:00:00+01:00';
export const d = (iso: string): number => parseIsoDate(iso)!;

export interface AppSpec {
  id: string;
  /** What the consent page shows; the id when left out. */
  name?: string;
  stage: 'sandbox' | 'homologation' | 'production';
  /** The catalog APIs the application subscribes to. */
  apis: string[];
  /**
   * `dc-roomy` (default: 1,000 calls a second), `dc-one` (one call a second,
   * to reach the limit) or `dc-two-an-hour` (1,000 calls a second but two an
   * hour, to reach the hourly quota Q4).
   */
  plan?: 'dc-roomy' | 'dc-one' | 'dc-two-an-hour';
}

export interface HubSpec {
  apps: AppSpec[];
  customers?: CustomerRow[];
  usagePoints?: UsagePointRow[];
  contracts?: Insertable<ContractRow>[];
  days?: (zone: TimeZone) => DayReadings[];
  /** The registered redirect URI of every application. */
  redirectUri?: string;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: Json;
}

export function person(id: string, lastName: string, fields: Partial<CustomerRow> = {}): CustomerRow {
  return { id, kind: 'person', title: 'Mme', firstName: 'Alice', lastName, companyName: null, siret: null, email: `${id}@example.org`, phone: '0639980000', ...fields };
}

export function contract(usagePointId: string, customerId: string, start: string, end: string | null = null): Insertable<ContractRow> {
  return { usagePointId, customerId, supplierId: 'SUP-LUMIVOLT', startDay: d(start), endDay: end ? d(end) : null, contractType: 'Contrat unique', distributionTariff: 'BTINFCUST', lastTariffChangeDay: null };
}

/**
 * Five points that walk the error table, numbered `<prefix>000000000001`-`5`,
 * and their three holders `<prefix>00000001`-`3` (`HOLDER`, `FORMER`,
 * `NEWCOMER`): MAIN, a consumer since 2024 (activated 2024-02-01); PRODUCER,
 * a P4 producer; OPPOSED, whose holder opposed load-curve collection; MOVED,
 * held by FORMER until 2026-06-01 and by NEWCOMER since; EMPTY, in service and
 * held by HOLDER since 2020, with no readings at all. `grant` gives the
 * holders' consents: HOLDER's four points and FORMER's MOVED to `application`,
 * NEWCOMER's MOVED to `other`.
 */
export function errorTableNetwork(prefix: string) {
  const point = (n: number) => `${prefix}${String(n).padStart(12, '0')}`;
  const [MAIN, PRODUCER, OPPOSED, MOVED, EMPTY] = [1, 2, 3, 4, 5].map(point) as [string, string, string, string, string];
  const [HOLDER, FORMER, NEWCOMER] = [1, 2, 3].map((n) => `${prefix}${String(n).padStart(8, '0')}`) as [string, string, string];
  return {
    points: { MAIN, PRODUCER, OPPOSED, MOVED, EMPTY },
    network: {
      customers: [person(HOLDER, 'Martin'), person(FORMER, 'Former'), person(NEWCOMER, 'Newcomer')],
      usagePoints: [
        testPoint(MAIN, { lastActivationDay: d('2024-02-01') }), testPoint(PRODUCER, { direction: 'production', segment: 'P4' }),
        testPoint(OPPOSED, { loadCurveCollection: 'opposed' }), testPoint(MOVED, { lastActivationDay: d('2019-01-01') }), testPoint(EMPTY),
      ],
      contracts: [
        contract(MAIN, HOLDER, '2024-01-01'), contract(PRODUCER, HOLDER, '2024-01-01'), contract(OPPOSED, HOLDER, '2024-01-01'),
        contract(MOVED, FORMER, '2020-01-01', '2026-06-01'), contract(MOVED, NEWCOMER, '2026-06-01'), contract(EMPTY, HOLDER, '2020-01-01'),
      ],
    },
    async grant(dc: DataConnectHub, application: string, other: string): Promise<void> {
      await dc.grant(application, HOLDER, [MAIN, PRODUCER, OPPOSED, EMPTY]);
      await dc.grant(application, FORMER, [MOVED]);
      await dc.grant(other, NEWCOMER, [MOVED]);
    },
  };
}

export class DataConnectHub {
  readonly test: TestDatabase;
  readonly hub: Hub;
  readonly base: string;
  readonly consents: Consents;
  readonly clients: Readonly<Record<string, { id: string; secret: string }>>;
  private readonly servers: { close(): Promise<unknown> }[] = [];

  private constructor(test: TestDatabase, hub: Hub, base: string, clients: Record<string, { id: string; secret: string }>) {
    this.test = test;
    this.hub = hub;
    this.base = base;
    this.clients = clients;
    this.consents = new Consents(test.database, hub.clock);
  }

  static async start(spec: HubSpec): Promise<DataConnectHub> {
    const test = await createTestDatabase();
    const config = loadConfig({ ...test.env, GRIDGATE_TEST_MODE: 'true', GRIDGATE_NOW: NOW, GRIDGATE_LOG_LEVEL: 'silent' });
    const hub = await createHub(config, { database: test.database });
    const sandbox = sandboxNetwork();
    await new GridStore(test.database.db).insertNetwork({
      parties: [...DEMO_PARTIES],
      customers: [...sandbox.customers, ...(spec.customers ?? [])],
      usagePoints: [...sandbox.usagePoints, ...(spec.usagePoints ?? [])],
      contracts: [...sandbox.contracts, ...(spec.contracts ?? [])],
    });
    if (spec.days) await new IngestService(test.database, hub.zone).ingest(spec.days(hub.zone));
    const admin = new GatewayAdmin(test.database.db, () => hub.clock.now());
    await admin.createPartner({ id: 'acme', role: 'service_provider', name: 'Acme', legalId: '12345678900012' });
    for (const [id, limit] of [['dc-roomy', 1000], ['dc-one', 1]] as const) {
      await admin.createPlan({ id, name: id, monthlyFeeCents: 0, pricePerThousandCallsCents: 0, includedCalls: 0, limits: [{ name: 'Q3', window: 'second', scope: 'application_api', limit }] });
    }
    await admin.createPlan({
      id: 'dc-two-an-hour', name: 'dc-two-an-hour', monthlyFeeCents: 0, pricePerThousandCallsCents: 0, includedCalls: 0,
      limits: [{ name: 'Q3', window: 'second', scope: 'application_api', limit: 1000 }, { name: 'Q4', window: 'hour', scope: 'application_api', limit: 2 }],
    });
    const clients: Record<string, { id: string; secret: string }> = {};
    for (const app of spec.apps) {
      await admin.createApplication({ id: app.id, partnerId: 'acme', name: app.name ?? app.id, stage: app.stage });
      for (const api of app.apis) await admin.subscribe(app.id, api, app.plan ?? 'dc-roomy');
      const issued = await admin.createCredential({ applicationId: app.id, kind: 'oauth_client', redirectUri: spec.redirectUri ?? 'https://acme.example/callback' });
      clients[app.id] = { id: issued.credential.lookup!, secret: issued.secret! };
    }
    return new DataConnectHub(test, hub, await listen(hub.server), clients);
  }

  async token(app: string): Promise<string> {
    const client = this.clients[app]!;
    const response = await fetch(`${this.base}/oauth2/v3/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.id, client_secret: client.secret }),
    });
    return ((await response.json()) as Json).access_token;
  }

  async get(path: string, bearer?: string, base = this.base): Promise<Answer> {
    return answer(await fetch(`${base}${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} }));
  }

  /** A POST with a JSON body (an object is serialised; a string is sent as it is). */
  async post(path: string, body: unknown, bearer?: string, contentType = 'application/json'): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': contentType, ...(bearer && { authorization: `Bearer ${bearer}` }) };
    return answer(await fetch(`${this.base}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }));
  }

  async moveClock(body: { set?: string; advance?: string }): Promise<void> {
    await fetch(`${this.base}/__test__/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  /** A consent of a customer to an application, for a year. */
  async grant(applicationId: string, customerId: string, usagePointIds: string[]): Promise<Consent[]> {
    return this.consents.grant({ applicationId, customerId, usagePointIds, durationMs: 365 * 86_400_000, origin: 'v1' });
  }

  /** The audit records of an application's data calls on one API (token calls left out). */
  async audit(applicationId: string, apiId: string) {
    return this.test.database.db.selectFrom('auditRecords').selectAll().where('applicationId', '=', applicationId).where('apiId', '=', apiId).where('operation', 'not like', 'oauth2.%').execute();
  }

  /**
   * The Data Connect channel with other deployment switches, on a server of
   * its own that shares this hub's database, gateway and clock; returns its
   * base URL. Tokens of the hub work there.
   */
  async withSettings(settings: DataConnectSettings): Promise<string> {
    const { hub } = this;
    const server = await createServer({ logger: hub.logger, metrics: createMetrics(), publicUrl: 'http://127.0.0.1', version: 'test' });
    await server.register(
      dataConnectChannel({ database: hub.database, gateway: hub.gateway, tokens: new OAuthTokens(hub.database, hub.clock), consents: this.consents, zone: hub.zone, clock: hub.clock, settings }),
    );
    this.servers.push(server);
    return listen(server);
  }

  async close(): Promise<void> {
    for (const server of this.servers) await server.close();
    await this.hub.close();
    await this.test.cleanup();
  }
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: Json;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}
