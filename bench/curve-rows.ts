import { toRow } from '../src/metering/day-readings.ts';
import type { ReadingRow } from '../src/metering/readings.tables.ts';
import { QUALITY, S } from '../src/metering/series.ts';
import type { TimeZone } from '../src/platform/time/zone.ts';

/** 30-minute consumption curves for `ids` over `days` days ending at `lastDay`, as stored rows. */
export function curveRows(zone: TimeZone, ids: string[], lastDay: number, days: number, revision = 1): { rows: ReadingRow[]; values: number } {
  const rows: ReadingRow[] = [];
  let values = 0;
  for (let d = lastDay - days + 1; d <= lastDay; d++) {
    const n = zone.slotCount(d, 1800);
    for (let p = 0; p < ids.length; p++) {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = 300 + ((p * 31 + d * 7 + i * 13) % 2500);
      rows.push(toRow({ usagePointId: ids[p], series: S.consumption_load_curve.id, day: d, revision, step: 1800, segments: null, labels: null, values: v, quality: new Uint8Array(n).fill(QUALITY.measured), aux: null }));
      values += n;
    }
  }
  return { rows, values };
}
