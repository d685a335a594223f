/**
 * Runs every benchmark in sequence, each in its own process so that one
 * does not warm or fill the memory of the next. Figures go to stdout; record
 * them in docs/performance.md with this command.
 *   npm run bench [-- --only ingest,read,demo]
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const dir = path.dirname(new URL(import.meta.url).pathname);
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex > 0 ? process.argv[onlyIndex + 1].split(',') : undefined;
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace('.bench.ts', ''))
  .filter((name) => !only || only.includes(name))
  .sort();

console.log(`Gridgate benchmarks on ${process.platform} ${process.arch}, node ${process.version}, ${new Date().toISOString()}`);
let failed = 0;
for (const name of benches) {
  console.log(`\n## ${name}`);
  const result = spawnSync(process.execPath, [path.join(dir, `${name}.bench.ts`)], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
