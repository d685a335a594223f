import type { Command } from 'commander';
import { registerImport } from './import.ts';
import { registerAdmin } from './admin.ts';
import { registerMigrate } from './migrate.ts';
import { registerStart } from './start.ts';
import { registerPartner } from './partner.ts';
import { registerApp } from './app.ts';
import { registerCredential } from './credential.ts';
import { registerPlan } from './plan.ts';
import { registerSubscription } from './subscription.ts';
import { registerApi } from './api.ts';
import { registerCalendar } from './calendar.ts';
import { registerAudit } from './audit.ts';
import { registerDemo } from './demo.ts';
import { registerCustomer } from './customer.ts';

/** Every `gridgate` sub-command; each lives in its own file. */
export function registerCommands(program: Command): void {
  registerStart(program);
  registerMigrate(program);
  registerAdmin(program);
  registerImport(program);
  registerPartner(program);
  registerApp(program);
  registerCredential(program);
  registerPlan(program);
  registerSubscription(program);
  registerApi(program);
  registerCalendar(program);
  registerAudit(program);
  registerDemo(program);
  registerCustomer(program);
}
