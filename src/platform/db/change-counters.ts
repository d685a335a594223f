import { compileOnce } from './compiled.ts';
import type { Database } from './database.ts';

export type CounterName = 'gateway' | 'grid' | 'consents' | 'tokens';

/** Remembered answers per counter, at most this many, so that keys sprayed at the hub cannot grow memory without bound. */
const MAX_REMEMBERED = 10_000;

/**
 * What may be kept in memory between calls: answers read from tables that
 * change rarely, each set dropped as soon as its counter (moved by triggers,
 * whoever writes: migration 0009) has moved. `refresh` reads every counter
 * in one small query; the gateway calls it once at the start of each call,
 * so that a change made by any process counts from the next call.
 */
export class ChangeCounters {
  private readonly read: () => Promise<{ name: string; value: number | string }[]>;
  private readonly values = new Map<string, number>();
  private readonly memos = new Map<string, Map<string, unknown>>();

  constructor(database: Database) {
    this.read = compileOnce(database, () => database.db.selectFrom('changeCounters').select(['name', 'value']));
  }

  /** Reads the counters; drops what was remembered under those that moved. */
  async refresh(): Promise<void> {
    for (const row of await this.read()) {
      const value = Number(row.value);
      if (this.values.get(row.name) !== value) {
        this.memos.get(row.name)?.clear();
        this.values.set(row.name, value);
      }
    }
  }

  value(name: CounterName): number {
    return this.values.get(name) ?? -1;
  }

  /** The answer remembered under this counter and key, or `read` (remembered if the counter did not move meanwhile). */
  async remember<T>(name: CounterName, key: string, read: () => Promise<T>): Promise<T> {
    let memo = this.memos.get(name);
    if (!memo) this.memos.set(name, (memo = new Map()));
    if (memo.has(key)) return memo.get(key) as T;
    const before = this.value(name);
    const value = await read();
    if (memo.size >= MAX_REMEMBERED) memo.clear();
    // A refresh that saw the counter move while this read ran must not keep an older answer.
    if (before === this.value(name) && before >= 0) memo.set(key, value);
    return value;
  }
}
