import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Consents } from '../src/consent/consents.ts';
import { DEMO_PARTIES } from '../src/demo/parties.ts';
import { sandboxNetwork } from '../src/demo/sandbox.ts';
import { GatewayAdmin } from '../src/gateway/admin.service.ts';
import { GridStore } from '../src/grid/grid.store.ts';
import { createHub, type Hub } from '../src/hub.ts';
import { IngestService } from '../src/metering/ingest.service.ts';
import { S } from '../src/metering/series.ts';
import { loadConfig } from '../src/platform/config.ts';
import { listen } from '../src/platform/http/listen.ts';
import { parseIsoDate } from '../src/platform/time/local-day.ts';
import { createTestDatabase, type TestDatabase } from './support/engines.ts';
import { SPRING_FORWARD_2026_LABELS, testCurveDay, testDailyDay, testPoint } from './support/network.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked field by field */
type Json = any;

// The clock is pinned on 2026-11-24 (a Tuesday) so that the DST day 2026-10-25 stays inside the 24-month window.
const NOW = '2026-11-24T10:00:00+01:00';
const MAIN = '25000000000001';
const OPPOSED = '25000000000002';
const PRODUCER = '25000000000003';
const MOVED = '25000000000004';
const EMPTY = '25000000000005';
// In service since 2020, with readings at both ends of the history windows counted from the pinned clock (2026-11-24):
// curves go back 24 months + 15 days (2024-11-09), daily data and max power 36 months + 15 days (2023-11-09).
const EDGE = '25000000000006';
// Held by 2500000002 from 2024-01-01, by 2500000003 since 2026-03-01; 2500000002's consent to acme-prod still lives.
const LEFT_RECENTLY = '25000000000007';
const FIRST_CURVE_DAY = '2024-11-09';
const FIRST_DAILY_DAY = '2023-11-09';
const EDGE_DAILY: [string, number][] = [[FIRST_DAILY_DAY, 31_109], ['2024-06-01', 30_601], ['2026-11-23', 31_123]];
const EDGE_PEAK = { day: '2024-06-01', value: 7_400, second: 18 * 3600 + 42 * 60 };
const REDIRECT = 'https://acme.example/callback';
const d = (iso: string) => parseIsoDate(iso)!;

let test: TestDatabase;
let hub: Hub;
let base: string;
let consents: Consents;
let admin: GatewayAdmin;
const clients: Record<string, { id: string; secret: string }> = {};
const credentialIds: Record<string, string> = {};

