import type { DayNumber } from '../platform/time/local-day.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { ALSACE_HOLIDAY_FLAG, CALENDAR, calendarIndex, HOLIDAY_FLAG, weekdayOf } from './calendar.ts';
import { ACTIVITY_CODE, SHAPE_BY_ID, SHAPE_ID, SHARED_SHAPES, type DemoProfile } from './profiles.ts';
import { hash3, hash4, SALT, unit } from './random.ts';
import { SHAPES, type Shape } from './shapes.ts';
import { calendarVariant, minutesInWindows, minuteRegisters, offpeakRegister } from './tariffs.ts';
import { clearSkySunHours, coolingDegrees, heatingDegrees, sunProfile } from './weather.ts';

/**
 * The energy of a point on a day, per index register, before any slot is
 * drawn. The meter's registers are what the customer is billed on, so the
 * demo works top-down: this model fixes each register's daily energy (a few
 * dozen operations, cheap enough to sum from the meter's activation for the
 * cumulative index), then the generator shapes the day's curve to match it
 * exactly. It also hands the generator the components of the shape.
 */
export interface DayEnergy {
  variant: number;
  /** Shape of the occupants' activity, null when nobody is there. */
  activityShape: Shape | null;
  heatingShape: Shape;
  /** Mean power of each component over the day (W). */
  baseW: number;
  activityW: number;
  heatingW: number;
  coolingW: number;
  /** Blocks at constant power: water heater and car charger (wall-clock start, minutes; wraps past midnight). */
  hotWaterW: number;
  hotWaterStart: number;
  hotWaterMinutes: number;
  evW: number;
  evStart: number;
  evMinutes: number;
  /** Production (W) = pvW x clear-sky kW per kWp of the slot. */
  pvW: number;
  /** Energy drawn per register (Wh, integers): imports for a point that also produces. */
  consumption: Float64Array;
  consumptionTotal: number;
  /** Energy injected (Wh, integer). */
  production: number;
  /** Gas day: energy (Wh) and conversion coefficient (Wh/m3). */
  gasEnergy: number;
  gasCoefficient: number;
}

export function newDayEnergy(registerCount: number): DayEnergy {
  return {
    variant: 0, activityShape: null, heatingShape: SHAPES.flat, baseW: 0, activityW: 0, heatingW: 0, coolingW: 0, hotWaterW: 0, hotWaterStart: 0, hotWaterMinutes: 0,
    evW: 0, evStart: 0, evMinutes: 0, pvW: 0, consumption: new Float64Array(registerCount), consumptionTotal: 0, production: 0, gasEnergy: 0, gasCoefficient: 0,
  };
}

const raw = new Float64Array(8);
const SHAPE_COUNT = SHARED_SHAPES.length;
const FLAT = SHAPE_ID.flat;
const COOLING = SHAPE_ID.cooling;
const HOME = ACTIVITY_CODE.home;

