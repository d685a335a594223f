import departements from '@etalab/decoupage-administratif/data/departements.json' with { type: 'json' };
import type { DayNumber } from '../platform/time/local-day.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { dayOfYearOf } from './calendar.ts';
import { hash2, hash3, signedUnit } from './random.ts';

/**
 * Synthetic weather per French region: a seasonal temperature cosine plus
 * smooth deterministic anomalies (shared nationally, with a regional part, so
 * a cold snap hits everybody), cloudiness, and the clear-sky output of a
 * south-facing panel per slot. Computed once per region and day, cached.
 */

export interface Climate {
  /** INSEE region code. */
  region: string;
  index: number;
  name: string;
  /** Annual mean and half of the July-January difference (°C). */
  meanC: number;
  amplitudeC: number;
  latitude: number;
  longitude: number;
  /** Mean share of the clear-sky solar energy that reaches the panels over a year. */
  clearness: number;
  /** Gas conversion coefficient (Wh/m3): the north still burnt low-calorific gas. */
  gasCoefficient: number;
}

const CLIMATES: Climate[] = [
  { region: '11', index: 0, name: 'Île-de-France', meanC: 12.3, amplitudeC: 7.7, latitude: 48.85, longitude: 2.35, clearness: 0.61, gasCoefficient: 11_250 },
  { region: '24', index: 1, name: 'Centre-Val de Loire', meanC: 11.8, amplitudeC: 7.5, latitude: 47.6, longitude: 1.4, clearness: 0.63, gasCoefficient: 11_300 },
  { region: '27', index: 2, name: 'Bourgogne-Franche-Comté', meanC: 11.0, amplitudeC: 8.7, latitude: 47.2, longitude: 5.0, clearness: 0.62, gasCoefficient: 11_320 },
  { region: '28', index: 3, name: 'Normandie', meanC: 11.0, amplitudeC: 6.5, latitude: 49.2, longitude: 0.4, clearness: 0.58, gasCoefficient: 11_200 },
  { region: '32', index: 4, name: 'Hauts-de-France', meanC: 10.9, amplitudeC: 7.0, latitude: 50.3, longitude: 2.8, clearness: 0.57, gasCoefficient: 10_750 },
  { region: '44', index: 5, name: 'Grand Est', meanC: 10.9, amplitudeC: 8.9, latitude: 48.6, longitude: 6.2, clearness: 0.59, gasCoefficient: 11_300 },
  { region: '52', index: 6, name: 'Pays de la Loire', meanC: 12.5, amplitudeC: 6.8, latitude: 47.3, longitude: -1.0, clearness: 0.63, gasCoefficient: 11_280 },
  { region: '53', index: 7, name: 'Bretagne', meanC: 12.0, amplitudeC: 6.3, latitude: 48.1, longitude: -2.8, clearness: 0.60, gasCoefficient: 11_260 },
  { region: '75', index: 8, name: 'Nouvelle-Aquitaine', meanC: 13.5, amplitudeC: 7.3, latitude: 45.2, longitude: 0.2, clearness: 0.68, gasCoefficient: 11_350 },
  { region: '76', index: 9, name: 'Occitanie', meanC: 13.9, amplitudeC: 7.8, latitude: 43.7, longitude: 2.1, clearness: 0.72, gasCoefficient: 11_380 },
  { region: '84', index: 10, name: 'Auvergne-Rhône-Alpes', meanC: 12.2, amplitudeC: 9.0, latitude: 45.5, longitude: 4.6, clearness: 0.65, gasCoefficient: 11_330 },
  { region: '93', index: 11, name: "Provence-Alpes-Côte d'Azur", meanC: 15.5, amplitudeC: 8.5, latitude: 43.8, longitude: 5.8, clearness: 0.79, gasCoefficient: 11_400 },
  { region: '94', index: 12, name: 'Corse', meanC: 15.5, amplitudeC: 7.5, latitude: 42.1, longitude: 9.0, clearness: 0.78, gasCoefficient: 11_400 },
];

const BY_REGION = new Map(CLIMATES.map((c) => [c.region, c]));
const DEPARTMENT_REGION = new Map((departements as { code: string; region: string }[]).map((d) => [d.code, d.region]));

