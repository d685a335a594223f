import type { Database } from '../platform/db/database.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { GridStore } from '../grid/grid.store.ts';
import { isUsagePointId } from '../grid/usage-point.ts';
import { channelCount, toRow, type DayReadings } from './day-readings.ts';
import { readingsWriter, dedupeBatch, type ReadingsWriter, type WriteResult } from './readings-writer.ts';
import { CURVE_STEPS, QUALITY_NAMES, seriesById, type SeriesDef } from './series.ts';
import { expectedSlots } from './slots.ts';

export interface IngestProblem {
  index: number;
  usagePointId: string;
  day: number;
  reason: string;
}

export class IngestError extends Error {
  readonly problems: IngestProblem[];
  constructor(problems: IngestProblem[]) {
    super(`${problems.length} day(s) refused, nothing written: ${problems.slice(0, 3).map((p) => p.reason).join('; ')}`);
    this.problems = problems;
  }
}

const LABEL = /^[A-Za-z0-9_]{1,16}$/;

/**
 * Ingestion of readings: checks a whole batch (known points, series matching the
 * point, the right number of values for the local day, DST included), then
 * writes it in one transaction. A batch with any bad day writes nothing.
 */
export class IngestService {
  private readonly grid: GridStore;
  private readonly writer: ReadingsWriter;
  private readonly zone: TimeZone;
  private readonly knownPoints = new Map<string, { energy: string; direction: string }>();

  constructor(database: Database, zone: TimeZone) {
    this.grid = new GridStore(database.db);
    this.writer = readingsWriter(database);
    this.zone = zone;
  }

  async ingest(batch: DayReadings[]): Promise<WriteResult> {
    const problems = await this.check(batch);
    if (problems.length > 0) throw new IngestError(problems);
    return this.writer.write(dedupeBatch(batch.map(toRow)));
  }

  /** Every problem of a batch, in order; empty when the batch can be written. */
  async check(batch: DayReadings[]): Promise<IngestProblem[]> {
    await this.loadPoints(batch);
    const problems: IngestProblem[] = [];
    for (let i = 0; i < batch.length; i++) {
      const reason = this.problemOf(batch[i]);
      if (reason) problems.push({ index: i, usagePointId: batch[i].usagePointId, day: batch[i].day, reason });
    }
    return problems;
  }

  private async loadPoints(batch: DayReadings[]): Promise<void> {
    const unknown = [...new Set(batch.map((d) => d.usagePointId))].filter((id) => !this.knownPoints.has(id) && isUsagePointId(id));
    if (unknown.length === 0) return;
    for (let i = 0; i < unknown.length; i += 500) {
      const rows = await Promise.all(unknown.slice(i, i + 500).map((id) => this.grid.usagePoint(id)));
      for (const row of rows) if (row) this.knownPoints.set(row.id, { energy: row.energy, direction: row.direction });
    }
  }

  private problemOf(day: DayReadings): string | undefined {
    if (!isUsagePointId(day.usagePointId)) return `usage point id "${day.usagePointId}" is malformed: 14 digits, or GI + 6 digits for gas`;
    const point = this.knownPoints.get(day.usagePointId);
    if (!point) return `unknown usage point ${day.usagePointId}: create it first`;
    let def: SeriesDef;
    try {
      def = seriesById(day.series);
    } catch {
      return `unknown series ${day.series}`;
    }
    if (def.energy !== point.energy) return `series ${def.name} is for ${def.energy}, but ${day.usagePointId} is a ${point.energy} point`;
    if (point.direction !== 'both' && def.direction !== point.direction) return `series ${def.name} measures ${def.direction}, but ${day.usagePointId} is a ${point.direction}-only point`;
    if (!Number.isInteger(day.revision) || day.revision < 0) return 'revision must be a whole number >= 0';
    const slots = this.slotCount(day, def);
    if (typeof slots === 'string') return slots;
    const width = channelCount(def) * slots;
    if (day.values.length !== width) return `${def.name} on this day needs ${width} value(s), got ${day.values.length}`;
    if (day.quality.length !== slots) return `${def.name} on this day needs ${slots} quality code(s), got ${day.quality.length}`;
    for (let i = 0; i < day.quality.length; i++) if (day.quality[i] >= QUALITY_NAMES.length) return `quality code ${day.quality[i]} is unknown`;
    const limit = def.width === 4 ? 2_147_483_647 : Number.MAX_SAFE_INTEGER;
    for (let i = 0; i < day.values.length; i++) {
      const v = day.values[i];
      if (v === v && (!Number.isInteger(v) || v < -limit || v > limit)) return `value ${v} is not a whole number in range for ${def.units.join('/')}`;
    }
    if (def.kind === 'max_power') {
      if (!day.aux || day.aux.length !== slots) return 'a max power day needs the second at which the maximum was reached';
    } else if (day.aux) {
      return `${def.name} carries no time of maximum`;
    }
    if (day.labels && !day.labels.every((label) => LABEL.test(label))) return 'index register names are 1-16 letters, digits or underscores';
    return undefined;
  }

  private slotCount(day: DayReadings, def: SeriesDef): number | string {
    if (def.kind === 'index') {
      if (!day.labels || day.labels.length === 0) return 'an index day needs the names of its registers';
      return day.labels.length;
    }
    if (def.kind !== 'curve') return 1;
    const steps = day.segments ?? [{ fromSecond: 0, step: day.step }];
    const length = this.zone.localDay(day.day).lengthSeconds;
    for (let i = 0; i < steps.length; i++) {
      const segment = steps[i];
      if (!(CURVE_STEPS as readonly number[]).includes(segment.step)) return `step ${segment.step}s is not one of PT10M, PT15M, PT30M, PT60M`;
      if (i === 0 ? segment.fromSecond !== 0 : segment.fromSecond <= steps[i - 1].fromSecond || segment.fromSecond >= length) return 'segments must start at 0 and increase within the day';
      if (segment.fromSecond % segment.step !== 0) return `a ${segment.step}s segment must start on a multiple of its step`;
      const end = i + 1 < steps.length ? steps[i + 1].fromSecond : length;
      if ((end - segment.fromSecond) % segment.step !== 0) return `a ${segment.step}s segment must cover whole steps`;
    }
    if (steps[0].step !== day.step) return 'the first segment must have the row step';
    return expectedSlots(day.segments, day.step, length);
  }
}
