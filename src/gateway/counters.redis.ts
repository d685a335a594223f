import { Redis } from 'ioredis';
import type { ConsumeResult, CounterRequest, CounterStore } from './limits.ts';

/**
 * All-or-nothing check and increment over several counters, atomic in Redis.
 * KEYS: the counters. ARGV: cost, then limit and time to live (ms) per key.
 * Returns {allowed (1/0), exceeded index (1-based, 0 if none), count per key}.
 */
const CONSUME = `
local cost = tonumber(ARGV[1])
local counts = {}
for i, key in ipairs(KEYS) do counts[i] = tonumber(redis.call('GET', key) or '0') end
for i = 1, #KEYS do
  if counts[i] + cost > tonumber(ARGV[2 * i]) then
    local out = {0, i}
    for j = 1, #KEYS do out[j + 2] = counts[j] end
    return out
  end
end
local out = {1, 0}
for i, key in ipairs(KEYS) do
  out[i + 2] = redis.call('INCRBY', key, cost)
  redis.call('PEXPIRE', key, tonumber(ARGV[2 * i + 1]))
end
return out
`;

/** Counters shared by every Gridgate process that points at the same Redis. */
export class RedisCounterStore implements CounterStore {
  private readonly redis: Redis;

  constructor(url: string) {
    // Fail fast when Redis is away: the gateway decides what a call does then, not a queue.
    this.redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 500, retryStrategy: (times) => Math.min(times * 200, 2000) });
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('gridgateConsume', { lua: CONSUME });
    this.redis.connect().catch(() => undefined);
  }

  /** Waits up to 500 ms for a connection being made; refuses at once when there is none. */
  private async connected(): Promise<void> {
    if (this.redis.status === 'ready') return;
    if (this.redis.status !== 'connecting' && this.redis.status !== 'connect') throw new Error(`Redis is not reachable (${this.redis.status})`);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.redis.off('ready', onReady);
        reject(new Error('Redis did not answer within 500 ms'));
      }, 500);
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      this.redis.once('ready', onReady);
    });
  }

  async consume(requests: CounterRequest[], cost: number, now: number): Promise<ConsumeResult> {
    await this.connected();
    const args: (string | number)[] = [requests.length, ...requests.map((r) => r.key), cost];
    // The window is named from the injected clock; the time to live only cleans up, a minute after the window ends.
    for (const r of requests) args.push(r.limit, Math.max(r.expiresAt - now, 0) + 60_000);
    const raw = (await (this.redis as unknown as { gridgateConsume(...a: (string | number)[]): Promise<number[]> }).gridgateConsume(...args)).map(Number);
    const counts = raw.slice(2);
    return raw[0] === 1 ? { allowed: true, counts } : { allowed: false, exceeded: raw[1] - 1, counts };
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
