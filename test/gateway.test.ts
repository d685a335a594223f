import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub, type Hub } from '../src/hub.ts';
import { loadConfig } from '../src/platform/config.ts';
import { listen } from '../src/platform/http/listen.ts';
import { GridStore } from '../src/grid/grid.store.ts';
import { GatewayAdmin } from '../src/gateway/admin.service.ts';
import { verifyAudit } from '../src/gateway/audit.verify.ts';
import { OMEGA_WEB_SERVICES } from '../src/gateway/calendar.ts';
import { createTestDatabase, type TestDatabase } from './support/engines.ts';
import { testPoint } from './support/network.ts';

const PRM = '00012345678901';
let test: TestDatabase;
let hub: Hub;
let admin: GatewayAdmin;
let base: string;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const call = async (key: string | undefined, path = `/api/v1/usage-points/${PRM}`) => {
  const response = await fetch(`${base}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
};
const moveClock = async (body: Record<string, string>) =>
  fetch(`${base}/__test__/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function newApp(partnerId: string, appId: string, plan = 'native-basic', stage = 'production') {
  await admin.createApplication({ id: appId, partnerId, name: appId, stage });
  await admin.subscribe(appId, 'native-v1', plan);
  return (await admin.createCredential({ applicationId: appId, kind: 'api_key' })).secret!;
}

beforeAll(async () => {
  test = await createTestDatabase();
  const config = loadConfig({ ...test.env, GRIDGATE_TEST_MODE: 'true', GRIDGATE_NOW: '2026-11-24T10:00:00+01:00', GRIDGATE_LOG_LEVEL: 'silent' });
  hub = await createHub(config, { database: test.database });
  await new GridStore(test.database.db).insertNetwork({ parties: [], customers: [], contracts: [], usagePoints: [testPoint(PRM)] });
  admin = new GatewayAdmin(test.database.db, () => hub.clock.now());
  await admin.createPartner({ id: 'acme', role: 'service_provider', name: 'Acme Energy Services', legalId: '12345678900012', contacts: [{ email: 'api@acme.example', name: 'API team', purpose: 'technical' }] });
  await admin.createPlan({ id: 'native-basic', name: 'Basic', monthlyFeeCents: 0, pricePerThousandCallsCents: 0, includedCalls: 0, limits: [{ name: 'per-second', window: 'second', scope: 'application_api', limit: 50 }] });
  await admin.createPlan({ id: 'native-tiny', name: 'Tiny', monthlyFeeCents: 0, pricePerThousandCallsCents: 0, includedCalls: 0, limits: [{ name: 'daily', window: 'day', scope: 'application', limit: 3 }] });
  base = await listen(hub.server);
});

afterAll(async () => {
  await hub?.close();
  await test?.cleanup();
});

describe('gateway on the native API', () => {
  it('takes per-application keys and refuses a revoked one on the next call', async () => {
    const key = await newApp('acme', 'acme-dashboard');
    expect((await call(key)).status).toBe(200);
    const [credential] = await admin.listCredentials('acme-dashboard');
    expect(credential).not.toHaveProperty('secretHash');
    await admin.revokeCredential(credential.id);
    expect(await call(key)).toMatchObject({ status: 401, body: { error: { code: 'invalid_credentials', message: expect.stringContaining('revoked') } } });
  });

  it('sees a change written by anyone (here plain SQL, as another process would) on the next call', async () => {
    const key = await newApp('acme', 'acme-elsewhere');
    expect((await call(key)).status).toBe(200);
    expect((await call(key)).status).toBe(200); // answered from what the gateway remembers
    await sql`update credentials set status = 'revoked' where application_id = 'acme-elsewhere'`.execute(test.database.db);
    expect((await call(key)).status).toBe(401);
    await sql`update credentials set status = 'active' where application_id = 'acme-elsewhere'`.execute(test.database.db);
    await sql`delete from subscriptions where application_id = 'acme-elsewhere'`.execute(test.database.db);
    expect(await call(key)).toMatchObject({ status: 403, body: { error: { code: 'not_subscribed' } } });
  });

  it('refuses an expired key, and every application of a suspended partner', async () => {
    const key = await newApp('acme', 'acme-batch');
    const expiring = (await admin.createCredential({ applicationId: 'acme-batch', kind: 'api_key', expiresAt: hub.clock.now() + 60_000 })).secret!;
    expect((await call(expiring)).status).toBe(200);
    await moveClock({ advance: 'PT2M' });
    expect((await call(expiring)).body.error.message).toContain('expired');
    await admin.setPartnerStatus('acme', 'suspended');
    expect(await call(key)).toMatchObject({ status: 403, body: { error: { code: 'suspended' } } });
    await admin.setPartnerStatus('acme', 'active');
    expect((await call(key)).status).toBe(200);
    await admin.updateApplication('acme-batch', { status: 'suspended' });
    expect((await call(key)).body.error.message).toContain('application is suspended');
    await admin.updateApplication('acme-batch', { status: 'active' });
  });

  it('identifies a client certificate by subject DN and issuer: rotation keeps the DN, an unknown issuer is refused, one certificate serves one application', async () => {
    await admin.createApplication({ id: 'acme-b2b', partnerId: 'acme', name: 'B2B', stage: 'production' });
    const subjectDn = 'CN=b2b.acme.example, O=Acme Energy Services, C=FR';
    const issuerDn = 'CN=Acme Issuing CA, O=Acme, C=FR';
    const first = await admin.createCredential({ applicationId: 'acme-b2b', kind: 'certificate', subjectDn, issuerDn });
    const identify = (subject: string, issuer: string) => hub.gateway.identify({ kind: 'certificate', subjectDn: subject, issuerDn: issuer });
    // DNs compare whatever the spacing between their parts.
    expect(await identify('CN=b2b.acme.example,O=Acme Energy Services,C=FR', issuerDn)).toMatchObject({ ok: true, identity: { applicationId: 'acme-b2b', credentialId: first.credential.id } });
    expect(await identify(subjectDn, 'CN=Someone Else CA, C=FR')).toEqual({ ok: false, refusal: { kind: 'unauthenticated', reason: 'unknown_issuer' } });
    expect(await identify('CN=nobody.example, C=FR', issuerDn)).toEqual({ ok: false, refusal: { kind: 'unauthenticated', reason: 'unknown' } });
    // Rotation (R20): a new key under the same DN, then the old registration revoked.
    const rotated = await admin.createCredential({ applicationId: 'acme-b2b', kind: 'certificate', subjectDn, issuerDn });
    await admin.revokeCredential(first.credential.id);
    expect(await identify(subjectDn, issuerDn)).toMatchObject({ ok: true, identity: { credentialId: rotated.credential.id } });
    // One certificate per partner (R18): another partner cannot register it while it is active.
    await admin.createPartner({ id: 'other-supplier', role: 'supplier', name: 'Other Supplier', legalId: '98765432100019' });
    await admin.createApplication({ id: 'other-b2b', partnerId: 'other-supplier', name: 'B2B', stage: 'production' });
    await expect(admin.createCredential({ applicationId: 'other-b2b', kind: 'certificate', subjectDn, issuerDn })).rejects.toMatchObject({ status: 409, code: 'certificate_in_use' });
    await admin.revokeCredential(rotated.credential.id);
    expect(await identify(subjectDn, issuerDn)).toEqual({ ok: false, refusal: { kind: 'unauthenticated', reason: 'revoked' }, attribution: { partnerId: 'acme', applicationId: 'acme-b2b', credentialId: expect.any(String) } });
    await admin.createCredential({ applicationId: 'other-b2b', kind: 'certificate', subjectDn, issuerDn });
    expect(await identify(subjectDn, issuerDn)).toMatchObject({ ok: true, identity: { partnerId: 'other-supplier', applicationId: 'other-b2b' } });
  });

  it('holds an operation missing from the catalog to the rules of a write', async () => {
    await newApp('acme', 'acme-undeclared');
    const key = (await admin.createCredential({ applicationId: 'acme-undeclared', kind: 'api_key' })).secret!;
    const identified = await hub.gateway.identify({ kind: 'api_key', key });
    if (!identified.ok) throw new Error('the key was not accepted');
    expect(await hub.gateway.admit(identified.identity, { apiId: 'native-v1', operation: 'readings.get' })).toMatchObject({ ok: true, admission: { operationKind: 'read' } });
    expect(await hub.gateway.admit(identified.identity, { apiId: 'native-v1', operation: 'readings.delete_everything' })).toMatchObject({ ok: true, admission: { operationKind: 'write' } });
    // Outside write hours (the OMEGA web services' Tuesday 21:30-24:00 is read-only): reads go on, writes are refused until 08:00.
    await admin.setCalendar('native-v1', OMEGA_WEB_SERVICES);
    await moveClock({ set: '2026-12-08T22:15:00+01:00' });
    try {
      // identify, as every call does first, refreshes what the gateway remembers (here the calendar just set).
      await hub.gateway.identify({ kind: 'api_key', key });
      expect(await hub.gateway.admit(identified.identity, { apiId: 'native-v1', operation: 'readings.get' })).toMatchObject({ ok: true });
      expect(await hub.gateway.admit(identified.identity, { apiId: 'native-v1', operation: 'readings.delete_everything' })).toEqual({
        ok: false, refusal: { kind: 'read_only', writableAt: Date.parse('2026-12-09T08:00:00+01:00'), retryAfterSeconds: 9 * 3600 + 45 * 60 },
      });
    } finally {
      await admin.removeCalendar('native-v1');
      await moveClock({ set: '2026-11-24T10:00:00+01:00' });
    }
  });

  it('refuses an API the application is not subscribed to, and a retired or sunset API', async () => {
    await admin.createApplication({ id: 'acme-unsubscribed', partnerId: 'acme', name: 'x', stage: 'sandbox' });
    const key = (await admin.createCredential({ applicationId: 'acme-unsubscribed', kind: 'api_key' })).secret!;
    expect(key.startsWith('gg_test_')).toBe(true);
    expect(await call(key)).toMatchObject({ status: 403, body: { error: { code: 'not_subscribed' } } });
    const subscribed = await newApp('acme', 'acme-lifecycle');
    await admin.setApiState('native-v1', 'deprecated', '2026-11-30');
    expect((await call(subscribed)).status).toBe(200);
    await moveClock({ set: '2026-11-30T00:00:00+01:00' });
    expect(await call(subscribed)).toMatchObject({ status: 410, body: { error: { code: 'api_retired', message: expect.stringContaining('2026-11-30') } } });
    await admin.setApiState('native-v1', 'published');
    expect((await call(subscribed)).status).toBe(200);
    await admin.setApiState('native-v1', 'retired');
    expect(await call(subscribed)).toMatchObject({ status: 410, body: { error: { code: 'api_retired' } } });
    await admin.setApiState('native-v1', 'published');
    expect((await call(subscribed)).status).toBe(200);
  });

  it('counts a daily quota, answers 429 with Retry-After and RateLimit headers, and resets at local midnight', async () => {
    await moveClock({ set: '2026-12-01T23:00:00+01:00' });
    const key = await newApp('acme', 'acme-tiny', 'native-tiny');
    const first = await call(key);
    expect(first.headers.get('ratelimit-limit')).toBe('3');
    expect(first.headers.get('ratelimit-remaining')).toBe('2');
    await call(key);
    await call(key);
    const refused = await call(key);
    expect(refused).toMatchObject({ status: 429, body: { error: { code: 'quota_exceeded' } } });
    expect(refused.headers.get('retry-after')).toBe('3600');
    expect([refused.headers.get('ratelimit-limit'), refused.headers.get('ratelimit-remaining'), refused.headers.get('ratelimit-reset')]).toEqual(['3', '0', '3600']);
    await moveClock({ advance: 'PT1H' });
    expect((await call(key)).status).toBe(200);
  });

  it('follows the opening calendar: closed windows refuse with when it reopens', async () => {
    const key = await newApp('acme', 'acme-calendar');
    await admin.setCalendar('native-v1', OMEGA_WEB_SERVICES);
    await moveClock({ set: '2026-12-07T20:30:00+01:00' }); // a Monday
    const closed = await call(key);
    expect(closed).toMatchObject({ status: 503, body: { error: { code: 'closed', message: expect.stringContaining('2026-12-07 22:00') } } });
    expect(closed.headers.get('retry-after')).toBe(String(90 * 60));
    await moveClock({ set: '2026-12-07T22:30:00+01:00' });
    expect((await call(key)).status).toBe(200);
    await admin.removeCalendar('native-v1');
    // A closed window is the gateway's refusal, not a failure of the hub: counted as refused although answered 503.
    const usage = await test.database.db.selectFrom('usageDaily').select(['calls', 'refusals', 'errors']).where('applicationId', '=', 'acme-calendar').execute();
    expect(usage.map((u) => [Number(u.calls), Number(u.refusals), Number(u.errors)])).toEqual([[2, 1, 0]]);
  });

  it('records a refusal of a found credential (revoked, suspended) against its application', async () => {
    const key = await newApp('acme', 'acme-attributed');
    const [credential] = await admin.listCredentials('acme-attributed');
    await admin.updateApplication('acme-attributed', { status: 'suspended' });
    expect((await call(key)).status).toBe(403);
    await admin.updateApplication('acme-attributed', { status: 'active' });
    await admin.revokeCredential(credential!.id);
    expect((await call(key)).status).toBe(401);
    const records = await test.database.db.selectFrom('auditRecords').select(['partnerId', 'credentialId', 'outcome', 'status']).where('applicationId', '=', 'acme-attributed').orderBy('seq').execute();
    expect(records.map((r) => [r.partnerId, r.credentialId, r.outcome, Number(r.status)])).toEqual([
      ['acme', credential!.id, 'suspended', 403],
      ['acme', credential!.id, 'unauthenticated', 401],
    ]);
    const usage = await test.database.db.selectFrom('usageDaily').select(['calls', 'refusals', 'errors']).where('applicationId', '=', 'acme-attributed').execute();
    expect(usage.map((u) => [Number(u.calls), Number(u.refusals), Number(u.errors)])).toEqual([[2, 2, 0]]);
    // A key nobody holds is recorded against nobody.
    expect((await call('gg_live_not-a-key')).status).toBe(401);
  });

  it('records every call and refusal in a verifiable audit log, with usage per application and day', async () => {
    const key = await newApp('acme', 'acme-audited');
    await call(key, `/api/v1/usage-points/${PRM}/series/daily_consumption?start=2026-11-01&end=2026-11-02`);
    await call(key, `/api/v1/usage-points/${PRM}/series/daily_consumption?start=bad&end=2026-11-02`);
    await call(undefined);
    const records = await test.database.db.selectFrom('auditRecords').selectAll().where('applicationId', '=', 'acme-audited').orderBy('seq').execute();
    expect(records.map((r) => [r.operation, r.usagePoints, r.outcome, Number(r.status)])).toEqual([
      ['readings.get', PRM, 'ok', 200],
      ['readings.get', PRM, 'invalid_date', 400],
    ]);
    const anonymous = await test.database.db.selectFrom('auditRecords').select(['outcome', 'status']).where('applicationId', 'is', null).execute();
    expect(anonymous.some((r) => r.outcome === 'unauthenticated' && Number(r.status) === 401)).toBe(true);
    const usage = await test.database.db.selectFrom('usageDaily').selectAll().where('applicationId', '=', 'acme-audited').execute();
    expect(usage.map((u) => [Number(u.calls), Number(u.refusals), Number(u.errors)])).toEqual([[2, 1, 0]]);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/gridgate_gateway_calls_total\{application="acme-audited",api="native-v1",outcome="ok"\} 1/);
    const reports = await verifyAudit(test.database.db);
    expect(reports.every((r) => r.broken === undefined)).toBe(true);
  });
});
