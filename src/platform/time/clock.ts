/**
 * The one clock of the process. Production uses the system time; a server in
 * test mode starts from GRIDGATE_NOW and can be set or advanced over HTTP so
 * that tests cross expiries and midnights without sleeping.
 */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** The clock of a process: the system's, or in test mode an adjustable one starting at GRIDGATE_NOW. */
export function clockFor(config: { testMode: boolean; now: number | undefined }): Clock {
  return config.testMode ? new AdjustableClock(config.now ?? Date.now()) : systemClock;
}

export class AdjustableClock implements Clock {
  private readonly listeners = new Set<() => void>();
  private offsetMs: number;
  private readonly frozen: boolean;
  private frozenAt: number;

  /** A frozen clock stays at its instant until set or advanced; a running one ticks with the system. */
  constructor(startMs: number, options: { frozen?: boolean } = {}) {
    this.frozen = options.frozen ?? false;
    this.frozenAt = startMs;
    this.offsetMs = startMs - Date.now();
  }

  now(): number {
    return this.frozen ? this.frozenAt : Date.now() + this.offsetMs;
  }

  set(ms: number): void {
    this.frozenAt = ms;
    this.offsetMs = ms - Date.now();
    for (const listener of this.listeners) listener();
  }

  /** Called after every set or advance: lets jobs react at once when a test moves time. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  advance(ms: number): void {
    this.set(this.now() + ms);
  }
}

const DURATION = /^([+-])?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Parses a signed ISO 8601 duration of days, hours, minutes and seconds (`PT3M`, `-P2D`, `P1DT2H`) to ms. */
export function parseDurationMs(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match || text.trim().replace(/^[+-]/, '') === 'P' || text.trim().endsWith('T')) return undefined;
  const [, sign, d, h, m, s] = match;
  const ms = ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(m ?? 0)) * 60_000 + Number(s ?? 0) * 1000;
  return sign === '-' ? -ms : ms;
}

/**
 * GRIDGATE_NOW: an instant (`2026-03-29T12:00:00+02:00`) or an offset from the
 * real time (`-P30D`). Returns the start instant in ms, or an error message.
 */
export function parseNowSetting(text: string, realNow: number): number | string {
  const duration = parseDurationMs(text);
  if (duration !== undefined) return realNow + duration;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    return 'expected an instant with its offset such as 2026-03-29T12:00:00+02:00, or a duration from now such as -P30D';
  }
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? 'not a valid instant' : ms;
}
