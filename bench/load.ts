import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
  /** Main-thread busy time of this process per request (servers under test run here), when measured by compareRounds. */
  busyUs?: number;
}

/** Runs bench/load-worker.ts in a child process against a server of this process. */
export function runLoad(config: { base: string; paths: string[]; headers?: Record<string, string>; connections: number; seconds: number }): Promise<LoadResult> {
  const worker = path.join(path.dirname(new URL(import.meta.url).pathname), 'load-worker.ts');
  // The path list is too long for a command line: it goes through a file.
  const dir = mkdtempSync(path.join(tmpdir(), 'gridgate-load-'));
  const file = path.join(dir, 'load.json');
  writeFileSync(file, JSON.stringify({ headers: {}, ...config }));
  return new Promise<LoadResult>((resolve, reject) => {
    const child = spawn(process.execPath, [worker, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load worker exited with ${code}`))));
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
}

export interface Contender {
  name: string;
  base: string;
  headers?: Record<string, string>;
}

export interface ContenderResult {
  name: string;
  /** Medians over the rounds. */
  rps: number;
  p50: number;
  p99: number;
  /** Median main-thread busy time per request, in microseconds. */
  busyUs: number;
  failures: number;
  /** Median over the rounds of this contender's throughput over the first contender's, in the same round. */
  ratio: number;
  /** Median over the rounds of this contender's p99 over the first contender's, in the same round. */
  p99Ratio: number;
  /** Every round's figures, in order. */
  rounds: LoadResult[];
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/**
 * Runs contenders in turn, round after round, and compares each with the
 * first one within the same round: on a shared machine the speed drifts
 * from minute to minute, so only runs taken side by side are compared.
 */
export async function compareRounds(config: { contenders: Contender[]; paths: string[]; connections: number; seconds: number; rounds: number }): Promise<ContenderResult[]> {
  const runs = config.contenders.map(() => [] as LoadResult[]);
  for (const c of config.contenders) await runLoad({ base: c.base, headers: c.headers, paths: config.paths, connections: config.connections, seconds: 1 });
  for (let round = 0; round < config.rounds; round++) {
    for (const [i, c] of config.contenders.entries()) {
      const before = performance.eventLoopUtilization();
      const r = await runLoad({ base: c.base, headers: c.headers, paths: config.paths, connections: config.connections, seconds: config.seconds });
      // The servers run in this process: its event loop's busy time is theirs (plus the load worker's start, the same for all).
      const busy = performance.eventLoopUtilization(before);
      runs[i]!.push({ ...r, busyUs: (busy.active * 1000) / Math.max(1, r.total) });
    }
  }
  return config.contenders.map((c, i) => ({
    name: c.name,
    rps: median(runs[i]!.map((r) => r.rps)),
    p50: median(runs[i]!.map((r) => r.p50)),
    p99: median(runs[i]!.map((r) => r.p99)),
    busyUs: median(runs[i]!.map((r) => r.busyUs ?? 0)),
    failures: runs[i]!.reduce((n, r) => n + r.errors + r.non2xx, 0),
    ratio: median(runs[i]!.map((r, round) => r.rps / runs[0]![round]!.rps)),
    p99Ratio: median(runs[i]!.map((r, round) => r.p99 / runs[0]![round]!.p99)),
    rounds: runs[i]!,
  }));
}
