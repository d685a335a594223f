import type { UsagePointRow } from '../grid/grid.tables.ts';
import type { DayNumber } from '../platform/time/local-day.ts';
import { hash2, hash3, hashString, Random, SALT } from './random.ts';
import { sandboxBehaviour } from './sandbox.ts';
import { SHAPES, registerShares, type Shape } from './shapes.ts';
import { minuteRegisters, registerCalendar, VARIANT_COUNT, type MinuteWindow, type RegisterCalendar } from './tariffs.ts';
import { climateOf, departmentOf, weatherOf, type Climate, type RegionWeather } from './weather.ts';

/**
 * What kind of consumer or producer a demo point is, and how big. Traits are
 * a pure function of (seed, point id, energy, segment, direction): the
 * network builder sizes a point's subscribed power from them, and the
 * generator finds the same traits again from the stored usage point.
 */
export type ProfileKind = 'residential' | 'professional' | 'producer' | 'self_consumption' | 'gas_residential' | 'gas_professional';
export type Activity = 'home' | 'office' | 'shop' | 'industry';

export interface Traits {
  kind: ProfileKind;
  activity: Activity;
  /** Always-on load (W): fridge, standby, ventilation, refrigerated displays. */
  baseW: number;
  /** Energy of the occupants' activity on an ordinary occupied day (Wh). */
  activityWh: number;
  /** Heat loss of an electrically heated building (W/K); 0 when heated otherwise. */
  heatLossWPerK: number;
  /** Air conditioning (W/K above 22 °C); 0 without. */
  coolingWPerK: number;
  /** Electric water heater running on off-peak hours (W); 0 without. */
  hotWaterW: number;
  hotWaterWh: number;
  /** Electric vehicle charger (W); 0 without. */
  evW: number;
  evWh: number;
  /** Charges when off-peak hours start rather than on arrival. */
  evSmart: boolean;
  /** Weekdays with a charging session (bit 0 = Monday). */
  evDays: number;
  /** Photovoltaic panels (Wp); 0 without. */
  pvPeakW: number;
  /** Orientation and losses of the panels (share of the ideal south-facing output). */
  pvYield: number;
  /** Gas: hot water and cooking per day (Wh), and heating per degree day (Wh/DD). */
  gasBaseWh: number;
  gasWhPerDegreeDay: number;
  /** Highest demand expected on a cold day (W), to size the subscribed power. */
  peakW: number;
  /** Household away in summer and at Christmas (residential), or closed in August (professional). */
  takesHolidays: boolean;
}

const NO_TRAITS: Traits = {
  kind: 'residential', activity: 'home', baseW: 0, activityWh: 0, heatLossWPerK: 0, coolingWPerK: 0, hotWaterW: 0, hotWaterWh: 0,
  evW: 0, evWh: 0, evSmart: false, evDays: 0, pvPeakW: 0, pvYield: 0.85, gasBaseWh: 0, gasWhPerDegreeDay: 0, peakW: 0, takesHolidays: true,
};

/** Coldest day the buildings are sized for: 17 °C base minus -8 °C. */
const DESIGN_DEGREES = 25;

export function pointTraits(seed: string, id: string, energy: 'electricity' | 'gas', segment: string, direction: string): Traits {
  const r = new Random(hash3(hashString(seed), hashString(id), SALT.traits));
  const overrides = sandboxBehaviour(id)?.traits;
  const traits = energy === 'gas' ? gasTraits(r, segment) : direction === 'production' ? producerTraits(r) : direction === 'both' && segment === 'C5' ? selfConsumerTraits(r) : consumerTraits(r, segment);
  if (!overrides) return traits;
  const merged = { ...traits, ...overrides };
  return { ...merged, peakW: overrides.peakW ?? electricPeak(merged) };
}

/** Share of C5 consumers that are small businesses rather than households. */
const PROFESSIONAL_SHARE_C5 = 0.09;

function consumerTraits(r: Random, segment: string): Traits {
  if (segment === 'C5' && !r.chance(PROFESSIONAL_SHARE_C5)) return householdTraits(r, 'residential');
  return businessTraits(r, segment);
}

