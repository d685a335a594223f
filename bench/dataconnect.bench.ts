/**
 * Data Connect v5, in one run per engine: the 7-day load curve
 * (`/metering_data_clc/v5/consumption_load_curve`, 336 half-hours) through
 * the whole pipeline (access token check, subscription, calendar, limits
 * raised but counted, consent and contract check, store read, v5 JSON,
 * durable audit record before the answer) against a bare Fastify route that
 * sends the same body pre-built, at 8 and 50 connections, rounds interleaved,
 * the usage point changing from one request to the next.
 *   node bench/dataconnect.bench.ts [--points 50] [--seconds 5] [--rounds 4] [--breakdown]
 * --breakdown adds contenders that are never used for the goals: the same
 * channel with no audit record at all, and the v5 handler alone with no
 * gateway. Step by step: bench/dataconnect-steps.ts.
 * Goals: >= 0.5 x the bare route's throughput on SQLite, and a p99 at
 * 8 connections <= 2 x the bare route's p99 in the same run.
 */
import { loadavg } from 'node:os';
import Fastify from 'fastify';
import pino from 'pino';
import { Registry } from 'prom-client';
import { Consents } from '../src/consent/consents.ts';
import { OAuthTokens } from '../src/consent/tokens.ts';
import { dataConnectChannel } from '../src/dataconnect/dataconnect.channel.ts';
import { MeteringAccess } from '../src/dataconnect/metering-access.ts';
import { v5MeteringRoutes } from '../src/dataconnect/metering.routes.ts';
import type { AuditWriter } from '../src/gateway/audit.writer.ts';
import { MemoryCounterStore } from '../src/gateway/counters.memory.ts';
import { Gateway, type Identity } from '../src/gateway/gateway.ts';
import type { Hub } from '../src/hub.ts';
import type { Database } from '../src/platform/db/database.ts';
import { listen } from '../src/platform/http/listen.ts';
import { createServer, type Server } from '../src/platform/http/server.ts';
import { createMetrics } from '../src/platform/metrics.ts';
import { startDataConnectHub } from './dataconnect-setup.ts';
import { compareRounds, type Contender, type ContenderResult } from './load.ts';
import { announceSkip, arg, fmt, freshPostgres, freshSqlite, PG_URL, type BenchDatabase } from './support.ts';

const points = arg('points', 50);
const seconds = arg('seconds', 5);
const rounds = arg('rounds', 4);
const breakdown = process.argv.includes('--breakdown');
const connectionLevels = [8, 50];
const GOAL_THROUGHPUT = 0.5;
const GOAL_P99 = 2;

/** Diagnostic: the same channel with a gateway that writes no audit record (what the audit costs). */
async function noAuditServer(hub: Hub): Promise<Server> {
  const logger = pino({ level: 'silent' });
  const server = await createServer({ logger, metrics: createMetrics(), publicUrl: 'http://127.0.0.1', version: 'bench' });
  const noAudit = { append: async () => {} } as unknown as AuditWriter;
  const tokens = new OAuthTokens(hub.database, hub.clock);
  const gateway = new Gateway({ database: hub.database, zone: hub.zone, clock: hub.clock, counters: new MemoryCounterStore(), audit: noAudit, registry: new Registry(), logger, tokens });
  await server.register(dataConnectChannel({ database: hub.database, gateway, tokens, consents: new Consents(hub.database, hub.clock), zone: hub.zone, clock: hub.clock }));
  return server;
}

/** Diagnostic: the v5 handler alone (consent, contract, store, JSON) with the caller's identity set, no gateway. */
async function gatewayOffServer(hub: Hub, identity: Identity): Promise<Server> {
  const server = await createServer({ logger: pino({ level: 'silent' }), metrics: createMetrics(), publicUrl: 'http://127.0.0.1', version: 'bench' });
  const access = new MeteringAccess({ database: hub.database, zone: hub.zone, clock: hub.clock, consents: new Consents(hub.database, hub.clock) });
  await server.register(async (api) => {
    api.addHook('onRequest', async (request) => {
      request.call = { startedAt: 0n, identity, attribution: undefined, admission: undefined, apiId: 'dataconnect-v5', operation: 'metering_data_clc', usagePoints: [], basis: null, outcome: undefined };
    });
    await api.register(v5MeteringRoutes({ access, zone: hub.zone }));
  });
  return server;
}

async function durability(database: Database): Promise<string> {
  if (database.sqlite) return `journal_mode=${String(database.sqlite.pragma('journal_mode', { simple: true }))}, synchronous=${['OFF', 'NORMAL', 'FULL', 'EXTRA'][Number(database.sqlite.pragma('synchronous', { simple: true }))]}`;
  const setting = async (name: string) => ((await database.pool!.query(`show ${name}`)).rows[0] as Record<string, string>)[name];
  return `synchronous_commit=${await setting('synchronous_commit')}, fsync=${await setting('fsync')}`;
}

