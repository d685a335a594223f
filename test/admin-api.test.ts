import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub, type Hub } from '../src/hub.ts';
import { loadConfig } from '../src/platform/config.ts';
import { listen } from '../src/platform/http/listen.ts';
import { createOperatorAccount } from '../src/gateway/operator-accounts.ts';
import { GatewayAdmin } from '../src/gateway/admin.service.ts';
import { UsageService } from '../src/gateway/usage.service.ts';
import { formatIsoDate, parseIsoDate } from '../src/platform/time/local-day.ts';
import { createTestDatabase, type TestDatabase } from './support/engines.ts';

let test: TestDatabase;
let hub: Hub;
let base: string;
let oneTimePassword: string;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
async function send(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : undefined };
}

beforeAll(async () => {
  test = await createTestDatabase();
  hub = await createHub(loadConfig({ ...test.env, GRIDGATE_LOG_LEVEL: 'silent' }), { database: test.database });
  oneTimePassword = (await createOperatorAccount(test.database.db, 'ops', Date.now())).oneTimePassword;
  base = await listen(hub.server);
});

afterAll(async () => {
  await hub?.close();
  await test?.cleanup();
});

describe('admin API', () => {
  it('is for signed-in operators only, who change their one-time password first', async () => {
    expect((await send('GET', '/admin/v1/partners')).status).toBe(401);
    expect((await send('POST', '/admin/v1/sessions', undefined, { username: 'ops', password: 'wrong' })).status).toBe(401);
    const first = await send('POST', '/admin/v1/sessions', undefined, { username: 'ops', password: oneTimePassword });
    expect(first).toMatchObject({ status: 201, body: { must_change_password: true } });
    expect(await send('GET', '/admin/v1/partners', first.body.token)).toMatchObject({ status: 403, body: { error: { code: 'password_change_required' } } });
    expect((await send('POST', '/admin/v1/password', first.body.token, { current: oneTimePassword, new: 'short' })).status).toBe(400);
    expect((await send('POST', '/admin/v1/password', first.body.token, { current: oneTimePassword, new: 'a much longer passphrase' })).status).toBe(204);
    expect((await send('GET', '/admin/v1/partners', first.body.token)).status).toBe(200);
    expect((await send('DELETE', '/admin/v1/sessions', first.body.token)).status).toBe(204);
    expect((await send('GET', '/admin/v1/partners', first.body.token)).status).toBe(401);
  });

  it('administers partners, applications, credentials, plans and subscriptions end to end', async () => {
    const { body: session } = await send('POST', '/admin/v1/sessions', undefined, { username: 'ops', password: 'a much longer passphrase' });
    const token = session.token as string;
    expect((await send('POST', '/admin/v1/partners', token, { id: 'lyon', role: 'local_authority', name: 'Métropole de Lyon', legal_id: '200046977' })).status).toBe(201);
    expect((await send('POST', '/admin/v1/partners', token, { role: 'supplier', name: 'x', legal_id: '123' })).body.error.code).toBe('invalid_legal_id');
    expect((await send('POST', '/admin/v1/applications', token, { id: 'lyon-energy-map', partner_id: 'lyon', name: 'Energy map', stage: 'production' })).status).toBe(201);
    expect((await send('POST', '/admin/v1/plans', token, { id: 'open', name: 'Open', monthly_fee_cents: 1000, price_per_thousand_calls_cents: 50, included_calls: 1, limits: [{ name: 'hourly', window: 'hour', scope: 'partner', limit: 100 }] })).status).toBe(201);
    expect((await send('PUT', '/admin/v1/subscriptions/lyon-energy-map/native-v1', token, { plan: 'open' })).status).toBe(204);
    const issued = await send('POST', '/admin/v1/applications/lyon-energy-map/credentials', token, { kind: 'api_key' });
    expect(issued.status).toBe(201);
    expect(issued.body.secret).toMatch(/^gg_live_/);
    const listed = await send('GET', '/admin/v1/applications/lyon-energy-map/credentials', token);
    expect(JSON.stringify(listed.body)).not.toContain(issued.body.secret);

    const key = issued.body.secret as string;
    const read = await fetch(`${base}/api/v1/usage-points`, { headers: { 'x-api-key': key } });
    expect(read.status).toBe(200);
    await fetch(`${base}/api/v1/usage-points`, { headers: { 'x-api-key': key } });
    expect((await send('POST', `/admin/v1/credentials/${issued.body.id}/revoke`, token)).status).toBe(204);
    expect((await fetch(`${base}/api/v1/usage-points`, { headers: { 'x-api-key': key } })).status).toBe(401);

    const month = formatIsoDate(hub.zone.dayOf(hub.clock.now())).slice(0, 7);
    const usage = await send('GET', `/admin/v1/usage?from=2020-01-01&to=2100-01-01&application=lyon-energy-map`, token);
    // The call with the revoked key counts against the application, as refused; it is not billed.
    expect(usage.body).toEqual([expect.objectContaining({ applicationId: 'lyon-energy-map', apiId: 'native-v1', calls: 3, refusals: 1 })]);
    const statement = await send('GET', `/admin/v1/statements/lyon/${month}`, token);
    expect(statement.body).toMatchObject({ partnerId: 'lyon', totalCents: 1001, lines: [{ calls: 2, billableCalls: 1, monthlyFeeCents: 1000, usageCents: 1 }] });
    expect((await send('GET', '/admin/v1/audit/verify', token)).body.intact).toBe(true);
    expect((await send('POST', '/admin/v1/apis/native-v1/state', token, { state: 'deprecated' })).body.error.code).toBe('missing_sunset');
  });

  it('slows down password guessing: five failures lock the account for 15 minutes', async () => {
    for (let i = 0; i < 5; i++) await send('POST', '/admin/v1/sessions', undefined, { username: 'ops', password: `guess-${i}` });
    expect((await send('POST', '/admin/v1/sessions', undefined, { username: 'ops', password: 'a much longer passphrase' })).status).toBe(429);
  });
});

