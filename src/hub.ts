import { readFileSync } from 'node:fs';
import type { Config } from './platform/config.ts';
import { openDatabase, type Database } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { createMetrics, type Metrics } from './platform/metrics.ts';
import { createServer, type Server } from './platform/http/server.ts';
import { opsRoutes, testClockRoutes } from './platform/http/ops.routes.ts';
import { nativeDialect } from './gateway/native.dialect.ts';
import { clockFor, type Clock } from './platform/time/clock.ts';
import { timeZone, type TimeZone } from './platform/time/zone.ts';
import { usagePointRoutes } from './grid/usage-points.routes.ts';
import { readingsRoutes } from './metering/readings.routes.ts';
import { ReadingsService } from './metering/readings.service.ts';
import { AuditWriter } from './gateway/audit.writer.ts';
import { bootstrapGateway } from './gateway/bootstrap.ts';
import { MemoryCounterStore } from './gateway/counters.memory.ts';
import { RedisCounterStore } from './gateway/counters.redis.ts';
import { Gateway } from './gateway/gateway.ts';
import { gatewayHooks } from './gateway/gateway.fastify.ts';
import type { CounterStore } from './gateway/limits.ts';
import { adminRoutes } from './gateway/admin.routes.ts';
import { OAuthTokens } from './consent/tokens.ts';
import { Consents } from './consent/consents.ts';
import { ChangeCounters } from './platform/db/change-counters.ts';
import { dataConnectChannel } from './dataconnect/dataconnect.channel.ts';
import { consentChannel } from './consent/consent.channel.ts';

/** The composition root: one hub process with its database, clock and channels. */
export interface Hub {
  config: Config;
  database: Database;
  clock: Clock;
  zone: TimeZone;
  logger: Logger;
  metrics: Metrics;
  gateway: Gateway;
  server: Server;
  close(): Promise<void>;
}

export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export async function createHub(config: Config, options: { database?: Database; logger?: Logger; clock?: Clock; operatorApiKey?: string } = {}): Promise<Hub> {
  const logger = options.logger ?? createLogger(config);
  const database = options.database ?? openDatabase({ databaseUrl: config.databaseUrl, home: config.home });
  // A database handed in was prepared by the caller (start migrates before deciding on demo data).
  if (!options.database) await migrateToLatest(database);
  const clock = options.clock ?? clockFor(config);
  const zone = timeZone(config.timeZone);
  const metrics = createMetrics();
  const server = await createServer({ logger, metrics, publicUrl: config.publicUrl, version: VERSION });

  await server.register(opsRoutes({ db: database.db, metrics }));
  if (config.testMode) await server.register(testClockRoutes(clock));

  await bootstrapGateway(database.db, () => clock.now(), options.operatorApiKey ?? config.operatorApiKey);
  const counters: CounterStore = config.redisUrl ? new RedisCounterStore(config.redisUrl) : new MemoryCounterStore();
  const audit = new AuditWriter(database, zone);
  // What may be kept in memory between calls, dropped when the counters move; the gateway refreshes them at the start of each call.
  const changes = new ChangeCounters(database);
  const tokens = new OAuthTokens(database, clock, changes);
  const gateway = new Gateway({ database, zone, clock, counters, audit, registry: metrics.registry, logger, tokens, changes });

  const readings = new ReadingsService({ database, zone, clock, maxRangeDays: config.maxRangeDays });
  await server.register(
    async (api) => {
      const hooks = gatewayHooks(gateway, nativeDialect(zone));
      api.addHook('onRequest', hooks.onRequest);
      api.addHook('onSend', hooks.onSend);
      api.addHook('onError', hooks.onError);
      await api.register(usagePointRoutes({ database, zone, clock }));
      await api.register(readingsRoutes({ readings, zone }));
    },
    { prefix: '/api/v1' },
  );
  // Data Connect: the paths of Enedis's gateway, from the root.
  const consents = new Consents(database, clock, changes);
  await server.register(dataConnectChannel({ database, gateway, tokens, consents, zone, clock, settings: config.dataConnect, changes }));
  await server.register(consentChannel({ database, gateway, consents, zone, clock, publicUrl: config.publicUrl }));
  await server.register(adminRoutes({ db: database.db, clock, zone, gateway }), { prefix: '/admin/v1' });

  return {
    config,
    database,
    clock,
    zone,
    logger,
    metrics,
    gateway,
    server,
    close: async () => {
      await server.close();
      await audit.close();
      await counters.close();
      // A database handed in by the caller is the caller's to close.
      if (!options.database) await database.close();
    },
  };
}
