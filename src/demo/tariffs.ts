/**
 * Tariff calendars of the demo points: which index register (time class)
 * each minute of a local day belongs to, from the point's tariff option and
 * off-peak hours text (`HC (22H30-6H30)`, several ranges separated by `;`).
 */

export const TARIFF_OPTIONS = ['BASE', 'HC', 'HC_SEASONAL', 'PEAK_SEASONAL'] as const;
export type TariffOption = (typeof TARIFF_OPTIONS)[number];

/** Index register names (SGE time classes) per tariff option, in register order. */
const LABELS: Record<TariffOption, string[]> = {
  BASE: ['BASE'],
  HC: ['HP', 'HC'],
  // C4 (low voltage > 36 kVA): peak/off-peak hours in the high (November-March) and low seasons.
  HC_SEASONAL: ['HPH', 'HCH', 'HPB', 'HCB'],
  // C1-C3 (HTA): the same plus peak hours, December-February working days 09-11 and 18-20.
  PEAK_SEASONAL: ['P', 'HPH', 'HCH', 'HPB', 'HCB'],
};

function tariffOptionOf(text: string | null): TariffOption {
  return (TARIFF_OPTIONS as readonly string[]).includes(text ?? '') ? (text as TariffOption) : 'BASE';
}

/** The production index has a single register. */
export const PRODUCTION_LABELS = ['BASE'];

export interface MinuteWindow {
  /** Wall-clock minutes after midnight; `to` may be smaller than `from` when the window spans midnight. */
  from: number;
  to: number;
}

const RANGE = /(\d{1,2})[hH:](\d{2})\s*-\s*(\d{1,2})[hH:](\d{2})/g;

/** Off-peak windows of a text such as `HC (22H30-6H30)` or `HC (1H00-7H00;12H30-14H30)`; none for null or unreadable text. */
export function parseOffpeakHours(text: string | null): MinuteWindow[] {
  if (!text) return [];
  const windows: MinuteWindow[] = [];
  for (const m of text.matchAll(RANGE)) windows.push({ from: (Number(m[1]) * 60 + Number(m[2])) % 1440, to: (Number(m[3]) * 60 + Number(m[4])) % 1440 });
  return windows;
}

/** Off-peak hours handed out to demo points: the usual 8 hours, mostly at night, sometimes split. */
export const OFFPEAK_CHOICES: readonly (readonly [string, number])[] = [
  ['HC (22H30-6H30)', 30],
  ['HC (23H00-7H00)', 20],
  ['HC (22H00-6H00)', 15],
  ['HC (23H30-7H30)', 10],
  ['HC (0H30-8H30)', 5],
  ['HC (1H00-7H00;12H30-14H30)', 10],
  ['HC (2H00-7H00;13H00-16H00)', 10],
];

/** Choices whose boundaries fall on whole hours, for points with a 60-minute curve. */
export const OFFPEAK_WHOLE_HOURS: readonly (readonly [string, number])[] = OFFPEAK_CHOICES.filter(([text]) => !/H30/.test(text));

export function inWindows(windows: MinuteWindow[], minute: number): boolean {
  for (const w of windows) {
    if (w.from <= w.to ? minute >= w.from && minute < w.to : minute >= w.from || minute < w.to) return true;
  }
  return false;
}

/** Minutes of [start, start + duration) (wall clock, may pass midnight) that fall in the windows. */
export function minutesInWindows(windows: MinuteWindow[], start: number, duration: number): number {
  let total = 0;
  for (const w of windows) {
    const spans = w.from <= w.to ? [[w.from, w.to]] : [[w.from, 1440], [0, w.to]];
    for (const [a, b] of spans) {
      for (const shift of [0, 1440]) total += Math.max(0, Math.min(b + shift, start + duration) - Math.max(a + shift, start));
    }
  }
  return total;
}

export interface RegisterCalendar {
  option: TariffOption;
  labels: string[];
  offpeak: MinuteWindow[];
  /** Identifies the calendar in caches. */
  key: string;
}

export function registerCalendar(option: string | null, offpeakHours: string | null): RegisterCalendar {
  const tariff = tariffOptionOf(option);
  // A time-of-use tariff without readable off-peak hours falls back to the most common ones.
  const offpeak = tariff === 'BASE' ? [] : parseOffpeakHours(offpeakHours);
  const windows = tariff !== 'BASE' && offpeak.length === 0 ? [{ from: 22 * 60, to: 6 * 60 }] : offpeak;
  return { option: tariff, labels: LABELS[tariff], offpeak: windows, key: `${tariff}|${windows.map((w) => `${w.from}-${w.to}`).join(',')}` };
}

/**
 * Calendar variants: which set of registers runs on a given day. Plain
 * calendars have one; seasonal ones have the high season (November-March),
 * the low season, and high-season working days with peak hours (December-February).
 */
export const VARIANT_COUNT = 3;
const HIGH_SEASON = 0;
const LOW_SEASON = 1;
const HIGH_SEASON_WITH_PEAK = 2;

export function calendarVariant(calendar: RegisterCalendar, month: number, workday: boolean): number {
  if (calendar.option === 'BASE' || calendar.option === 'HC') return HIGH_SEASON;
  const high = month >= 11 || month <= 3;
  if (!high) return LOW_SEASON;
  return calendar.option === 'PEAK_SEASONAL' && workday && (month === 12 || month <= 2) ? HIGH_SEASON_WITH_PEAK : HIGH_SEASON;
}

const PEAK_WINDOWS: MinuteWindow[] = [
  { from: 9 * 60, to: 11 * 60 },
  { from: 18 * 60, to: 20 * 60 },
];

const minuteMaps = new Map<string, Uint8Array>();

/** Register of each wall-clock minute (1,440) of a day of the given variant. */
export function minuteRegisters(calendar: RegisterCalendar, variant: number): Uint8Array {
  const key = `${calendar.key}#${variant}`;
  const cached = minuteMaps.get(key);
  if (cached) return cached;
  const out = new Uint8Array(1440);
  for (let m = 0; m < 1440; m++) out[m] = registerAt(calendar, variant, m);
  minuteMaps.set(key, out);
  return out;
}

function registerAt(calendar: RegisterCalendar, variant: number, minute: number): number {
  const offpeak = inWindows(calendar.offpeak, minute) ? 1 : 0;
  switch (calendar.option) {
    case 'BASE':
      return 0;
    case 'HC':
      return offpeak;
    case 'HC_SEASONAL':
      return (variant === LOW_SEASON ? 2 : 0) + offpeak;
    case 'PEAK_SEASONAL':
      if (variant === HIGH_SEASON_WITH_PEAK && !offpeak && inWindows(PEAK_WINDOWS, minute)) return 0;
      return (variant === LOW_SEASON ? 3 : 1) + offpeak;
  }
}

/** The off-peak register of a variant: where a water heater or a smart charger runs. */
export function offpeakRegister(calendar: RegisterCalendar, variant: number): number {
  switch (calendar.option) {
    case 'BASE':
      return 0;
    case 'HC':
      return 1;
    case 'HC_SEASONAL':
      return variant === LOW_SEASON ? 3 : 1;
    case 'PEAK_SEASONAL':
      return variant === LOW_SEASON ? 4 : 2;
  }
}
