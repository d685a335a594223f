import type { UsagePointRow } from '../grid/grid.tables.ts';
import type { DayReadings } from '../metering/day-readings.ts';
import { QUALITY, S } from '../metering/series.ts';
import type { DayNumber } from '../platform/time/local-day.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { weekdayOf } from './calendar.ts';
import { blockOverlap, computeDayEnergy, newDayEnergy, type DayEnergy } from './daily-energy.ts';
import { demoProfile, type DemoProfile } from './profiles.ts';
import { hash2, hash3, hash4, Random, SALT, unit } from './random.ts';
import { SHAPES, shapeMean } from './shapes.ts';
import { slotLayout, type SlotLayout } from './slot-layout.ts';
import { spreadUnits } from './spread.ts';
import { minuteRegisters, PRODUCTION_LABELS } from './tariffs.ts';
import { cloudFactor, sunProfile } from './weather.ts';

/**
 * The demo's metering data: a pure function of (seed, usage point, local day,
 * slot). A point's generator walks days forward, keeping the cumulative
 * index registers; asked for a day far ahead, it sums the daily model from
 * the meter's activation (cheap: no slot is drawn for skipped days).
 *
 * Daily energies come from the registers, as on a real meter (DIFF.INDEX):
 * a curve slot lost in collection leaves a gap in the curve but changes
 * neither the daily energy nor the index. On every complete day the curve
 * integrates exactly to the daily energy, register by register.
 */

const COS_PHI = 0.95;
const MAX_SLOTS = 160;

export class PointGenerator {
  readonly profile: DemoProfile;
  private readonly zone: TimeZone;
  private readonly energy: DayEnergy;
  /** Register values at the start of `cursor`. */
  private readonly consumptionIndex: Float64Array;
  private productionIndex = 0;
  private cursor: DayNumber;
  private readonly load = new Float64Array(MAX_SLOTS);
  private readonly production = new Float64Array(MAX_SLOTS);
  private readonly imports = new Float64Array(MAX_SLOTS);
  private readonly exports = new Float64Array(MAX_SLOTS);
  private readonly registerOf = new Uint8Array(MAX_SLOTS);
  private readonly side = new Uint8Array(MAX_SLOTS);

  constructor(profile: DemoProfile, zone: TimeZone) {
    this.profile = profile;
    this.zone = zone;
    this.energy = newDayEnergy(profile.registerCount);
    this.consumptionIndex = new Float64Array(profile.registerCount);
    this.cursor = profile.activationDay;
  }

  /** Every row of the point for one day, in series order; none before activation, after the end, or on a day without data. */
  day(day: DayNumber): DayReadings[] {
    const p = this.profile;
    if (day < p.activationDay || day >= p.endDay) return [];
    if (day < this.cursor) this.rewind();
    for (; this.cursor < day; this.cursor++) this.accumulate(this.cursor);
    const e = this.energy;
    computeDayEnergy(p, this.zone, day, e);
    this.addToIndex(e);
    this.cursor = day + 1;
    if (this.missingDay(day)) return [];
    return p.energy === 'gas' ? [this.gasDay(day)] : this.electricityDay(day);
  }

  private rewind(): void {
    this.consumptionIndex.fill(0);
    this.productionIndex = 0;
    this.cursor = this.profile.activationDay;
  }

  private accumulate(day: DayNumber): void {
    if (this.profile.energy === 'gas') return;
    computeDayEnergy(this.profile, this.zone, day, this.energy);
    this.addToIndex(this.energy);
  }

  private addToIndex(e: DayEnergy): void {
    if (this.profile.energy === 'gas') return;
    for (let r = 0; r < this.consumptionIndex.length; r++) this.consumptionIndex[r] += e.consumption[r];
    this.productionIndex += e.production;
  }

