import { startRedis, type TestRedis } from '../test/support/redis-server.ts';

/** A private redis-server for a benchmark, or undefined when redis-server is not installed. */
export async function startRedisServer(): Promise<TestRedis | undefined> {
  try {
    return await startRedis();
  } catch {
    return undefined;
  }
}
