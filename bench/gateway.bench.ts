/**
 * The gateway's cost, in one run:
 *  1. the native 7-day load-curve route with the whole gateway on (identify,
 *     subscription, calendar, limits, durable audit) against the same route
 *     with the gateway off, at 8 then 50 connections; with in-memory
 *     counters, then with Redis counters when redis-server is installed;
 *  2. the gateway's cost per call on a trivial route, in microseconds
 *     (in-process requests, so HTTP parsing is the same on both sides).
 *   node bench/gateway.bench.ts [--points 200] [--days 60] [--seconds 4] [--rounds 3] [--connections N (default: 8, then 50)] [--breakdown]
 * --breakdown adds a diagnostic contender, never used for the goal: the
 * whole gateway with an audit writer that keeps nothing (what durability costs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createHub, type Hub } from '../src/hub.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openSqlite } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { createMetrics } from '../src/platform/metrics.ts';
import { createServer, type Server } from '../src/platform/http/server.ts';
import { listen } from '../src/platform/http/listen.ts';
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
import { Registry } from 'prom-client';
import { curveRows } from './curve-rows.ts';
import { compareRounds, type Contender } from './load.ts';
import { startRedisServer } from './redis.ts';
import { arg, benchPointIds, fmt, insertBenchPoints } from './support.ts';

const points = arg('points', 200);
const days = arg('days', 60);
const seconds = arg('seconds', 4);
const connectionLevels = process.argv.includes('--connections') ? [arg('connections', 8)] : [8, 50];
const zone = timeZone('Europe/Paris');
const lastDay = zone.dayOf(Date.now()) - 1;
const ids = benchPointIds(points);

const dir = mkdtempSync(path.join(tmpdir(), 'gridgate-gateway-bench-'));
const database = openSqlite(path.join(dir, 'bench.db'));
await migrateToLatest(database);
await insertBenchPoints(database, ids);
await readingsWriter(database).write(curveRows(zone, ids, lastDay, days).rows);

const paths = Array.from({ length: 2000 }, (_, i) => {
  const start = lastDay - days + 1 + ((i * 7919) % (days - 7));
  return `/api/v1/usage-points/${ids[(i * 31) % ids.length]}/series/consumption_load_curve?start=${formatIsoDate(start)}&end=${formatIsoDate(start + 7)}`;
});

async function gatewayOffServer(): Promise<Server> {
  const server = await createServer({ logger: pino({ level: 'silent' }), metrics: createMetrics(), publicUrl: 'http://127.0.0.1', version: 'bench' });
  const readings = new ReadingsService({ database, zone, clock: systemClock, maxRangeDays: 366 });
  await server.register(readingsRoutes({ readings, zone }), { prefix: '/api/v1' });
  return server;
}

/** Diagnostic: the hub's gateway and native routes with an audit that records nothing. */
async function noAuditServer(): Promise<Server> {
  const logger = pino({ level: 'silent' });
  const server = await createServer({ logger, metrics: createMetrics(), publicUrl: 'http://127.0.0.1', version: 'bench' });
  const noAudit = { append: async () => {} } as unknown as AuditWriter;
  const gateway = new Gateway({ database, zone, clock: systemClock, counters: new MemoryCounterStore(), audit: noAudit, registry: new Registry(), logger, tokens: new OAuthTokens(database, systemClock) });
  const readings = new ReadingsService({ database, zone, clock: systemClock, maxRangeDays: 366 });
  await server.register(async (api) => {
    const hooks = gatewayHooks(gateway, nativeDialect(zone));
    api.addHook('onRequest', hooks.onRequest);
    api.addHook('onSend', hooks.onSend);
    api.addHook('onError', hooks.onError);
    await api.register(readingsRoutes({ readings, zone }));
  }, { prefix: '/api/v1' });
  return server;
}

async function gatewayOnHub(redisUrl?: string): Promise<{ hub: Hub; key: string }> {
  const config = loadConfig({ GRIDGATE_HOME: dir, GRIDGATE_LOG_LEVEL: 'silent', ...(redisUrl ? { REDIS_URL: redisUrl } : {}) });
  const hub = await createHub(config, { database });
  const admin = new GatewayAdmin(database.db, Date.now);
  const suffix = redisUrl ? 'redis' : 'memory';
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
}

