import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ALWAYS_OPEN, OMEGA_FILES, OMEGA_PORTAL, OMEGA_WEB_SERVICES, type CalendarDefinition } from '../../gateway/calendar.ts';
import { CliError } from '../context.ts';
import { withAdmin } from '../admin-command.ts';

const PROFILES: Record<string, CalendarDefinition> = {
  'omega-web-services': OMEGA_WEB_SERVICES,
  'omega-portal': OMEGA_PORTAL,
  'omega-files': OMEGA_FILES,
  'always-open': ALWAYS_OPEN,
};

export function registerCalendar(program: Command): void {
  const calendar = program.command('calendar').description('Opening calendars of channels (rest, soap, files, portal) or of one API');
  calendar
    .command('set <channel>')
    .description('Set a calendar from a ready-made profile or a JSON file (see docs/gateway.md)')
    .option('--profile <name>', Object.keys(PROFILES).join(' | '))
    .option('--file <file>', 'a JSON calendar definition')
    .action(async (channel: string, options: { profile?: string; file?: string }) => {
      let definition: CalendarDefinition;
      if (options.profile) {
        if (!PROFILES[options.profile]) throw new CliError(`no profile "${options.profile}"; the profiles are ${Object.keys(PROFILES).join(', ')}`);
        definition = PROFILES[options.profile];
      } else if (options.file) {
        try {
          definition = JSON.parse(readFileSync(options.file, 'utf8')) as CalendarDefinition;
        } catch (error) {
          throw new CliError(`cannot read ${options.file}: ${(error as Error).message}`);
        }
      } else {
        throw new CliError('give --profile NAME or --file FILE');
      }
      await withAdmin(async (admin) => {
        await admin.setCalendar(channel, definition);
        process.stdout.write(`Calendar of ${channel} set; running hubs apply it from their next call.\n`);
      });
    });
  calendar.command('remove <channel>').action(async (channel: string) => withAdmin(async (admin) => {
    const removed = await admin.removeCalendar(channel);
    process.stdout.write(removed ? `${channel} has no calendar any more: always open.\n` : `${channel} had no calendar: nothing changed (always open).\n`);
  }));
}
