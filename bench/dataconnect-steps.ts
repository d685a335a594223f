/**
 * Where a Data Connect v5 7-day load-curve call spends its time, step by
 * step, one call at a time, on the hub of bench/dataconnect.bench.ts:
 *   node bench/dataconnect-steps.ts [--points 50] [--calls 3000] [--pg]
 * (--pg: on PostgreSQL, with GRIDGATE_BENCH_PG_URL or GRIDGATE_TEST_PG_URL).
 */
import Fastify from 'fastify';
import { Consents } from '../src/consent/consents.ts';
import { OAuthTokens } from '../src/consent/tokens.ts';
import { MeteringAccess, V5_NAMES } from '../src/dataconnect/metering-access.ts';
import { renderV5 } from '../src/dataconnect/metering/v5.ts';
import { hasNoValue, type MeteringAnswer } from '../src/dataconnect/metering/request.ts';
import { GridReads } from '../src/grid/grid.reads.ts';
import { ReadingsStore } from '../src/metering/readings.store.ts';
import { S } from '../src/metering/series.ts';
import { formatIsoDate } from '../src/platform/time/local-day.ts';
import { DC_END, DC_START, startDataConnectHub } from './dataconnect-setup.ts';
import { announceSkip, arg, fmt, freshPostgres, freshSqlite, PG_URL } from './support.ts';

const points = arg('points', 50);
const calls = arg('calls', 3000);
const pg = process.argv.includes('--pg');
if (pg && !PG_URL) {
  announceSkip('the PostgreSQL steps');
  process.exit(0);
}
const dc = await startDataConnectHub(pg ? await freshPostgres(PG_URL!) : await freshSqlite(), points);
const { hub, ids, identity, token } = dc;
const series = S.consumption_load_curve;
const grid = new GridReads(hub.database);
const readings = new ReadingsStore(hub.database);
const consents = new Consents(hub.database, hub.clock);
const tokens = new OAuthTokens(hub.database, hub.clock);
const access = new MeteringAccess({ database: hub.database, zone: hub.zone, clock: hub.clock, consents });
const request = (i: number) => ({ usagePointId: ids[i % ids.length], start: formatIsoDate(DC_START), end: formatIsoDate(DC_END) });
const answerOf = async (i: number): Promise<MeteringAnswer> => {
  const allowed = await access.read(identity, series, request(i), V5_NAMES);
  return { usagePointId: allowed.point.id, series, startDay: allowed.startDay, endDay: allowed.endDay, days: allowed.days, zone: hub.zone };
};
const answers = await Promise.all(ids.map((_, i) => answerOf(i)));
const auth = { authorization: `Bearer ${token}` };
const record = (i: number) =>
  hub.gateway.record({ identity, channel: 'rest', apiId: 'dataconnect-v5', operation: 'metering_data_clc', usagePoints: [ids[i % ids.length]!], basis: 'consent:1', outcome: 'ok', status: 200, durationUs: 1000 });


async function step(name: string, run: (i: number) => unknown, n = calls): Promise<number> {
  for (let i = 0; i < Math.min(300, n); i++) await run(i);
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await run(i);
  const us = Number(process.hrtime.bigint() - started) / 1000 / n;
  console.log(`  ${name.padEnd(56)} ${fmt(us, 1).padStart(7)} us`);
  return us;
}

console.log(`dataconnect steps, ${hub.database.engine}, one call at a time, ${points} points, 336-item week`);
await step('token check (hash + lookup)', () => tokens.verify(token));
await step('identify (access token)', () => hub.gateway.identify({ kind: 'access_token', token }));
await step('admit (subscription, calendar, 3 limits)', () => hub.gateway.admit(identity, { apiId: 'dataconnect-v5', operation: 'metering_data_clc' }));
await step('usage point by id (compiled)', (i) => grid.usagePoint(ids[i % ids.length]!));
await step('contracts of the point (compiled)', (i) => grid.contractsOf(ids[i % ids.length]!));
await step('live consents (compiled)', (i) => consents.liveOn(identity.applicationId, ids[i % ids.length]!));
await step('7 day rows, decoded (compiled)', (i) => readings.readDays(ids[i % ids.length]!, series.id, DC_START, DC_END));
await step('access.read: checks + all of the above', (i) => access.read(identity, series, request(i), V5_NAMES));
await step('hasNoValue', (i) => hasNoValue(answers[i % answers.length]!));
await step('renderV5: the JSON text of 336 items, one pass', (i) => renderV5(answers[i % answers.length]!));
await step('record: durable audit, 1 in flight', record, Math.min(calls, 1000));
for (const inFlight of [8, 50]) {
  const rounds = Math.max(20, Math.floor(calls / inFlight / 2));
  const started = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) await Promise.all(Array.from({ length: inFlight }, (_, i) => record(i)));
  console.log(`  ${`record: ${inFlight} in flight, per call`.padEnd(56)} ${fmt(Number(process.hrtime.bigint() - started) / 1000 / (rounds * inFlight), 1).padStart(7)} us`);
}
const inject = (i: number) => hub.server.inject({ method: 'GET', url: dc.paths[i % dc.paths.length]!, headers: auth });
const check = await inject(0);
if (check.statusCode !== 200) throw new Error(`inject answered ${check.statusCode}`);
const bare = Fastify();
bare.get('/*', async (_request, reply) => reply.type(check.headers['content-type'] as string).send(check.body));
await step('baseline: inject of a bare route, same body pre-built', (i) => bare.inject({ method: 'GET', url: dc.paths[i % dc.paths.length]!, headers: auth }), Math.min(calls, 2000));
await step('whole call in process (inject: Fastify + hooks + handler)', inject, Math.min(calls, 2000));
await dc.close();
process.exit(0);
