import type { Command } from 'commander';
import { loadDemoDatabase } from '../../demo/demo-database.ts';
import { defaultHistory } from '../../demo/load.ts';
import { AppError } from '../../platform/errors.ts';
import { SANDBOX_PROFILES } from '../../demo/sandbox.ts';
import { formatIsoDate } from '../../platform/time/local-day.ts';
import { CliError, openContext } from '../context.ts';
import { createProgress } from '../progress.ts';

interface DemoCommandOptions {
  points?: string;
  gasPoints?: string;
  days?: string;
  seed?: string;
}

function wholeNumber(text: string, flag: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new CliError(`${flag} expects a whole number between ${min} and ${max.toLocaleString('en')}, not "${text}"`, 2);
  return Number(text);
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Fill the database with the demo network (real communes, fictitious customers, the sandbox usage points) and its metering data; safe to run again')
    .option('--points <n>', 'electricity usage points (default GRIDGATE_DEMO_POINTS, else 1000)')
    .option('--gas-points <n>', 'gas usage points (default GRIDGATE_DEMO_GAS_POINTS, else 200)')
    .option('--days <d>', 'days of data up to yesterday (default GRIDGATE_DEMO_DAYS, else 36 months and 15 days)')
    .option('--seed <s>', 'seed of the generator: the same seed gives the same network and values (default GRIDGATE_DEMO_SEED)')
    .action(async (options: DemoCommandOptions) => {
      // Bad flags are refused before the database is touched.
      const points = options.points !== undefined ? wholeNumber(options.points, '--points', 0, 1_000_000) : undefined;
      const gas = options.gasPoints !== undefined ? wholeNumber(options.gasPoints, '--gas-points', 0, 1_000_000) : undefined;
      const span = options.days !== undefined ? wholeNumber(options.days, '--days', 1, 3_700) : undefined;
      const context = await openContext();
      try {
        const { config, zone } = context;
        const electricityPoints = points ?? config.demo.electricityPoints;
        const gasPoints = gas ?? config.demo.gasPoints;
        const days = span ?? config.demo.days;
        const seed = options.seed ?? config.demo.seed;
        const today = zone.dayOf(context.clock.now());
        const { fromDay, toDay } = days !== undefined ? { fromDay: today - days, toDay: today } : defaultHistory(today);
        const sandboxPoints = SANDBOX_PROFILES.reduce((n, p) => n + p.usagePointIds.length, 0);
        process.stdout.write(
          `Demo data (seed "${seed}"): ${electricityPoints} electricity and ${gasPoints} gas usage points plus ${sandboxPoints} sandbox points, ` +
            `local days ${formatIsoDate(fromDay)} to ${formatIsoDate(toDay - 1)}, into ${context.database.location}\n`,
        );
        const report = await loadDemoDatabase(context, { seed, electricityPoints, gasPoints, days }, createProgress()).catch((error: unknown) => {
          throw error instanceof AppError ? new CliError(error.message) : error;
        });
        process.stdout.write(
          `Loaded ${report.usagePoints} usage points (${report.insertedUsagePoints} new), ${report.days} days, ${report.rows.toLocaleString('en')} readings rows ` +
            `in ${report.seconds.toFixed(1)} s.\nData is in ${context.database.location}; demo credentials are printed by \`gridgate start\`.\n`,
        );
      } finally {
        await context.close();
      }
    });
}