async function token(app: string): Promise<string> {
  const client = clients[app]!;
  const response = await fetch(`${base}/oauth2/v3/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.id, client_secret: client.secret }),
  });
  return ((await response.json()) as Json).access_token;
}

async function get(path: string, bearer?: string): Promise<{ status: number; headers: Headers; body: Json }> {
  const response = await fetch(`${base}${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const curve = (point: string, start: string, end: string) => `/metering_data_clc/v5/consumption_load_curve?usage_point_id=${point}&start=${start}&end=${end}`;
const daily = (point: string, start: string, end: string) => `/metering_data_dc/v5/daily_consumption?usage_point_id=${point}&start=${start}&end=${end}`;
const maxPower = (point: string, start: string, end: string) => `/metering_data_dcmp/v5/daily_consumption_max_power?usage_point_id=${point}&start=${start}&end=${end}`;
const moveClock = (body: Record<string, string>) => fetch(`${base}/__test__/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  test = await createTestDatabase();
  const config = loadConfig({ ...test.env, GRIDGATE_TEST_MODE: 'true', GRIDGATE_NOW: NOW, GRIDGATE_LOG_LEVEL: 'silent' });
  hub = await createHub(config, { database: test.database });
  const sandbox = sandboxNetwork();
  const person = (id: string, lastName: string) => ({ id, kind: 'person' as const, title: 'Mme', firstName: 'Alice', lastName, companyName: null, siret: null, email: `${id}@example.org`, phone: null });
  const contract = (usagePointId: string, customerId: string, start: string, end: string | null = null) => ({ usagePointId, customerId, supplierId: 'SUP-LUMIVOLT', startDay: d(start), endDay: end ? d(end) : null, contractType: 'Contrat unique', distributionTariff: 'BTINFCUST', lastTariffChangeDay: null });
  await new GridStore(test.database.db).insertNetwork({
    parties: [...DEMO_PARTIES],
    customers: [...sandbox.customers, person('2500000001', 'Martin'), person('2500000002', 'Former'), person('2500000003', 'Newcomer')],
    usagePoints: [
      ...sandbox.usagePoints, testPoint(MAIN, { lastActivationDay: d('2024-02-01') }), testPoint(OPPOSED, { loadCurveCollection: 'opposed' }), testPoint(PRODUCER, { direction: 'production' }),
      testPoint(MOVED, { lastActivationDay: d('2019-01-01') }), testPoint(EMPTY), testPoint(EDGE, { lastActivationDay: d('2020-01-01') }), testPoint(LEFT_RECENTLY, { lastActivationDay: d('2020-01-01') }),
    ],
    contracts: [
      ...sandbox.contracts, contract(MAIN, '2500000001', '2024-01-01'), contract(OPPOSED, '2500000001', '2024-01-01'), contract(PRODUCER, '2500000001', '2024-01-01'),
      contract(MOVED, '2500000002', '2020-01-01', '2026-06-01'), contract(MOVED, '2500000003', '2026-06-01'), contract(EMPTY, '2500000001', '2024-01-01'),
      contract(EDGE, '2500000001', '2020-01-01'),
      contract(LEFT_RECENTLY, '2500000002', '2024-01-01', '2026-03-01'), contract(LEFT_RECENTLY, '2500000003', '2026-03-01'),
    ],
  });
  const ingest = new IngestService(test.database, hub.zone);
  const days = [];
  for (let day = d('2026-10-19'); day < d('2026-10-27'); day++) {
    days.push(testCurveDay(hub.zone, MAIN, day, (i) => (day === d('2026-10-20') && i === 3 ? NaN : 1000 + i)));
    days.push(testDailyDay(MAIN, day, S.daily_consumption.id, 20_000 + day - d('2026-10-19')));
  }
  for (const point of [OPPOSED, MOVED]) days.push(testDailyDay(point, d('2026-10-20'), S.daily_consumption.id, 9_000), testCurveDay(hub.zone, point, d('2026-10-20'), () => 500));
  days.push(testDailyDay('22516914714270', d('2026-10-20'), S.daily_consumption.id, 12_345));
  days.push(testCurveDay(hub.zone, MAIN, d('2026-03-29'), (i) => 3000 + i));
  days.push(testCurveDay(hub.zone, EDGE, d(FIRST_CURVE_DAY), (i) => 600 + i));
  for (const [day, value] of EDGE_DAILY) days.push(testDailyDay(EDGE, d(day), S.daily_consumption.id, value));
  days.push(testDailyDay(EDGE, d(EDGE_PEAK.day), S.daily_consumption_max_power.id, EDGE_PEAK.value, EDGE_PEAK.second));
  await ingest.ingest(days);

  admin = new GatewayAdmin(test.database.db, () => hub.clock.now());
  await admin.createPartner({ id: 'acme', role: 'service_provider', name: 'Acme', legalId: '12345678900012' });
  await admin.createPartner({ id: 'beta', role: 'service_provider', name: 'Beta', legalId: '98765432100015' });
  await admin.createPlan({ id: 'dc-roomy', name: 'Roomy', monthlyFeeCents: 0, pricePerThousandCallsCents: 0, includedCalls: 0, limits: [{ name: 'Q3', window: 'second', scope: 'application_api', limit: 1000 }] });
  await admin.createPlan({
    id: 'dc-standard', name: 'Standard', monthlyFeeCents: 0, pricePerThousandCallsCents: 0, includedCalls: 0,
    limits: [{ name: 'Q3', window: 'second', scope: 'application_api', limit: 5 }, { name: 'Q4', window: 'hour', scope: 'application_api', limit: 1000 }],
  });
  // Small quotas, to reach them: two calls an hour, or two a day.
  for (const [id, window] of [['dc-two-an-hour', 'hour'], ['dc-two-a-day', 'day']] as const) {
    await admin.createPlan({
      id, name: id, monthlyFeeCents: 0, pricePerThousandCallsCents: 0, includedCalls: 0,
      limits: [{ name: 'Q3', window: 'second', scope: 'application_api', limit: 1000 }, { name: 'Q4', window, scope: 'application_api', limit: 2 }],
    });
  }
  const apps = [
    ['acme-prod', 'production', 'dc-roomy'], ['acme-other', 'production', 'dc-roomy'], ['acme-sandbox', 'sandbox', 'dc-roomy'], ['acme-limited', 'production', 'dc-standard'], ['acme-unsubscribed', 'production', null],
    ['acme-hourly', 'production', 'dc-two-an-hour'], ['acme-daily', 'production', 'dc-two-a-day'], ['acme-busy', 'production', 'dc-two-an-hour'],
    ['acme-rotating', 'production', 'dc-roomy'], ['acme-homologation', 'homologation', 'dc-roomy'],
  ] as const;
  for (const [app, stage, plan] of apps) {
    await admin.createApplication({ id: app, partnerId: 'acme', name: app, stage });
    if (plan) await admin.subscribe(app, 'dataconnect-v5', plan);
    const issued = await admin.createCredential({ applicationId: app, kind: 'oauth_client', redirectUri: REDIRECT });
    clients[app] = { id: issued.credential.lookup!, secret: issued.secret! };
    credentialIds[app] = issued.credential.id;
  }
  await admin.createApplication({ id: 'beta-prod', partnerId: 'beta', name: 'beta-prod', stage: 'production' });
  await admin.subscribe('beta-prod', 'dataconnect-v5', 'dc-roomy');
  const beta = await admin.createCredential({ applicationId: 'beta-prod', kind: 'oauth_client', redirectUri: REDIRECT });
  clients['beta-prod'] = { id: beta.credential.lookup!, secret: beta.secret! };
  consents = new Consents(test.database, hub.clock);
  await consents.grant({ applicationId: 'acme-prod', customerId: '2500000001', usagePointIds: [MAIN, OPPOSED, PRODUCER, EMPTY, EDGE], durationMs: 365 * 86_400_000, origin: 'v1' });
  await consents.grant({ applicationId: 'acme-prod', customerId: '2500000002', usagePointIds: [MOVED, LEFT_RECENTLY], durationMs: 365 * 86_400_000, origin: 'v1' });
  for (const app of ['acme-limited', 'acme-hourly', 'acme-daily', 'acme-busy', 'acme-rotating', 'beta-prod']) {
    await consents.grant({ applicationId: app, customerId: '2500000001', usagePointIds: [MAIN], durationMs: 365 * 86_400_000, origin: 'v1' });
  }
  base = await listen(hub.server);
});

afterAll(async () => {
  await hub?.close();
  await test?.cleanup();
});

describe('Data Connect tokens (/oauth2/v3/token)', () => {
  it('accepts the client credentials in a Basic header, in the form body, or in the query string with an empty body', async () => {
    const { id, secret } = clients['acme-prod']!;
    const basic = await fetch(`${base}/oauth2/v3/token`, {
      method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials',
    });
    const form = await fetch(`${base}/oauth2/v3/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `grant_type=client_credentials&client_id=${id}&client_secret=${encodeURIComponent(secret)}` });
    const query = await fetch(`${base}/oauth2/v3/token?grant_type=client_credentials&client_id=${id}&client_secret=${encodeURIComponent(secret)}`, { method: 'POST' });
    for (const response of [basic, form, query]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
      const body = (await response.json()) as Json;
      expect(body).toEqual({ access_token: expect.stringMatching(/^[A-Za-z0-9_-]{40,}$/), token_type: 'Bearer', expires_in: 12600, scope: '' });
      expect((await get(daily(MAIN, '2026-10-20', '2026-10-21'), body.access_token)).status).toBe(200);
    }
  });

  it('refuses a wrong secret, a missing grant type, another grant, and a body that is not a form', async () => {
    const { id, secret } = clients['acme-prod']!;
    const post = (body: string, type = 'application/x-www-form-urlencoded') => fetch(`${base}/oauth2/v3/token`, { method: 'POST', headers: { 'content-type': type }, body });
    const wrong = await post(`grant_type=client_credentials&client_id=${id}&client_secret=nope`);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });
    expect(await (await post(`client_id=${id}&client_secret=${encodeURIComponent(secret)}`)).json()).toMatchObject({ error: 'invalid_request' });
    expect(await (await post(`grant_type=password&client_id=${id}&client_secret=${encodeURIComponent(secret)}`)).json()).toMatchObject({ error: 'unsupported_grant_type' });
    expect((await post(JSON.stringify({ grant_type: 'client_credentials' }), 'application/json')).status).toBe(415);
  });

  it('ends a token on /oauth2/v3/revoke and at the end of its 12,600 s, from the next call', async () => {
    const revoked = await token('acme-prod');
    const { id, secret } = clients['acme-prod']!;
    expect((await get(daily(MAIN, '2026-10-20', '2026-10-21'), revoked)).status).toBe(200);
    const answer = await fetch(`${base}/oauth2/v3/revoke`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${revoked}&token_type_hint=access_token&client_id=${id}&client_secret=${encodeURIComponent(secret)}` });
    expect(answer.status).toBe(200);
    expect(await get(daily(MAIN, '2026-10-20', '2026-10-21'), revoked)).toMatchObject({ status: 401, body: { code: '900901', message: 'Invalid Credentials' } });

    const expiring = await token('acme-prod');
    await moveClock({ advance: 'PT3H29M' });
    expect((await get(daily(MAIN, '2026-10-20', '2026-10-21'), expiring)).status).toBe(200);
    await moveClock({ advance: 'PT2M' });
    expect((await get(daily(MAIN, '2026-10-20', '2026-10-21'), expiring)).status).toBe(401);
    await moveClock({ set: NOW });
  });

  it('refuses the tokens already issued under a revoked client secret from the next call, and the secret itself (decision 15)', async () => {
    const issued = await token('acme-rotating');
    expect((await get(daily(MAIN, '2026-10-20', '2026-10-21'), issued)).status).toBe(200);
    await admin.revokeCredential(credentialIds['acme-rotating']!);
    expect(await get(daily(MAIN, '2026-10-20', '2026-10-21'), issued)).toMatchObject({ status: 401, body: { code: '900901', message: 'Invalid Credentials' } });
    const { id, secret } = clients['acme-rotating']!;
    const again = await fetch(`${base}/oauth2/v3/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'client_credentials', client_id: id, client_secret: secret }) });
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ error: 'invalid_client' });
    // The application itself goes on with a new secret: only the revoked credential's tokens ended.
    const renewed = await admin.createCredential({ applicationId: 'acme-rotating', kind: 'oauth_client', redirectUri: REDIRECT });
    clients['acme-rotating'] = { id: renewed.credential.lookup!, secret: renewed.secret! };
    expect((await get(daily(MAIN, '2026-10-20', '2026-10-21'), await token('acme-rotating'))).status).toBe(200);
    expect((await get(daily(MAIN, '2026-10-20', '2026-10-21'), issued)).status).toBe(401);
  });

  it('refuses every token of a suspended partner with 401 900901, from the next call, and serves it again once reactivated (decision 14)', async () => {
    const bearer = await token('beta-prod');
    expect((await get(daily(MAIN, '2026-10-20', '2026-10-21'), bearer)).status).toBe(200);
    await admin.setPartnerStatus('beta', 'suspended');
    try {
      expect(await get(daily(MAIN, '2026-10-20', '2026-10-21'), bearer)).toMatchObject({ status: 401, body: { code: '900901', message: 'Invalid Credentials' } });
      const { id, secret } = clients['beta-prod']!;
      const refused = await fetch(`${base}/oauth2/v3/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'client_credentials', client_id: id, client_secret: secret }) });
      expect(refused.status).toBe(401);
      // Another partner's application is not concerned.
      expect((await get(daily(MAIN, '2026-10-20', '2026-10-21'), await token('acme-prod'))).status).toBe(200);
    } finally {
      await admin.setPartnerStatus('beta', 'active');
    }
    expect((await get(daily(MAIN, '2026-10-20', '2026-10-21'), bearer)).status).toBe(200);
  });

  it('refuses grant_type=authorization_code as an unsupported grant (decision 5): only /v1/oauth2/token exchanges a code, which stays usable there', async () => {
    const consented = await fetch(`${base}/dataconnect/v1/oauth2/authorize?client_id=${clients['acme-sandbox']!.id}&response_type=code&state=grant3&duration=P1Y`, { redirect: 'manual' });
    expect(consented.status).toBe(302);
    const redirect = new URL(consented.headers.get('location')!);
    const code = redirect.searchParams.get('code')!;
    const { id, secret } = clients['acme-sandbox']!;
    const refused = await fetch(`${base}/oauth2/v3/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: id, client_secret: secret, redirect_uri: REDIRECT }),
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    // §4.1: 400 with the RFC 6749 error code and a sentence.
    expect(await refused.json()).toEqual({ error: 'unsupported_grant_type', error_description: 'The authorization grant type is not supported by the authorization server' });
    const exchanged = await fetch(`${base}/v1/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: id, client_secret: secret }) });
    expect(exchanged.status).toBe(200);
    expect(((await exchanged.json()) as Json).usage_points_id).toBe(redirect.searchParams.get('usage_point_id')!.replaceAll(';', ','));
  });
});

describe('Data Connect v5 metering', () => {
  it('answers a 7-day load curve in the v5 envelope, with the 50 half-hours of 2026-10-25 and the missing point left out', async () => {
    const answer = await get(curve(MAIN, '2026-10-19', '2026-10-26'), await token('acme-prod'));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const reading = answer.body.meter_reading;
    expect(reading).toMatchObject({ usage_point_id: MAIN, start: '2026-10-19', end: '2026-10-26', quality: 'BRUT', reading_type: { unit: 'W', measurement_kind: 'power', aggregate: 'average' } });
    const items = reading.interval_reading as { value: string; date: string; interval_length: string; measure_type: string }[];
    expect(items).toHaveLength(5 * 48 + 50 + 48 - 1);
    expect(items[0]).toEqual({ value: '1000', date: '2026-10-19 00:30:00', interval_length: 'PT30M', measure_type: 'B' });
    expect(items.some((i) => i.date === '2026-10-20 02:00:00')).toBe(false);
    const dstDay = items.filter((i) => i.date > '2026-10-25 00:00:00' && i.date <= '2026-10-26 00:00:00');
    expect(dstDay).toHaveLength(50);
    expect(dstDay.slice(4, 8).map((i) => i.date)).toEqual(['2026-10-25 02:30:00', '2026-10-25 03:00:00', '2026-10-25 02:30:00', '2026-10-25 03:00:00']);
    expect(items.at(-1)!.date).toBe('2026-10-26 00:00:00');
  });

  it('answers the 46 half-hours of the spring change 2026-03-29: 02:00 then 03:30, the hour 02:00-03:00 left out (decision 3)', async () => {
    const answer = await get(curve(MAIN, '2026-03-29', '2026-03-30'), await token('acme-prod'));
    expect(answer.status).toBe(200);
    const items = answer.body.meter_reading.interval_reading as { value: string; date: string; interval_length: string }[];
    expect(items.map((i) => i.date)).toEqual(SPRING_FORWARD_2026_LABELS);
    expect(items.map((i) => i.value)).toEqual(SPRING_FORWARD_2026_LABELS.map((_, slot) => String(3000 + slot)));
    expect(items.slice(2, 6).map((i) => i.date)).toEqual(['2026-03-29 01:30:00', '2026-03-29 02:00:00', '2026-03-29 03:30:00', '2026-03-29 04:00:00']);
    expect(items.every((i) => i.interval_length === 'PT30M')).toBe(true);
  });

  it('answers daily energy as strings of Wh dated by local day', async () => {
    const answer = await get(daily(MAIN, '2026-10-24', '2026-10-26'), await token('acme-prod'));
    expect(answer.body.meter_reading.interval_reading).toEqual([{ value: '20005', date: '2026-10-24' }, { value: '20006', date: '2026-10-25' }]);
    expect(answer.body.meter_reading.reading_type).toEqual({ measurement_kind: 'energy', measuring_period: 'P1D', unit: 'Wh', aggregate: 'sum' });
  });

  it('checks the token, then the subscription, then the parameters, then the rules, each with the body of the error table', async () => {
    const bearer = await token('acme-prod');
    const cases: [string, string | undefined, number, Json][] = [
      [daily(MAIN, 'x', 'y'), undefined, 401, { code: '900902', message: 'Missing Credentials' }],
      [daily(MAIN, 'x', 'y'), 'not-a-token', 401, { code: '900901', message: 'Invalid Credentials' }],
      [daily(MAIN, 'x', 'y'), await token('acme-unsubscribed'), 403, { code: '900908', message: 'Resource forbidden ' }],
      ['/metering_data_dc/v5/daily_consumption?start=2026-10-01&end=2026-10-02', bearer, 400, { error: 'Invalid_request', error_description: 'usage_point_id parameter is required' }],
      [daily('123', '2026-10-01', '2026-10-02'), bearer, 400, { error: 'Invalid_request', error_description: 'usage_point_id parameter must be 14 digits long' }],
      [daily(MAIN, '2026/10/01', '2026-10-02'), bearer, 400, { error: 'Invalid_request', error_description: 'Start date parameter must be in the format YYYY-MM-DD' }],
      [`/metering_data_dc/v5/daily_consumption?usage_point_id=${MAIN}&start=2026-10-01`, bearer, 400, { error: 'Invalid_request', error_description: 'End date parameter is required' }],
      [daily(MAIN, '2026-10-02', '2026-10-02'), bearer, 400, { error: 'Invalid_request', error_description: 'Start date should be before end date' }],
      [daily(MAIN, '2026-11-20', '2026-11-26'), bearer, 400, { error: 'Invalid_request', error_description: 'The end date parameter must be earlier than the current date' }],
      [curve(MAIN, '2024-11-01', '2024-11-02'), bearer, 400, { error: 'ADAM-ERR0125', error_description: 'The start date must be greater than the history deadline' }],
      [curve(MAIN, '2026-10-01', '2026-10-09'), bearer, 400, { error: 'ADAM-DC-0015', error_description: 'The requested period must be less than 7 days for an access to the load curve' }],
      [daily(MAIN, '2024-01-30', '2024-02-02'), bearer, 400, { error: 'ADAM-ERR0123', error_description: "The requested period cannot be anterior to the meter's last activation date" }],
      [daily(MOVED, '2026-05-30', '2026-06-02'), bearer, 403, { error: 'ADAM-DC-0007' }],
      [daily(MAIN, '2026-10-01', '2026-10-02'), await token('acme-other'), 403, { error: 'ADAM-DC-0008', error_description: 'No consent can be found for this customer and this usage point.' }],
      [curve(OPPOSED, '2026-10-20', '2026-10-21'), bearer, 400, { error: 'ADAM-ERR0075' }],
      [daily(PRODUCER, '2026-10-20', '2026-10-21'), bearer, 400, { error: 'ADAM-ERR0069', error_description: 'Le sens de la mesure ne correspond pas pour le PRM demandé.' }],
      [daily(EMPTY, '2026-10-20', '2026-10-21'), bearer, 404, { error: 'no_data_found', error_description: 'no measure found for this usage point' }],
    ];
    for (const [path, auth, status, body] of cases) {
      const answer = await get(path, auth);
      expect({ path, status: answer.status, body: answer.body }).toMatchObject({ path, status, body });
    }
  });

  it('refuses a production resource on a consumption-only point with ADAM-ERR0069', async () => {
    const bearer = await token('acme-prod');
    for (const path of [`/metering_data_dp/v5/daily_production?usage_point_id=${MAIN}&start=2026-10-20&end=2026-10-21`, `/metering_data_plc/v5/production_load_curve?usage_point_id=${MAIN}&start=2026-10-20&end=2026-10-21`]) {
      const answer = await get(path, bearer);
      expect({ path, status: answer.status, body: answer.body }).toEqual({ path, status: 400, body: { error: 'ADAM-ERR0069', error_description: 'Le sens de la mesure ne correspond pas pour le PRM demandé.' } });
    }
    // The consumption side of the same point, same consent and period, answers.
    expect((await get(daily(MAIN, '2026-10-20', '2026-10-21'), bearer)).body.meter_reading.interval_reading).toEqual([{ value: '20001', date: '2026-10-20' }]);
  });

  it('accepts the first day of each history window and end = today, and refuses the day before each and end = tomorrow (decision 8)', async () => {
    const bearer = await token('acme-prod');
    const deadline = { status: 400, body: { error: 'ADAM-ERR0125', error_description: 'The start date must be greater than the history deadline' } };
    const firstCurve = await get(curve(EDGE, FIRST_CURVE_DAY, '2024-11-10'), bearer);
    expect(firstCurve.status).toBe(200);
    expect(firstCurve.body.meter_reading.interval_reading).toHaveLength(48);
    expect(firstCurve.body.meter_reading.interval_reading[0]).toMatchObject({ value: '600', date: '2024-11-09 00:30:00' });
    expect(await get(curve(EDGE, '2024-11-08', '2024-11-10'), bearer)).toMatchObject(deadline);
    // Older than the curve window, inside the daily one.
    expect(await get(curve(EDGE, FIRST_DAILY_DAY, '2023-11-10'), bearer)).toMatchObject(deadline);

    expect((await get(daily(EDGE, FIRST_DAILY_DAY, '2023-11-10'), bearer)).body.meter_reading.interval_reading).toEqual([{ value: String(EDGE_DAILY[0]![1]), date: FIRST_DAILY_DAY }]);
    expect(await get(daily(EDGE, '2023-11-08', '2023-11-10'), bearer)).toMatchObject(deadline);
    // Max power has the daily window: no value that day, so no_data_found rather than the deadline.
    expect(await get(maxPower(EDGE, FIRST_DAILY_DAY, '2023-11-10'), bearer)).toMatchObject({ status: 404, body: { error: 'no_data_found' } });
    expect(await get(maxPower(EDGE, '2023-11-08', '2023-11-10'), bearer)).toMatchObject(deadline);

    // Today is 2026-11-24: end = today reads up to yesterday; end = tomorrow is refused.
    expect((await get(daily(EDGE, '2026-11-23', '2026-11-24'), bearer)).body.meter_reading.interval_reading).toEqual([{ value: String(EDGE_DAILY[2]![1]), date: '2026-11-23' }]);
    expect(await get(curve(EDGE, '2026-11-23', '2026-11-24'), bearer)).toMatchObject({ status: 404, body: { error: 'no_data_found' } });
    const tomorrow = { status: 400, body: { error: 'Invalid_request', error_description: 'The end date parameter must be earlier than the current date' } };
    expect(await get(daily(EDGE, '2026-11-23', '2026-11-25'), bearer)).toMatchObject(tomorrow);
    expect(await get(curve(EDGE, '2026-11-23', '2026-11-25'), bearer)).toMatchObject(tomorrow);
  });

  it('answers daily energy and max power over more than 365 days whole: only the history window bounds a daily span (decision 28)', async () => {
    const bearer = await token('acme-prod');
    const all = await get(daily(EDGE, FIRST_DAILY_DAY, '2026-11-24'), bearer);
    expect(all.status).toBe(200);
    expect(all.body.meter_reading).toMatchObject({ start: FIRST_DAILY_DAY, end: '2026-11-24' });
    expect(all.body.meter_reading.interval_reading).toEqual(EDGE_DAILY.map(([date, value]) => ({ value: String(value), date })));
    const year = await get(daily(EDGE, '2024-06-01', '2025-06-03'), bearer);
    expect(year.body.meter_reading.interval_reading).toEqual([{ value: String(EDGE_DAILY[1]![1]), date: '2024-06-01' }]);
    const power = await get(maxPower(EDGE, '2024-05-01', '2026-11-24'), bearer);
    expect(power.status).toBe(200);
    expect(power.body.meter_reading.interval_reading).toEqual([{ value: String(EDGE_PEAK.value), date: '2024-06-01 18:42:00' }]);
  });

  it('treats a homologation application as production: no sandbox customers, no state digit, real consents only (decision 14)', async () => {
    const bearer = await token('acme-homologation');
    expect(await get(daily('22516914714270', '2026-10-20', '2026-10-21'), bearer)).toMatchObject({ status: 403, body: { error: 'ADAM-DC-0008' } });
    expect(await get(daily(MAIN, '2026-10-20', '2026-10-21'), bearer)).toMatchObject({ status: 403, body: { error: 'ADAM-DC-0008' } });
    for (const generation of ['v1', 'v2']) {
      const page = (app: string) => fetch(`${base}/dataconnect/${generation}/oauth2/authorize?client_id=${clients[app]!.id}&response_type=code&state=abc3&duration=P1Y`, { redirect: 'manual' });
      // The sandbox answers at once with the profile of the last digit; homologation asks the customer to sign in.
      expect((await page('acme-sandbox')).status).toBe(302);
      const homologation = await page('acme-homologation');
      expect(homologation.status).toBe(200);
      expect(homologation.headers.get('location')).toBeNull();
      expect(await homologation.text()).toContain('Connexion à votre espace client');
    }
    await consents.grant({ applicationId: 'acme-homologation', customerId: '2500000001', usagePointIds: [MAIN], durationMs: 86_400_000, origin: 'v1' });
    expect((await get(daily(MAIN, '2026-10-20', '2026-10-21'), bearer)).body.meter_reading.interval_reading).toEqual([{ value: '20001', date: '2026-10-20' }]);
  });

  it('reads a point only within the consenting customer\'s own contract, and only while that customer holds it', async () => {
    await consents.grant({ applicationId: 'acme-other', customerId: '2500000003', usagePointIds: [MOVED], durationMs: 86_400_000, origin: 'v1' });
    const other = await token('acme-other');
    expect(await get(daily(MOVED, '2026-05-30', '2026-06-02'), other)).toMatchObject({ status: 403, body: { error: 'ADAM-DC-0009' } });
    expect(await get(daily(MOVED, '2026-06-01', '2026-06-02'), other)).toMatchObject({ status: 404, body: { error: 'no_data_found' } });
    // The former occupant's consent still lives, but they no longer hold the point.
    expect(await get(daily(MOVED, '2026-10-20', '2026-10-21'), await token('acme-prod'))).toMatchObject({ status: 403, body: { error: 'ADAM-DC-0007' } });
    // A read before the former occupant's own contract is refused under their live consent, yet never shown in their access log: they left.
    expect(await get(daily(LEFT_RECENTLY, '2023-12-01', '2023-12-02'), await token('acme-prod'))).toMatchObject({ status: 403, body: { error: 'ADAM-DC-0009' } });
    const [last] = await test.database.db.selectFrom('auditRecords').select(['basis', 'outcome']).where('applicationId', '=', 'acme-prod').where('usagePoints', '=', LEFT_RECENTLY).orderBy('at', 'desc').orderBy('seq', 'desc').limit(1).execute();
    expect(last).toEqual({ basis: null, outcome: 'before_contract' });
  });

  it('stops at once when the customer revokes the consent or when it expires', async () => {
    const [granted] = await consents.grant({ applicationId: 'acme-other', customerId: '2500000001', usagePointIds: [MAIN], durationMs: 2 * 86_400_000, origin: 'v1' });
    const bearer = await token('acme-other');
    expect((await get(daily(MAIN, '2026-10-20', '2026-10-21'), bearer)).status).toBe(200);
    await moveClock({ advance: 'P2DT1M' });
    expect(await get(daily(MAIN, '2026-10-20', '2026-10-21'), await token('acme-other'))).toMatchObject({ status: 403, body: { error: 'ADAM-DC-0008' } });
    await moveClock({ set: NOW });
    expect((await get(daily(MAIN, '2026-10-20', '2026-10-21'), bearer)).status).toBe(200);
    expect(await consents.revoke(granted!.id, '2500000001')).toBe(true);
    expect(await get(daily(MAIN, '2026-10-20', '2026-10-21'), bearer)).toMatchObject({ status: 403, body: { error: 'ADAM-DC-0008' } });
    // Both refusals (expired, then revoked) are recorded under the consent that ended, for the customer's access log.
    const refused = await test.database.db.selectFrom('auditRecords').select(['basis', 'outcome', 'status']).where('applicationId', '=', 'acme-other').where('usagePoints', '=', MAIN).where('basis', '=', `consent:${granted!.id}`).orderBy('seq').execute();
    expect(refused.map((r) => r.outcome)).toEqual(['ok', 'no_consent', 'ok', 'no_consent']);
    expect(refused.every((r) => r.status === (r.outcome === 'ok' ? 200 : 403))).toBe(true);
  });

  it('records a curve refused for opposition under the consent that asked for it', async () => {
    const [live] = await consents.liveOn('acme-prod', OPPOSED);
    expect(await get(curve(OPPOSED, '2026-10-20', '2026-10-21'), await token('acme-prod'))).toMatchObject({ status: 400, body: { error: 'ADAM-ERR0075' } });
    const [record] = await test.database.db.selectFrom('auditRecords').select(['basis', 'outcome']).where('applicationId', '=', 'acme-prod').where('usagePoints', '=', OPPOSED).orderBy('at', 'desc').orderBy('seq', 'desc').limit(1).execute();
    expect(record).toEqual({ basis: `consent:${live!.id}`, outcome: 'curve_opposed' });
  });

  it('lets a sandbox application read the sandbox customers without any journey, except the one who revoked', async () => {
    const sandbox = await token('acme-sandbox');
    expect((await get(daily('22516914714270', '2026-10-20', '2026-10-21'), sandbox)).body.meter_reading.interval_reading).toEqual([{ value: '12345', date: '2026-10-20' }]);
    expect(await get(daily('26584978546985', '2026-10-20', '2026-10-21'), sandbox)).toMatchObject({ status: 403, body: { error: 'ADAM-DC-0008' } });
    expect(await get(daily(MAIN, '2026-10-20', '2026-10-21'), sandbox)).toMatchObject({ status: 403, body: { error: 'ADAM-DC-0008' } });
    // A production application has no standing consent on the sandbox points.
    expect(await get(daily('22516914714270', '2026-10-20', '2026-10-21'), await token('acme-prod'))).toMatchObject({ status: 403, body: { error: 'ADAM-DC-0008' } });
  });

  it('limits to 5 calls a second (Q3) with Retry-After, and records every call with its consent in the audit log', async () => {
    const bearer = await token('acme-limited');
    await moveClock({ set: '2026-11-24T11:00:00+01:00' });
    const answers = await Promise.all(Array.from({ length: 8 }, () => get(daily(MAIN, '2026-10-20', '2026-10-21'), bearer)));
    const refused = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(5);
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(refused[0]!.headers.get('retry-after')).toBe('1');
    expect(refused[0]!.body).toEqual({ error: 'Quota Q3 reached', error_description: expect.stringMatching(/^Call threshold allowed on \d\d:\d\d:\d\d$/) });
    await moveClock({ set: NOW });
    const records = await test.database.db.selectFrom('auditRecords').selectAll().where('applicationId', '=', 'acme-limited').where('operation', '=', 'metering_data_dc').execute();
    expect(records.filter((r) => r.outcome === 'ok').every((r) => r.usagePoints === MAIN && /^consent:\d+$/.test(r.basis ?? ''))).toBe(true);
    expect(records.filter((r) => r.outcome === 'rate_limited')).toHaveLength(refused.length);
  });

  it('answers 429 Quota Q4 reached with Retry-After once the hourly or the daily quota is used up, until its window ends (decisions 9, 10)', async () => {
    const at = '2026-11-24T11:00:00+01:00';
    await moveClock({ set: at });
    try {
      const windows = [['acme-hourly', '2026-11-24T12:00:00+01:00'], ['acme-daily', '2026-11-25T00:00:00+01:00']] as const;
      for (const [app, reopens] of windows) {
        const bearer = await token(app);
        for (let i = 0; i < 2; i++) expect((await get(daily(MAIN, '2026-10-20', '2026-10-21'), bearer)).status).toBe(200);
        const refused = await get(daily(MAIN, '2026-10-20', '2026-10-21'), bearer);
        expect(refused.status).toBe(429);
        expect(refused.body).toEqual({ error: 'Quota Q4 reached', error_description: `Call threshold allowed on ${reopens.slice(11, 19)}` });
        const left = (Date.parse(reopens) - Date.parse(at)) / 1000;
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(left - 60);
        expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(left);
      }
      // At 12:00 the hourly quota starts again, the daily one not before midnight.
      await moveClock({ set: '2026-11-24T12:00:00+01:00' });
      expect((await get(daily(MAIN, '2026-10-20', '2026-10-21'), await token('acme-hourly'))).status).toBe(200);
      expect(await get(daily(MAIN, '2026-10-20', '2026-10-21'), await token('acme-daily'))).toMatchObject({ status: 429, body: { error: 'Quota Q4 reached' } });
      await moveClock({ set: '2026-11-25T00:00:00+01:00' });
      expect((await get(daily(MAIN, '2026-10-20', '2026-10-21'), await token('acme-daily'))).status).toBe(200);
    } finally {
      await moveClock({ set: NOW });
    }
    // Every refusal is in the audit log.
    const refusals = await test.database.db.selectFrom('auditRecords').select(['applicationId', 'status']).where('applicationId', 'in', ['acme-hourly', 'acme-daily']).where('operation', '=', 'metering_data_dc').execute();
    expect(refusals.filter((r) => Number(r.status) === 429).map((r) => r.applicationId).sort()).toEqual(['acme-daily', 'acme-daily', 'acme-hourly']);
  });

  it('refuses a malformed request of an application over its quota with the limit, not the parameter error (§13.27 order)', async () => {
    await moveClock({ set: '2026-11-24T15:00:00+01:00' });
    try {
      const bearer = await token('acme-busy');
      // Under the quota, a malformed request gets its parameter error (and counts).
      expect(await get(daily('123', '2026-10-01', '2026-10-02'), bearer)).toMatchObject({ status: 400, body: { error: 'Invalid_request' } });
      expect((await get(daily(MAIN, '2026-10-20', '2026-10-21'), bearer)).status).toBe(200);
      const malformed = [
        daily('123', '2026-10-01', '2026-10-02'), '/metering_data_dc/v5/daily_consumption', daily(MAIN, '2026/10/01', '2026-10-02'), daily(MAIN, '2026-10-02', '2026-10-02'),
        daily(MAIN, '2026-11-20', '2026-11-26'), curve(MAIN, '2024-11-01', '2024-11-02'), curve(MAIN, '2026-10-01', '2026-10-09'),
      ];
      for (const path of malformed) {
        const answer = await get(path, bearer);
        expect({ path, status: answer.status, body: answer.body }).toEqual({ path, status: 429, body: { error: 'Quota Q4 reached', error_description: 'Call threshold allowed on 16:00:00' } });
      }
      // Token and subscription still come first.
      expect(await get(daily('123', 'x', 'y'), 'not-a-token')).toMatchObject({ status: 401, body: { code: '900901' } });
    } finally {
      await moveClock({ set: NOW });
    }
  });
});
