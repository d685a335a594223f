import { formatIsoDate } from '../platform/time/local-day.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import type { DayReadings, Segment } from './day-readings.ts';
import { stepName, type CurveLine, type DailyLine, type IndexLine, type ReadingLine, type Report } from './import-lines.ts';
import { slotRuns } from './slots.ts';

/** Where a day came from in the file, to point a problem found on a whole day back at its lines. */
export interface DaySource {
  firstLine: number;
  lineCount: number;
}

/**
 * Groups the lines of an import file into days, one per usage point, series
 * and local day, in the order the days first appear. Lines may come in any
 * order; a day is built once the whole file is read.
 */
export class DayCollector {
  private readonly days = new Map<string, DayBuilder>();
  private readonly zone: TimeZone;
  private readonly report: Report;

  constructor(zone: TimeZone, report: Report) {
    this.zone = zone;
    this.report = report;
  }

  add(reading: ReadingLine): void {
    const key = `${reading.usagePointId}|${reading.def.id}|${reading.day}`;
    let day = this.days.get(key);
    if (!day) {
      day = reading.kind === 'curve' ? new CurveDay(reading) : reading.kind === 'index' ? new IndexDay(reading) : new DailyDay(reading);
      this.days.set(key, day);
    }
    day.lineCount++;
    if (reading.revision !== day.revision) {
      this.report(reading.line, 'revision', `revision ${reading.revision} differs from revision ${day.revision} on line ${day.firstLine} for the same day (${describeDay(reading)}); a day is replaced as a whole, so give all its lines the same revision`);
      return;
    }
    // The builder matches the line's kind: the key holds the series, and the series fixes the kind.
    day.add(reading, this.report);
  }

  /** The days that could be built, with their sources; problems of the others are reported. Call once. */
  finish(): { batch: DayReadings[]; sources: DaySource[] } {
    const batch: DayReadings[] = [];
    const sources: DaySource[] = [];
    for (const [key, day] of this.days) {
      // Each builder is let go once built, so that a big file is not held twice in memory.
      this.days.delete(key);
      const readings = day.build(this.zone, this.report);
      if (!readings) continue;
      batch.push(readings);
      sources.push({ firstLine: day.firstLine, lineCount: day.lineCount });
    }
    return { batch, sources };
  }
}

function describeDay(reading: ReadingLine): string {
  return `${reading.usagePointId}, ${reading.def.name}, ${formatIsoDate(reading.day)}`;
}

abstract class DayBuilder {
  readonly usagePointId: string;
  readonly series: number;
  readonly day: number;
  readonly revision: number;
  readonly firstLine: number;
  lineCount = 0;

  constructor(first: ReadingLine) {
    this.usagePointId = first.usagePointId;
    this.series = first.def.id;
    this.day = first.day;
    this.revision = first.revision;
    this.firstLine = first.line;
  }

  abstract add(reading: ReadingLine, report: Report): void;
  abstract build(zone: TimeZone, report: Report): DayReadings | undefined;

  protected readings(parts: Pick<DayReadings, 'step' | 'segments' | 'labels' | 'values' | 'quality' | 'aux'>): DayReadings {
    return { usagePointId: this.usagePointId, series: this.series, day: this.day, revision: this.revision, ...parts };
  }
}

/** A day of daily energy, max power or gas: exactly one line. */
class DailyDay extends DayBuilder {
  private line: DailyLine | undefined;

  add(reading: DailyLine, report: Report): void {
    if (this.line) report(reading.line, 'date', `repeats line ${this.line.line} (${describeDay(reading)}); give one line per usage point, series and date`);
    else this.line = reading;
  }

  build(): DayReadings | undefined {
    const line = this.line;
    if (!line) return undefined;
    return this.readings({
      step: 86_400, segments: null, labels: null,
      values: Float64Array.from(line.values), quality: Uint8Array.of(line.quality), aux: line.aux === null ? null : Int32Array.of(line.aux),
    });
  }
}

/** An index day: one line per register, kept in the order of the file. */
class IndexDay extends DayBuilder {
  private readonly registers = new Map<string, IndexLine>();

  add(reading: IndexLine, report: Report): void {
    const previous = this.registers.get(reading.register);
    if (previous) report(reading.line, 'register', `register ${reading.register} repeats line ${previous.line} (${describeDay(reading)}); give one line per register and day`);
    else this.registers.set(reading.register, reading);
  }

