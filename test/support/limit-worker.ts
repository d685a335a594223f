/**
 * A separate process hammering one shared limit through Redis:
 *   node test/support/limit-worker.ts <redis url> <limit> <attempts> <start at, ms since epoch>
 * Waits for the common start instant, then prints how many calls were let through.
 */
import { RedisCounterStore } from '../../src/gateway/counters.redis.ts';
import { consumeLimits } from '../../src/gateway/limits.ts';
import { timeZone } from '../../src/platform/time/zone.ts';

const [url, limit, attempts, startAt] = process.argv.slice(2);
const store = new RedisCounterStore(url);
const zone = timeZone('Europe/Paris');
const rules = [{ name: 'daily', window: 'day' as const, scope: 'partner' as const, limit: Number(limit) }];
let allowed = 0;
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
await Promise.all(
  Array.from({ length: 8 }, async () => {
    for (let i = 0; i < Number(attempts) / 8; i++) {
      const decision = await consumeLimits(store, rules, { partnerId: 'p1', applicationId: 'a1', apiId: 'x' }, 1, Date.now(), zone);
      if (decision.allowed) allowed++;
    }
  }),
);
await store.close();
process.stdout.write(String(allowed));
