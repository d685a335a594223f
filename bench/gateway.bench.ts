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
import pino from 'pino';
import { createMetrics } from '../src/platform/metrics.ts';
import { createServer, type Server } from '../src/platform/http/server.ts';
import { listen } from '../src/platform/http/listen.ts';
import { timeZone } from '../src/platform/time/zone.ts';
import { gatewayHooks } from '../src/gateway/gateway.fastify.ts';
import { nativeDialect } from '../src/gateway/native.dialect.ts';
import { gatewayBench } from './gateway-setup.ts';
import { compareRounds, type Contender } from './load.ts';
import { startRedisServer } from './redis.ts';
import { arg, fmt } from './support.ts';

const seconds = arg('seconds', 4);
const connectionLevels = process.argv.includes('--connections') ? [arg('connections', 8)] : [8, 50];
const zone = timeZone('Europe/Paris');
const points = arg('points', 200);
const days = arg('days', 60);
const world = await gatewayBench({ points, days });
const paths = world.paths;

const rounds = arg('rounds', 3);
console.log(`gateway: native 7-day load curve, ${points} points x ${days} days, ${rounds} rounds of ${seconds} s, SQLite`);
// Calibration: what this machine serves when the answer costs nothing to build.
const off = await world.gatewayOffServer();
const offBase = await listen(off);
const prebuilt = await (await fetch(`${offBase}${paths[0]}`)).text();
const bare = (await import('fastify')).default();
bare.get('/*', async (_request, reply) => reply.type('application/json; charset=utf-8').send(prebuilt));
const bareBase = await listen(bare as unknown as Server);

const memory = await world.gatewayOnHub();
const memoryBase = await listen(memory.hub.server);
const redis = await startRedisServer();
const shared = redis ? await world.gatewayOnHub(redis.url) : undefined;
const contenders: Contender[] = [
  { name: 'gateway off', base: offBase },
  { name: 'gateway on, in-memory counters', base: memoryBase, headers: { authorization: `Bearer ${memory.key}` } },
  ...(process.argv.includes('--breakdown') ? [{ name: 'diagnostic: gateway on, no audit', base: await listen(await world.noAuditServer()), headers: { authorization: `Bearer ${memory.key}` } }] : []),
  ...(shared ? [{ name: 'gateway on, Redis counters', base: await listen(shared.hub.server), headers: { authorization: `Bearer ${shared.key}` } }] : []),
  { name: `bare Fastify, pre-built ${Math.round(prebuilt.length / 1024)} KiB body`, base: bareBase },
];
for (const connections of connectionLevels) {
  console.log(`  ${connections} connections (medians of the rounds; ratios are medians of the per-round ratios):`);
  for (const r of await compareRounds({ contenders, paths, connections, seconds, rounds })) {
    const ratio = r.name === 'gateway off' ? '' : `, ${fmt(r.ratio, 2)} x gateway-off throughput`;
    const bad = r.failures > 0 ? ` (${r.failures} errors or non-2xx!)` : '';
    console.log(`    ${r.name.padEnd(34)} ${fmt(r.rps, 0).padStart(7)} req/s, p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms, main thread ${fmt(r.busyUs, 0)} us/req${ratio}${bad}`);
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
await world.close();
// Every figure is printed; end even if a client library keeps a timer alive.
process.exit(0);
