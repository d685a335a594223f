import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Consents } from '../src/consent/consents.ts';
import { startConsentHub, type ConsentHub } from './support/consent-hub.ts';
import { FormClient } from './support/form-client.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked field by field */
type Json = any;

let h: ConsentHub;
let token: string;

beforeAll(async () => {
  h = await startConsentHub({ redirectUri: 'https://shop.example/callback' });
  await new Consents(h.test.database, h.hub.clock).grant({ applicationId: 'shop-prod', customerId: h.customers.alice.id, usagePointIds: h.customers.alice.points, durationMs: 86_400_000, origin: 'v1' });
  const response = await fetch(`${h.base}/oauth2/v3/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: h.clients.prod.id, client_secret: h.clients.prod.secret }),
  });
  token = ((await response.json()) as Json).access_token;
});

afterAll(async () => {
  await h?.close();
});

describe('an unexpected failure (§13.27, last row)', () => {
  it('answers 500 in the v5 shape (ADAM-DC-0500) and in the 2026 shape, records the call, and the hub keeps serving', async () => {
    const path = `/metering_data_dc/v5/daily_consumption?usage_point_id=${h.customers.alice.points[0]}&start=${h.readingDay}&end=2026-11-21`;
    const read = () => fetch(`${h.base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const readV2 = () => fetch(`${h.base}/mesure_synchrone_auto/v2/consommation_quotidienne?pointId=${h.customers.alice.points[0]}&dateDebut=${h.readingDay}&dateFin=2026-11-21`, { headers: { authorization: `Bearer ${token}` } });
    expect((await read()).status).toBe(200);
    expect((await readV2()).status).toBe(200);
    // The readings store breaks under the hub: the table is gone.
    await sql`alter table readings rename to readings_away`.execute(h.test.database.db);
    try {
      const failed = await read();
      expect(failed.status).toBe(500);
      expect(failed.headers.get('content-type')).toBe('application/json;charset=UTF-8');
      expect(await failed.json()).toEqual({ error: 'ADAM-DC-0500', error_description: 'Technical Exception' });
      const failedV2 = await readV2();
      expect(failedV2.status).toBe(500);
      expect(await failedV2.json()).toEqual({ code: '500', message: "Problème technique dans l'interrogation du SI coeur" });
      expect((await fetch(`${h.base}/healthz`)).status).toBe(200);
    } finally {
      await sql`alter table readings_away rename to readings`.execute(h.test.database.db);
    }
    expect((await read()).status).toBe(200);
    const outcomes = await h.test.database.db.selectFrom('auditRecords').select(['outcome', 'status']).where('applicationId', '=', 'shop-prod').where('operation', '=', 'metering_data_dc').orderBy('at').execute();
    expect(outcomes.map((o) => Number(o.status))).toEqual([200, 500, 200]);
  });
});

describe('a failure during the consent journey (decision 25)', () => {
  /** Alice signs in, sees the consent page, and accepts while the consents table is away. */
  async function acceptWithStoreBroken(url: string, point: string): Promise<Response> {
    const alice = new FormClient(h.base);
    await alice.signIn(h.customers.alice.email, h.customers.alice.password, url);
    expect((await alice.get(url)).status).toBe(200);
    await sql`alter table consents rename to consents_away`.execute(h.test.database.db);
    try {
      return await alice.post(url, { _csrf: alice.csrf(), decision: 'accept', usage_point_id: point });
    } finally {
      await sql`alter table consents_away rename to consents`.execute(h.test.database.db);
    }
  }

  it('redirects with code=500 and server_error, and shares nothing', async () => {
    const response = await acceptWithStoreBroken(`/dataconnect/v1/oauth2/authorize?client_id=${h.clients.other.id}&response_type=code&state=oops&duration=P1Y`, h.customers.alice.points[0]!);
    expect(response.status).toBe(303);
    expect([...new URL(response.headers.get('location')!).searchParams.entries()]).toEqual([['code', '500'], ['error', 'server_error'], ['error_description', 'lincs-internal-server-error'], ['state', 'oops']]);
    expect(await new Consents(h.test.database, h.hub.clock).ofApplication('shop-other')).toEqual([]);
  });

  it('v2: redirects with error=server_error, its description and state only (no code), and shares nothing', async () => {
    const point = h.customers.alice.points[1]!;
    const response = await acceptWithStoreBroken(`/dataconnect/v2/oauth2/authorize?client_id=${h.clients.other.id}&response_type=code&state=oops-v2&duration=P1Y`, point);
    expect(response.status).toBe(303);
    const to = new URL(response.headers.get('location')!);
    expect(`${to.origin}${to.pathname}`).toBe('https://shop.example/callback');
    expect([...to.searchParams.entries()]).toEqual([['error', 'server_error'], ['error_description', 'lincs-internal-server-error'], ['state', 'oops-v2']]);
    expect((await new Consents(h.test.database, h.hub.clock).ofApplication('shop-other')).filter((c) => c.usagePointId === point)).toEqual([]);
  });
});
