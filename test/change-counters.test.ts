import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Consents } from '../src/consent/consents.ts';
import { parseIsoDate } from '../src/platform/time/local-day.ts';
import { startConsentHub, type ConsentHub } from './support/consent-hub.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked field by field */
type Json = any;

// Points, contracts, consents and tokens are kept in memory between calls; a change made by anyone (here plain SQL, as another process would) counts from the next call.
let h: ConsentHub;

async function token(): Promise<string> {
  const response = await fetch(`${h.base}/oauth2/v3/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: h.clients.prod.id, client_secret: h.clients.prod.secret }),
  });
  return ((await response.json()) as Json).access_token;
}

const read = async (point: string, bearer: string) => {
  const response = await fetch(`${h.base}/metering_data_dc/v5/daily_consumption?usage_point_id=${point}&start=${h.readingDay}&end=2026-11-21`, { headers: { authorization: `Bearer ${bearer}` } });
  return { status: response.status, body: (await response.json()) as Json };
};

beforeAll(async () => {
  h = await startConsentHub({ redirectUri: 'https://shop.example/callback' });
  await new Consents(h.test.database, h.hub.clock).grant({ applicationId: 'shop-prod', customerId: h.customers.alice.id, usagePointIds: h.customers.alice.points, durationMs: 86_400_000, origin: 'v1' });
});

afterAll(async () => {
  await h?.close();
});

describe('answers kept in memory between calls', () => {
  it('a consent revoked by plain SQL is refused from the next call', async () => {
    const bearer = await token();
    const point = h.customers.alice.points[0]!;
    for (let i = 0; i < 3; i++) expect((await read(point, bearer)).status).toBe(200);
    await sql`update consents set revoked_at = 1 where usage_point_id = ${point}`.execute(h.test.database.db);
    expect(await read(point, bearer)).toMatchObject({ status: 403, body: { error: 'ADAM-DC-0008' } });
  });

  it('a point that changed hands by plain SQL answers ADAM-DC-0007 from the next call', async () => {
    const bearer = await token();
    const point = h.customers.alice.points[1]!;
    expect((await read(point, bearer)).status).toBe(200);
    const day = parseIsoDate('2026-11-22')!;
    await sql`update contracts set end_day = ${day} where usage_point_id = ${point}`.execute(h.test.database.db);
    await sql`insert into contracts (usage_point_id, customer_id, supplier_id, start_day, end_day, contract_type, distribution_tariff, last_tariff_change_day) values (${point}, ${h.customers.bob.id}, 'SUP-LUMIVOLT', ${day}, null, 'Contrat unique', 'BTINFCUST', null)`.execute(h.test.database.db);
    expect(await read(point, bearer)).toMatchObject({ status: 403, body: { error: 'ADAM-DC-0007' } });
  });

  it('a token revoked by plain SQL is refused from the next call', async () => {
    const bearer = await token();
    expect((await read(h.customers.alice.points[1]!, bearer)).status).toBe(403);
    await sql`update oauth_tokens set revoked_at = 1`.execute(h.test.database.db);
    expect(await read(h.customers.alice.points[1]!, bearer)).toMatchObject({ status: 401, body: { code: '900901' } });
  });
});
