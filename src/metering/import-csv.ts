import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, type CsvError, type InfoRecord } from 'csv-parse';
import type { Database } from '../platform/db/database.ts';
import { silentProgress, type Progress } from '../platform/progress.ts';
import { formatIsoDate } from '../platform/time/local-day.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import type { DayReadings } from './day-readings.ts';
import { DayCollector, type DaySource } from './import-days.ts';
import { detectSeparator, parseLine, readHeader, type Header, type ImportProblem } from './import-lines.ts';
import { IngestError, IngestService, type IngestProblem } from './ingest.service.ts';
import type { WriteResult } from './readings-writer.ts';

export type { ImportProblem } from './import-lines.ts';

/**
 * `gridgate import FILE` as a library call, for the CLI and file channels:
 * reads a CSV of readings (docs/import-format.md) as a stream, checks all of
 * it, then writes it as ONE batch in one transaction. Any problem, anywhere
 * in the file, means nothing is written.
 */
export type ImportInput = { path: string } | { stream: Readable; name: string; size?: number };

export interface ImportDeps {
  database: Database;
  zone: TimeZone;
}

export interface ImportOptions {
  /** Larger files are refused before a byte is read (streams: once they pass it). */
  maxBytes?: number;
  /** Reading stops after this many problems. */
  maxProblems?: number;
}


export interface ImportSummary {
  file: string;
  /** Where the readings went (a file path, or a URL without its password). */
  database: string;
  lines: number;
  daysWritten: number;
  /** Days left alone because the store holds a higher revision. */
  daysStale: number;
  usagePoints: number;
  /** Values stored, missing points excluded (a gas day holds three). */
  values: number;
  seconds: number;
}

export const DEFAULT_MAX_BYTES = 2 * 1024 ** 3;
export const DEFAULT_MAX_PROBLEMS = 100;

export class ImportError extends Error {
  readonly file: string;
  readonly problems: ImportProblem[];
  /** True when reading stopped at the problem limit: more may follow. */
  readonly truncated: boolean;

  constructor(file: string, problems: ImportProblem[], truncated = false) {
    const list = problems.map((p) => `  ${formatImportProblem(p)}`).join('\n');
    const more = truncated ? `\n  (stopped after ${problems.length} problems; there may be more)` : '';
    super(`${file}: ${problems.length} problem(s), nothing written:\n${list}${more}\nFix ${problems.length === 1 ? 'it' : 'them'} and import the file again: a file is written whole or not at all.`);
    this.file = file;
    this.problems = problems;
    this.truncated = truncated;
  }
}

export function formatImportProblem(problem: ImportProblem): string {
  const where = problem.line > 0 ? `line ${problem.line}${problem.column ? `, column ${problem.column}` : ''}: ` : '';
  return `${where}${problem.reason}`;
}


