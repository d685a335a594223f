import { describeUsagePointIdRule, isUsagePointId } from '../grid/usage-point.ts';
import { parseDurationMs } from '../platform/time/clock.ts';
import { formatIsoDate, parseIsoDate, type DayNumber } from '../platform/time/local-day.ts';
import { formatOffset, type TimeZone } from '../platform/time/zone.ts';
import { CURVE_STEPS, QUALITY, seriesByName, seriesNames, type SeriesDef, type SeriesKind } from './series.ts';

/**
 * What one line of an import file says (docs/import-format.md): the header,
 * each column's syntax, and every mistake told with what to write instead.
 * Grouping lines into days is import-days.ts's job.
 */

/** A problem of an import file. Line 0 is the file as a whole; column is the header name. */
export interface ImportProblem {
  line: number;
  column?: string;
  reason: string;
}

export type Report = (line: number, column: string | undefined, reason: string) => void;

export const COLUMNS = ['usage_point_id', 'series', 'date', 'end', 'step', 'value', 'volume', 'coefficient', 'max_at', 'register', 'quality', 'revision'] as const;
export type Column = (typeof COLUMNS)[number];

const REQUIRED: readonly Column[] = ['usage_point_id', 'series', 'value'];
/** Columns any line may fill. */
const COMMON: readonly Column[] = ['usage_point_id', 'series', 'value', 'quality', 'revision'];
/** Columns a line of each kind of series needs on top of the common ones; the others must stay empty. */
const KIND_COLUMNS: Record<SeriesKind, readonly Column[]> = {
  curve: ['end', 'step'],
  daily_energy: ['date'],
  max_power: ['date', 'max_at'],
  index: ['date', 'register'],
  gas_daily: ['date', 'volume', 'coefficient'],
};

export interface Header {
  /** Position of each column present in the file. */
  index: Map<Column, number>;
  width: number;
  separator: string;
  /** Header columns a series needs but the file lacks, reported once rather than on every line. */
  reportedMissing: Set<Column>;
}

/** Checks the header row; returns the problems when the file cannot be read with it. */
export function readHeader(names: string[], line: number, separator: string): Header | ImportProblem[] {
  const problems: ImportProblem[] = [];
  const index = new Map<Column, number>();
  names.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!(COLUMNS as readonly string[]).includes(name)) {
      problems.push({ line, column: raw, reason: `unknown column ${quote(raw)}; the columns are ${COLUMNS.join(', ')} (see docs/import-format.md)` });
    } else if (index.has(name as Column)) {
      problems.push({ line, column: name, reason: `column ${name} appears twice in the header; keep one` });
    } else {
      index.set(name as Column, i);
    }
  });
  for (const column of REQUIRED) {
    if (!index.has(column)) problems.push({ line, reason: `the header has no ${column} column; every file needs ${REQUIRED.join(', ')}` });
  }
  return problems.length > 0 ? problems : { index, width: names.length, separator, reportedMissing: new Set() };
}

/** The first line decides the separator: a header holds column names only, so it is whichever of , or ; it uses. */
export function detectSeparator(firstLine: string): string | ImportProblem {
  const commas = firstLine.split(',').length - 1;
  const semicolons = firstLine.split(';').length - 1;
  if (commas > 0 && semicolons === 0) return ',';
  if (semicolons > 0 && commas === 0) return ';';
  if (commas > 0) return { line: 1, reason: 'the header mixes , and ; — separate the column names with one of them, the same as in the lines' };
  if (firstLine === '') return { line: 1, reason: 'the file is empty or starts with an empty line; its first line must be the header, such as usage_point_id,series,end,step,value' };
  return { line: 1, reason: `the first line must be the header, column names separated by , or ; such as usage_point_id,series,end,step,value (found ${quote(firstLine)})` };
}

interface LineBase {
  line: number;
  usagePointId: string;
  def: SeriesDef;
  day: DayNumber;
  revision: number;
  quality: number;
}

/** A line of a curve: one interval, placed on its local day by its start. */
export interface CurveLine extends LineBase {
  kind: 'curve';
  /** Start of the interval in seconds after local midnight. */
  second: number;
  step: number;
  value: number;
}

/** A line that is a whole day: daily energy, max power (with the second of the maximum) and gas (three channels). */
export interface DailyLine extends LineBase {
  kind: 'daily';
  values: number[];
  aux: number | null;
}

/** One register of an index day. */
export interface IndexLine extends LineBase {
  kind: 'index';
  register: string;
  value: number;
}

export type ReadingLine = CurveLine | DailyLine | IndexLine;

/**
 * Reads one record against the header. Reports every problem of the line
 * (so that one run lists them all) and returns undefined when there is any;
 * only an unknown series, or a header without the columns that series
 * needs, stops at the first problem.
 */
