import { GatewayAdmin } from '../gateway/admin.service.ts';
import { ensureCatalog } from '../gateway/catalog.ts';
import { AppError } from '../platform/errors.ts';
import { CliError, openContext, type CliContext } from './context.ts';

/** Runs an administration command on the configured database; service errors become messages without stack traces. */
export async function withAdmin(work: (admin: GatewayAdmin, context: CliContext) => Promise<void>): Promise<void> {
  const context = await openContext();
  try {
    await ensureCatalog(context.database.db);
    await work(new GatewayAdmin(context.database.db, () => context.clock.now()), context);
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.message);
    throw error;
  } finally {
    await context.close();
  }
}

/** Prints rows as an aligned table, or as JSON with --json. */
export function printRows(rows: Record<string, unknown>[], json: boolean | undefined): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    process.stdout.write('(none)\n');
    return;
  }
  const columns = Object.keys(rows[0]);
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  process.stdout.write(`${line(columns)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.map((r) => line(columns.map((c) => cell(r[c])))).join('\n')}\n`);
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function isoOrEmpty(ms: number | null): string {
  return ms === null ? '' : new Date(Number(ms)).toISOString();
}
