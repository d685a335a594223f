import { dayParts, formatIsoDate, parseIsoDate } from '../platform/time/local-day.ts';
import type { TimeZone } from '../platform/time/zone.ts';

/**
 * Opening calendar of a channel: when it accepts writes, when it only
 * answers reads, and when it is closed. Times are local wall-clock times in
 * the operator's zone, so "Monday 20:00" stays 20:00 across DST changes.
 */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A daily time range `HH:MM`-`HH:MM` on some weekdays; `to` 24:00 means midnight at the end of the day. */
export interface WeeklyWindow {
  days: Weekday[];
  from: string;
  to: string;
  /** Only the nth such weekday of the month (1-5), e.g. the 3rd Saturday. */
  nthInMonth?: number;
}

/** A one-off window between two local date-times (`YYYY-MM-DDTHH:MM`), e.g. a planned maintenance or a closure. */
export interface DatedWindow {
  from: string;
  to: string;
  reason: string;
}

export interface CalendarDefinition {
  /** When writes are accepted. Absent: always. */
  writeHours?: WeeklyWindow[];
  /** When reads are accepted. Absent: always. Outside write hours but inside read hours, the channel is read-only. */
  readHours?: WeeklyWindow[];
  /** Recurring windows when nothing answers (maintenance). */
  closedWeekly?: (WeeklyWindow & { reason: string })[];
  /** One-off closures and maintenance windows. */
  closedDates?: DatedWindow[];
}

export type OperationKind = 'read' | 'write';

export type CalendarVerdict =
  | { state: 'open' }
  | { state: 'closed'; reason: string; reopensAt: number | undefined }
  | { state: 'read_only'; writableAt: number | undefined };

const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-4]):([0-5]\d)$/;

function seconds(text: string): number {
  const match = TIME.exec(text);
  if (!match) throw new Error(`"${text}" is not a time of day HH:MM`);
  return Number(match[1]) * 3600 + Number(match[2]) * 60;
}

/** Checks a definition and returns every problem, for the admin API and CLI. */
export function calendarProblems(definition: CalendarDefinition): string[] {
  const problems: string[] = [];
  const weekly = [...(definition.writeHours ?? []), ...(definition.readHours ?? []), ...(definition.closedWeekly ?? [])];
  for (const window of weekly) {
    if (!window.days.length || !window.days.every((d) => WEEKDAYS.includes(d))) problems.push(`days must be among ${WEEKDAYS.join(', ')}`);
    if (!TIME.test(window.from) || !TIME.test(window.to)) problems.push(`"${window.from}"-"${window.to}": times are HH:MM, 00:00 to 24:00`);
    else if (seconds(window.from) >= seconds(window.to)) problems.push(`"${window.from}"-"${window.to}": a window ends after it starts (split a window that crosses midnight in two)`);
    if (window.nthInMonth !== undefined && !(Number.isInteger(window.nthInMonth) && window.nthInMonth >= 1 && window.nthInMonth <= 5)) problems.push('nthInMonth is 1 to 5');
  }
  for (const window of definition.closedDates ?? []) {
    const from = DATE_TIME.exec(window.from);
    const to = DATE_TIME.exec(window.to);
    if (!from || !to || parseIsoDate(from[1]) === undefined || parseIsoDate(to[1]) === undefined) problems.push(`"${window.from}"-"${window.to}": write local date-times as YYYY-MM-DDTHH:MM`);
    else if (window.from >= window.to) problems.push(`"${window.from}"-"${window.to}": a closure ends after it starts`);
  }
  return problems;
}

/** A calendar evaluated against instants; built once per definition. */
export class OpeningCalendar {
  private readonly definition: CalendarDefinition;
  private readonly zone: TimeZone;
  private readonly dated: { from: number; to: number; reason: string }[];

  constructor(definition: CalendarDefinition, zone: TimeZone) {
    const problems = calendarProblems(definition);
    if (problems.length) throw new Error(`Invalid calendar: ${problems.join('; ')}`);
    this.definition = definition;
    this.zone = zone;
    this.dated = (definition.closedDates ?? []).map((w) => ({ from: this.localInstant(w.from), to: this.localInstant(w.to), reason: w.reason }));
  }

  /** What the channel does at `ms` for an operation of this kind. */
  verdict(ms: number, kind: OperationKind): CalendarVerdict {
    const closure = this.closureAt(ms);
    if (closure) return { state: 'closed', reason: closure, reopensAt: this.nextInstant(ms, (t) => this.closureAt(t) === undefined && this.allows(t, kind)) };
    if (!this.inHours(this.definition.readHours, ms)) {
      return { state: 'closed', reason: 'outside opening hours', reopensAt: this.nextInstant(ms, (t) => this.closureAt(t) === undefined && this.allows(t, kind)) };
    }
    if (kind === 'write' && !this.inHours(this.definition.writeHours, ms)) {
      return { state: 'read_only', writableAt: this.nextInstant(ms, (t) => this.closureAt(t) === undefined && this.allows(t, 'write')) };
    }
    return { state: 'open' };
  }