export function parseLine(line: number, record: string[], header: Header, zone: TimeZone, report: Report): ReadingLine | undefined {
  if (record.length !== header.width) {
    report(line, undefined, `${record.length} field(s) where the header has ${header.width}; separate fields with ${header.separator} and quote a field that contains it`);
    return undefined;
  }
  const notUtf8 = record.findIndex((field) => field.includes('\uFFFD'));
  if (notUtf8 >= 0) {
    report(line, columnAt(header, notUtf8), 'the line is not valid UTF-8; save the file as UTF-8');
    return undefined;
  }
  let failed = false;
  const fail = (column: Column, reason: string): undefined => {
    report(line, column, reason);
    failed = true;
    return undefined;
  };
  const get = (column: Column): string => {
    const i = header.index.get(column);
    return i === undefined ? '' : record[i];
  };
  /** Runs a field parser and reports its error; undefined when the field is bad. */
  const field = <T>(column: Column, parsed: T | FieldError): T | undefined => (isFieldError(parsed) ? fail(column, parsed.error) : parsed);

  const usagePointId = get('usage_point_id');
  if (!isUsagePointId(usagePointId)) fail('usage_point_id', usagePointId === '' ? `is empty; ${describeUsagePointIdRule()}` : `${quote(usagePointId)} is not a usage point id; ${describeUsagePointIdRule()}`);
  const seriesText = get('series');
  const def = seriesByName(seriesText);
  if (!def) return fail('series', `${seriesText === '' ? 'is empty' : `unknown series ${quote(seriesText)}`}; write one of ${seriesNames().join(', ')}`);

  const needed = KIND_COLUMNS[def.kind];
  const missing = needed.filter((column) => !header.index.has(column));
  if (missing.length > 0) {
    // Told once for the file, not on every line of that series.
    for (const column of missing.filter((c) => !header.reportedMissing.has(c))) {
      header.reportedMissing.add(column);
      report(line, column, `the header has no ${column} column, which ${def.name} lines need (they use ${needed.join(', ')}); add it`);
    }
    return undefined;
  }
  for (const [column, i] of header.index) {
    if (record[i] !== '' && !COMMON.includes(column) && !needed.includes(column)) fail(column, `${def.name} lines do not use ${column}; leave it empty (they use ${needed.join(', ')})`);
  }
  const revision = field('revision', parseRevision(get('revision')));
  const quality = field('quality', parseQuality(get('quality')));
  const value = field('value', parseWhole(get('value'), def, 0, def.kind === 'curve' ? ', or leave the line out for a missing point' : ''));

  /** Where the line goes: its day, and its slot, register or extra channels. Reads the columns of its kind of series. */
  const place = (): Placement | undefined => {
    if (def.kind === 'curve') {
      const endText = get('end');
      const end = field('end', parseInstant(endText, zone));
      const step = field('step', parseStep(get('step')));
      if (end === undefined || step === undefined) return undefined;
      // The interval belongs to the day it starts in: the one ending at 00:00 closes the previous day.
      const { day, second } = localPosition(zone, end - step * 1000);
      if (second % step !== 0) return fail('end', `${endText} is not on the ${stepName(step)} grid from local midnight: a ${stepName(step)} interval ends at ${GRID_MINUTES[step]} local time`);
      return { kind: 'curve', day, second, step };
    }
    const day = field('date', parseDate(get('date')));
    if (def.kind === 'index') {
      const register = get('register');
      // The same rule as IngestService, checked here to point at the line.
      if (!REGISTER.test(register)) return fail('register', `${register === '' ? 'is empty' : `${quote(register)} is not a register name`}; write 1 to 16 letters, digits or underscores such as HP, HC or BASE`);
      return day === undefined ? undefined : { kind: 'index', day, register };
    }
    if (def.kind === 'gas_daily') {
      const volume = field('volume', parseWhole(get('volume'), def, 1));
      const coefficient = field('coefficient', parseWhole(get('coefficient'), def, 2));
      return day === undefined || volume === undefined || coefficient === undefined ? undefined : { kind: 'daily', day, channels: [volume, coefficient], aux: null };
    }
    if (def.kind === 'max_power') {
      const atText = get('max_at');
      const at = field('max_at', parseInstant(atText, zone));
      if (day === undefined || at === undefined) return undefined;
      const position = localPosition(zone, at);
      if (position.day !== day) return fail('max_at', `${atText} is not within ${formatIsoDate(day)} in ${zone.name}; the maximum of a day is reached during that local day`);
      return { kind: 'daily', day, channels: [], aux: position.second };
    }
    return day === undefined ? undefined : { kind: 'daily', day, channels: [], aux: null };
  };

  const placement = place();
  if (failed || placement === undefined || revision === undefined || quality === undefined || value === undefined) return undefined;
  const base = { line, usagePointId, def, day: placement.day, revision, quality };
  if (placement.kind === 'curve') return { ...base, kind: 'curve', second: placement.second, step: placement.step, value };
  if (placement.kind === 'index') return { ...base, kind: 'index', register: placement.register, value };
  return { ...base, kind: 'daily', values: [value, ...placement.channels], aux: placement.aux };
}

