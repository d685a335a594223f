import type { Command } from 'commander';
import { formatIsoDate } from '../../platform/time/local-day.ts';
import { printRows, withAdmin } from '../admin-command.ts';

export function registerApi(program: Command): void {
  const api = program.command('api').description('The API catalog and its lifecycle');
  api
    .command('list')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) =>
      withAdmin(async (admin) =>
        printRows(
          (await admin.listApis()).map((a) => ({
            id: a.id, name: a.name, version: a.version, channel: a.channel, state: a.state, sunset: a.sunsetDay === null ? '' : formatIsoDate(a.sunsetDay),
            operations: a.operations.map((o) => `${o.operation}${o.kind === 'write' ? ' (write)' : ''}`).join(', '),
          })),
          options.json,
        ),
      ),
    );
  api
    .command('deprecate <id>')
    .requiredOption('--sunset <date>', 'the day from which calls are refused, YYYY-MM-DD')
    .action(async (id: string, options: { sunset: string }) => withAdmin(async (admin) => {
      await admin.setApiState(id, 'deprecated', options.sunset);
      process.stdout.write(`${id} is deprecated; calls are refused from ${options.sunset}.\n`);
    }));
  for (const state of ['retire', 'publish'] as const) {
    api.command(`${state} <id>`).action(async (id: string) => withAdmin(async (admin) => {
      await admin.setApiState(id, state === 'retire' ? 'retired' : 'published');
      process.stdout.write(`${id} is ${state === 'retire' ? 'retired' : 'published'}.\n`);
    }));
  }
}
