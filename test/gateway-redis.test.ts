import { Registry } from 'prom-client';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayAdmin } from '../src/gateway/admin.service.ts';
import { AuditWriter } from '../src/gateway/audit.writer.ts';
import { ensureCatalog } from '../src/gateway/catalog.ts';
import { RedisCounterStore } from '../src/gateway/counters.redis.ts';
import { Gateway, type Identity } from '../src/gateway/gateway.ts';
import { systemClock } from '../src/platform/time/clock.ts';
import { timeZone } from '../src/platform/time/zone.ts';
import { createTestDatabase, type TestDatabase } from './support/engines.ts';
import { redisAvailable, startRedis, type TestRedis } from './support/redis.ts';

describe.runIf(redisAvailable())('gateway with Redis counters', () => {
  let test: TestDatabase;
  let redis: TestRedis;
  let gateway: Gateway;
  let identity: Identity;
  let counters: RedisCounterStore;

  beforeAll(async () => {
    test = await createTestDatabase();
    redis = await startRedis();
    await ensureCatalog(test.database.db);
    const admin = new GatewayAdmin(test.database.db, Date.now);
    await admin.createPartner({ id: 'gaz-plus', role: 'supplier', name: 'Gaz Plus', legalId: '98765432100019' });
    await admin.createApplication({ id: 'gaz-plus-crm', partnerId: 'gaz-plus', name: 'CRM', stage: 'production' });
    await admin.createPlan({ id: 'omega', name: 'OMEGA supplier', monthlyFeeCents: 0, pricePerThousandCallsCents: 0, includedCalls: 0, limits: [{ name: 'per-second', window: 'second', scope: 'application', limit: 2 }] });
    await admin.subscribe('gaz-plus-crm', 'omega-rest', 'omega');
    const key = (await admin.createCredential({ applicationId: 'gaz-plus-crm', kind: 'api_key' })).secret!;
    counters = new RedisCounterStore(redis.url);
    const zone = timeZone('Europe/Paris');
    gateway = new Gateway({ database: test.database, zone, clock: systemClock, counters, audit: new AuditWriter(test.database, zone), registry: new Registry(), logger: pino({ level: 'silent' }) });
    const identified = await gateway.identify({ kind: 'api_key', key });
    if (!identified.ok) throw new Error('identify failed');
    identity = identified.identity;
  });

  afterAll(async () => {
    await counters?.close();
    await redis?.stop();
    await test?.cleanup();
  });

  it('shares counters through Redis while it answers', async () => {
    const now = Math.floor(Date.now() / 1000) * 1000 + 1000;
    await new Promise((resolve) => setTimeout(resolve, now - Date.now() + 5));
    const results = await Promise.all([1, 2, 3].map(() => gateway.admit(identity, { apiId: 'omega-rest', operation: 'consultation' })));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.find((r) => !r.ok)).toMatchObject({ refusal: { kind: 'rate_limited', rule: 'per-second' } });
  });

  it('when Redis is unreachable, refuses writes and limits reads per process', async () => {
    await redis.stop();
    const write = await gateway.admit(identity, { apiId: 'omega-rest', operation: 'demande' });
    expect(write).toEqual({ ok: false, refusal: { kind: 'limits_unavailable' } });
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
    const reads = [];
    for (let i = 0; i < 3; i++) reads.push(await gateway.admit(identity, { apiId: 'omega-rest', operation: 'consultation' }));
    expect(reads.map((r) => r.ok)).toEqual([true, true, false]);
  });
});