export async function importReadingsCsv(input: ImportInput, deps: ImportDeps, progress: Progress = silentProgress, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const problems = new ProblemList(options.maxProblems ?? DEFAULT_MAX_PROBLEMS);
  const source = await openSource(input, maxBytes);
  const collector = new DayCollector(deps.zone, problems.report);
  let lines: number;
  progress.start(source.size ?? 0, `Reading ${source.name} (bytes)`);
  try {
    lines = await readLines(source, maxBytes, progress, (line, record, header) => {
      const reading = parseLine(line, record, header, deps.zone, problems.report);
      if (reading) collector.add(reading);
    }, problems);
  } finally {
    progress.stop();
    if ('path' in input) source.stream.destroy();
  }
  if (problems.full) throw new ImportError(source.name, problems.sorted(), true);

  const { batch, sources } = collector.finish();
  const ingest = new IngestService(deps.database, deps.zone);
  if (problems.count > 0) {
    // Also tell which days the store would refuse (unknown points...), so that one run lists everything.
    if (batch.length > 0) for (const p of dayProblems(await ingest.check(batch), batch, sources)) problems.add(p);
    throw new ImportError(source.name, problems.sorted(), problems.full);
  }

  progress.start(batch.length, 'Writing days in one transaction');
  let result: WriteResult;
  try {
    result = batch.length > 0 ? await ingest.ingest(batch) : { written: 0, stale: 0 };
    progress.increment(batch.length);
  } catch (error) {
    if (error instanceof IngestError) throw new ImportError(source.name, sortedProblems(dayProblems(error.problems, batch, sources)));
    throw error;
  } finally {
    progress.stop();
  }
  return {
    file: source.name,
    database: deps.database.location,
    lines,
    daysWritten: result.written,
    daysStale: result.stale,
    usagePoints: new Set(batch.map((d) => d.usagePointId)).size,
    values: batch.reduce((n, d) => n + presentValues(d), 0),
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Streams the file through csv-parse: checks the header, hands each line on,
 * and stops early once the problem list is full. Returns the number of lines
 * after the header. Throws ImportError when the file cannot be read at all.
 */
async function readLines(source: Source, maxBytes: number, progress: Progress, onLine: (line: number, record: string[], header: Header) => void, problems: ProblemList): Promise<number> {
  const { firstLine, bytes } = await peekFirstLine(meter(source.stream, maxBytes, source.name, progress), source.name);
  const separator = detectSeparator(firstLine);
  if (typeof separator !== 'string') throw new ImportError(source.name, [separator]);
  const parser = parse({
    delimiter: separator, bom: true, info: true, trim: true, relax_column_count: true,
    skip_empty_lines: true, skip_records_with_empty_values: true, max_record_size: 1 << 20,
    // A broken quote costs its line, not the whole reading: it is reported with the others.
    skip_records_with_error: true,
    on_skip: (error) => {
      problems.report(Number(error?.lines ?? 0), undefined, csvReason(error));
      return undefined;
    },
  });
  let header: Header | undefined;
  let lines = 0;
  try {
    await pipeline(Readable.from(bytes), parser, async (records: AsyncIterable<{ record: string[]; info: InfoRecord }>) => {
      for await (const { record, info } of records) {
        if (!header) {
          const read = readHeader(record, info.lines, separator);
          if (Array.isArray(read)) throw new ImportError(source.name, read);
          header = read;
          continue;
        }
        lines++;
        onLine(info.lines, record, header);
        if (problems.full) throw new TooManyProblems();
      }
    });
  } catch (error) {
    if (!(error instanceof TooManyProblems)) throw error;
  }
  if (!header) throw new ImportError(source.name, [{ line: 1, reason: 'the file has no header; its first line must name the columns, such as usage_point_id,series,end,step,value' }]);
  return lines;
}

/** Problems of the file, up to a limit past which reading stops. */
class ProblemList {
  private readonly items: ImportProblem[] = [];
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  get count(): number {
    return this.items.length;
  }

  get full(): boolean {
    return this.items.length >= this.limit;
  }

  add(problem: ImportProblem): void {
    if (this.full) return;
    this.items.push(problem);
  }

  /** For the line parsers; the reading loop stops once the list is full. */
  readonly report = (line: number, column: string | undefined, reason: string): void => {
    this.add(column === undefined ? { line, reason } : { line, column, reason });
  };

  sorted(): ImportProblem[] {
    return sortedProblems(this.items);
  }
}

/** Ends the reading loop once the problem list is full. */
class TooManyProblems extends Error {}

function sortedProblems(problems: ImportProblem[]): ImportProblem[] {
  return [...problems].sort((a, b) => a.line - b.line);
}

/**
 * Problems the ingest service finds on whole days (unknown usage point, a
 * series the point does not have), pointed back at the first line of the day.
 * A point missing from the grid fails all its days: that is told once, with
 * the number of days, rather than once per day.
 */
function dayProblems(found: IngestProblem[], batch: DayReadings[], sources: DaySource[]): ImportProblem[] {
  const grouped = new Map<string, { problem: IngestProblem; days: number }>();
  for (const problem of found) {
    const key = `${problem.usagePointId}|${problem.reason}`;
    const group = grouped.get(key);
    if (group) group.days++;
    else grouped.set(key, { problem, days: 1 });
  }
  return [...grouped.values()].map(({ problem, days }) => {
    const source = sources[problem.index];
    const date = formatIsoDate(batch[problem.index].day);
    const which = days > 1 ? `${days} days, the first starting on this line` : source.lineCount > 1 ? `${date}, ${source.lineCount} lines starting on this one` : date;
    return { line: source.firstLine, column: columnOfDayProblem(problem.reason), reason: `${problem.reason} (${which})` };
  });
}

/** The ingest service words its reasons for people; this tells which column they are about. */
function columnOfDayProblem(reason: string): string | undefined {
  if (reason.includes('usage point')) return 'usage_point_id';
  if (reason.startsWith('series ')) return 'series';
  return undefined;
}

function presentValues(day: DayReadings): number {
  let n = 0;
  for (const v of day.values) if (v === v) n++;
  return n;
}

function csvReason(error: CsvError | undefined): string {
  switch (error?.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quote (") opened on this line or above is never closed; close it or remove it';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return 'misplaced quote ("); quote whole fields only, and double a quote inside a quoted field';
    case 'CSV_MAX_RECORD_SIZE':
      return 'the line is longer than 1 MiB; check the quotes and the line endings';
    default:
      return `unreadable line: ${error?.message ?? 'unknown CSV error'}`;
  }
}

// ---- The bytes of the file ----

interface Source {
  name: string;
  size: number | undefined;
  stream: Readable;
}

async function openSource(input: ImportInput, maxBytes: number): Promise<Source> {
  if (!('path' in input)) return { name: input.name, size: input.size, stream: input.stream };
  const refuse = (reason: string) => new ImportError(input.path, [{ line: 0, reason }]);
  let size: number;
  try {
    const info = await stat(input.path);
    if (!info.isFile()) throw refuse(`${input.path} is not a file`);
    size = info.size;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw refuse(`cannot read ${input.path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  if (size > maxBytes) throw refuse(tooBig(size, maxBytes));
  return { name: input.path, size, stream: createReadStream(input.path) };
}

function tooBig(size: number, maxBytes: number): string {
  return `the file is ${formatBytes(size)}, above the limit of ${formatBytes(maxBytes)}; split it into smaller files (each is its own transaction), or raise the limit (gridgate import --max-size)`;
}

function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

/** Passes the bytes on, counting them for the progress bar and the size limit (a stream has no size to check first). */
async function* meter(stream: Readable, maxBytes: number, name: string, progress: Progress): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += bytes.length;
    if (total > maxBytes) throw new ImportError(name, [{ line: 0, reason: tooBig(total, maxBytes) }]);
    progress.increment(bytes.length);
    yield bytes;
  }
}

/**
 * Reads up to the end of the first line, which decides the separator, and
 * gives back the whole byte stream, first line included.
 */
async function peekFirstLine(chunks: AsyncGenerator<Buffer>, name: string): Promise<{ firstLine: string; bytes: AsyncGenerator<Buffer> }> {
  const head: Buffer[] = [];
  let size = 0;
  for (;;) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
    size += next.value.length;
    if (next.value.includes(10) || size > 65_536) break;
  }
  const buffered = Buffer.concat(head);
  if ((buffered[0] === 0xff && buffered[1] === 0xfe) || (buffered[0] === 0xfe && buffered[1] === 0xff)) {
    await chunks.return(undefined);
    throw new ImportError(name, [{ line: 1, reason: 'the file is UTF-16; save it as UTF-8' }]);
  }
  const end = buffered.indexOf(10);
  const firstLine = buffered.subarray(0, end < 0 ? Math.min(buffered.length, 65_536) : end).toString('utf8').replace(/^\uFEFF/, '').trim();
  async function* bytes(): AsyncGenerator<Buffer> {
    yield buffered;
    yield* chunks;
  }
  return { firstLine, bytes: bytes() };
}