export function computeDayEnergy(p: DemoProfile, zone: TimeZone, day: DayNumber, out: DayEnergy): void {
  const w = p.weather;
  const wi = w.index(day);
  const temperature = w.temperature[wi];
  const ci = calendarIndex(day);
  const doy = CALENDAR.dayOfYear[ci];
  const weekday = weekdayOf(day);
  const flags = CALENDAR.holidays[ci];
  const holiday = (flags & HOLIDAY_FLAG) !== 0 || (p.alsace && (flags & ALSACE_HOLIDAY_FLAG) !== 0);
  const workday = weekday < 5 && !holiday;
  const season = CALENDAR.season[ci];
  // One hash a day, cut into three independent dice.
  const dice = hash3(p.key, day, SALT.dayNoise);
  const noise1 = (dice & 0x7ff) / 1024 - 1;
  const noise2 = ((dice >>> 11) & 0x7ff) / 1024 - 1;
  const evDie = (dice >>> 22) / 1024;
  const t = p.traits;
  const home = p.activityCode === HOME;
  const away = home && t.takesHolidays && isAway(p, CALENDAR.year[ci], doy);
  const openShare = home ? 1 : openingShare(p.activityCode, t.takesHolidays, weekday, holiday, doy);

  if (p.energy === 'gas') {
    // The gas day runs 06:00 to 06:00: three quarters of it belong to the calendar day.
    const next = w.temperature[w.index(day + 1)];
    const degrees = heatingDegrees(0.75 * temperature + 0.25 * next);
    const base = t.gasBaseWh * (1 + 0.25 * season) * (away ? 0.12 : home ? 1 : 0.3 + 0.7 * openShare);
    const heating = t.gasWhPerDegreeDay * degrees * (away ? 0.4 : home ? 1 : 0.6 + 0.4 * Math.min(1, openShare));
    out.gasEnergy = Math.max(0, Math.round((base + heating) * (1 + 0.06 * noise1)));
    out.gasCoefficient = w.gasCoefficient[wi];
    return;
  }

  const variant = p.calendar.option === 'BASE' || p.calendar.option === 'HC' ? 0 : calendarVariant(p.calendar, CALENDAR.month[ci], workday);
  out.variant = variant;
  const registers = p.registerCount;
  for (let r = 0; r < registers; r++) raw[r] = 0;

  if (p.consumes) {
    let activityWh: number;
    let activityShape: number;
    let heatingShape: number;
    if (home) {
      activityShape = workday ? p.workdayShape : p.dayOffShape;
      activityWh = away ? 0 : t.activityWh * (workday ? 1 : 1.12) * (1 + 0.15 * season) * (1 + 0.12 * noise1);
      heatingShape = p.heatingShape;
    } else {
      activityShape = p.workdayShape;
      activityWh = t.activityWh * openShare * (1 + 0.08 * noise1);
      heatingShape = openShare > 0 ? p.heatingShape : FLAT;
    }
    const baseWh = t.baseW * 24 * (away ? 0.85 : 1);
    const heatingWh = t.heatLossWPerK > 0 ? t.heatLossWPerK * heatingDegrees(temperature) * 24 * (away ? 0.35 : home || openShare > 0 ? 1 : 0.55) * (1 + 0.06 * noise2) : 0;
    const coolingWh = t.coolingWPerK > 0 ? t.coolingWPerK * coolingDegrees(temperature) * 24 * (away ? 0 : home || openShare > 0 ? 1 : 0.2) : 0;
    out.activityShape = activityWh > 0 ? SHAPE_BY_ID[activityShape] : null;
    out.heatingShape = SHAPE_BY_ID[heatingShape];
    out.baseW = baseWh / 24;
    out.activityW = activityWh / 24;
    out.heatingW = heatingWh / 24;
    out.coolingW = coolingWh / 24;

    // Water heater: starts with the night off-peak window and runs until the tank is hot.
    const hotWaterWh = t.hotWaterW > 0 ? Math.min(t.hotWaterWh * (1 + 0.2 * season) * (away ? 0.05 : 1) * (1 + 0.1 * noise2), (t.hotWaterW * p.offpeakLength) / 60) : 0;
    out.hotWaterW = t.hotWaterW;
    out.hotWaterStart = p.offpeakStart;
    out.hotWaterMinutes = hotWaterWh > 0 ? (hotWaterWh / t.hotWaterW) * 60 : 0;

    // Car: some evenings, on arrival or when off-peak hours start.
    out.evW = t.evW;
    out.evMinutes = 0;
    let evWh = 0;
    if (t.evW > 0 && !away && (t.evDays >> weekday) & 1 && evDie < 0.85) {
      const roll = hash3(p.key, day, SALT.ev);
      evWh = t.evWh * (0.6 + 0.8 * unit(roll)) * (1 + 0.15 * season);
      out.evMinutes = Math.min((evWh / t.evW) * 60, 840);
      out.evStart = t.evSmart ? p.offpeakStart : 17 * 60 + 30 + ((roll >>> 5) % 180);
    }

    const shares = p.shares;
    const row = variant * SHAPE_COUNT;
    for (let r = 0; r < registers; r++) {
      let energy = baseWh * shares[(row + FLAT) * registers + r];
      if (activityWh > 0) energy += activityWh * shares[(row + activityShape) * registers + r];
      if (heatingWh > 0) energy += heatingWh * shares[(row + heatingShape) * registers + r];
      if (coolingWh > 0) energy += coolingWh * shares[(row + COOLING) * registers + r];
      raw[r] = energy;
    }
    const offpeak = offpeakRegister(p.calendar, variant);
    raw[offpeak] += hotWaterWh;
    if (out.evMinutes > 0) {
      const evEnergy = (t.evW * out.evMinutes) / 60;
      const inOffpeak = p.calendar.offpeak.length > 0 ? minutesInWindows(p.calendar.offpeak, out.evStart, out.evMinutes) / out.evMinutes : 1;
      raw[offpeak] += evEnergy * inOffpeak;
      raw[minuteRegisters(p.calendar, variant)[out.evStart % 1440]] += evEnergy * (1 - inOffpeak);
    }
  } else {
    out.activityShape = null;
    out.baseW = out.activityW = out.heatingW = out.coolingW = 0;
    out.hotWaterMinutes = out.evMinutes = 0;
  }

  out.production = 0;
  out.pvW = 0;
  if (p.produces) {
    const clearness = w.clearness[wi];
    out.pvW = t.pvPeakW * t.pvYield * clearness;
    if (p.consumes) {
      netOfProduction(p, zone, day, out, raw);
    } else {
      out.production = Math.max(0, Math.round(out.pvW * clearSkySunHours(p.climate, zone, day) * (1 + 0.03 * noise2)));
    }
  }
  let total = 0;
  if (p.consumes) {
    roundRegisters(raw, out.consumption, registers);
    for (let r = 0; r < registers; r++) total += out.consumption[r];
  }
  out.consumptionTotal = total;
}

