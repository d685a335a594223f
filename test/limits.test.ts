import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCounterStore } from '../src/gateway/counters.memory.ts';
import { RedisCounterStore } from '../src/gateway/counters.redis.ts';
import { consumeLimits, type CounterStore, type LimitRule } from '../src/gateway/limits.ts';
import { timeZone } from '../src/platform/time/zone.ts';
import { redisAvailable, startRedis, type TestRedis } from './support/redis.ts';

const paris = timeZone('Europe/Paris');
const subject = { partnerId: 'partner-1', applicationId: 'app-1', apiId: 'dataconnect-v5' };
const q3q4: LimitRule[] = [
  { name: 'Q3', window: 'second', scope: 'application_api', limit: 5 },
  { name: 'Q4', window: 'hour', scope: 'application_api', limit: 1000 },
];

function contract(name: string, makeStore: () => CounterStore) {
  describe(`limits with ${name} counters`, () => {
    it('lets 5 calls a second through, refuses the 6th with the seconds to wait, and counts nothing refused', async () => {
      const store = makeStore();
      const now = Date.parse('2026-11-23T10:00:00.200Z');
      for (let i = 0; i < 5; i++) expect((await consumeLimits(store, q3q4, subject, 1, now, paris)).allowed).toBe(true);
      const refused = await consumeLimits(store, q3q4, subject, 1, now + 500, paris);
      expect(refused).toMatchObject({ allowed: false, rule: { name: 'Q3' }, retryAfterSeconds: 1 });
      const next = await consumeLimits(store, q3q4, subject, 1, now + 800, paris);
      expect(next).toMatchObject({ allowed: true, tightest: { rule: { name: 'Q3' }, remaining: 4 } });
      const hourly = await consumeLimits(store, [{ name: 'Q4', window: 'hour', scope: 'application_api', limit: 1000 }], subject, 0, now + 900, paris);
      expect(hourly.tightest?.remaining).toBe(1000 - 6);
      await store.close();
    });

    it('counts a bulk file of N requests as N against a daily quota that resets at local midnight', async () => {
      const store = makeStore();
      const quota: LimitRule[] = [{ name: 'bulk-requests', window: 'day', scope: 'partner', limit: 100 }];
      const evening = Date.parse('2026-03-28T23:30:00+01:00');
      expect((await consumeLimits(store, quota, subject, 60, evening, paris)).allowed).toBe(true);
      const over = await consumeLimits(store, quota, subject, 41, evening, paris);
      expect(over).toMatchObject({ allowed: false, retryAfterSeconds: 30 * 60 });
      expect((await consumeLimits(store, quota, subject, 40, evening, paris)).allowed).toBe(true);
      // The spring DST day: local midnight is 23:00Z, and the next day's quota is whole again.
      expect((await consumeLimits(store, quota, subject, 100, Date.parse('2026-03-28T23:00:00Z'), paris)).allowed).toBe(true);
      await store.close();
    });

    it('keeps scopes apart: another application, another API, or the partner as a whole', async () => {
      const store = makeStore();
      const perApp: LimitRule[] = [{ name: 'hourly', window: 'hour', scope: 'application', limit: 2 }];
      const now = Date.parse('2026-11-23T10:00:00Z');
      await consumeLimits(store, perApp, subject, 2, now, paris);
      expect((await consumeLimits(store, perApp, { ...subject, apiId: 'other' }, 1, now, paris)).allowed).toBe(false);
      expect((await consumeLimits(store, perApp, { ...subject, applicationId: 'app-2' }, 1, now, paris)).allowed).toBe(true);
      const perPartner: LimitRule[] = [{ name: 'partner-hourly', window: 'hour', scope: 'partner', limit: 2 }];
      await consumeLimits(store, perPartner, subject, 2, now, paris);
      expect((await consumeLimits(store, perPartner, { ...subject, applicationId: 'app-2' }, 1, now, paris)).allowed).toBe(false);
      await store.close();
    });
  });
}

contract('in-memory', () => new MemoryCounterStore());

const haveRedis = redisAvailable();
describe.runIf(haveRedis)('Redis counters', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => redis?.stop());

  contract('Redis', () => new RedisCounterStore(redis.url));

  it('never lets two processes sharing one Redis through more calls than the limit', async () => {
    const startAt = String(Date.now() + 1500);
    const run = () =>
      new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, ['test/support/limit-worker.ts', redis.url, '150', '200', startAt], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.on('exit', (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`worker exited with ${code}`))));
      });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a + b).toBe(150);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
  });

  it('fails fast, not hangs, when Redis goes away', async () => {
    const own = await startRedis();
    const store = new RedisCounterStore(own.url);
    expect((await consumeLimits(store, q3q4, subject, 1, Date.now(), paris)).allowed).toBe(true);
    await own.stop();
    const started = Date.now();
    await expect(consumeLimits(store, q3q4, subject, 1, Date.now(), paris)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
    await store.close();
  });
});
