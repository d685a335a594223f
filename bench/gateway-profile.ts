/**
 * Where the hub's main thread goes under the gateway benchmark's load (the
 * native 7-day load curve, gateway on, in-memory counters): a CPU profile of
 * the hub, samples grouped by what is on the stack, per request.
 * --off profiles the same route with the gateway off, for comparison.
 *   node bench/gateway-profile.ts [--connections 8] [--seconds 8] [--off] [--save file.cpuprofile]
 */
import { writeFileSync } from 'node:fs';
import { listen } from '../src/platform/http/listen.ts';
import { gatewayBench } from './gateway-setup.ts';
import { runLoad } from './load.ts';
import { printGroups, profiled, type ProfileGroups } from './profile.ts';
import { arg, fmt } from './support.ts';

const connections = arg('connections', 8);
const seconds = arg('seconds', 8);
const saveIndex = process.argv.indexOf('--save');

const GROUPS: ProfileGroups = [
  ['audit: records, hash chain, group commit', (f) => f.url.includes('/gateway/audit')],
  ['gateway: identify, admit, hooks, metrics', (f) => f.url.includes('/gateway/') || f.url.includes('prom-client')],
  ['7 day rows read and decoded', (f) => f.url.includes('db/compiled.ts') || f.url.includes('day-readings') || f.url.includes('readings.store')],
  ['native answer: checks and JSON text', (f) => f.url.includes('/metering/')],
  ['garbage collector', (f) => f.functionName === '(garbage collector)'],
  ['idle', (f) => f.functionName === '(idle)'],
  ['HTTP, Fastify and the rest', () => true],
];

const world = await gatewayBench({ points: 200, days: 60 });
const off = process.argv.includes('--off');
const { hub, key } = await world.gatewayOnHub();
const base = await listen(off ? await world.gatewayOffServer() : hub.server);
const headers: Record<string, string> = off ? {} : { authorization: `Bearer ${key}` };
await runLoad({ base, paths: world.paths, headers, connections, seconds: 2 });
const { profile, result: load } = await profiled(() => runLoad({ base, paths: world.paths, headers, connections, seconds }));
if (saveIndex > 0) writeFileSync(process.argv[saveIndex + 1]!, JSON.stringify(profile));
console.log(`gateway profile, native 7-day load curve, gateway ${off ? 'off' : 'on'}, ${connections} connections, ${seconds} s: ${fmt(load.rps, 0)} req/s, p50 ${fmt(load.p50, 2)} ms, p99 ${fmt(load.p99, 2)} ms (profiler on)`);
printGroups(profile, load.total, GROUPS);
await hub.close();
await world.close();
process.exit(0);
