import type { Command } from 'commander';
import { createHub, VERSION } from '../../hub.ts';
import { listen } from '../../platform/http/listen.ts';
import { createLogger } from '../../platform/logger.ts';
import { getSetting } from '../../platform/settings.ts';
import { demoCredentials, DEMO_SEED_SETTING } from '../../demo/credentials.ts';
import { startDemoDailyJob } from '../../jobs/demo-daily.ts';
import { GridStore } from '../../grid/grid.store.ts';
import { startBanner } from '../banner.ts';
import { openContext } from '../context.ts';
import { createProgress } from '../progress.ts';
import { loadDemoDatabase, sandboxTable } from '../../demo/demo-database.ts';
import { appendDays } from '../../demo/load.ts';
import { demoCustomerAccounts } from '../../demo/demo-customers.ts';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Run the hub; the first start on an empty embedded database loads the demo network')
    .action(async () => {
      // Opened and migrated as every command does, so that a database that cannot be prepared is said without a stack trace.
      const { config, database, zone, clock } = await openContext();
      const logger = createLogger(config);

      let seed = await getSetting(database.db, DEMO_SEED_SETTING);
      const points = await new GridStore(database.db).countUsagePoints();
      const empty = points.electricity + points.gas === 0;
      if (!config.databaseUrl && (empty || seed !== undefined)) {
        // First start (or an interrupted first load): the embedded database gets the demo network.
        seed ??= config.demo.seed;
        if (empty) process.stdout.write(`First start: building the demo network in ${database.location}\n`);
        const report = await loadDemoDatabase({ database, zone, clock }, { ...config.demo, seed }, createProgress());
        if (empty) process.stdout.write(`Demo network ready: ${report.usagePoints} usage points, ${report.rows.toLocaleString('en')} readings rows in ${report.seconds.toFixed(1)} s.\n`);
      } else if (empty) {
        process.stdout.write(`The database at ${database.location} holds no usage points. Load demo data with \`gridgate demo\` or import yours with \`gridgate import\`.\n`);
      }

      const credentials = seed !== undefined ? demoCredentials(seed) : undefined;
      const customers = seed !== undefined ? await demoCustomerAccounts(database.db, seed, zone.dayOf(clock.now())) : [];
      const hub = await createHub(config, { database, logger, clock, operatorApiKey: config.operatorApiKey ?? credentials?.operatorApiKey });
      const bound = await listen(hub.server, config.host, config.port);
      // The configured public URL, unless it is the default one and the port was chosen by the system.
      const url = config.port === 0 || config.publicUrl.endsWith(`:${config.port}`) ? bound : config.publicUrl;

      const job =
        seed !== undefined
          ? startDemoDailyJob({ db: database.db, zone, clock, logger, append: async (from, to) => void (await appendDays(database, zone, seed!, from, to)) })
          : undefined;
      await job?.tick();

      process.stdout.write(
        startBanner({
          version: VERSION,
          url,
          databaseLocation: database.location,
          auditLocation: database.auditLocation,
          engine: database.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL',
          demo: seed !== undefined && credentials ? { seed, credentials, customers, sandbox: sandboxTable() } : undefined,
          operatorKeyConfigured: config.operatorApiKey !== undefined,
          testMode: config.testMode,
        }),
      );

      const stop = async (signal: string) => {
        logger.info({ signal }, 'stopping');
        job?.stop();
        await hub.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
}
