/**
 * Where the hub's main thread goes under Data Connect v5 load: a CPU profile
 * (inspector) of the hub during the load of bench/dataconnect.bench.ts,
 * samples grouped by what is on the stack, per request.
 *   node bench/dataconnect-profile.ts [--connections 8] [--seconds 8] [--pg] [--save file.cpuprofile]
 */
import { writeFileSync } from 'node:fs';
import { startDataConnectHub } from './dataconnect-setup.ts';
import { runLoad } from './load.ts';
import { printGroups, profiled, type ProfileGroups } from './profile.ts';
import { announceSkip, arg, fmt, freshPostgres, freshSqlite, PG_URL } from './support.ts';

const connections = arg('connections', 8);
const seconds = arg('seconds', 8);
const pg = process.argv.includes('--pg');
const saveIndex = process.argv.indexOf('--save');
if (pg && !PG_URL) {
  announceSkip('the PostgreSQL profile');
  process.exit(0);
}

/** First matching group wins, tested against the whole stack of a sample. */
const GROUPS: ProfileGroups = [
  ['audit group commit (on SQLite the fsync blocks the event loop)', (f) => f.url.includes('audit.writer') || f.functionName === 'sqliteTransaction'],
  ['SQL run through Kysely (every read on PostgreSQL)', (f) => f.url.includes('/kysely/')],
  ['pg driver', (f) => /\/(pg|pg-protocol|pg-pool)\//.test(f.url)],
  ['compiled SQLite reads (generation, token, consent, 7 day rows...)', (f) => f.url.includes('db/compiled.ts')],
  ['day rows decoded', (f) => f.url.includes('day-readings')],
  ['v5 body: JSON text of the curve slots', (f) => f.url.includes('dataconnect/metering/')],
  ['v5 handler: JSON.stringify and the rest of the handler', (f) => f.url.includes('dataconnect/metering.routes') || f.functionName === 'sendAnswer'],
  ['access checks (metering-access, grid, consents)', (f) => /metering-access|grid\.(store|reads)|consents\.ts/.test(f.url)],
  ['gateway: identify, admit, hooks, metrics', (f) => f.url.includes('/gateway/') || f.url.includes('tokens.ts') || f.url.includes('prom-client')],
  ['garbage collector', (f) => f.functionName === '(garbage collector)'],
  ['idle (waiting for the network, the disk or the database)', (f) => f.functionName === '(idle)'],
  ['HTTP, Fastify and the rest', () => true],
];

const dc = await startDataConnectHub(pg ? await freshPostgres(PG_URL!) : await freshSqlite(), 50);
const base = dc.base;
const headers = { authorization: `Bearer ${dc.token}` };
await runLoad({ base, paths: dc.paths, headers, connections, seconds: 2 });
const { profile, result: load } = await profiled(() => runLoad({ base, paths: dc.paths, headers, connections, seconds }));
if (saveIndex > 0) writeFileSync(process.argv[saveIndex + 1]!, JSON.stringify(profile));
console.log(`dataconnect profile, ${dc.hub.database.engine}, v5 pipeline, ${connections} connections, ${seconds} s: ${fmt(load.rps, 0)} req/s, p50 ${fmt(load.p50, 2)} ms, p99 ${fmt(load.p99, 2)} ms (profiler on)`);
printGroups(profile, load.total, GROUPS);
await dc.close();
process.exit(0);
