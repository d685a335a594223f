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
