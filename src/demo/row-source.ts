import type { DayReadings } from '../metering/day-readings.ts';
import type { DayNumber } from '../platform/time/local-day.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { PointGenerator } from './generator.ts';
import { demoProfile, type ProfileSource } from './profiles.ts';
import { BatchPacker, type PackedBatch } from './row-batch.ts';

/**
 * The demo rows of a set of points over a range of days, in batches. Rows
 * come in key order, (point id, series, day): the readings table is keyed
 * that way, and SQLite appends sorted keys about eight times faster than it
 * inserts day by day across all points.
 */
export class DemoRowSource {
  private readonly seed: string;
  private readonly zone: TimeZone;
  private readonly points: ProfileSource[];
  private readonly fromDay: DayNumber;
  private readonly toDay: DayNumber;
  private readonly batchRows: number;
  private readonly packer = new BatchPacker();
  private next = 0;

  constructor(seed: string, zone: TimeZone, points: ProfileSource[], fromDay: DayNumber, toDay: DayNumber, batchRows: number) {
    this.seed = seed;
    this.zone = zone;
    this.points = [...points].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.fromDay = fromDay;
    this.toDay = toDay;
    this.batchRows = batchRows;
  }

  /** Point-days in the whole job, for a progress bar. */
  get totalPointDays(): number {
    return this.points.length * Math.max(0, this.toDay - this.fromDay);
  }

  /** The next batch (whole points, at least `batchRows` rows unless it is the last), or undefined when done. */
  nextBatch(): PackedBatch | undefined {
    if (this.next >= this.points.length) return undefined;
    while (this.next < this.points.length && this.packer.rows < this.batchRows) this.addPoint(this.points[this.next++]);
    return this.packer.take();
  }

  private addPoint(point: ProfileSource): void {
    const generator = new PointGenerator(demoProfile(this.seed, point), this.zone);
    const bySeries: DayReadings[][] = [];
    for (let day = this.fromDay; day < this.toDay; day++) {
      for (const readings of generator.day(day)) (bySeries[readings.series] ??= []).push(readings);
    }
    for (const rows of bySeries) if (rows) for (const readings of rows) this.packer.add(readings);
    this.packer.pointDays += this.toDay - this.fromDay;
  }
}