const rounds = arg('rounds', 3);
console.log(`gateway: native 7-day load curve, ${points} points x ${days} days, ${rounds} rounds of ${seconds} s, SQLite`);
// Calibration: what this machine serves when the answer costs nothing to build.
const off = await gatewayOffServer();
const offBase = await listen(off);
const prebuilt = await (await fetch(`${offBase}${paths[0]}`)).text();
const bare = (await import('fastify')).default();
bare.get('/*', async (_request, reply) => reply.type('application/json; charset=utf-8').send(prebuilt));
const bareBase = await listen(bare as unknown as Server);

const memory = await gatewayOnHub();
const memoryBase = await listen(memory.hub.server);
const redis = await startRedisServer();
const shared = redis ? await gatewayOnHub(redis.url) : undefined;
const contenders: Contender[] = [
  { name: 'gateway off', base: offBase },
  { name: 'gateway on, in-memory counters', base: memoryBase, headers: { authorization: `Bearer ${memory.key}` } },
  ...(process.argv.includes('--breakdown') ? [{ name: 'diagnostic: gateway on, no audit', base: await listen(await noAuditServer()), headers: { authorization: `Bearer ${memory.key}` } }] : []),
  ...(shared ? [{ name: 'gateway on, Redis counters', base: await listen(shared.hub.server), headers: { authorization: `Bearer ${shared.key}` } }] : []),
  { name: `bare Fastify, pre-built ${Math.round(prebuilt.length / 1024)} KiB body`, base: bareBase },
];
for (const connections of connectionLevels) {
  console.log(`  ${connections} connections (medians of the rounds; ratios are medians of the per-round ratios):`);
  for (const r of await compareRounds({ contenders, paths, connections, seconds, rounds })) {
    const ratio = r.name === 'gateway off' ? '' : `, ${fmt(r.ratio, 2)} x gateway-off throughput`;
    const bad = r.failures > 0 ? ` (${r.failures} errors or non-2xx!)` : '';
    console.log(`    ${r.name.padEnd(34)} ${fmt(r.rps, 0).padStart(7)} req/s, p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms${ratio}${bad}`);
  }
}
if (!redis) console.log('\n*** SKIPPED the Redis run: install redis-server to measure it ***\n');
await bare.close();
await off.close();
await shared?.hub.close();
await redis?.stop();

// The trivial route: the gateway's own cost per call.
const trivialOff = await createServer({ logger: pino({ level: 'silent' }), metrics: createMetrics(), publicUrl: 'http://127.0.0.1', version: 'bench' });
trivialOff.get('/api/v1/usage-points', async () => ({ ok: true }));
const trivialOn = await createServer({ logger: pino({ level: 'silent' }), metrics: createMetrics(), publicUrl: 'http://127.0.0.1', version: 'bench' });
await trivialOn.register(async (api) => {
  const hooks = gatewayHooks(memory.hub.gateway, nativeDialect(zone));
  api.addHook('onRequest', hooks.onRequest);
  api.addHook('onSend', hooks.onSend);
  api.addHook('onError', hooks.onError);
  api.get('/usage-points', { config: { operation: 'usage_points.list' } }, async () => ({ ok: true }));
}, { prefix: '/api/v1' });
async function perCall(server: Server, concurrency: number, calls: number): Promise<number> {
  const request = { method: 'GET' as const, url: '/api/v1/usage-points', headers: { authorization: `Bearer ${memory.key}` } };
  for (let i = 0; i < 200; i++) await server.inject(request);
  const started = process.hrtime.bigint();
  for (let done = 0; done < calls; done += concurrency) await Promise.all(Array.from({ length: concurrency }, () => server.inject(request)));
  return Number(process.hrtime.bigint() - started) / 1000 / calls;
}
for (const concurrency of [1, 32]) {
  const bare = await perCall(trivialOff, concurrency, 4000);
  const gated = await perCall(trivialOn, concurrency, 4000);
  console.log(`  trivial route, ${String(concurrency).padStart(2)} in flight:           ${fmt(bare, 1)} us/call bare, ${fmt(gated, 1)} us/call through the gateway: ${fmt(gated - bare, 1)} us of gateway per call`);
}
await memory.hub.close();
await database.close();
rmSync(dir, { recursive: true, force: true });
// Every figure is printed; end even if a client library keeps a timer alive.
process.exit(0);
