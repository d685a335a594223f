import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Consents } from '../src/consent/consents.ts';
import { startConsentHub, type ConsentHub, type Customer } from './support/consent-hub.ts';
import { FormClient } from './support/form-client.ts';

// Consents across generations: the legacy per-customer token of /v1/oauth2/token on the v3 and v4 data paths
// (decisions 5 and 24), and the v1 and v2 pages sharing one consent record (decision 26).

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked field by field */
type Json = any;

const REDIRECT = 'https://shop.example/callback';
let h: ConsentHub;
let consents: Consents;
let nextDay: string;

const authorize = (generation: 'v1' | 'v2', clientId: string, state: string) =>
  `/dataconnect/${generation}/oauth2/authorize?${new URLSearchParams({ client_id: clientId, response_type: 'code', state, duration: 'P1Y' })}`;
const query = (point: string) => `?usage_point_id=${point}&start=${h.readingDay}&end=${nextDay}`;

async function read(path: string, bearer: string): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${h.base}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
  return { status: response.status, body: await response.json() };
}

async function clientToken(client: { id: string; secret: string }): Promise<string> {
  const response = await fetch(`${h.base}/oauth2/v3/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.id, client_secret: client.secret }) });
  return ((await response.json()) as Json).access_token;
}

/** A customer signed in and on the consent page of `url`. */
async function onConsentPage(customer: Customer, url: string): Promise<FormClient> {
  const client = new FormClient(h.base);
  await client.signIn(customer.email, customer.password, url);
  expect((await client.get(url)).status).toBe(200);
  return client;
}

beforeAll(async () => {
  h = await startConsentHub({ redirectUri: REDIRECT });
  consents = new Consents(h.test.database, h.hub.clock);
  nextDay = new Date(Date.parse(`${h.readingDay}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
});

afterAll(async () => {
  await h?.close();
});

describe('the legacy flow (decisions 5, 24)', () => {
  it('a token from /v1/oauth2/token reads /v3 and /v4 data of its own consent\'s points, and not another customer\'s point consented to the same application', async () => {
    const { alice, bob } = h.customers;
    // Bob has consented to the same application for his own point.
    await consents.grant({ applicationId: 'shop-prod', customerId: bob.id, usagePointIds: bob.points, durationMs: 86_400_000, origin: 'v1' });

    const url = authorize('v1', h.clients.prod.id, 'legacy');
    const client = await onConsentPage(alice, url);
    const accepted = await client.post(url, { _csrf: client.csrf(), decision: 'accept', usage_point_id: alice.points });
    expect(accepted.status).toBe(303);
    const code = new URL(accepted.headers.get('location')!).searchParams.get('code')!;
    const exchanged = await fetch(`${h.base}/v1/oauth2/token?redirect_uri=${encodeURIComponent(REDIRECT)}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: h.clients.prod.id, client_secret: h.clients.prod.secret }),
    });
    expect(exchanged.status).toBe(200);
    const token = (await exchanged.json()) as Json;
    expect(token.usage_points_id).toBe(alice.points.join(','));
    const bearer: string = token.access_token;

    const v3 = await read(`/v3/metering_data/daily_consumption${query(alice.points[0]!)}`, bearer);
    expect(v3.status).toBe(200);
    expect(v3.body.usage_point[0].meter_reading).toMatchObject({ usage_point_id: alice.points[0], interval_reading: [{ rank: '1', value: '11000' }] });
    const v4 = await read(`/v4/metering_data/daily_consumption${query(alice.points[1]!)}`, bearer);
    expect(v4.body.meter_reading.interval_reading).toEqual([{ value: '11000', date: h.readingDay }]);
    const curve = await read(`/v4/metering_data/consumption_load_curve${query(alice.points[1]!)}`, bearer);
    expect(curve.body.meter_reading.interval_reading).toHaveLength(48);
    expect(curve.body.meter_reading.interval_reading[0]).toEqual({ value: '400', date: `${h.readingDay} 00:30:00`, interval_length: 'PT30M', measure_type: 'B' });

    // Bob's point: consented to this application, but not by this token's customer.
    for (const path of [`/v3/metering_data/daily_consumption${query(bob.points[0]!)}`, `/v4/metering_data/daily_consumption${query(bob.points[0]!)}`, `/v4/metering_data/consumption_load_curve${query(bob.points[0]!)}`]) {
      const refused = await read(path, bearer);
      expect({ path, status: refused.status, body: refused.body }).toEqual({ path, status: 403, body: { error: 'ADAM-DC-0008', error_description: 'No consent can be found for this customer and this usage point.' } });
    }
    // The application's own token (client credentials) reads it: the refusal is the legacy token's scope.
    expect((await read(`/v4/metering_data/daily_consumption${query(bob.points[0]!)}`, await clientToken(h.clients.prod))).body.meter_reading.interval_reading).toEqual([{ value: '11000', date: h.readingDay }]);
  });
});

describe('one consent across the v1 and v2 pages (decision 26)', () => {
  it('refuses on the v2 page a PRM shared on the v1 page and still live, without redirecting; a v2 consent is read by v5 and v3', async () => {
    const { alice } = h.customers;
    const v1 = authorize('v1', h.clients.other.id, 'first');
    const client = await onConsentPage(alice, v1);
    expect((await client.post(v1, { _csrf: client.csrf(), decision: 'accept', usage_point_id: alice.points[0]! })).status).toBe(303);

    const v2 = authorize('v2', h.clients.other.id, 'second');
    await client.get(v2);
    const again = await client.post(v2, { _csrf: client.csrf(), decision: 'accept', usage_point_id: alice.points[0]! });
    expect(again.status).toBe(409);
    expect(again.headers.get('location')).toBeNull();
    expect(client.lastPage).toContain('Une erreur est survenue lors du partage de vos données');
    expect((await consents.ofApplication('shop-other')).map((c) => [c.usagePointId, c.origin])).toEqual([[alice.points[0], 'v1']]);

    await client.get(v2);
    const shared = await client.post(v2, { _csrf: client.csrf(), decision: 'accept', usage_point_id: alice.points[1]! });
    expect(shared.status).toBe(303);
    const id = Number(new URL(shared.headers.get('location')!).searchParams.get('autorisation_id'));
    expect(await consents.byId(id)).toMatchObject({ applicationId: 'shop-other', customerId: alice.id, usagePointId: alice.points[1], origin: 'v2' });

    const bearer = await clientToken(h.clients.other);
    expect((await read(`/metering_data_dc/v5/daily_consumption${query(alice.points[1]!)}`, bearer)).body.meter_reading.interval_reading).toEqual([{ value: '11000', date: h.readingDay }]);
    expect((await read(`/v3/metering_data/daily_consumption${query(alice.points[1]!)}`, bearer)).body.usage_point[0].meter_reading.interval_reading).toEqual([{ rank: '1', value: '11000' }]);
    const records = await h.test.database.db.selectFrom('auditRecords').select(['basis', 'apiId']).where('applicationId', '=', 'shop-other').where('usagePoints', '=', alice.points[1]!).where('outcome', '=', 'ok').execute();
    expect(records.map((r) => [r.apiId, r.basis]).sort()).toEqual([['dataconnect-v3', `consent:${id}`], ['dataconnect-v5', `consent:${id}`]]);
  });
});
