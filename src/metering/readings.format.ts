import { formatIsoDate } from '../platform/time/local-day.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import type { DayReadings } from './day-readings.ts';
import type { SeriesRead } from './readings.service.ts';
import { QUALITY_NAMES } from './series.ts';
import { slotRuns } from './slots.ts';

/**
 * The native API's representation of a series read: JSON built by
 * concatenation from cached per-day time labels (the hot path of a read),
 * and CSV with the columns of the import format, so an export imports back.
 */
export function isoStep(seconds: number): string {
  return seconds % 3600 === 0 && seconds !== 3600 ? `PT${seconds / 3600}H` : `PT${seconds / 60}M`;
}

interface Item {
  /** JSON object text of the item. */
  json: string;
  /** CSV cells in the order of csvColumns(). */
  csv: (string | number)[];
}

export function readingsJson(read: SeriesRead, zone: TimeZone): string {
  const items = seriesItems(read, zone);
  let body = `{"usage_point_id":${JSON.stringify(read.point.id)},"series":"${read.series.name}","units":${unitsJson(read)},"start":"${formatIsoDate(read.startDay)}","end":"${formatIsoDate(read.endDay)}","time_zone":"${zone.name}","items":[`;
  for (let i = 0; i < items.length; i++) body += (i === 0 ? '' : ',') + items[i].json;
  return `${body}]}`;
}

export function readingsCsv(read: SeriesRead, zone: TimeZone): string {
  const columns = csvColumns(read);
  const lines = [columns.join(',')];
  for (const item of seriesItems(read, zone)) lines.push([read.point.id, read.series.name, ...item.csv].join(','));
  return `${lines.join('\n')}\n`;
}

function unitsJson(read: SeriesRead): string {
  const names = read.series.channels ?? ['value'];
  return `{${names.map((name, i) => `"${name}":"${read.series.units[i]}"`).join(',')}}`;
}

export function csvColumns(read: SeriesRead): string[] {
  switch (read.series.kind) {
    case 'curve':
      return ['usage_point_id', 'series', 'end', 'step', 'value', 'quality', 'revision'];
    case 'max_power':
      return ['usage_point_id', 'series', 'date', 'value', 'max_at', 'quality', 'revision'];
    case 'index':
      return ['usage_point_id', 'series', 'date', 'register', 'value', 'quality', 'revision'];
    case 'gas_daily':
      return ['usage_point_id', 'series', 'date', 'value', 'volume', 'coefficient', 'quality', 'revision'];
    default:
      return ['usage_point_id', 'series', 'date', 'value', 'quality', 'revision'];
  }
}

function seriesItems(read: SeriesRead, zone: TimeZone): Item[] {
  const items: Item[] = [];
  for (const day of read.days) {
    if (read.series.kind === 'curve') curveItems(day, zone, items);
    else dayItems(read, day, zone, items);
  }
  return items;
}

function curveItems(day: DayReadings, zone: TimeZone, out: Item[]): void {
  const local = zone.localDay(day.day);
  let index = 0;
  for (const run of slotRuns(day.segments, day.step, local.lengthSeconds)) {
    const { starts, ends } = zone.slotIsoBounds(day.day, run.step, run.fromSecond, run.count);
    const step = isoStep(run.step);
    for (let i = 0; i < run.count; i++, index++) {
      const value = day.values[index];
      if (value !== value) continue;
      const quality = QUALITY_NAMES[day.quality[index]];
      out.push({
        json: `{"start":"${starts[i]}","end":"${ends[i]}","step":"${step}","value":${value},"quality":"${quality}"}`,
        csv: [ends[i], step, value, quality, day.revision],
      });
    }
  }
}

function dayItems(read: SeriesRead, day: DayReadings, zone: TimeZone, out: Item[]): void {
  const date = formatIsoDate(day.day);
  const quality = QUALITY_NAMES[day.quality[0]];
  switch (read.series.kind) {
    case 'index':
      day.labels!.forEach((register, i) => {
        const value = day.values[i];
        if (value !== value) return;
        out.push({ json: `{"date":"${date}","register":${JSON.stringify(register)},"value":${value},"quality":"${QUALITY_NAMES[day.quality[i]]}"}`, csv: [date, register, value, QUALITY_NAMES[day.quality[i]], day.revision] });
      });
      return;
    case 'gas_daily': {
      const [energy, volume, coefficient] = day.values;
      if (energy !== energy) return;
      out.push({
        json: `{"date":"${date}","energy":${energy},"volume":${numberOrNull(volume)},"conversion_coefficient":${numberOrNull(coefficient)},"quality":"${quality}"}`,
        csv: [date, energy, numberOrEmpty(volume), numberOrEmpty(coefficient), quality, day.revision],
      });
      return;
    }
    case 'max_power': {
      const value = day.values[0];
      if (value !== value) return;
      const at = zone.isoAt(day.day, day.aux![0]);
      out.push({ json: `{"date":"${date}","value":${value},"at":"${at}","quality":"${quality}"}`, csv: [date, value, at, quality, day.revision] });
      return;
    }
    default: {
      const value = day.values[0];
      if (value !== value) return;
      out.push({ json: `{"date":"${date}","value":${value},"quality":"${quality}"}`, csv: [date, value, quality, day.revision] });
    }
  }
}

function numberOrNull(v: number): string {
  return v === v ? String(v) : 'null';
}

function numberOrEmpty(v: number): string {
  return v === v ? String(v) : '';
}
