import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Consents } from '../src/consent/consents.ts';
import { addMonths } from '../src/platform/time/local-day.ts';
import { AuditQueries } from '../src/gateway/audit.query.ts';
import { startConsentHub, type ConsentHub } from './support/consent-hub.ts';
import { FormClient } from './support/form-client.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked field by field */
type Json = any;

const REDIRECT = 'https://shop.example/callback';
let h: ConsentHub;

const authorize = (generation: 'v1' | 'v2' | 'legacy', params: Record<string, string>) => {
  const path = { v1: '/dataconnect/v1/oauth2/authorize', v2: '/dataconnect/v2/oauth2/authorize', legacy: '/group/espace-particuliers/consentement-linky/oauth2/authorize' }[generation];
  return `${path}?${new URLSearchParams({ response_type: 'code', duration: 'P1Y', ...params })}`;
};
const location = (response: Response) => new URL(response.headers.get('location')!);

async function legacyToken(client: { id: string; secret: string }, form: Record<string, string>, redirectUri = REDIRECT): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${h.base}/v1/oauth2/token?redirect_uri=${encodeURIComponent(redirectUri)}`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ client_id: client.id, client_secret: client.secret, ...form }),
  });
  return { status: response.status, body: await response.json() };
}

async function clientToken(client: { id: string; secret: string }): Promise<string> {
  const response = await fetch(`${h.base}/oauth2/v3/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.id, client_secret: client.secret }) });
  return ((await response.json()) as Json).access_token;
}

async function readDaily(point: string, bearer: string): Promise<{ status: number; body: Json }> {
  const day = h.readingDay;
  const next = new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const response = await fetch(`${h.base}/metering_data_dc/v5/daily_consumption?usage_point_id=${point}&start=${day}&end=${next}`, { headers: { authorization: `Bearer ${bearer}` } });
  return { status: response.status, body: await response.json() };
}

/** Signs Alice in through the consent page and returns her browserless client, on the consent page. */
async function aliceOnConsentPage(url: string): Promise<FormClient> {
  const client = new FormClient(h.base);
  const first = await client.get(url);
  expect(first.status).toBe(200);
  expect(client.lastPage).toContain('Connexion');
  const signedIn = await client.post('/account/sign-in', { _csrf: client.csrf(), next: url, email: h.customers.alice.email, password: h.customers.alice.password });
  expect(signedIn.status).toBe(303);
  expect(signedIn.headers.get('location')).toBe(url);
  expect((await client.get(url)).status).toBe(200);
  return client;
}

beforeAll(async () => {
  h = await startConsentHub({ redirectUri: REDIRECT });
});

afterAll(async () => {
  await h?.close();
});