export function departmentOf(inseeCode: string): string {
  return inseeCode.startsWith('97') ? inseeCode.slice(0, 3) : inseeCode.slice(0, 2);
}

/** Climate of a commune; places outside the mainland regions (or malformed codes) get Île-de-France's. */
export function climateOf(inseeCode: string): Climate {
  return BY_REGION.get(DEPARTMENT_REGION.get(departmentOf(inseeCode)) ?? '11') ?? CLIMATES[0];
}

/** Base of the heating degree days, as French gas and electricity statistics use for buildings. */
export const HDD_BASE_C = 17;

export function heatingDegrees(temperatureC: number): number {
  return temperatureC < HDD_BASE_C ? HDD_BASE_C - temperatureC : 0;
}

/** Degrees above which air conditioning starts. */
export const COOLING_BASE_C = 22;

export function coolingDegrees(temperatureC: number): number {
  return temperatureC > COOLING_BASE_C ? temperatureC - COOLING_BASE_C : 0;
}

/** Smooth noise in [-1, 1): random values at knots every `period` days, eased in between. */
function valueNoise(key: number, day: number, period: number): number {
  const x = day / period;
  const k = Math.floor(x);
  const f = x - k;
  const s = f * f * (3 - 2 * f);
  const a = signedUnit(hash2(key, k));
  const b = signedUnit(hash2(key, k + 1));
  return a + (b - a) * s;
}

const FIRST_DAY = 7305; // 1990-01-01
const SPAN = 40_178; // to 2100

/** Daily weather of one region under one seed, computed a year at a time. */
class RegionWeather {
  readonly temperature = new Float64Array(SPAN);
  readonly clearness = new Float64Array(SPAN);
  readonly gasCoefficient = new Float64Array(SPAN);
  private readonly filled = new Uint8Array(Math.ceil(SPAN / 366));
  private readonly climate: Climate;
  private readonly nationalKey: number;
  private readonly regionalKey: number;

  constructor(seedHash: number, climate: Climate) {
    this.climate = climate;
    this.nationalKey = hash2(seedHash, 0x7e3a);
    this.regionalKey = hash3(seedHash, 0x7e3b, climate.index);
  }

  index(day: DayNumber): number {
    const i = day - FIRST_DAY;
    if (i < 0 || i >= SPAN) throw new RangeError(`demo weather covers 1990-2100, not day ${day}`);
    const block = Math.floor(i / 366);
    if (!this.filled[block]) this.fill(block);
    return i;
  }

  private fill(block: number): void {
    const c = this.climate;
    const end = Math.min(SPAN, (block + 1) * 366);
    for (let i = block * 366; i < end; i++) {
      const day = FIRST_DAY + i;
      const season = Math.cos((2 * Math.PI * (dayOfYearOf(day) - 15)) / 365.25); // 1 mid-January, -1 mid-July
      const anomaly =
        (4.5 * valueNoise(this.nationalKey, day, 6) + 3 * valueNoise(this.nationalKey + 1, day, 19) + 1.2 * signedUnit(hash2(this.regionalKey, day)) + 1.5 * valueNoise(this.regionalKey + 1, day, 5)) *
        (1 + 0.25 * season);
      this.temperature[i] = c.meanC - c.amplitudeC * season + anomaly;
      const k = c.clearness - 0.12 * season + 0.28 * valueNoise(this.regionalKey + 2, day, 3) + 0.12 * signedUnit(hash2(this.regionalKey + 3, day));
      this.clearness[i] = k < 0.06 ? 0.06 : k > 0.98 ? 0.98 : k;
      this.gasCoefficient[i] = Math.round(c.gasCoefficient * (1 + 0.01 * valueNoise(this.regionalKey + 4, day, 9) + 0.002 * signedUnit(hash2(this.regionalKey + 5, day))));
    }
    this.filled[block] = 1;
  }
}

const regionWeather = new Map<number, RegionWeather[]>();

/** The weather of a seed: one cached table per region. */
export function weatherOf(seedHash: number, climate: Climate): RegionWeather {
  let regions = regionWeather.get(seedHash);
  if (!regions) {
    regions = [];
    regionWeather.set(seedHash, regions);
  }
  let weather = regions[climate.index];
  if (!weather) {
    weather = new RegionWeather(seedHash, climate);
    regions[climate.index] = weather;
  }
  return weather;
}

