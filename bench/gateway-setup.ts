/**
 * The gateway benchmark's world, shared by bench/gateway.bench.ts and
 * bench/gateway-profile.ts: a SQLite database of bench points with curves,
 * the native 7-day load-curve paths, and the servers compared.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createHub, type Hub } from '../src/hub.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openSqlite, type Database } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { createMetrics } from '../src/platform/metrics.ts';
import { createServer, type Server } from '../src/platform/http/server.ts';
import { formatIsoDate } from '../src/platform/time/local-day.ts';
import { systemClock } from '../src/platform/time/clock.ts';
import { timeZone } from '../src/platform/time/zone.ts';
import { readingsRoutes } from '../src/metering/readings.routes.ts';
import { ReadingsService } from '../src/metering/readings.service.ts';
import { readingsWriter } from '../src/metering/readings-writer.ts';
import { GatewayAdmin } from '../src/gateway/admin.service.ts';
import { gatewayHooks } from '../src/gateway/gateway.fastify.ts';
import { nativeDialect } from '../src/gateway/native.dialect.ts';
import { Gateway } from '../src/gateway/gateway.ts';
import type { AuditWriter } from '../src/gateway/audit.writer.ts';
import { MemoryCounterStore } from '../src/gateway/counters.memory.ts';
import { OAuthTokens } from '../src/consent/tokens.ts';
import { curveRows } from './curve-rows.ts';
import { benchPointIds, insertBenchPoints } from './support.ts';

export interface GatewayBench {
  database: Database;
  dir: string;
  /** 2,000 native 7-day load-curve paths over random points and weeks. */
  paths: string[];
  /** The native routes alone. */
  gatewayOffServer(): Promise<Server>;
  /** Diagnostic: the hub's gateway and native routes with an audit that records nothing. */
  noAuditServer(): Promise<Server>;
  /** The whole hub, with a production application subscribed to the native API under limits never reached. */
  gatewayOnHub(redisUrl?: string, name?: string): Promise<{ hub: Hub; key: string }>;
  close(): Promise<void>;
}

export async function gatewayBench(options: { points: number; days: number }): Promise<GatewayBench> {
  const zone = timeZone('Europe/Paris');
  const lastDay = zone.dayOf(Date.now()) - 1;
  const ids = benchPointIds(options.points);
  const dir = mkdtempSync(path.join(tmpdir(), 'gridgate-gateway-bench-'));
  const database = openSqlite(path.join(dir, 'bench.db'));
  await migrateToLatest(database);
  await insertBenchPoints(database, ids);
  await readingsWriter(database).write(curveRows(zone, ids, lastDay, options.days).rows);
  const paths = Array.from({ length: 2000 }, (_, i) => {
    const start = lastDay - options.days + 1 + ((i * 7919) % (options.days - 7));
    return `/api/v1/usage-points/${ids[(i * 31) % ids.length]}/series/consumption_load_curve?start=${formatIsoDate(start)}&end=${formatIsoDate(start + 7)}`;
  });
  const silentServer = () => createServer({ logger: pino({ level: 'silent' }), metrics: createMetrics(), publicUrl: 'http://127.0.0.1', version: 'bench' });
  const readings = () => new ReadingsService({ database, zone, clock: systemClock, maxRangeDays: 366 });

  return {
    database,
    dir,
    paths,
    async gatewayOffServer() {
      const server = await silentServer();
      await server.register(readingsRoutes({ readings: readings(), zone }), { prefix: '/api/v1' });
      return server;
    },
    async noAuditServer() {
      const logger = pino({ level: 'silent' });
      const server = await silentServer();
      const noAudit = { append: async () => {} } as unknown as AuditWriter;
      const gateway = new Gateway({ database, zone, clock: systemClock, counters: new MemoryCounterStore(), audit: noAudit, registry: new Registry(), logger, tokens: new OAuthTokens(database, systemClock) });
      await server.register(async (api) => {
        const hooks = gatewayHooks(gateway, nativeDialect(zone));
        api.addHook('onRequest', hooks.onRequest);
        api.addHook('onSend', hooks.onSend);
        api.addHook('onError', hooks.onError);
        await api.register(readingsRoutes({ readings: readings(), zone }));
      }, { prefix: '/api/v1' });
      return server;
    },
    async gatewayOnHub(redisUrl, name) {
      const config = loadConfig({ GRIDGATE_HOME: dir, GRIDGATE_LOG_LEVEL: 'silent', ...(redisUrl ? { REDIS_URL: redisUrl } : {}) });
      const hub = await createHub(config, { database });
      const admin = new GatewayAdmin(database.db, Date.now);
      const suffix = name ?? (redisUrl ? 'redis' : 'memory');
      await admin.createPartner({ id: `bench-${suffix}`, role: 'service_provider', name: 'Bench', legalId: '12345678900012' });
      await admin.createApplication({ id: `bench-app-${suffix}`, partnerId: `bench-${suffix}`, name: 'Bench', stage: 'production' });
      await admin.createPlan({
        id: `bench-plan-${suffix}`, name: 'Bench: limits counted, never reached', monthlyFeeCents: 0, pricePerThousandCallsCents: 0, includedCalls: 0,
        limits: [
          { name: 'per-second', window: 'second', scope: 'application_api', limit: 1e9 },
          { name: 'per-hour', window: 'hour', scope: 'application_api', limit: 1e9 },
          { name: 'per-day', window: 'day', scope: 'partner', limit: 1e9 },
        ],
      });
      await admin.subscribe(`bench-app-${suffix}`, 'native-v1', `bench-plan-${suffix}`);
      const key = (await admin.createCredential({ applicationId: `bench-app-${suffix}`, kind: 'api_key' })).secret!;
      return { hub, key };
    },
    async close() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