describe('monthly statements', () => {
  it('bills only subscriptions made before the month ends, and lists calls served under a subscription ended since, unpriced', async () => {
    const inAugust = new GatewayAdmin(test.database.db, () => Date.parse('2025-08-20T12:00:00+02:00'));
    await inAugust.createPartner({ id: 'billed', role: 'supplier', name: 'Billed', legalId: '11122233300014' });
    await inAugust.createPlan({ id: 'billed-plan', name: 'Billed', monthlyFeeCents: 500, pricePerThousandCallsCents: 1000, includedCalls: 1, limits: [] });
    for (const app of ['billed-old', 'billed-gone']) {
      await inAugust.createApplication({ id: app, partnerId: 'billed', name: app, stage: 'production' });
      await inAugust.subscribe(app, 'native-v1', 'billed-plan');
    }
    // Subscribed today: nothing to bill for October 2025.
    const today = new GatewayAdmin(test.database.db, Date.now);
    await today.createApplication({ id: 'billed-new', partnerId: 'billed', name: 'billed-new', stage: 'production' });
    await today.subscribe('billed-new', 'native-v1', 'billed-plan');
    // October 2025: three calls each (one refused) for the two older applications; then one of them leaves the API.
    const day = parseIsoDate('2025-10-15')!;
    for (const app of ['billed-old', 'billed-gone']) {
      await test.database.db.insertInto('usageDaily').values({ day, applicationId: app, apiId: 'native-v1', calls: 3, errors: 0, refusals: 1, cost: 3, durationUsTotal: 300, durationUsMax: 100 }).execute();
    }
    await today.unsubscribe('billed-gone', 'native-v1');
    const usage = new UsageService(test.database.db, hub.zone);
    expect(await usage.statement('billed', '2025-10')).toEqual({
      partnerId: 'billed', month: '2025-10', totalCents: 501,
      lines: [
        // Two served, one included, one billed at 10 EUR a thousand (1 cent), plus the monthly fee.
        { applicationId: 'billed-old', apiId: 'native-v1', planId: 'billed-plan', calls: 2, includedCalls: 1, billableCalls: 1, monthlyFeeCents: 500, usageCents: 1, totalCents: 501 },
        { applicationId: 'billed-gone', apiId: 'native-v1', planId: null, calls: 2, includedCalls: 0, billableCalls: 2, monthlyFeeCents: 0, usageCents: 0, totalCents: 0 },
      ],
    });
    const thisMonth = formatIsoDate(hub.zone.dayOf(Date.now())).slice(0, 7);
    expect((await usage.statement('billed', thisMonth)).lines.map((l) => [l.applicationId, l.planId, l.totalCents])).toEqual([['billed-new', 'billed-plan', 500], ['billed-old', 'billed-plan', 500]]);
  });
});
