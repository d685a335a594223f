import { endianness } from 'node:os';
import type { ReadingRow } from './readings.tables.ts';
import { QUALITY, seriesById, type SeriesDef } from './series.ts';

/**
 * A day of one series for one usage point, decoded. Values are integers, NaN
 * for a missing point. A curve day whose step changes holds segments, each
 * with its first second (after local midnight) and its step.
 */
export interface Segment {
  fromSecond: number;
  step: number;
}

export interface DayReadings {
  usagePointId: string;
  series: number;
  day: number;
  revision: number;
  /** Step of the first segment in seconds (86,400 for daily series). */
  step: number;
  /** Extra segments when the step changes in the day, first one included; null when uniform. */
  segments: Segment[] | null;
  /** Register names of an index row (one value per name), null otherwise. */
  labels: string[] | null;
  /** Slot values, interleaved by channel for multi-channel series. */
  values: Float64Array;
  /** One quality code per slot. */
  quality: Uint8Array;
  /** Seconds after local midnight at which each slot's maximum was reached (max power). */
  aux: Int32Array | null;
}

if (endianness() !== 'LE') throw new Error('Gridgate stores readings little-endian and needs a little-endian CPU');

export const MISSING_I32 = -2147483648;
const TWO_32 = 4294967296;

/**
 * Writes values as little-endian words into `target` from word `at`: one
 * int32 per value, or an int64 as low and high words (exact for |v| < 2^53
 * without BigInt); a missing value is the sentinel. Returns the words written.
 */
export function writeValueWords(values: ArrayLike<number>, width: 4 | 8, target: Int32Array, at: number): number {
  let w = at;
  if (width === 4) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      target[w++] = v === v ? v : MISSING_I32;
    }
  } else {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== v) {
        target[w++] = 0;
        target[w++] = MISSING_I32;
      } else {
        const high = Math.floor(v / TWO_32);
        target[w++] = v - high * TWO_32;
        target[w++] = high;
      }
    }
  }
  return w - at;
}

export function encodeValues(values: ArrayLike<number>, width: 4 | 8): Buffer {
  const out = new Int32Array(values.length * (width / 4));
  writeValueWords(values, width, out, 0);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

export function decodeValues(buffer: Uint8Array, width: 4 | 8): Float64Array {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const n = buffer.byteLength / width;
  const out = new Float64Array(n);
  if (width === 4) {
    for (let i = 0; i < n; i++) {
      const v = view.getInt32(i * 4, true);
      out[i] = v === MISSING_I32 ? NaN : v;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const high = view.getInt32(i * 8 + 4, true);
      const low = view.getUint32(i * 8, true);
      out[i] = high === MISSING_I32 && low === 0 ? NaN : high * TWO_32 + low;
    }
  }
  return out;
}

export function encodeSegments(segments: Segment[] | null): string | null {
  if (!segments || segments.length <= 1) return null;
  return segments.map((s) => `${s.fromSecond}:${s.step}`).join(',');
}

export function decodeSegments(text: string | null): Segment[] | null {
  if (!text) return null;
  return text.split(',').map((part) => {
    const [from, step] = part.split(':');
    return { fromSecond: Number(from), step: Number(step) };
  });
}

export function toRow(readings: DayReadings): ReadingRow {
  const def = seriesById(readings.series);
  const quality = Buffer.from(readings.quality.buffer, readings.quality.byteOffset, readings.quality.byteLength);
  return {
    usagePointId: readings.usagePointId,
    series: readings.series,
    day: readings.day,
    revision: readings.revision,
    step: readings.step,
    segments: encodeSegments(readings.segments),
    labels: readings.labels ? readings.labels.join(';') : null,
    vals: encodeValues(readings.values, def.width),
    quality,
    aux: readings.aux ? Buffer.from(readings.aux.buffer, readings.aux.byteOffset, readings.aux.byteLength) : null,
  };
}

export function fromRow(row: ReadingRow): DayReadings {
  const def = seriesById(row.series);
  const aux = row.aux ? decodeValues(row.aux, 4) : null;
  return {
    usagePointId: row.usagePointId,
    series: row.series,
    day: row.day,
    revision: row.revision,
    step: row.step,
    segments: decodeSegments(row.segments),
    labels: row.labels ? row.labels.split(';') : null,
    values: decodeValues(row.vals, def.width),
    quality: new Uint8Array(row.quality),
    aux: aux ? Int32Array.from(aux) : null,
  };
}

/** Number of values per slot of a series. */
export function channelCount(def: SeriesDef): number {
  return def.channels?.length ?? 1;
}

/** Marks NaN values as missing in the quality array (a value without quality is measured). */
export function qualityFor(values: ArrayLike<number>, fill: number = QUALITY.measured): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] === values[i] ? fill : QUALITY.missing;
  return out;
}