/** Integer Wh per register summing to the rounded total: cumulative rounding, no drift. */
function roundRegisters(raw: Float64Array, out: Float64Array, count: number): void {
  let acc = 0;
  let previous = 0;
  for (let r = 0; r < count; r++) {
    acc += raw[r] > 0 ? raw[r] : 0;
    const rounded = Math.round(acc);
    out[r] = rounded - previous;
    previous = rounded;
  }
}

/**
 * A point that consumes and produces behind one meter records, per slot, the
 * net import or the net export. Imports and exports are worked out half-hour
 * by half-hour from the same components as the curve, without its noise.
 */
function netOfProduction(p: DemoProfile, zone: TimeZone, day: DayNumber, e: DayEnergy, raw: Float64Array): void {
  const sun = sunProfile(p.climate, zone, day, 1800);
  const registers = minuteRegisters(p.calendar, e.variant);
  raw.fill(0, 0, p.registerCount);
  let exported = 0;
  for (let h = 0; h < 48; h++) {
    const from = h * 30;
    let load = e.baseW + e.heatingW * e.heatingShape.halfHours[h] + e.coolingW * SHAPES.cooling.halfHours[h];
    if (e.activityShape) load += e.activityW * e.activityShape.halfHours[h];
    if (e.hotWaterMinutes > 0) load += (e.hotWaterW * blockOverlap(e.hotWaterStart, e.hotWaterMinutes, from, 30)) / 30;
    if (e.evMinutes > 0) load += (e.evW * blockOverlap(e.evStart, e.evMinutes, from, 30)) / 30;
    const net = load - e.pvW * sun[h < sun.length ? h : sun.length - 1];
    if (net >= 0) raw[registers[from + 15]] += net / 2;
    else exported -= net / 2;
  }
  e.production = Math.round(exported);
}

/** Minutes of a block [start, start + length) (wrapping past midnight onto the same day's early hours) inside [from, from + span). */
export function blockOverlap(start: number, length: number, from: number, span: number): number {
  const end = start + length;
  let minutes = Math.max(0, Math.min(end, from + span) - Math.max(start, from));
  if (end > 1440) minutes += Math.max(0, Math.min(end - 1440, from + span) - from);
  return minutes;
}

/** Residential holidays: a summer fortnight or so, sometimes Christmas or a February week; planned once a year. */
function isAway(p: DemoProfile, year: number, doy: number): boolean {
  const plan = p.holidays;
  if (plan.year !== year) {
    const summer = hash3(p.key, year, SALT.vacation);
    const winter = hash4(p.key, year, SALT.vacation, 2);
    plan.year = year;
    plan.summerStart = unit(summer) < 0.8 ? 182 + ((summer >>> 8) % 50) : 0;
    plan.summerEnd = plan.summerStart > 0 ? plan.summerStart + 7 * (1 + ((summer >>> 16) % 3)) : 0;
    plan.christmas = unit(winter) < 0.35;
    plan.februaryStart = unit(hash3(winter, year, 1)) < 0.2 ? 38 + ((winter >>> 12) % 21) : -100;
  }
  return (doy >= plan.summerStart && doy < plan.summerEnd) || (plan.christmas && doy >= 357) || (doy >= plan.februaryStart && doy < plan.februaryStart + 7);
}

const OFFICE = ACTIVITY_CODE.office;
const SHOP = ACTIVITY_CODE.shop;

/** How much of a business runs that day: 1 open, 0 closed, in between for short Saturdays and summer. */
function openingShare(activity: number, takesHolidays: boolean, weekday: number, holiday: boolean, doy: number): number {
  if (holiday) return 0;
  const august = doy >= 213 && doy < 244;
  const christmas = doy >= 358;
  if (activity === OFFICE) {
    if (weekday >= 5 || (takesHolidays && christmas)) return 0;
    return august ? 0.6 : 1;
  }
  if (activity === SHOP) return weekday === 6 || (takesHolidays && doy >= 220 && doy < 234) ? 0 : 1;
  if (weekday === 6 || (takesHolidays && (christmas || (doy >= 213 && doy < 234)))) return 0;
  return weekday === 5 ? 0.35 : 1;
}
