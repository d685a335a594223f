#!/usr/bin/env node
import { Command } from 'commander';
import { CliError } from './context.ts';
import { registerCommands } from './commands/index.ts';

const program = new Command();
program.name('gridgate').description('Gridgate: metering data hub and API gateway for distribution network operators').showHelpAfterError();
registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CliError) {
    process.stderr.write(`gridgate: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  throw error;
}