function householdTraits(r: Random, kind: ProfileKind): Traits {
  const apartment = r.chance(0.45);
  const occupants = r.weighted([[1, 30], [2, 33], [3, 16], [4, 14], [5, 7]] as const);
  const electricHeating = r.chance(0.38);
  const hotWater = r.chance(0.62);
  const ev = r.chance(apartment ? 0.03 : 0.08);
  const traits: Traits = {
    ...NO_TRAITS,
    kind,
    activity: 'home',
    baseW: Math.round(r.range(60, 160) + 25 * occupants),
    activityWh: Math.round((1200 + 1100 * occupants) * r.range(0.75, 1.3)),
    heatLossWPerK: electricHeating ? Math.round(apartment ? r.range(50, 110) : r.range(110, 230)) : 0,
    coolingWPerK: r.chance(0.1) ? Math.round(r.range(80, 250)) : 0,
    hotWaterW: hotWater ? r.pick([1800, 2200, 3000]) : 0,
    hotWaterWh: hotWater ? Math.round(1300 * occupants * r.range(0.8, 1.2)) : 0,
    evW: ev ? r.weighted([[3700, 5], [7400, 4], [11000, 1]] as const) : 0,
    evWh: ev ? Math.round(r.range(5000, 16000)) : 0,
    evSmart: r.chance(0.6),
    evDays: ev ? r.pick([0b0011111, 0b0010101, 0b1001010, 0b0111111, 0b1100110]) : 0,
    takesHolidays: r.chance(0.75),
  };
  return { ...traits, peakW: electricPeak(traits) };
}

function businessTraits(r: Random, segment: string): Traits {
  const activity: Activity =
    segment === 'C5'
      ? r.weighted([['shop', 50], ['office', 40], ['industry', 10]] as const)
      : segment === 'C4'
        ? r.weighted([['office', 40], ['shop', 35], ['industry', 25]] as const)
        : r.weighted([['industry', 60], ['office', 25], ['shop', 15]] as const);
  const peakKw = segment === 'C5' ? r.range(5, 30) : segment === 'C4' ? r.range(36, 200) : segment === 'C1' ? r.range(900, 4000) : r.range(250, 1500);
  const peakW = peakKw * 1000;
  const shape = activity === 'office' ? SHAPES.office : activity === 'shop' ? SHAPES.shop : SHAPES.industry;
  const baseShare = activity === 'shop' ? 0.12 : activity === 'office' ? 0.08 : 0.12;
  const electricHeating = r.chance(activity === 'industry' ? 0.3 : activity === 'shop' ? 0.4 : 0.5);
  const traits: Traits = {
    ...NO_TRAITS,
    kind: 'professional',
    activity,
    baseW: Math.round(peakW * baseShare * r.range(0.8, 1.2)),
    // The activity shape peaks at `shapeMax` times its mean: size it so the working-hours peak is about 45% of the site's peak.
    activityWh: Math.round(((peakW * 0.45) / shapeMax(shape)) * 24 * r.range(0.85, 1.15)),
    heatLossWPerK: electricHeating ? Math.round((peakW * 0.3) / DESIGN_DEGREES / 1.3) : 0,
    coolingWPerK: activity !== 'industry' && r.chance(0.4) ? Math.round(peakW * 0.02) : 0,
    takesHolidays: r.chance(activity === 'industry' ? 0.7 : 0.35),
  };
  return { ...traits, peakW: Math.round(Math.max(peakW * 0.8, electricPeak(traits))) };
}

function producerTraits(r: Random): Traits {
  const pvPeakW = r.weighted([[3000, 30], [6000, 25], [9000, 20], [12000, 8], [18000, 6], [24000, 5], [36000, 6]] as const);
  return { ...NO_TRAITS, kind: 'producer', activity: 'home', pvPeakW, pvYield: r.range(0.78, 0.92), peakW: pvPeakW };
}

function selfConsumerTraits(r: Random): Traits {
  const household = householdTraits(r, 'self_consumption');
  return { ...household, pvPeakW: r.weighted([[3000, 50], [4500, 25], [6000, 25]] as const), pvYield: r.range(0.78, 0.92) };
}

