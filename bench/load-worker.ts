/**
 * HTTP load from its own process (so that it does not share the server's
 * event loop): autocannon over a list of paths taken in turn.
 *   node bench/load-worker.ts load.json   with {"base":"http://127.0.0.1:8080","paths":["/x"],"headers":{},"connections":8,"seconds":5}
 * Prints one JSON line: requests per second, latency percentiles (ms), errors.
 * Percentiles are taken from every 2xx response time as measured by
 * autocannon (hrtime), not from its histogram, which keeps whole milliseconds
 * and rounds a sub-millisecond route to 0 ms.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

interface LoadConfig {
  base: string;
  paths: string[];
  headers: Record<string, string>;
  connections: number;
  seconds: number;
}

const config = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LoadConfig;
let next = 0;
const times: number[] = [];
// Without a callback autocannon returns its instance (an event emitter) made thenable; the typings only show the promise.
const run = autocannon({
  url: config.base,
  connections: config.connections,
  duration: config.seconds,
  headers: config.headers,
  requests: [{ setupRequest: (request) => ({ ...request, path: config.paths[next++ % config.paths.length] }) }],
}) as unknown as autocannon.Instance & Promise<autocannon.Result>;
run.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
  if (status >= 200 && status < 300) times.push(ms);
});
const result = await run;
times.sort((a, b) => a - b);
const percentile = (p: number) => (times.length ? times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]! : NaN);
process.stdout.write(
  `${JSON.stringify({
    rps: result.requests.average,
    p50: percentile(50),
    p99: percentile(99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  })}\n`,
);
