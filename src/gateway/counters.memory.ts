import type { ConsumeResult, CounterRequest, CounterStore } from './limits.ts';

/** Counters of one process. Exact for a single process; use Redis for several. */
export class MemoryCounterStore implements CounterStore {
  private readonly counters = new Map<string, { count: number; expiresAt: number }>();
  private lastSweep = 0;

  async consume(requests: CounterRequest[], cost: number, now: number): Promise<ConsumeResult> {
    return this.consumeNow(requests, cost, now);
  }

  consumeNow(requests: CounterRequest[], cost: number, now: number): ConsumeResult {
    this.sweep(now);
    const counts = requests.map((r) => {
      const entry = this.counters.get(r.key);
      return entry && entry.expiresAt > now ? entry.count : 0;
    });
    for (let i = 0; i < requests.length; i++) {
      if (counts[i] + cost > requests[i].limit) return { allowed: false, exceeded: i, counts };
    }
    requests.forEach((r, i) => {
      counts[i] += cost;
      this.counters.set(r.key, { count: counts[i], expiresAt: r.expiresAt });
    });
    return { allowed: true, counts };
  }

  async close(): Promise<void> {
    this.counters.clear();
  }

  /** Drops ended windows once a minute, so memory follows the live windows only. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, entry] of this.counters) if (entry.expiresAt <= now) this.counters.delete(key);
  }
}
