import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/db/database.ts';
import { formatIsoDate, parseIsoDate } from '../platform/time/local-day.ts';
import type { Clock } from '../platform/time/clock.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { GridStore } from '../grid/grid.store.ts';
import type { UsagePointRow } from '../grid/grid.tables.ts';
import type { DayReadings } from './day-readings.ts';
import { ReadingsStore } from './readings.store.ts';
import { seriesByName, seriesNames, type SeriesDef } from './series.ts';

export interface SeriesRead {
  point: UsagePointRow;
  series: SeriesDef;
  startDay: number;
  endDay: number;
  days: DayReadings[];
}

/**
 * Range reads for the native API: checks the point, the series and the range
 * (`[start; end[` in local days), then reads the days in one query.
 */
export class ReadingsService {
  private readonly grid: GridStore;
  private readonly store: ReadingsStore;
  private readonly zone: TimeZone;
  private readonly clock: Clock;
  private readonly maxRangeDays: number;

  constructor(deps: { database: Database; zone: TimeZone; clock: Clock; maxRangeDays: number }) {
    this.grid = new GridStore(deps.database.db);
    this.store = new ReadingsStore(deps.database);
    this.zone = deps.zone;
    this.clock = deps.clock;
    this.maxRangeDays = deps.maxRangeDays;
  }

  async read(usagePointId: string, seriesName: string, start: string, end: string): Promise<SeriesRead> {
    const point = await this.grid.usagePoint(usagePointId);
    if (!point) throw new AppError(404, 'unknown_usage_point', `No usage point ${usagePointId}: list the known points with GET /api/v1/usage-points`);
    const series = seriesByName(seriesName);
    if (!series) throw new AppError(404, 'unknown_series', `No series "${seriesName}"; the series are: ${seriesNames().join(', ')}`);
    if (series.energy !== point.energy || (point.direction !== 'both' && series.direction !== point.direction)) {
      throw new AppError(404, 'series_not_available', `${usagePointId} is a ${point.energy} ${point.direction} point and has no ${seriesName} series`);
    }
    const { startDay, endDay } = this.checkRange(start, end);
    const days = await this.store.readDays(usagePointId, series.id, startDay, endDay);
    return { point, series, startDay, endDay, days };
  }

  /** `[start; end[` in local days, start before end, no later than tomorrow, within the size limit. */
  checkRange(start: string, end: string): { startDay: number; endDay: number } {
    const startDay = parseIsoDate(start);
    if (startDay === undefined) throw new AppError(400, 'invalid_date', `start "${start}" is not a date: write YYYY-MM-DD`, { parameter: 'start' });
    const endDay = parseIsoDate(end);
    if (endDay === undefined) throw new AppError(400, 'invalid_date', `end "${end}" is not a date: write YYYY-MM-DD`, { parameter: 'end' });
    if (startDay >= endDay) throw new AppError(400, 'invalid_range', `start (${start}) must be before end (${end}); end is excluded, so one day is start=D&end=D+1`);
    if (endDay - startDay > this.maxRangeDays) {
      throw new AppError(400, 'range_too_large', `The range covers ${endDay - startDay} days; ask for at most ${this.maxRangeDays} days per call and page through longer periods`);
    }
    const tomorrow = this.zone.dayOf(this.clock.now()) + 1;
    if (endDay > tomorrow) throw new AppError(400, 'range_in_future', `end (${end}) is after tomorrow (${formatIsoDate(tomorrow)}): there is no data for days that have not happened`);
    return { startDay, endDay };
  }
}
