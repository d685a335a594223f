import { spawnSync } from 'node:child_process';
import { skipLoudly } from './engines.ts';

export { freePort, startRedis, type TestRedis } from './redis-server.ts';

export function redisAvailable(): boolean {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0;
  if (!found) skipLoudly('Redis', 'install redis-server (apt-get install redis-server) to run the shared-counter tests');
  return found;
}