  private allows(ms: number, kind: OperationKind): boolean {
    return this.inHours(this.definition.readHours, ms) && (kind === 'read' || this.inHours(this.definition.writeHours, ms));
  }

  private closureAt(ms: number): string | undefined {
    for (const window of this.dated) if (ms >= window.from && ms < window.to) return window.reason;
    for (const window of this.definition.closedWeekly ?? []) if (this.inWindow(window, ms)) return window.reason;
    return undefined;
  }

  private inHours(windows: WeeklyWindow[] | undefined, ms: number): boolean {
    return windows === undefined || windows.some((w) => this.inWindow(w, ms));
  }

  private inWindow(window: WeeklyWindow, ms: number): boolean {
    const { day, wallSecond } = this.zone.wallClockOf(ms);
    const parts = dayParts(day);
    if (!window.days.includes(WEEKDAYS[parts.weekday])) return false;
    if (window.nthInMonth !== undefined && Math.ceil(parts.dayOfMonth / 7) !== window.nthInMonth) return false;
    return wallSecond >= seconds(window.from) && wallSecond < seconds(window.to);
  }

  /**
   * The first window edge after `ms` (over the next 35 days) at which `ok`
   * holds: state only changes at edges, so checking edges is exact.
   */
  private nextInstant(ms: number, ok: (t: number) => boolean): number | undefined {
    const edges = new Set<number>();
    const firstDay = this.zone.dayOf(ms);
    const weekly = [...(this.definition.writeHours ?? []), ...(this.definition.readHours ?? []), ...(this.definition.closedWeekly ?? [])];
    for (let day = firstDay; day <= firstDay + 35; day++) {
      edges.add(this.zone.instantOf(day, 0));
      for (const window of weekly) {
        edges.add(this.zone.instantOf(day, seconds(window.from)));
        edges.add(seconds(window.to) >= 86_400 ? this.zone.instantOf(day + 1, 0) : this.zone.instantOf(day, seconds(window.to)));
      }
    }
    for (const window of this.dated) edges.add(window.from).add(window.to);
    return [...edges].filter((t) => t > ms).sort((a, b) => a - b).find(ok);
  }

  private localInstant(text: string): number {
    const match = DATE_TIME.exec(text)!;
    return this.zone.instantOf(parseIsoDate(match[1])!, seconds(`${match[2]}:${match[3]}`));
  }
}

const ALL_WEEK: Weekday[] = [...WEEKDAYS];

/**
 * GRDF OMEGA web services (R28, R32-R34): read/write during the portal hours,
 * read-only the rest of the time, closed Monday 20:00-22:00, Wednesday
 * 19:00-22:00 and the 3rd Saturday of the month from 16:00 to 22:00.
 */
export const OMEGA_WEB_SERVICES: CalendarDefinition = {
  writeHours: [
    { days: ['mon'], from: '08:00', to: '20:00' },
    { days: ['tue', 'thu', 'fri', 'sat'], from: '08:00', to: '21:30' },
    { days: ['wed'], from: '08:00', to: '19:00' },
    { days: ['sun'], from: '08:00', to: '21:00' },
  ],
  closedWeekly: [
    { days: ['mon'], from: '20:00', to: '22:00', reason: 'weekly maintenance of the web services (Monday 20:00-22:00)' },
    { days: ['wed'], from: '19:00', to: '22:00', reason: 'weekly maintenance of the web services (Wednesday 19:00-22:00)' },
    { days: ['sat'], nthInMonth: 3, from: '16:00', to: '22:00', reason: 'monthly maintenance (3rd Saturday from 16:00)' },
  ],
};

/** OMEGA portal (R28, R32): the same read/write hours; read-only outside them (Gridgate's choice); closed on the 3rd Saturday from 16:00. */
export const OMEGA_PORTAL: CalendarDefinition = {
  writeHours: OMEGA_WEB_SERVICES.writeHours,
  closedWeekly: [{ days: ['sat'], nthInMonth: 3, from: '16:00', to: '22:00', reason: 'monthly maintenance (3rd Saturday from 16:00)' }],
};

/** OMEGA file channel (R28, R35): downloads and deposits at any time except the 3rd Saturday from 16:00. */
export const OMEGA_FILES: CalendarDefinition = {
  closedWeekly: [{ days: ['sat'], nthInMonth: 3, from: '16:00', to: '24:00', reason: 'monthly maintenance (3rd Saturday from 16:00)' }],
};

/** Always open: the default of a channel without a calendar. */
export const ALWAYS_OPEN: CalendarDefinition = { readHours: [{ days: ALL_WEEK, from: '00:00', to: '24:00' }] };

export function describeInstant(zone: TimeZone, ms: number | undefined): string {
  if (ms === undefined) return 'not within the next 35 days';
  const { day } = zone.wallClockOf(ms);
  return `${formatIsoDate(day)} ${zone.isoAt(day, Math.round((ms - zone.localDay(day).startMs) / 1000)).slice(11, 16)}`;
}
