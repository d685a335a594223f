import { writeValueWords, type DayReadings } from '../metering/day-readings.ts';
import type { ReadingRow } from '../metering/readings.tables.ts';
import { seriesById } from '../metering/series.ts';

/**
 * Readings rows packed into two flat buffers, so that a worker thread can
 * hand thousands of rows to the writing thread as one transfer (moving
 * buffers, not copying objects). Values are encoded exactly as `toRow` does:
 * little-endian int32, or int64 as low and high words, MISSING_I32 for a gap.
 */
export interface PackedBatch {
  /** Usage point ids, referenced by index. */
  ids: string[];
  /** Register label lists (`HP;HC`), referenced by index. */
  labels: string[];
  /** Per row: id index, series, day, revision, step, labels index (-1 none), values offset, values length, quality offset, quality length, aux offset (-1 none); offsets in words / bytes. */
  meta: Int32Array;
  /** Values and aux words. */
  words: Int32Array;
  /** Quality bytes. */
  bytes: Uint8Array;
  rows: number;
  /** Point-days generated (for progress), including days without data. */
  pointDays: number;
}

const FIELDS = 11;

export class BatchPacker {
  private ids: string[] = [];
  private idIndex = new Map<string, number>();
  private labels: string[] = [];
  private labelIndex = new Map<string, number>();
  private meta = new Int32Array(FIELDS * 1024);
  private words = new Int32Array(64 * 1024);
  private bytes = new Uint8Array(64 * 1024);
  private wordCount = 0;
  private byteCount = 0;
  rows = 0;
  pointDays = 0;

  add(r: DayReadings): void {
    const def = seriesById(r.series);
    const valueWords = r.values.length * (def.width === 8 ? 2 : 1);
    this.reserve(valueWords + (r.aux ? r.aux.length : 0), r.quality.length);
    let id = this.idIndex.get(r.usagePointId);
    if (id === undefined) {
      id = this.ids.push(r.usagePointId) - 1;
      this.idIndex.set(r.usagePointId, id);
    }
    let label = -1;
    if (r.labels) {
      const text = r.labels.join(';');
      label = this.labelIndex.get(text) ?? -1;
      if (label < 0) {
        label = this.labels.push(text) - 1;
        this.labelIndex.set(text, label);
      }
    }
    const valuesAt = this.wordCount;
    this.wordCount += writeValueWords(r.values, def.width, this.words, this.wordCount);
    let auxAt = -1;
    if (r.aux) {
      auxAt = this.wordCount;
      this.words.set(r.aux, this.wordCount);
      this.wordCount += r.aux.length;
    }
    const qualityAt = this.byteCount;
    this.bytes.set(r.quality, this.byteCount);
    this.byteCount += r.quality.length;
    const m = this.rows * FIELDS;
    const meta = this.meta;
    meta[m] = id;
    meta[m + 1] = r.series;
    meta[m + 2] = r.day;
    meta[m + 3] = r.revision;
    meta[m + 4] = r.step;
    meta[m + 5] = label;
    meta[m + 6] = valuesAt;
    meta[m + 7] = valueWords;
    meta[m + 8] = qualityAt;
    meta[m + 9] = r.quality.length;
    meta[m + 10] = auxAt;
    this.rows++;
  }

  /** The rows packed so far; the packer starts empty again. */
  take(): PackedBatch {
    const batch: PackedBatch = {
      ids: this.ids,
      labels: this.labels,
      meta: this.meta.slice(0, this.rows * FIELDS),
      words: this.words.slice(0, this.wordCount),
      bytes: this.bytes.slice(0, this.byteCount),
      rows: this.rows,
      pointDays: this.pointDays,
    };
    this.ids = [];
    this.idIndex = new Map();
    this.labels = [];
    this.labelIndex = new Map();
    this.wordCount = this.byteCount = this.rows = this.pointDays = 0;
    return batch;
  }

  private reserve(words: number, bytes: number): void {
    if ((this.rows + 1) * FIELDS > this.meta.length) this.meta = grow(this.meta, this.meta.length * 2);
    if (this.wordCount + words > this.words.length) this.words = grow(this.words, Math.max(this.words.length * 2, this.wordCount + words));
    if (this.byteCount + bytes > this.bytes.length) this.bytes = grow(this.bytes, Math.max(this.bytes.length * 2, this.byteCount + bytes));
  }
}

function grow<T extends Int32Array | Uint8Array>(array: T, length: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(length);
  bigger.set(array);
  return bigger;
}

/** The rows of a batch, their blobs as views on the batch's buffers (no copy). */
export function unpack(batch: PackedBatch): ReadingRow[] {
  const rows: ReadingRow[] = new Array(batch.rows);
  const { meta, words, bytes } = batch;
  const wordBuffer = words.buffer;
  const byteBuffer = bytes.buffer;
  for (let k = 0; k < batch.rows; k++) {
    const m = k * FIELDS;
    const label = meta[m + 5];
    const aux = meta[m + 10];
    rows[k] = {
      usagePointId: batch.ids[meta[m]],
      series: meta[m + 1],
      day: meta[m + 2],
      revision: meta[m + 3],
      step: meta[m + 4],
      segments: null,
      labels: label < 0 ? null : batch.labels[label],
      vals: Buffer.from(wordBuffer, words.byteOffset + meta[m + 6] * 4, meta[m + 7] * 4),
      quality: Buffer.from(byteBuffer, bytes.byteOffset + meta[m + 8], meta[m + 9]),
      aux: aux < 0 ? null : Buffer.from(wordBuffer, words.byteOffset + aux * 4, meta[m + 9] * 4), // one word per slot, like quality
    };
  }
  return rows;
}

/** Buffers to list as transferable when posting a batch. */
export function transferList(batch: PackedBatch): ArrayBuffer[] {
  return [batch.meta.buffer, batch.words.buffer, batch.bytes.buffer] as ArrayBuffer[];
}
