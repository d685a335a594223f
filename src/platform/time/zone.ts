import { formatIsoDate, type DayNumber } from './local-day.ts';

/**
 * A time zone's local days, computed once per day and cached. Every per-slot
 * question (where a slot starts, how it is labelled) is answered from the
 * cached day, never by a date library call per value.
 */
export interface LocalDay {
  day: DayNumber;
  /** UTC epoch ms of local midnight. */
  startMs: number;
  /** Length of the day in seconds: 82,800, 86,400 or 90,000 around DST changes. */
  lengthSeconds: number;
  /** UTC offset in minutes at the start of the day. */
  offsetAtStart: number;
  /** Seconds after local midnight at which the offset changes, or -1 when it does not. */
  changeAtSecond: number;
  /** UTC offset in minutes after the change (equal to offsetAtStart when there is none). */
  offsetAfterChange: number;
}

const MS_PER_DAY = 86_400_000;

export class TimeZone {
  readonly name: string;
  private readonly partsFormat: Intl.DateTimeFormat;
  private readonly days = new Map<DayNumber, LocalDay>();
  private readonly labels = new Map<string, string[]>();
  private readonly isoBounds = new Map<string, { starts: string[]; ends: string[] }>();

  constructor(name: string) {
    this.name = name;
    this.partsFormat = new Intl.DateTimeFormat('en-GB', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  /** UTC offset in minutes in force at an instant. */
  offsetMinutesAt(ms: number): number {
    const parts = this.partsFormat.formatToParts(new Date(ms));
    const value = (type: string): number => Number(parts.find((p) => p.type === type)!.value);
    const asUtc = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second'));
    return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
  }

  /** The local day containing an instant, from the cached day bounds (no Intl call once the day is known). */
  dayOf(ms: number): DayNumber {
    let day = Math.floor(ms / MS_PER_DAY);
    // Offsets are within a day of UTC: the answer is the UTC day or a neighbour.
    while (ms < this.localDay(day).startMs) day--;
    while (ms >= this.localDay(day + 1).startMs) day++;
    return day;
  }

  localDay(day: DayNumber): LocalDay {
    const cached = this.days.get(day);
    if (cached) return cached;
    const startMs = this.midnight(day);
    const endMs = this.midnight(day + 1);
    const offsetAtStart = this.offsetMinutesAt(startMs);
    const offsetAtEnd = this.offsetMinutesAt(endMs - 1);
    let changeAtSecond = -1;
    if (offsetAtEnd !== offsetAtStart) {
      // Binary search to the second: transitions are on whole seconds.
      let lo = startMs;
      let hi = endMs - 1;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (this.offsetMinutesAt(mid) === offsetAtStart) lo = mid;
        else hi = mid;
      }
      changeAtSecond = Math.round((hi - startMs) / 1000);
    }
    const result: LocalDay = {
      day,
      startMs,
      lengthSeconds: Math.round((endMs - startMs) / 1000),
      offsetAtStart,
      changeAtSecond,
      offsetAfterChange: offsetAtEnd,
    };
    this.days.set(day, result);
    return result;
  }

  /** Number of slots of `stepSeconds` in a local day (46, 48 or 50 half-hours). */
  slotCount(day: DayNumber, stepSeconds: number): number {
    return Math.ceil(this.localDay(day).lengthSeconds / stepSeconds);
  }

  /**
   * Local wall-clock labels `YYYY-MM-DD HH:MM:SS` of the end of each slot, written
   * with the offset in force during the slot (so the repeated October hour appears twice).
   * Cached per (day, first second, step): the hot path of every curve answer.
   */
  slotEndLabels(day: DayNumber, stepSeconds: number, fromSecond = 0, count?: number): string[] {
    const info = this.localDay(day);
    const n = count ?? Math.ceil((info.lengthSeconds - fromSecond) / stepSeconds);
    const key = `${day}:${stepSeconds}:${fromSecond}:${n}`;
    const cached = this.labels.get(key);
    if (cached) return cached;
    const out: string[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const endSecond = fromSecond + (i + 1) * stepSeconds;
      const inSecond = endSecond - 1;
      const offset = info.changeAtSecond >= 0 && inSecond >= info.changeAtSecond ? info.offsetAfterChange : info.offsetAtStart;
      out[i] = formatWallClock(info.startMs + endSecond * 1000 + offset * 60_000);
    }
    if (this.labels.size > 50_000) this.labels.clear();
    this.labels.set(key, out);
    return out;
  }

  /**
   * ISO 8601 start and end of each slot with the offset in force during the slot
   * (`2026-10-25T02:30:00+02:00`, then `2026-10-25T02:00:00+01:00`): unambiguous on DST days.
   */
  slotIsoBounds(day: DayNumber, stepSeconds: number, fromSecond: number, count: number): { starts: string[]; ends: string[] } {
    const key = `iso:${day}:${stepSeconds}:${fromSecond}:${count}`;
    const cached = this.isoBounds.get(key);
    if (cached) return cached;
    const info = this.localDay(day);
    const starts: string[] = new Array(count);
    const ends: string[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const startSecond = fromSecond + i * stepSeconds;
      const offset = info.changeAtSecond >= 0 && startSecond >= info.changeAtSecond ? info.offsetAfterChange : info.offsetAtStart;
      const suffix = formatOffset(offset);
      starts[i] = formatWallClock(info.startMs + startSecond * 1000 + offset * 60_000, 'T') + suffix;
      ends[i] = formatWallClock(info.startMs + (startSecond + stepSeconds) * 1000 + offset * 60_000, 'T') + suffix;
    }
    const result = { starts, ends };
    if (this.isoBounds.size > 50_000) this.isoBounds.clear();
    this.isoBounds.set(key, result);
    return result;
  }

  /** ISO 8601 instant with its offset, for seconds after a day's local midnight. */
  isoAt(day: DayNumber, second: number): string {
    const info = this.localDay(day);
    const offset = info.changeAtSecond >= 0 && second >= info.changeAtSecond ? info.offsetAfterChange : info.offsetAtStart;
    return formatWallClock(info.startMs + second * 1000 + offset * 60_000, 'T') + formatOffset(offset);
  }

  /** Where an instant falls: its local day and the wall-clock seconds since that day's midnight. */
  wallClockOf(ms: number): { day: DayNumber; wallSecond: number; elapsedSecond: number } {
    const day = this.dayOf(ms);
    const info = this.localDay(day);
    const elapsedSecond = Math.floor((ms - info.startMs) / 1000);
    const shift = info.changeAtSecond >= 0 && elapsedSecond >= info.changeAtSecond ? (info.offsetAfterChange - info.offsetAtStart) * 60 : 0;
    return { day, wallSecond: elapsedSecond + shift, elapsedSecond };
  }

  /**
   * The instant of a wall-clock time on a local day. A time repeated in the
   * autumn gives its first occurrence; a time skipped in the spring gives the
   * instant of the change.
   */
  instantOf(day: DayNumber, wallSecond: number): number {
    const info = this.localDay(day);
    if (info.changeAtSecond < 0 || wallSecond < info.changeAtSecond) return info.startMs + wallSecond * 1000;
    const afterChange = wallSecond - (info.offsetAfterChange - info.offsetAtStart) * 60;
    return info.startMs + Math.max(afterChange, info.changeAtSecond) * 1000;
  }

  /** Local wall-clock label of an instant given as seconds after the day's midnight. */
  wallClockAt(day: DayNumber, second: number): string {
    const info = this.localDay(day);
    const offset = info.changeAtSecond >= 0 && second >= info.changeAtSecond ? info.offsetAfterChange : info.offsetAtStart;
    return formatWallClock(info.startMs + second * 1000 + offset * 60_000);
  }

  private midnight(day: DayNumber): number {
    const naive = day * MS_PER_DAY;
    // Midnight is never inside a DST gap in the zones we serve; two passes settle the offset.
    let start = naive - this.offsetMinutesAt(naive) * 60_000;
    start = naive - this.offsetMinutesAt(start) * 60_000;
    return start;
  }
}

/** Formats UTC fields of a shifted instant as `YYYY-MM-DD HH:MM:SS`. */
function formatWallClock(shiftedMs: number, separator = ' '): string {
  const dayNumber = Math.floor(shiftedMs / MS_PER_DAY);
  const secondOfDay = Math.floor((shiftedMs - dayNumber * MS_PER_DAY) / 1000);
  const h = Math.floor(secondOfDay / 3600);
  const m = Math.floor((secondOfDay % 3600) / 60);
  const s = secondOfDay % 60;
  return `${formatIsoDate(dayNumber)}${separator}${pad2(h)}:${pad2(m)}:${pad2(s)}`;
}

/** A UTC offset in minutes as `+01:00` (or `+0100` with an empty separator). */
export function formatOffset(minutes: number, separator = ':'): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(abs / 60))}${separator}${pad2(abs % 60)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const zones = new Map<string, TimeZone>();

export function timeZone(name: string): TimeZone {
  let zone = zones.get(name);
  if (!zone) {
    zone = new TimeZone(name);
    zones.set(name, zone);
  }
  return zone;
}

export const PARIS = 'Europe/Paris';