  /** The meter did not report that day: a documented sandbox gap, a lost day, or a few days of outage. */
  private missingDay(day: DayNumber): boolean {
    const p = this.profile;
    if (p.gapWeekdays && (p.gapWeekdays >> weekdayOf(day)) & 1) return true;
    if (p.complete) return false;
    if (unit(hash3(p.key, day, SALT.gaps)) < 0.0015) return true;
    const block = Math.floor(day / 61);
    const outage = hash3(p.key, block, SALT.outage);
    if (unit(outage) >= 0.04) return false;
    const start = block * 61 + ((outage >>> 8) % 55);
    return day >= start && day < start + 2 + ((outage >>> 16) % 5);
  }

  /** Revision 2 after a correction of part of the day (a few days a year). */
  private corrected(day: DayNumber): boolean {
    return !this.profile.complete && unit(hash3(this.profile.key, day, SALT.quality)) < 0.004;
  }

  private gasDay(day: DayNumber): DayReadings {
    const e = this.energy;
    const corrected = this.corrected(day);
    const volume = Math.round((e.gasEnergy / e.gasCoefficient) * 1000);
    return {
      usagePointId: this.profile.id, series: S.gas_daily.id, day, revision: corrected ? 2 : 1, step: 86_400, segments: null, labels: null,
      values: Float64Array.of(e.gasEnergy, volume, e.gasCoefficient), quality: Uint8Array.of(corrected ? QUALITY.corrected : QUALITY.measured), aux: null,
    };
  }

  private electricityDay(day: DayNumber): DayReadings[] {
    const p = this.profile;
    const e = this.energy;
    const layout = slotLayout(this.zone, day, p.step);
    const n = layout.count;
    const registers = minuteRegisters(p.calendar, e.variant);
    for (let i = 0; i < n; i++) this.registerOf[i] = registers[layout.wallMiddle[i]];
    const random = new Random(hash3(p.key, day, SALT.slotNoise));
    if (p.consumes) this.drawLoad(layout, random);
    if (p.produces) this.drawProduction(day, layout, random);
    const unitsPerWh = 3600 / p.step;
    const consumption = p.consumes ? new Float64Array(n) : null;
    const production = p.produces ? new Float64Array(n) : null;
    if (consumption && production) this.splitNet(day, n, unitsPerWh, consumption, production);
    else if (consumption) for (let r = 0; r < p.registerCount; r++) placed(spreadUnits(this.load, this.registerOf, r, n, e.consumption[r] * unitsPerWh, p.capW, consumption), p, day);
    else if (production) {
      this.side.fill(0, 0, n);
      placed(spreadUnits(this.production, this.side, 0, n, e.production * unitsPerWh, p.traits.pvPeakW, production), p, day);
    }

    const corrected = this.corrected(day);
    const quality = this.curveQuality(day, n, corrected);
    const rows: DayReadings[] = [];
    const base = { usagePointId: p.id, day, segments: null };
    const daily = (series: number, value: number): DayReadings => ({
      ...base, series, revision: corrected ? 2 : 1, step: 86_400, labels: null, values: Float64Array.of(value), quality: Uint8Array.of(corrected ? QUALITY.corrected : QUALITY.measured), aux: null,
    });
    if (consumption && p.loadCurve) rows.push({ ...base, series: S.consumption_load_curve.id, revision: corrected ? 2 : 1, step: p.step, labels: null, values: withGaps(consumption, quality), quality, aux: null });
    if (production && p.loadCurve) rows.push({ ...base, series: S.production_load_curve.id, revision: corrected ? 2 : 1, step: p.step, labels: null, values: withGaps(production, quality), quality: quality.slice(), aux: null });
    if (consumption) rows.push(daily(S.daily_consumption.id, e.consumptionTotal));
    if (production) rows.push(daily(S.daily_production.id, e.production));
    if (consumption) rows.push(this.maxPower(day, consumption, n));
    if (consumption) rows.push({ ...base, series: S.consumption_index.id, revision: 1, step: 86_400, labels: p.calendar.labels, values: Float64Array.from(this.consumptionIndex), quality: filled(p.registerCount), aux: null });
    if (production) rows.push({ ...base, series: S.production_index.id, revision: 1, step: 86_400, labels: PRODUCTION_LABELS, values: Float64Array.of(this.productionIndex), quality: filled(1), aux: null });
    return rows;
  }