describe('authorize: requests refused before the customer is involved (decision 7)', () => {
  it('answers 400 with the §3 JSON body, never a redirect', async () => {
    const cases: [Record<string, string>, string][] = [
      [{}, 'missing_parameter'],
      [{ client_id: h.clients.prod.id, duration: 'P4Y' }, 'maximum_duration_exceeded'],
      [{ client_id: h.clients.prod.id, duration: 'P37M' }, 'maximum_duration_exceeded'],
      [{ client_id: h.clients.prod.id, duration: '-P1Y' }, 'maximum_duration_exceeded'],
      [{ client_id: h.clients.prod.id, duration: 'P100000000D' }, 'maximum_duration_exceeded'],
      [{ client_id: h.clients.prod.id, duration: 'P300000Y' }, 'maximum_duration_exceeded'],
      [{ client_id: h.clients.prod.id, duration: 'PT99999999999H' }, 'maximum_duration_exceeded'],
      [{ client_id: h.clients.prod.id, duration: 'one year' }, 'invalid_duration_format'],
      [{ client_id: h.clients.prod.id, duration: 'P0D' }, 'invalid_duration_format'],
      [{ client_id: h.clients.prod.id, response_type: 'token' }, 'invalid_response_type'],
      [{ client_id: h.clients.prod.id, state: 'x'.repeat(101) }, 'invalid_state'],
      [{ client_id: 'no-such-client' }, 'unknown_client_id'],
      [{ client_id: h.clients.prod.id, redirect_uri: 'https://evil.example/callback' }, 'redirect_uri_mismatch'],
      [{ client_id: h.clients.prod.id, redirect_URI: `${REDIRECT}/` }, 'redirect_uri_mismatch'],
    ];
    for (const [params, description] of cases) {
      for (const generation of ['v1', 'v2', 'legacy'] as const) {
        const response = await fetch(`${h.base}${authorize(generation, params)}`, { redirect: 'manual' });
        expect(response.status, `${generation} ${JSON.stringify(params)}`).toBe(400);
        expect(response.headers.get('location')).toBeNull();
        expect(await response.json()).toEqual({ error: 'invalid_request', error_description: description });
      }
    }
  });

  it('answers a readable page to a browser, and accepts the longest durations clients send and the registered URI in either spelling', async () => {
    const page = await fetch(`${h.base}${authorize('v1', { client_id: h.clients.prod.id, duration: 'P5Y' })}`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('La durée demandée dépasse trois ans');
    for (const params of [{ duration: 'P3Y' }, { duration: 'P36M' }, { duration: 'P1095D' }, { duration: 'P1Y4M' }, { redirect_uri: REDIRECT }, { redirect_URI: REDIRECT }] as Record<string, string>[]) {
      const response = await fetch(`${h.base}${authorize('v1', { client_id: h.clients.prod.id, ...params })}`, { redirect: 'manual' });
      expect(response.status, JSON.stringify(params)).toBe(200);
    }
  });
});

describe('sandbox applications (decisions 14 and 21)', () => {
  it('v1: redirects at once with the fake customer chosen by the last digit of state, and the code exchanges for their PRMs', async () => {
    const expected: [string | undefined, string][] = [['abc3', '12345678901234;10284856584123'], ['7', '64975835695673;63695879465986;22315546958763'], ['x9', '22516914714270'], ['none', '22516914714270'], [undefined, '22516914714270']];
    for (const [state, points] of expected) {
      const response = await fetch(`${h.base}${authorize('v1', { client_id: h.clients.sandbox.id, ...(state ? { state } : {}) })}`, { redirect: 'manual' });
      expect(response.status).toBe(302);
      const to = location(response);
      expect(`${to.origin}${to.pathname}`).toBe(REDIRECT);
      expect(to.searchParams.get('usage_point_id')).toBe(points);
      expect(to.searchParams.get('state')).toBe(state ?? null);
      expect(to.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    }
    const response = await fetch(`${h.base}${authorize('v1', { client_id: h.clients.sandbox.id, state: 'go3' })}`, { redirect: 'manual' });
    const token = await legacyToken(h.clients.sandbox, { grant_type: 'authorization_code', code: location(response).searchParams.get('code')! });
    expect(token.status).toBe(200);
    expect(token.body.usage_points_id).toBe('12345678901234,10284856584123');
  });

  it('v2: autorisation_id 20+d for a digit d, 10 for 9, 11 otherwise; no code and no usage_point_id', async () => {
    for (const [state, id] of [['s0', '20'], ['s5', '25'], ['8', '28'], ['9', '10'], ['abc', '11']]) {
      const response = await fetch(`${h.base}${authorize('v2', { client_id: h.clients.sandbox.id, state: state! })}`, { redirect: 'manual' });
      expect(response.status).toBe(302);
      expect([...location(response).searchParams.entries()]).toEqual([['autorisation_id', id], ['state', state]]);
    }
  });

  it('the 2020 path answers the old sandbox page whose `var url` holds the redirect', async () => {
    const response = await fetch(`${h.base}${authorize('legacy', { client_id: h.clients.sandbox.id, state: 'abcd123', redirect_URI: REDIRECT })}`, { redirect: 'manual' });
    expect(response.status).toBe(200);
    const page = await response.text();
    const url = new URL(JSON.parse(/var url = ("[^"]+");/.exec(page)![1]!) as string);
    expect(url.searchParams.get('usage_point_id')).toBe('12345678901234;10284856584123');
    expect(url.searchParams.get('state')).toBe('abcd123');
    expect(url.searchParams.get('code')).toBeTruthy();
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'nonce-[^']+'/);
  });

  it('a form posted to a sandbox application gives the sandbox answer, never a real customer\'s consent', async () => {
    const alice = await aliceOnConsentPage(authorize('v1', { client_id: h.clients.prod.id, state: 'p' }));
    const url = authorize('v1', { client_id: h.clients.sandbox.id, state: 's4' });
    const response = await alice.post(url, { _csrf: alice.csrf(), decision: 'accept', usage_point_id: h.customers.alice.points[0]! });
    expect(response.status).toBe(302);
    expect(location(response).searchParams.get('usage_point_id')).toBe('42900589957123');
    expect(await new Consents(h.test.database, h.hub.clock).ofApplication('shop-sandbox')).toEqual([]);
  });

  it('a production application gets the sign-in page whatever the state says', async () => {
    const response = await fetch(`${h.base}${authorize('v1', { client_id: h.clients.prod.id, state: 'abc3' })}`, { redirect: 'manual' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Connexion à votre espace client');
  });
});

describe('the v1 journey and the legacy token endpoint (§4.2, decisions 5, 24, 25)', () => {
  it('consents to several PRMs, redirects with code and `;`-joined PRMs, and the code is single-use', async () => {
    const url = authorize('v1', { client_id: h.clients.prod.id, state: 'v1-state' });
    const alice = await aliceOnConsentPage(url);
    expect(alice.lastPage).toContain('Shop Conso');
    expect(alice.lastPage).toContain('1 an');
    for (const point of h.customers.alice.points) expect(alice.lastPage).toContain(`value="${point}"`);
    expect(alice.lastPage).not.toContain(h.customers.bob.points[0]);

    const forged = await alice.post(url, { decision: 'accept', usage_point_id: h.customers.alice.points });
    expect(forged.status).toBe(403);
    expect(await new Consents(h.test.database, h.hub.clock).ofApplication('shop-prod')).toEqual([]);

    await alice.get(url);
    const accepted = await alice.post(url, { _csrf: alice.csrf(), decision: 'accept', usage_point_id: h.customers.alice.points });
    expect(accepted.status).toBe(303);
    const to = location(accepted);
    expect(to.searchParams.get('usage_point_id')).toBe(h.customers.alice.points.join(';'));
    expect(to.searchParams.get('state')).toBe('v1-state');
    const code = to.searchParams.get('code')!;

    expect((await legacyToken(h.clients.other, { grant_type: 'authorization_code', code })).body.error).toBe('invalid_grant');
    const wrongUri = await legacyToken(h.clients.prod, { grant_type: 'authorization_code', code }, 'https://shop.example/other');
    expect(wrongUri).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });

    const token = await legacyToken(h.clients.prod, { grant_type: 'authorization_code', code });
    expect(token.status).toBe(200);
    expect(token.body).toEqual({
      access_token: expect.any(String), token_type: 'Bearer', expires_in: 12600, refresh_token: expect.any(String), scope: expect.stringContaining('/v4/metering_data/consumption_load_curve.GET'),
      refresh_token_issued_at: expect.stringMatching(/^\d{13}$/), issued_at: expect.stringMatching(/^\d{13}$/), usage_points_id: h.customers.alice.points.join(','),
    });
    expect(Math.abs(Number(token.body.issued_at) - h.hub.clock.now())).toBeLessThan(5000);
    expect((await readDaily(h.customers.alice.points[1]!, token.body.access_token)).status).toBe(200);
    expect((await legacyToken(h.clients.prod, { grant_type: 'authorization_code', code })).body).toEqual({ error: 'invalid_grant', error_description: expect.any(String) });

    const refreshed = await legacyToken(h.clients.prod, { grant_type: 'refresh_token', refresh_token: token.body.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(token.body.refresh_token);
    expect(refreshed.body.usage_points_id).toBe(h.customers.alice.points.join(','));
    expect((await readDaily(h.customers.alice.points[0]!, refreshed.body.access_token)).status).toBe(200);
    expect((await legacyToken(h.clients.prod, { grant_type: 'refresh_token', refresh_token: token.body.refresh_token })).body.error).toBe('invalid_grant');
    expect((await legacyToken(h.clients.prod, { grant_type: 'password' })).body.error).toBe('unsupported_grant_type');

    const twice = await fetch(`${h.base}/v1/oauth2/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=refresh_token&client_id=${h.clients.prod.id}&client_secret=${encodeURIComponent(h.clients.prod.secret)}&refresh_token=a&refresh_token=b`,
    });
    expect(twice.status).toBe(400);
    expect(((await twice.json()) as Json).error).toBe('invalid_request');
    const twiceV3 = await fetch(`${h.base}/oauth2/v3/token?grant_type=client_credentials&client_id=${h.clients.prod.id}&client_id=x&client_secret=y`, { method: 'POST' });
    expect(twiceV3.status).toBe(400);

    // Once the customer has revoked the consent, its refresh token gives nothing.
    await alice.get('/account');
    for (const consent of await new Consents(h.test.database, h.hub.clock).ofCustomer(h.customers.alice.id)) {
      if (consent.applicationId === 'shop-prod') await alice.post(`/account/consents/${consent.id}/revoke`, { _csrf: alice.csrf() }).then(() => alice.get('/account'));
    }
    expect(await legacyToken(h.clients.prod, { grant_type: 'refresh_token', refresh_token: refreshed.body.refresh_token })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('a code is worthless after 180 seconds, and to another application', async () => {
    const url = authorize('v1', { client_id: h.clients.prod.id, state: 'late' });
    const alice = await aliceOnConsentPage(url);
    const first = await alice.post(url, { _csrf: alice.csrf(), decision: 'accept', usage_point_id: h.customers.alice.points[0]! });
    const code = location(first).searchParams.get('code')!;
    await h.moveClock({ advance: 'PT181S' });
    expect((await legacyToken(h.clients.prod, { grant_type: 'authorization_code', code })).body.error).toBe('invalid_grant');

    await alice.get(url);
    const second = await alice.post(url, { _csrf: alice.csrf(), decision: 'accept', usage_point_id: h.customers.alice.points[0]! });
    const fresh = location(second).searchParams.get('code')!;
    expect((await legacyToken(h.clients.other, { grant_type: 'authorization_code', code: fresh }, REDIRECT)).body.error).toBe('invalid_grant');
    expect((await legacyToken(h.clients.prod, { grant_type: 'authorization_code', code: fresh })).status).toBe(200);
  });

  it('a refusal redirects with code=403 and access_denied; a point the customer does not hold is not shared', async () => {
    const url = authorize('v1', { client_id: h.clients.other.id, state: 'no-thanks' });
    const alice = await aliceOnConsentPage(url);
    const refused = await alice.post(url, { _csrf: alice.csrf(), decision: 'refuse' });
    expect(refused.status).toBe(303);
    expect([...location(refused).searchParams.entries()]).toEqual([['code', '403'], ['error', 'access_denied'], ['error_description', 'authorization_request_refused'], ['state', 'no-thanks']]);

    await alice.get(url);
    const stolen = await alice.post(url, { _csrf: alice.csrf(), decision: 'accept', usage_point_id: h.customers.bob.points[0]! });
    expect(stolen.status).toBe(400);
    expect(alice.lastPage).toContain('n’est pas (ou plus) à votre nom');
    await alice.get(url);
    expect((await alice.post(url, { _csrf: alice.csrf(), decision: 'accept' })).status).toBe(400);
    expect(await new Consents(h.test.database, h.hub.clock).ofApplication('shop-other')).toEqual([]);
  });
});

describe('the v2 journey (§11.1, decision 22)', () => {
  it('shares exactly one PRM, redirects with autorisation_id and state only, refuses a second share, and gives the same id after a revocation', async () => {
    const url = authorize('v2', { client_id: h.clients.other.id, state: 'v2-state' });
    const alice = await aliceOnConsentPage(url);
    expect(alice.lastPage).toContain('type="radio"');
    expect((await alice.post(url, { _csrf: alice.csrf(), decision: 'accept', usage_point_id: h.customers.alice.points })).status).toBe(400);

    await alice.get(url);
    const shared = await alice.post(url, { _csrf: alice.csrf(), decision: 'accept', usage_point_id: h.customers.alice.points[1]! });
    expect(shared.status).toBe(303);
    const params = [...location(shared).searchParams.entries()];
    expect(params.map(([k]) => k)).toEqual(['autorisation_id', 'state']);
    const id = Number(params[0]![1]);
    const consent = await new Consents(h.test.database, h.hub.clock).byId(id);
    expect(consent).toMatchObject({ applicationId: 'shop-other', customerId: h.customers.alice.id, usagePointId: h.customers.alice.points[1], origin: 'v2' });

    await alice.get(url);
    const again = await alice.post(url, { _csrf: alice.csrf(), decision: 'accept', usage_point_id: h.customers.alice.points[1]! });
    expect(again.status).toBe(409);
    expect(again.headers.get('location')).toBeNull();
    expect(alice.lastPage).toContain('Une erreur est survenue lors du partage de vos données');

    await alice.get('/account');
    expect((await alice.post(`/account/consents/${id}/revoke`, { _csrf: alice.csrf() })).status).toBe(303);
    await alice.get(url);
    const reshared = await alice.post(url, { _csrf: alice.csrf(), decision: 'accept', usage_point_id: h.customers.alice.points[1]! });
    expect(location(reshared).searchParams.get('autorisation_id')).toBe(String(id));

    await alice.get(url);
    const refused = await alice.post(url, { _csrf: alice.csrf(), decision: 'refuse' });
    expect([...location(refused).searchParams.entries()]).toEqual([['error', 'access_denied'], ['error_description', 'authorization_request_refused'], ['state', 'v2-state']]);
  });
});

describe('one consent across generations (decision 26)', () => {
  it('a v1 consent is read by every data generation, is extended by the v1 page, and one revocation ends it for all', async () => {
    const url = authorize('v1', { client_id: h.clients.prod.id, state: 'gen', duration: 'P6M' });
    const bob = await (async () => {
      const client = new FormClient(h.base);
      await client.signIn(h.customers.bob.email, h.customers.bob.password, url);
      await client.get(url);
      return client;
    })();
    const acceptedAt = h.hub.clock.now();
    await bob.post(url, { _csrf: bob.csrf(), decision: 'accept', usage_point_id: h.customers.bob.points[0]! });
    const consents = new Consents(h.test.database, h.hub.clock);
    const [first] = await consents.ofCustomer(h.customers.bob.id);
    // P6M ends six local months later at the same wall-clock time (across the spring change), exactly as the page said.
    const [asked, ends] = [h.hub.zone.wallClockOf(acceptedAt), h.hub.zone.wallClockOf(Number(first!.expiresAt))];
    expect({ day: ends.day, wallSecond: ends.wallSecond }).toEqual({ day: addMonths(asked.day, 6), wallSecond: asked.wallSecond });
    let token = await clientToken(h.clients.prod);
    const point = h.customers.bob.points[0]!;
    const v2 = () => fetch(`${h.base}/mesure_synchrone_auto/v2/consommation_quotidienne?pointId=${point}&dateDebut=${h.readingDay}&dateFin=2026-11-21`, { headers: { authorization: `Bearer ${token}` } });
    const v3 = () => fetch(`${h.base}/v3/metering_data/daily_consumption?usage_point_id=${point}&start=${h.readingDay}&end=2026-11-21`, { headers: { authorization: `Bearer ${token}` } });
    expect((await readDaily(point, token)).status).toBe(200);
    expect((await v2()).status).toBe(200);
    expect((await v3()).status).toBe(200);

    await h.moveClock({ advance: 'P10D' });
    // Ten days later the session is long over (8 hours): Bob signs in again.
    expect((await bob.get('/account')).status).toBe(303);
    await bob.signIn(h.customers.bob.email, h.customers.bob.password);
    await bob.get(url.replace('P6M', 'P1Y'));
    await bob.post(url.replace('P6M', 'P1Y'), { _csrf: bob.csrf(), decision: 'accept', usage_point_id: point });
    const [renewed] = await consents.ofCustomer(h.customers.bob.id);
    expect(renewed!.id).toBe(first!.id);
    expect(Number(renewed!.expiresAt)).toBeGreaterThan(Number(first!.expiresAt) + 150 * 86_400_000);
    await bob.get(url.replace('P6M', 'P1M'));
    await bob.post(url.replace('P6M', 'P1M'), { _csrf: bob.csrf(), decision: 'accept', usage_point_id: point });
    const [kept] = await consents.ofCustomer(h.customers.bob.id);
    expect(Number(kept!.expiresAt)).toBe(Number(renewed!.expiresAt));

    await bob.get('/account');
    token = await clientToken(h.clients.prod);
    expect((await readDaily(point, token)).status).toBe(200);
    await bob.post(`/account/consents/${first!.id}/revoke`, { _csrf: bob.csrf() });
    expect((await readDaily(point, token)).status).toBe(403);
    expect((await v2()).status).toBe(403);
    expect((await v3()).status).toBe(403);
  });
});

describe('the customer space', () => {
  it('signs in with the right password only, shows consents and the access log, revokes in one click (effective at once), signs out', async () => {
    const bob = new FormClient(h.base);
    expect((await bob.signIn(h.customers.bob.email, 'wrong password')).status).toBe(401);
    expect(bob.lastPage).toContain('E-mail ou mot de passe incorrect');
    const signedIn = await bob.signIn(h.customers.bob.email.toUpperCase(), h.customers.bob.password);
    expect(signedIn.status).toBe(303);
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('gridgate_customer='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    // The hub's public URL is on the loopback address, where browsers keep Secure cookies over http.
    expect(cookie).toMatch(/; Secure/);

    const url = authorize('v1', { client_id: h.clients.prod.id, state: 'bob' });
    const consentPage = await bob.get(url);
    expect(consentPage.status, bob.lastPage).toBe(200);
    const accepted = await bob.post(url, { _csrf: bob.csrf(), decision: 'accept', usage_point_id: h.customers.bob.points[0]! });
    expect(accepted.status).toBe(303);
    const token = await clientToken(h.clients.prod);
    expect((await readDaily(h.customers.bob.points[0]!, token)).status).toBe(200);

    const account = await bob.get('/account');
    expect(account.status).toBe(200);
    expect(account.headers.get('x-frame-options')).toBe('DENY');
    expect(account.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const [consent] = await new Consents(h.test.database, h.hub.clock).ofCustomer(h.customers.bob.id);
    expect(bob.lastPage).toContain('Shop Conso');
    expect(bob.lastPage).toContain(`/account/consents/${consent!.id}/revoke`);
    expect(bob.lastPage).toContain('Consommation quotidienne');
    expect(bob.lastPage).toContain(`n° ${consent!.id}`);
    expect(bob.lastPage).toContain('<td>Lu</td>');

    expect((await bob.post(`/account/consents/${consent!.id}/revoke`, {})).status).toBe(403);
    expect((await readDaily(h.customers.bob.points[0]!, token)).status).toBe(200);
    await bob.get('/account');
    const revoked = await bob.post(`/account/consents/${consent!.id}/revoke`, { _csrf: bob.csrf() });
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe(`/account?revoked=${consent!.id}`);
    expect(await readDaily(h.customers.bob.points[0]!, token)).toMatchObject({ status: 403, body: { error: 'ADAM-DC-0008' } });
    // The attempt after the revocation is in the access log, refused, under the revoked consent.
    await bob.get('/account');
    expect(bob.lastPage).toContain('<td>Refusé : consentement révoqué ou expiré</td>');
    const [refusedCall] = await new AuditQueries(h.test.database.db).callsUnder([`consent:${consent!.id}`], 1);
    expect(refusedCall).toMatchObject({ outcome: 'no_consent', usagePoints: [h.customers.bob.points[0]!] });
    // Nobody else's consent names the attempt: alice's space shows none of bob's calls.
    const alice = new FormClient(h.base);
    await alice.signIn(h.customers.alice.email, h.customers.alice.password);
    await alice.get('/account');
    expect(alice.lastPage).not.toContain(h.customers.bob.points[0]!);

    expect((await bob.post('/account/sign-out', { _csrf: bob.csrf() })).status).toBe(303);
    const after = await bob.get('/account');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toContain('/account/sign-in');
  });

  it('stops guessing: after 10 wrong passwords an e-mail waits 15 minutes, even with the right one', async () => {
    const client = new FormClient(h.base);
    for (let i = 0; i < 10; i++) expect((await client.signIn(h.customers.bob.email, `guess ${i}`)).status).toBe(401);
    const locked = await client.signIn(h.customers.bob.email, h.customers.bob.password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(client.lastPage).toContain('Trop de mots de passe erronés');
    await h.moveClock({ advance: 'PT16M' });
    expect((await client.signIn(h.customers.bob.email, h.customers.bob.password)).status).toBe(303);
  });

  it('keeps the next step on this site, and shows only its own notices', async () => {
    const client = new FormClient(h.base);
    await client.get('/account/sign-in');
    const response = await client.post('/account/sign-in', { _csrf: client.csrf(), next: '//evil.example/steal', email: h.customers.bob.email, password: h.customers.bob.password });
    expect(response.headers.get('location')).toBe('/account');
    for (const next of ['/.//evil.example', '/..//evil.example', '/\\evil.example', 'https://evil.example/']) {
      const again = await client.get(`/account/sign-in?next=${encodeURIComponent(next)}`);
      expect(again.headers.get('location'), next).toBe('/account');
    }
    await client.get(`/account?revoked=${encodeURIComponent('42 — votre compte est suspendu')}`);
    expect(client.lastPage).not.toContain('suspendu');
    expect(client.lastPage).not.toContain('role="status"');
  });

  it('counts guesses sent in parallel', async () => {
    const client = new FormClient(h.base);
    await client.get('/account/sign-in');
    const token = client.csrf();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => client.post('/account/sign-in', { _csrf: token, next: '/account', email: 'nobody@example.org', password: `guess ${i}` })));
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(10);
  });
});