export type { RegionWeather };

/** Mean temperature of a local day (°C). */
export function dailyTemperature(seedHash: number, climate: Climate, day: DayNumber): number {
  const weather = weatherOf(seedHash, climate);
  return weather.temperature[weather.index(day)];
}

/**
 * Passing clouds: a factor around 1 for one ten-minute bin of a day, shared by
 * every panel of the region. Clear and overcast days are steady, broken skies flicker.
 */
export function cloudFactor(seedHash: number, climate: Climate, day: DayNumber, tenMinuteBin: number, clearness: number): number {
  const variability = 1.1 * (1 - Math.abs(2 * clearness - 1));
  const f = 1 + variability * signedUnit(hash3(seedHash ^ 0x5c10d, climate.index * 400_000 + day, tenMinuteBin));
  return f < 0.08 ? 0.08 : f;
}

// --- Sun -------------------------------------------------------------------

const DEG = Math.PI / 180;
const PANEL_TILT = 30 * DEG;

/**
 * Clear-sky output of 1 kWp of south-facing panels tilted 30°, in kW, at the
 * middle of each slot of a local day. Built once per (region, day, step).
 */
export function sunProfile(climate: Climate, zone: TimeZone, day: DayNumber, step: number): Float64Array {
  const key = (climate.index * 200_000 + day) * 4 + STEP_CODES[step];
  const cached = sunCache.get(key);
  if (cached) return cached;
  const local = zone.localDay(day);
  const n = Math.ceil(local.lengthSeconds / step);
  const out = new Float64Array(n);
  const doy = dayOfYearOf(day);
  const declination = 23.44 * DEG * Math.sin((2 * Math.PI * (284 + doy)) / 365);
  const b = (2 * Math.PI * (doy - 81)) / 364;
  const equationOfTimeHours = (9.87 * Math.sin(2 * b) - 7.53 * Math.cos(b) - 1.5 * Math.sin(b)) / 60;
  const lat = climate.latitude * DEG;
  const sinLat = Math.sin(lat);
  const cosLat = Math.cos(lat);
  const sinDec = Math.sin(declination);
  const cosDec = Math.cos(declination);
  const sinTilted = Math.sin(lat - PANEL_TILT);
  const cosTilted = Math.cos(lat - PANEL_TILT);
  const utcHourAtMidnight = (((local.startMs / 3_600_000) % 24) + 24) % 24;
  for (let i = 0; i < n; i++) {
    const solarHour = utcHourAtMidnight + ((i + 0.5) * step) / 3600 + climate.longitude / 15 + equationOfTimeHours;
    const hourAngle = (solarHour - 12) * 15 * DEG;
    const cosHour = Math.cos(hourAngle);
    const sinElevation = sinLat * sinDec + cosLat * cosDec * cosHour;
    if (sinElevation <= 0.02) continue;
    const airMass = 1 / sinElevation;
    const beam = 1.361 * Math.pow(0.7, Math.pow(airMass, 0.678));
    const cosIncidence = sinTilted * sinDec + cosTilted * cosDec * cosHour;
    out[i] = beam * (cosIncidence > 0 ? cosIncidence : 0) + 0.11 * beam * sinElevation + 0.03 * sinElevation;
  }
  if (sunCache.size > 60_000) sunCache.clear();
  sunCache.set(key, out);
  return out;
}

const STEP_CODES: Record<number, number> = { 600: 0, 900: 1, 1800: 2, 3600: 3 };
const sunCache = new Map<number, Float64Array>();
const sunHoursCache = new Map<number, number>();

/** Clear-sky energy of 1 kWp over the day (kWh), i.e. clear-sky "peak sun hours". */
export function clearSkySunHours(climate: Climate, zone: TimeZone, day: DayNumber): number {
  const key = climate.index * 200_000 + day;
  const cached = sunHoursCache.get(key);
  if (cached !== undefined) return cached;
  const profile = sunProfile(climate, zone, day, 600);
  let sum = 0;
  for (let i = 0; i < profile.length; i++) sum += profile[i];
  const hours = sum / 6;
  if (sunHoursCache.size > 200_000) sunHoursCache.clear();
  sunHoursCache.set(key, hours);
  return hours;
}
