import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { DEFAULT_MAX_BYTES, ImportError, importReadingsCsv, type ImportSummary } from '../../metering/import-csv.ts';
import { CliError, openContext } from '../context.ts';
import { createProgress } from '../progress.ts';

export function registerImport(program: Command): void {
  program
    .command('import')
    .argument('<file>', 'CSV file of readings, described in docs/import-format.md')
    .description('Import readings from a CSV file in one transaction: all of it, or nothing when any line is wrong')
    .option('--max-size <size>', 'refuse larger files: bytes, or a number with K, M or G (binary units)', `${DEFAULT_MAX_BYTES / 1024 ** 3}G`)
    .action(async (file: string, options: { maxSize: string }) => {
      const maxBytes = parseSize(options.maxSize);
      if (maxBytes === undefined) throw new CliError(`--max-size ${options.maxSize}: write a size such as 500M or 2G`, 2);
      // Before opening the database: a mistyped path should not create one.
      await stat(file).catch((error: NodeJS.ErrnoException) => {
        throw new CliError(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
      });
      const context = await openContext();
      try {
        const summary = await importReadingsCsv({ path: file }, context, createProgress(), { maxBytes });
        process.stdout.write(formatSummary(summary));
      } catch (error) {
        if (error instanceof ImportError) throw new CliError(error.message);
        throw new CliError(`importing ${file} failed, nothing written (the file is one transaction): ${(error as Error).message}`);
      } finally {
        await context.close();
      }
    });
}

function formatSummary(s: ImportSummary): string {
  const stale = s.daysStale > 0 ? `, ${s.daysStale} day(s) ignored as stale (the stored revision is higher)` : '';
  return `Imported ${s.file} into ${s.database} in ${s.seconds.toFixed(1)} s: ${s.daysWritten} day(s) written${stale}; ${s.usagePoints} usage point(s), ${s.values} value(s) from ${s.lines} line(s)\n`;
}

const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

function parseSize(text: string): number | undefined {
  const match = /^(\d+)\s*([KMG]?)(?:i?B)?$/i.exec(text.trim());
  if (!match) return undefined;
  const bytes = Number(match[1]) * UNITS[match[2].toUpperCase()];
  return bytes > 0 ? bytes : undefined;
}