  build(): DayReadings | undefined {
    const lines = [...this.registers.values()];
    return this.readings({
      step: 86_400, segments: null, labels: lines.map((l) => l.register),
      values: Float64Array.from(lines, (l) => l.value), quality: Uint8Array.from(lines, (l) => l.quality), aux: null,
    });
  }
}

/**
 * A curve day. Lines are kept in typed arrays (about 21 bytes a line) since
 * a big file holds millions of them until it is fully read and checked.
 */
class CurveDay extends DayBuilder {
  private count = 0;
  private seconds = new Int32Array(48);
  private steps = new Int32Array(48);
  private values = new Float64Array(48);
  private quality = new Uint8Array(48);
  private lines = new Int32Array(48);

  add(reading: CurveLine): void {
    if (this.count === this.seconds.length) this.grow();
    const i = this.count++;
    this.seconds[i] = reading.second;
    this.steps[i] = reading.step;
    this.values[i] = reading.value;
    this.quality[i] = reading.quality;
    this.lines[i] = reading.line;
  }

  /**
   * Lays the lines on the day's slots. The step in force changes where a line
   * of another step starts, so a gap before a change is counted in the step
   * before it; slots without a line stay missing.
   */
  build(zone: TimeZone, report: Report): DayReadings | undefined {
    const { seconds, steps, lines } = this;
    const order = Array.from({ length: this.count }, (_, i) => i).sort((a, b) => seconds[a] - seconds[b] || lines[a] - lines[b]);
    const segments: Segment[] = [];
    const problem = (i: number, column: string, reason: string) => report(lines[i], column, `${reason} (${this.usagePointId}, ${formatIsoDate(this.day)})`);
    const endLabel = (i: number) => zone.wallClockAt(this.day, seconds[i] + steps[i]).slice(11, 16);
    let ok = true;
    let previous = -1;
    for (const i of order) {
      if (previous >= 0 && seconds[i] < seconds[previous] + steps[previous]) {
        const same = seconds[i] === seconds[previous] && steps[i] === steps[previous];
        const [first, later] = lines[previous] < lines[i] ? [previous, i] : [i, previous];
        problem(later, 'end', same
          ? `the interval ending ${endLabel(later)} is already on line ${lines[first]}; give each interval once`
          : `the ${stepName(steps[later])} interval ending ${endLabel(later)} overlaps the ${stepName(steps[first])} interval ending ${endLabel(first)} on line ${lines[first]}`);
        ok = false;
        continue;
      }
      const current = segments.at(-1);
      if (!current || current.step !== steps[i]) {
        const from = current ? seconds[i] : 0;
        if (current && (from - current.fromSecond) % current.step !== 0) {
          problem(i, 'step', `the step changes from ${stepName(current.step)} to ${stepName(steps[i])} at ${zone.wallClockAt(this.day, from).slice(11, 16)}, inside a ${stepName(current.step)} interval; change the step on a ${stepName(current.step)} boundary`);
          ok = false;
        }
        segments.push({ fromSecond: from, step: steps[i] });
      }
      previous = i;
    }
    if (!ok) return undefined;
    return this.lay(order, segments, zone.localDay(this.day).lengthSeconds);
  }

  private lay(order: number[], segments: Segment[], dayLength: number): DayReadings {
    const runs = slotRuns(segments, segments[0].step, dayLength);
    const slotCount = runs.reduce((n, run) => n + run.count, 0);
    const values = new Float64Array(slotCount).fill(NaN);
    const quality = new Uint8Array(slotCount);
    let run = 0;
    let firstSlotOfRun = 0;
    for (const i of order) {
      while (run + 1 < runs.length && this.seconds[i] >= runs[run + 1].fromSecond) firstSlotOfRun += runs[run++].count;
      const slot = firstSlotOfRun + (this.seconds[i] - runs[run].fromSecond) / runs[run].step;
      values[slot] = this.values[i];
      quality[slot] = this.quality[i];
    }
    return this.readings({ step: segments[0].step, segments: segments.length > 1 ? segments : null, labels: null, values, quality, aux: null });
  }

  private grow(): void {
    const size = this.seconds.length * 2;
    this.seconds = copyInto(this.seconds, new Int32Array(size));
    this.steps = copyInto(this.steps, new Int32Array(size));
    this.values = copyInto(this.values, new Float64Array(size));
    this.quality = copyInto(this.quality, new Uint8Array(size));
    this.lines = copyInto(this.lines, new Int32Array(size));
  }
}

function copyInto<T extends { set(source: ArrayLike<number>): void }>(source: ArrayLike<number>, target: T): T {
  target.set(source);
  return target;
}