  /** The household's or business's demand per slot, before it is scaled to the registers. */
  private drawLoad(layout: SlotLayout, random: Random): void {
    const e = this.energy;
    const t = this.profile.traits;
    const minutes = layout.step / 60;
    const household = t.activity === 'home';
    // Kettles, ovens, washing machines: short bursts, diluted over longer slots.
    const burstChance = household && e.activityShape ? 0.06 * Math.min(1, layout.step / 1800) * (t.activityWh / 4000) : 0;
    const burstShare = Math.min(1, 900 / layout.step);
    for (let i = 0; i < layout.count; i++) {
      const m = layout.wallStart[i];
      let w = e.baseW * (1 + 0.04 * random.normal());
      if (e.activityShape) w += e.activityW * shapeMean(e.activityShape, m, minutes) * positive(1 + (household ? 0.35 : 0.12) * random.normal());
      if (e.heatingW > 0) w += e.heatingW * shapeMean(e.heatingShape, m, minutes) * positive(1 + 0.2 * random.normal());
      if (e.coolingW > 0) w += e.coolingW * shapeMean(SHAPES.cooling, m, minutes) * positive(1 + 0.2 * random.normal());
      if (e.hotWaterMinutes > 0) w += (e.hotWaterW * blockOverlap(e.hotWaterStart, e.hotWaterMinutes, m, minutes)) / minutes;
      if (e.evMinutes > 0) w += (e.evW * blockOverlap(e.evStart, e.evMinutes, m, minutes)) / minutes;
      if (burstChance > 0 && random.float() < burstChance * shapeMean(e.activityShape!, m, minutes)) w += random.range(1200, 2800) * burstShare;
      this.load[i] = w > 1 ? w : 1;
    }
  }

  private drawProduction(day: DayNumber, layout: SlotLayout, random: Random): void {
    const p = this.profile;
    const sun = sunProfile(p.climate, this.zone, day, layout.step);
    const clearness = p.weather.clearness[p.weather.index(day)];
    for (let i = 0; i < layout.count; i++) {
      const tenMinutes = Math.floor(((i + 0.5) * layout.step) / 600);
      this.production[i] = sun[i] > 0 ? this.energy.pvW * sun[i] * cloudFactor(p.seedHash, p.climate, day, tenMinutes, clearness) * (1 + 0.02 * random.signed()) : 0;
    }
  }

  /**
   * Behind one meter, a slot shows the net import or the net export, the
   * other side 0. Each side is then scaled to the model's daily energies.
   */
  private splitNet(day: DayNumber, n: number, unitsPerWh: number, consumption: Float64Array, production: Float64Array): void {
    const p = this.profile;
    const e = this.energy;
    const IMPORT = 0;
    const EXPORT = 1;
    for (let i = 0; i < n; i++) {
      const net = this.load[i] - this.production[i];
      this.side[i] = net >= 0 ? IMPORT : EXPORT;
      this.imports[i] = net > 0 ? net : 0;
      this.exports[i] = net < 0 ? -net : 0;
    }
    // Energy due on a side with no slot drawn there: hand it the slot closest to tipping over.
    if (e.production > 0 && !this.side.subarray(0, n).includes(EXPORT)) {
      const k = argmax(n, (i) => this.production[i] - this.load[i]);
      this.side[k] = EXPORT;
      this.exports[k] = Math.max(this.production[k] - this.load[k], 1);
    }
    for (let r = 0; r < p.registerCount; r++) {
      if (e.consumption[r] <= 0) continue;
      let has = false;
      for (let i = 0; i < n && !has; i++) has = this.registerOf[i] === r && this.side[i] === IMPORT;
      if (has) continue;
      const k = argmax(n, (i) => (this.registerOf[i] === r ? this.load[i] - this.production[i] : -Infinity));
      if (k < 0 || this.registerOf[k] !== r) continue;
      this.side[k] = IMPORT;
      this.imports[k] = Math.max(this.load[k] - this.production[k], 1);
      this.exports[k] = 0;
    }
    // Register of import slots; a sentinel for export slots keeps them out of every register.
    const importRegister = new Uint8Array(n);
    for (let i = 0; i < n; i++) importRegister[i] = this.side[i] === IMPORT ? this.registerOf[i] : 255;
    consumption.fill(0);
    production.fill(0);
    for (let r = 0; r < p.registerCount; r++) placed(spreadUnits(this.imports, importRegister, r, n, e.consumption[r] * unitsPerWh, p.capW, consumption), p, day);
    placed(spreadUnits(this.exports, this.side, EXPORT, n, e.production * unitsPerWh, p.traits.pvPeakW, production), p, day);
  }

