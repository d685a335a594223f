import { readFileSync } from 'node:fs';
import type { Config } from './platform/config.ts';
import { openDatabase, type Database } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { createMetrics, type Metrics } from './platform/metrics.ts';
import { createServer, type Server } from './platform/http/server.ts';
import { opsRoutes, testClockRoutes } from './platform/http/ops.routes.ts';
import { operatorKeyCheck } from './platform/http/api-key.ts';
import { clockFor, type Clock } from './platform/time/clock.ts';
import { timeZone, type TimeZone } from './platform/time/zone.ts';
import { usagePointRoutes } from './grid/usage-points.routes.ts';
import { readingsRoutes } from './metering/readings.routes.ts';
import { ReadingsService } from './metering/readings.service.ts';

/** The composition root: one hub process with its database, clock and channels. */
export interface Hub {
  config: Config;
  database: Database;
  clock: Clock;
  zone: TimeZone;
  logger: Logger;
  metrics: Metrics;
  server: Server;
  close(): Promise<void>;
}

export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export async function createHub(config: Config, options: { database?: Database; logger?: Logger; clock?: Clock; operatorApiKey?: string } = {}): Promise<Hub> {
  const logger = options.logger ?? createLogger(config);
  const database = options.database ?? openDatabase({ databaseUrl: config.databaseUrl, home: config.home });
  await migrateToLatest(database);
  const clock = options.clock ?? clockFor(config);
  const zone = timeZone(config.timeZone);
  const metrics = createMetrics();
  const server = await createServer({ logger, metrics, publicUrl: config.publicUrl, version: VERSION });

  await server.register(opsRoutes({ db: database.db, metrics }));
  if (config.testMode) await server.register(testClockRoutes(clock));

  const readings = new ReadingsService({ db: database.db, zone, clock, maxRangeDays: config.maxRangeDays });
  await server.register(
    async (api) => {
      api.addHook('onRequest', operatorKeyCheck(options.operatorApiKey ?? config.operatorApiKey));
      await api.register(usagePointRoutes({ db: database.db, zone, clock }));
      await api.register(readingsRoutes({ readings, zone }));
    },
    { prefix: '/api/v1' },
  );

  return {
    config,
    database,
    clock,
    zone,
    logger,
    metrics,
    server,
    close: async () => {
      await server.close();
      await database.close();
    },
  };
}