async function auditCount(database: Database): Promise<number> {
  return Number((await database.db.selectFrom('auditRecords').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

async function bench(engine: string, target: BenchDatabase): Promise<void> {
  const dc = await startDataConnectHub(target, points);
  const { hub } = dc;
  const auth = { authorization: `Bearer ${dc.token}` };

  // One call checked by hand: 200 with 336 half-hours; its body becomes the bare route's.
  const check = await fetch(`${dc.base}${dc.paths[0]}`, { headers: auth });
  const prebuilt = await check.text();
  const items = check.status === 200 ? (JSON.parse(prebuilt) as { meter_reading: { interval_reading: unknown[] } }).meter_reading.interval_reading.length : 0;
  if (check.status !== 200 || items !== 336) throw new Error(`v5 load curve answered ${check.status} with ${items} items: ${prebuilt.slice(0, 300)}`);
  const contentType = check.headers.get('content-type')!;
  const auditBefore = await auditCount(hub.database);

  const bare = Fastify();
  bare.get('/*', async (_request, reply) => reply.type(contentType).send(prebuilt));
  const bareBase = await listen(bare as unknown as Server);
  const diagnostics: Server[] = [];
  const contenders: Contender[] = [
    { name: `bare Fastify, pre-built ${fmt(prebuilt.length / 1024, 1)} KiB body`, base: bareBase },
    { name: 'v5 pipeline (token, consent, limits, audit)', base: dc.base, headers: auth },
  ];
  if (breakdown) {
    const noAudit = await noAuditServer(hub);
    const off = await gatewayOffServer(hub, dc.identity);
    diagnostics.push(noAudit, off);
    contenders.push(
      { name: 'diagnostic: no audit record', base: await listen(noAudit), headers: auth },
      { name: 'diagnostic: v5 handler alone, no gateway', base: await listen(off) },
    );
  }

  console.log(`${engine} (${await durability(hub.database)}): v5 7-day load curve, 336 items, ${points} usage points in turn; ${rounds} rounds of ${seconds} s, contenders interleaved`);
  const results = new Map<number, ContenderResult[]>();
  for (const connections of connectionLevels) {
    const measured = await compareRounds({ contenders, paths: dc.paths, connections, seconds, rounds });
    results.set(connections, measured);
    console.log(`  ${connections} connections: medians of the rounds; ratios are medians of the per-round ratios to the bare route`);
    for (const r of measured) {
      const ratios = r === measured[0] ? '' : `: ${fmt(r.ratio, 2)} x bare throughput, p99 ${fmt(r.p99Ratio, 2)} x bare`;
      const bad = r.failures > 0 ? ` (${r.failures} errors or non-2xx!)` : '';
      console.log(`    ${r.name.padEnd(46)} ${fmt(r.rps, 0).padStart(7)} req/s, p50 ${fmt(r.p50, 2)} ms, p99 ${fmt(r.p99, 2)} ms${ratios}${bad}`);
    }
    console.log(`    req/s by round: ${measured.map((r, i) => `#${i + 1} ${r.rounds.map((x) => fmt(x.rps, 0)).join(' / ')}`).join('; ')}`);
  }
  const audited = (await auditCount(hub.database)) - auditBefore;
  const [bare8, pipe8] = results.get(8)!;
  const pipe50 = results.get(50)![1]!;
  const note = engine === 'sqlite' ? '' : ' (goal set for SQLite; reported for comparison)';
  console.log(`  goals, ${engine}:`);
  console.log(`    throughput >= ${GOAL_THROUGHPUT} x bare: ${fmt(pipe8!.ratio, 2)} x at 8 connections, ${fmt(pipe50.ratio, 2)} x at 50: ${verdict(Math.min(pipe8!.ratio, pipe50.ratio) >= GOAL_THROUGHPUT)}${note}`);
  console.log(`    p99 at 8 connections <= ${GOAL_P99} x bare: ${fmt(pipe8!.p99, 2)} ms against ${fmt(bare8!.p99, 2)} ms, ${fmt(pipe8!.p99Ratio, 2)} x: ${verdict(pipe8!.p99Ratio <= GOAL_P99)}`);
  console.log(`    durable audit records committed during the load (every call through the hub's gateway): ${audited.toLocaleString('en-US')}`);

  await bare.close();
  for (const server of diagnostics) await server.close();
  await dc.close();
}

console.log(`dataconnect: node ${process.version}, load average ${loadavg().map((l) => fmt(l, 2)).join(' ')} at start`);
await bench('sqlite', await freshSqlite());
if (PG_URL) await bench('postgres', await freshPostgres(PG_URL));
else announceSkip('the Data Connect benchmark on PostgreSQL');
// Every figure is printed; end even if a client library keeps a timer alive.
process.exit(0);