function gasTraits(r: Random, segment: string): Traits {
  if (segment === 'T1') return { ...NO_TRAITS, kind: 'gas_residential', gasBaseWh: Math.round(r.range(500, 1300)), takesHolidays: r.chance(0.75) };
  if (segment === 'T2') {
    const apartment = r.chance(0.4);
    return {
      ...NO_TRAITS,
      kind: 'gas_residential',
      gasBaseWh: Math.round(r.range(1800, 4500)),
      gasWhPerDegreeDay: Math.round(apartment ? r.range(1500, 3200) : r.range(3000, 6500)),
      takesHolidays: r.chance(0.75),
    };
  }
  const perDegreeDay = segment === 'T3' ? r.range(15_000, 150_000) : r.range(150_000, 800_000);
  return {
    ...NO_TRAITS,
    kind: 'gas_professional',
    activity: r.weighted([['office', 40], ['shop', 30], ['industry', 30]] as const),
    gasBaseWh: Math.round(perDegreeDay * r.range(1.5, 6)),
    gasWhPerDegreeDay: Math.round(perDegreeDay),
    takesHolidays: r.chance(0.5),
  };
}

/** Peak demand on a design cold day: the evening peak, or the night peak when the water heater and a smart charger start together. */
function electricPeak(t: Traits): number {
  const heatingMean = t.heatLossWPerK * DESIGN_DEGREES;
  const activityPeak = (t.activityWh / 24) * (t.activity === 'home' ? 1.5 * 1.35 : shapeMax(activityShape(t.activity)));
  const evening = t.baseW + activityPeak + heatingMean * 1.35 + (t.evSmart ? 0 : t.evW);
  const night = t.baseW + heatingMean * 0.8 + t.hotWaterW + (t.evSmart ? t.evW : 0);
  return Math.round(Math.max(evening, night, t.pvPeakW));
}

export function activityShape(activity: Activity): Shape {
  return activity === 'office' ? SHAPES.office : activity === 'shop' ? SHAPES.shop : activity === 'industry' ? SHAPES.industry : SHAPES.homeWorkday;
}

function shapeMax(s: Shape): number {
  let max = 0;
  for (let m = 0; m < 1440; m++) max = Math.max(max, s.cumulative[m + 1] - s.cumulative[m]);
  return max;
}

// --- The profile the generator works from --------------------------------

/** Shapes whose register shares are precomputed per calendar variant, by number for the hot loops. */
export const SHARED_SHAPES = ['flat', 'homeWorkday', 'homeDayOff', 'homeHeating', 'office', 'shop', 'industry', 'workHeating', 'cooling'] as const;
export type SharedShape = (typeof SHARED_SHAPES)[number];
export const SHAPE_ID = Object.fromEntries(SHARED_SHAPES.map((name, i) => [name, i])) as Record<SharedShape, number>;
export const SHAPE_BY_ID: readonly Shape[] = SHARED_SHAPES.map((name) => SHAPES[name]);

/** Activities by number: the daily model switches on them every day. */
export const ACTIVITY_CODE: Record<Activity, number> = { home: 0, office: 1, shop: 2, industry: 3 };

/** A household's holidays of one year, as days of the year (end exclusive), recomputed when the year changes. */
export interface HolidayPlan {
  year: number;
  summerStart: number;
  summerEnd: number;
  christmas: boolean;
  februaryStart: number;
}

export interface DemoProfile {
  id: string;
  energy: 'electricity' | 'gas';
  traits: Traits;
  seedHash: number;
  /** Hash of (seed, point id): the root of every per-day decision about the point. */
  key: number;
  climate: Climate;
  weather: RegionWeather;
  step: number;
  consumes: boolean;
  produces: boolean;
  activationDay: DayNumber;
  /** First day without data (out-of-service points), or Infinity. */
  endDay: number;
  loadCurve: boolean;
  calendar: RegisterCalendar;
  registerCount: number;
  /** The night off-peak window, where water heaters and smart chargers run. */
  offpeakStart: number;
  offpeakLength: number;
  /** Alsace-Moselle's two extra public holidays apply. */
  alsace: boolean;
  /** Highest mean power of a slot the connection allows (W), and the subscribed apparent power (VA). */
  capW: number;
  capVA: number;
  /** Share of a shape's daily energy in each register: shares[(variant * SHAPE_COUNT + shape) * registerCount + register]. */
  shares: Float64Array;
  activityCode: number;
  /** Shape ids of the occupants' activity on working days and days off, and of the heating. */
  workdayShape: number;
  dayOffShape: number;
  heatingShape: number;
  holidays: HolidayPlan;
  /** Bit mask of weekdays without any data (sandbox), 0 for none. */
  gapWeekdays: number;
  /** Complete data: no random gaps or corrections (sandbox points). */
  complete: boolean;
  phaseCount: number;
}

