import type { Command } from 'commander';
import { registerImport } from './import.ts';
import { registerAdmin } from './admin.ts';
import { registerMigrate } from './migrate.ts';

/** Every `gridgate` sub-command; each lives in its own file. */
export function registerCommands(program: Command): void {
  registerMigrate(program);
  registerAdmin(program);
  registerImport(program);
}
