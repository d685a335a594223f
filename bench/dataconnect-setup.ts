import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Consents } from '../src/consent/consents.ts';
import { DEMO_PARTIES } from '../src/demo/parties.ts';
import { GatewayAdmin } from '../src/gateway/admin.service.ts';
import type { Identity } from '../src/gateway/gateway.ts';
import { GridStore } from '../src/grid/grid.store.ts';
import type { CustomerRow, UsagePointRow } from '../src/grid/grid.tables.ts';
import { createHub, type Hub } from '../src/hub.ts';
import { readingsWriter } from '../src/metering/readings-writer.ts';
import { loadConfig } from '../src/platform/config.ts';
import { listen } from '../src/platform/http/listen.ts';
import { formatIsoDate, parseIsoDate } from '../src/platform/time/local-day.ts';
import { curveRows } from './curve-rows.ts';
import { benchPointIds, type BenchDatabase } from './support.ts';

/**
 * A hub ready for Data Connect v5 load: the clock pinned (GRIDGATE_NOW in
 * test mode, as the tests do) so that the week read never ages out of the
 * 24-month window; `points` usage points, each with its customer, contract,
 * live consent and a full week of 30-minute consumption; a production
 * application whose OAuth client is subscribed to dataconnect-v5 under a
 * plan with limits raised far out of reach (still counted); an access token
 * taken from the real /oauth2/v3/token endpoint.
 */
export const DC_NOW = '2026-11-24T10:00:00+01:00';
export const DC_END = parseIsoDate('2026-11-24')!;
export const DC_START = DC_END - 7;

export interface DataConnectBench {
  hub: Hub;
  /** The hub's listening URL. */
  base: string;
  token: string;
  identity: Identity;
  ids: string[];
  /** One v5 load-curve path per usage point, for the load tool to take in turn. */
  paths: string[];
  close(): Promise<void>;
}

export const v5CurvePath = (id: string): string => `/metering_data_clc/v5/consumption_load_curve?usage_point_id=${id}&start=${formatIsoDate(DC_START)}&end=${formatIsoDate(DC_END)}`;

export async function startDataConnectHub(target: BenchDatabase, points: number): Promise<DataConnectBench> {
  const home = mkdtempSync(path.join(tmpdir(), 'gridgate-dc-bench-'));
  const config = loadConfig({ GRIDGATE_HOME: home, GRIDGATE_LOG_LEVEL: 'silent', GRIDGATE_TEST_MODE: 'true', GRIDGATE_NOW: DC_NOW });
  const hub = await createHub(config, { database: target.database });
  const { database } = hub;
  const ids = benchPointIds(points);

  const customers: CustomerRow[] = ids.map((_, i) => ({
    id: `B${String(i).padStart(9, '0')}`, kind: 'person', title: 'Mme', firstName: 'Alice', lastName: `Bench ${i}`, companyName: null, siret: null, email: `bench-${i}@example.org`, phone: null,
  }));
  const usagePoints: UsagePointRow[] = ids.map((id) => ({
    id, energy: 'electricity', street: '1 place de la Mairie', postalCode: '69001', inseeCode: '69381', city: 'Lyon', latitude: 45.76, longitude: 4.83,
    segment: 'C5', meterType: 'AMM', phaseCount: 1, subscribedPowerKva: 9, tariffOption: 'BASE', offpeakHours: null, stepSeconds: 1800,
    direction: 'consumption', status: 'in_service', lastActivationDay: parseIsoDate('2020-01-01')!, loadCurveCollection: 'enabled',
  }));
  const contracts = ids.map((id, i) => ({
    usagePointId: id, customerId: customers[i]!.id, supplierId: 'SUP-LUMIVOLT', startDay: parseIsoDate('2021-01-01')!, endDay: null,
    contractType: 'Contrat unique', distributionTariff: 'BTINFCUST', lastTariffChangeDay: null,
  }));
  await new GridStore(database.db).insertNetwork({ parties: [...DEMO_PARTIES], customers, usagePoints, contracts });
  await readingsWriter(database).write(curveRows(hub.zone, ids, DC_END - 1, 7).rows);
  if (database.engine === 'postgres') await database.pool!.query('analyze');

  const admin = new GatewayAdmin(database.db, () => hub.clock.now());
  await admin.createPartner({ id: 'bench-sp', role: 'service_provider', name: 'Bench', legalId: '12345678900012' });
  await admin.createApplication({ id: 'bench-app', partnerId: 'bench-sp', name: 'Bench', stage: 'production' });
  await admin.createPlan({
    id: 'bench-plan', name: 'Bench: limits counted, never reached', monthlyFeeCents: 0, pricePerThousandCallsCents: 0, includedCalls: 0,
    limits: [
      { name: 'Q3', window: 'second', scope: 'application_api', limit: 1e9 },
      { name: 'Q4', window: 'hour', scope: 'application_api', limit: 1e9 },
      { name: 'per-day', window: 'day', scope: 'partner', limit: 1e9 },
    ],
  });
  await admin.subscribe('bench-app', 'dataconnect-v5', 'bench-plan');
  const client = await admin.createCredential({ applicationId: 'bench-app', kind: 'oauth_client', redirectUri: 'https://bench.example/callback' });
  const consents = new Consents(database, hub.clock);
  for (const [i, id] of ids.entries()) await consents.grant({ applicationId: 'bench-app', customerId: customers[i]!.id, usagePointIds: [id], durationMs: 365 * 86_400_000, origin: 'v1' });

  const base = await listen(hub.server);
  const answer = await fetch(`${base}/oauth2/v3/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.credential.lookup!, client_secret: client.secret! }),
  });
  if (answer.status !== 200) throw new Error(`token endpoint answered ${answer.status}: ${await answer.text()}`);
  const token = ((await answer.json()) as { access_token: string }).access_token;
  const identified = await hub.gateway.identify({ kind: 'access_token', token });
  if (!identified.ok) throw new Error('the token just issued is not accepted');

  return {
    hub, base, token, identity: identified.identity, ids, paths: ids.map(v5CurvePath),
    close: async () => {
      await hub.close();
      await target.cleanup();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