type Placement =
  | { kind: 'curve'; day: DayNumber; second: number; step: number }
  | { kind: 'index'; day: DayNumber; register: string }
  | { kind: 'daily'; day: DayNumber; channels: number[]; aux: number | null };

function columnAt(header: Header, position: number): Column | undefined {
  for (const [column, i] of header.index) if (i === position) return column;
  return undefined;
}

// ---- Fields: each parser returns its value or what to write instead. ----

interface FieldError {
  error: string;
}

function isFieldError(value: unknown): value is FieldError {
  return typeof value === 'object' && value !== null && 'error' in value;
}

const MS_PER_DAY = 86_400_000;
const REGISTER = /^[A-Za-z0-9_]{1,16}$/;
const WHOLE = /^-?\d{1,16}$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const FRENCH_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const GRID_MINUTES: Record<number, string> = { 600: ':00, :10, :20, :30, :40 or :50', 900: ':00, :15, :30 or :45', 1800: ':00 or :30', 3600: ':00' };

export function parseDate(text: string): DayNumber | FieldError {
  const day = isoDay(text);
  if (day !== undefined) return day;
  if (text === '') return { error: 'is empty; write the local date as YYYY-MM-DD, such as 2026-10-25' };
  const french = FRENCH_DATE.exec(text);
  if (french) return { error: `${quote(text)} is not a date in YYYY-MM-DD form; write ${french[3]}-${french[2]}-${french[1]}` };
  return { error: `${quote(text)} is not a date; write the local date as YYYY-MM-DD, such as 2026-10-25` };
}

/** Revision of the day, default 1: a day is replaced by an equal or higher revision only. */
export function parseRevision(text: string): number | FieldError {
  if (text === '') return 1;
  if (/^\d{1,10}$/.test(text) && Number(text) <= 2_147_483_647) return Number(text);
  return { error: `${quote(text)} is not a revision; write a whole number of 0 or more, or leave it empty for 1` };
}

export function parseQuality(text: string): number | FieldError {
  if (text === '') return QUALITY.measured;
  const name = text.toLowerCase();
  if (name === 'measured' || name === 'estimated' || name === 'corrected') return QUALITY[name];
  return { error: `${quote(text)} is not a quality; write measured, estimated or corrected, or leave it empty for measured` };
}

/** A curve step as an ISO 8601 duration: PT10M, PT15M, PT30M or PT60M (PT1H and PT3600S are the same). */
export function parseStep(text: string): number | FieldError {
  const ms = remembered(stepCache, text, parseDurationMs);
  const seconds = ms === undefined ? undefined : ms / 1000;
  if (seconds !== undefined && (CURVE_STEPS as readonly number[]).includes(seconds)) return seconds;
  return { error: `${text === '' ? 'is empty' : `${quote(text)} is not a curve step`}; write PT10M, PT15M, PT30M or PT60M` };
}