  /** Highest apparent power of the day: the peak slot's mean over cos phi, plus the surge hidden inside the slot. */
  private maxPower(day: DayNumber, consumption: Float64Array, n: number): DayReadings {
    const p = this.profile;
    let peak = 0;
    for (let i = 1; i < n; i++) if (consumption[i] > consumption[peak]) peak = i;
    const roll = hash3(p.key, day, SALT.peak);
    const surge = 1 + (p.traits.activity === 'home' ? 0.04 + 0.3 * unit(roll) : 0.02 + 0.1 * unit(roll)) * Math.sqrt(p.step / 1800);
    const maxW = consumption[peak];
    const va = Math.max(maxW, Math.min(p.capVA, Math.round((maxW / COS_PHI) * surge)));
    const second = peak * p.step + Math.floor(unit(hash2(roll, 1)) * p.step);
    return {
      usagePointId: p.id, series: S.daily_consumption_max_power.id, day, revision: 1, step: 86_400, segments: null, labels: null,
      values: Float64Array.of(va), quality: Uint8Array.of(QUALITY.measured), aux: Int32Array.of(second),
    };
  }

  /** Quality of each slot: a few runs of lost slots, of estimated ones, and of corrected ones on a corrected day. */
  private curveQuality(day: DayNumber, n: number, corrected: boolean): Uint8Array {
    const quality = new Uint8Array(n).fill(QUALITY.measured);
    if (this.profile.complete) return quality;
    const roll = hash3(this.profile.key, day, SALT.quality + 100);
    const u = unit(roll);
    const start = (roll >>> 7) % n;
    if (u < 0.008) markRun(quality, start, 1 + ((roll >>> 20) % 6), QUALITY.missing);
    else if (u < 0.018) markRun(quality, start, 2 + ((roll >>> 20) % 7), QUALITY.estimated);
    if (corrected) {
      const c = hash4(this.profile.key, day, SALT.quality, 7);
      markRun(quality, c % n, 2 + ((c >>> 16) % 11), QUALITY.corrected);
    }
    return quality;
  }
}

/** A register's energy with no slot to hold it would break the curve = daily = index invariant: better a loud failure than wrong data. */
function placed(ok: boolean, p: DemoProfile, day: DayNumber): void {
  if (!ok) throw new Error(`demo generator: no slot for a register's energy of ${p.id} on day ${day}`);
}

function positive(x: number): number {
  return x > 0.05 ? x : 0.05;
}

function argmax(n: number, score: (i: number) => number): number {
  let best = -1;
  let bestScore = -Infinity;
  for (let i = 0; i < n; i++) {
    const s = score(i);
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  }
  return best;
}

function markRun(quality: Uint8Array, start: number, length: number, code: number): void {
  for (let i = start; i < Math.min(quality.length, start + length); i++) quality[i] = code;
}

function withGaps(values: Float64Array, quality: Uint8Array): Float64Array {
  for (let i = 0; i < values.length; i++) if (quality[i] === QUALITY.missing) return values.map((v, j) => (quality[j] === QUALITY.missing ? NaN : v));
  return values;
}

function filled(count: number): Uint8Array {
  return new Uint8Array(count).fill(QUALITY.measured);
}

/**
 * One series of one point on one day, e.g. for a test or for filling a single
 * day. Sums the daily model from the meter's activation for the index, so a
 * loop over many days should use a PointGenerator instead.
 */
export function generateDay(seed: string, point: UsagePointRow, day: DayNumber, series: number, zone: TimeZone): DayReadings | undefined {
  return new PointGenerator(demoProfile(seed, point), zone).day(day).find((r) => r.series === series);
}