export type ProfileSource = Pick<
  UsagePointRow,
  'id' | 'energy' | 'inseeCode' | 'segment' | 'phaseCount' | 'subscribedPowerKva' | 'tariffOption' | 'offpeakHours' | 'stepSeconds' | 'direction' | 'status' | 'lastActivationDay' | 'loadCurveCollection'
>;

/** Days between 2024-01-01 and 2025-06-30 on which out-of-service points stopped. */
const OUT_OF_SERVICE_FROM = 19_723;
const OUT_OF_SERVICE_SPAN = 546;

/** The day an out-of-service point stopped: also its last contract's end, set by the network builder. */
export function outOfServiceDay(seed: string, id: string): DayNumber {
  return OUT_OF_SERVICE_FROM + (hash3(hashString(seed), hashString(id), SALT.contract) % OUT_OF_SERVICE_SPAN);
}

export function demoProfile(seed: string, point: ProfileSource): DemoProfile {
  const seedHash = hashString(seed);
  const traits = pointTraits(seed, point.id, point.energy, point.segment, point.direction);
  const calendar = registerCalendar(point.tariffOption, point.offpeakHours);
  const climate = climateOf(point.inseeCode);
  const night = nightWindow(calendar.offpeak);
  const behaviour = sandboxBehaviour(point.id);
  const department = departmentOf(point.inseeCode);
  const kva = point.subscribedPowerKva ?? Math.ceil(traits.peakW / 1000);
  const registerCount = calendar.labels.length;
  const shares = new Float64Array(VARIANT_COUNT * SHARED_SHAPES.length * registerCount);
  for (let variant = 0; variant < VARIANT_COUNT; variant++) {
    const registers = minuteRegisters(calendar, variant);
    SHARED_SHAPES.forEach((name, shape) => shares.set(registerShares(SHAPES[name], registers, registerCount), (variant * SHARED_SHAPES.length + shape) * registerCount));
  }
  const home = traits.activity === 'home';
  return {
    id: point.id,
    energy: point.energy,
    traits,
    seedHash,
    key: hash2(seedHash, hashString(point.id)),
    climate,
    weather: weatherOf(seedHash, climate),
    step: point.energy === 'gas' ? 86_400 : point.stepSeconds,
    consumes: point.direction !== 'production',
    produces: point.direction !== 'consumption',
    activationDay: point.lastActivationDay,
    endDay: point.status === 'out_of_service' ? outOfServiceDay(seed, point.id) : Infinity,
    loadCurve: point.loadCurveCollection === 'enabled',
    calendar,
    registerCount,
    offpeakStart: night.from,
    offpeakLength: (night.to - night.from + 1440) % 1440 || 1440,
    alsace: department === '57' || department === '67' || department === '68',
    // A breaker trips above the subscribed power: keep slot means a little under it.
    capW: kva * 1000 * 0.9,
    capVA: kva * 1000,
    shares,
    activityCode: ACTIVITY_CODE[traits.activity],
    workdayShape: home ? SHAPE_ID.homeWorkday : SHAPE_ID[traits.activity as SharedShape],
    dayOffShape: home ? SHAPE_ID.homeDayOff : SHAPE_ID[traits.activity as SharedShape],
    heatingShape: home ? SHAPE_ID.homeHeating : SHAPE_ID.workHeating,
    holidays: { year: -1, summerStart: 0, summerEnd: 0, christmas: false, februaryStart: -100 },
    gapWeekdays: behaviour?.gapWeekdays ?? 0,
    complete: behaviour !== undefined,
    phaseCount: point.phaseCount,
  };
}

/** The off-peak window holding the night (the longest one), or 23:00-07:00 for a flat tariff. */
function nightWindow(windows: MinuteWindow[]): MinuteWindow {
  if (windows.length === 0) return { from: 23 * 60, to: 7 * 60 };
  let best = windows[0];
  for (const w of windows) if ((w.to - w.from + 1440) % 1440 > (best.to - best.from + 1440) % 1440) best = w;
  return best;
}