/** A whole number in the unit of the series channel, within what the store keeps (4 or 8 bytes). */
export function parseWhole(text: string, def: SeriesDef, channel: number, emptyHint = ''): number | FieldError {
  const unit = def.units[channel];
  if (text === '') return { error: `is empty; write a whole number of ${unit}${emptyHint}` };
  if (!WHOLE.test(text)) {
    if (/^-?\d+[.,]\d+$/.test(text)) return { error: `${quote(text)} has decimals; values are whole numbers of ${unit}: round it, or convert it (from ${unit === 'dm3' ? 'm3' : `k${unit}`}: multiply by 1000)` };
    if (/^-?[\d  ,.']+$/.test(text)) return { error: `${quote(text)} is not a whole number of ${unit}; write the digits only, without thousands separators` };
    return { error: `${quote(text)} is not a whole number of ${unit}` };
  }
  const value = Number(text);
  const limit = def.width === 4 ? 2_147_483_647 : Number.MAX_SAFE_INTEGER;
  if (Math.abs(value) > limit) return { error: `${text} ${unit} is out of range for ${def.name} (at most ${limit})` };
  return value;
}

/**
 * An instant with its UTC offset, e.g. 2026-10-25T02:30:00+02:00. The offset
 * must be Z, +00:00, or the zone's own on either side of the instant: a curve
 * end at 03:00 when the clocks go back may carry the summer offset of the
 * interval it closes or the winter offset in force from that instant.
 * Anything else is refused, for it is usually local time with the wrong offset.
 */
export function parseInstant(text: string, zone: TimeZone): number | FieldError {
  const match = INSTANT.exec(text);
  if (!match) return { error: `${text === '' ? 'is empty' : `${quote(text)} is not an instant with an offset`}; ${suggestInstant(text, zone)}` };
  const ms = instantMs(match[1], match[2], match[3], match[4]);
  if (ms === undefined) return { error: `${quote(text)} is not a real date and time; write it as 2026-10-25T02:30:00+02:00` };
  const offset = parseOffset(match[5]);
  const instant = ms - offset * 60_000;
  if (offset === 0 || offsetAt(zone, instant) === offset || offsetAt(zone, instant - 1000) === offset) return instant;
  return { error: `${text}: ${zone.name} is at ${formatOffset(offsetAt(zone, instant))} at that instant, not ${match[5]}; write ${formatInstant(zone, instant)} for the same instant, or correct the offset if ${match[2]}:${match[3]} is the local time` };
}

/** UTC ms of a date and time read as if it were UTC; undefined when it is not a real one. */
function instantMs(date: string, hour: string, minute: string, second: string | undefined): number | undefined {
  const day = isoDay(date);
  const [h, m, s] = [Number(hour), Number(minute), Number(second ?? 0)];
  if (day === undefined || h > 23 || m > 59 || s > 59) return undefined;
  return day * MS_PER_DAY + ((h * 60 + m) * 60 + s) * 1000;
}

/** Tells how to write a local time as an instant; both ways when the time occurs twice (the night the clocks go back). */
function suggestInstant(text: string, zone: TimeZone): string {
  const match = LOCAL_DATE_TIME.exec(text);
  const local = match ? instantMs(match[1], match[2], match[3], match[4]) : undefined;
  if (!match || local === undefined) return 'write the date, T, the local time and the UTC offset, such as 2026-10-25T02:30:00+02:00';
  const wall = `${match[1]}T${match[2]}:${match[3]}:${match[4] ?? '00'}`;
  const offsets = new Set([offsetAt(zone, local - MS_PER_DAY), offsetAt(zone, local + MS_PER_DAY)]);
  const written = [...offsets]
    .filter((offset) => {
      const instant = local - offset * 60_000;
      return offsetAt(zone, instant) === offset || offsetAt(zone, instant - 1000) === offset;
    })
    .map((offset) => `${wall}${formatOffset(offset)}`);
  if (written.length === 0) return `${match[2]}:${match[3]} does not exist on ${match[1]} in ${zone.name} (the clocks go forward); write the instant with its offset`;
  if (written.length === 1) return `write ${written[0]}`;
  return `write ${written.join(' or ')}: that local time occurs twice when the clocks go back, the offset tells which`;
}

/** Where an instant falls in the zone: its local day and the seconds since that day's midnight (from the cached days, not Intl). */
// A file holds few distinct dates and steps but repeats them on every line: parse each once.
const dayCache = new Map<string, DayNumber | undefined>();
const stepCache = new Map<string, number | undefined>();

function isoDay(text: string): DayNumber | undefined {
  return remembered(dayCache, text, parseIsoDate);
}

function remembered<T>(cache: Map<string, T>, text: string, parse: (text: string) => T): T {
  if (cache.has(text)) return cache.get(text) as T;
  if (cache.size > 10_000) cache.clear();
  const value = parse(text);
  cache.set(text, value);
  return value;
}

export function localPosition(zone: TimeZone, ms: number): { day: DayNumber; second: number } {
  let day = Math.floor(ms / MS_PER_DAY);
  let info = zone.localDay(day);
  while (ms < info.startMs) info = zone.localDay(--day);
  while (ms >= info.startMs + info.lengthSeconds * 1000) info = zone.localDay(++day);
  return { day, second: (ms - info.startMs) / 1000 };
}

function offsetAt(zone: TimeZone, ms: number): number {
  const { day, second } = localPosition(zone, ms);
  const info = zone.localDay(day);
  return info.changeAtSecond >= 0 && second >= info.changeAtSecond ? info.offsetAfterChange : info.offsetAtStart;
}

function parseOffset(text: string): number {
  if (text === 'Z') return 0;
  const minutes = Number(text.slice(1, 3)) * 60 + Number(text.slice(4, 6));
  return text[0] === '-' ? -minutes : minutes;
}

function formatInstant(zone: TimeZone, ms: number): string {
  const offset = offsetAt(zone, ms);
  return `${new Date(ms + offset * 60_000).toISOString().slice(0, 19)}${formatOffset(offset)}`;
}

export function stepName(seconds: number): string {
  return `PT${seconds / 60}M`;
}

/** A field as typed, shortened so that one runaway field does not flood the report. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}
