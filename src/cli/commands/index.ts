import type { Command } from 'commander';
import { registerMigrate } from './migrate.ts';

/** Every `gridgate` sub-command; each lives in its own file. */
export function registerCommands(program: Command): void {
  registerMigrate(program);
}
