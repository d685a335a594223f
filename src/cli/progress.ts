import cliProgress from 'cli-progress';
import type { Progress } from '../platform/progress.ts';

export { silentProgress, type Progress } from '../platform/progress.ts';

/**
 * Progress of long CLI work: a bar on a terminal, a line every few seconds
 * otherwise (CI logs, pipes), so that nobody wonders whether it hangs.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: '  {label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted} elapsed, ETA {eta_formatted}', hideCursor: true, stream },
      cliProgress.Presets.shades_classic,
    );
    return {
      start: (total, label) => bar.start(total, 0, { label }),
      increment: (by = 1) => bar.increment(by),
      stop: () => bar.stop(),
    };
  }
  let total = 0;
  let done = 0;
  let label = '';
  let lastPrint = 0;
  let started = 0;
  return {
    start: (t, l) => {
      total = t;
      done = 0;
      label = l;
      started = Date.now();
      lastPrint = started;
      stream.write(`  ${label}: 0/${total}\n`);
    },
    increment: (by = 1) => {
      done += by;
      const now = Date.now();
      if (now - lastPrint >= 2000) {
        lastPrint = now;
        stream.write(`  ${label}: ${done}/${total} (${Math.round((100 * done) / Math.max(total, 1))}%)\n`);
      }
    },
    stop: () => stream.write(`  ${label}: ${done}/${total} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`),
  };
}
