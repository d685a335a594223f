/**
 * HTTP load from its own process (so that it does not share the server's
 * event loop): autocannon over a list of paths taken in turn.
 *   node bench/load-worker.ts load.json   with {"base":"http://127.0.0.1:8080","paths":["/x"],"headers":{},"connections":8,"seconds":5}
 * Prints one JSON line: requests per second, latency percentiles (ms), errors.
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
const result = await autocannon({
  url: config.base,
  connections: config.connections,
  duration: config.seconds,
  headers: config.headers,
  requests: [{ setupRequest: (request) => ({ ...request, path: config.paths[next++ % config.paths.length] }) }],
});
process.stdout.write(
  `${JSON.stringify({
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  })}\n`,
);
