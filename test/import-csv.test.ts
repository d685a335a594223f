import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { importReadingsCsv, ImportError, type ImportSummary } from '../src/metering/import-csv.ts';
import { ReadingsStore } from '../src/metering/readings.store.ts';
import { QUALITY, S } from '../src/metering/series.ts';
import { curvePoints } from '../src/metering/slots.ts';
import { parseIsoDate } from '../src/platform/time/local-day.ts';
import { timeZone } from '../src/platform/time/zone.ts';
import { CONSUMER, GAS, PRODUCER, insertImportNetwork } from './fixtures/import/network.ts';
import { contractEngines, createTestDatabase, type TestDatabase } from './support/engines.ts';

const paris = timeZone('Europe/Paris');
const day = (iso: string) => parseIsoDate(iso)!;
const fixture = (name: string) => path.join(import.meta.dirname, 'fixtures', 'import', name);
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

describe.each(contractEngines())('CSV import on %s', (engine) => {
  let test: TestDatabase;
  afterEach(async () => test?.cleanup());

  async function setup() {
    test = await createTestDatabase(engine);
    await insertImportNetwork(test.database);
    const store = new ReadingsStore(test.database);
    const deps = { database: test.database, zone: paris };
    const importFile = (name: string) => importReadingsCsv({ path: fixture(name) }, deps);
    const importText = (text: string, options = {}) => importReadingsCsv({ stream: Readable.from([Buffer.from(text)]), name: 'inline.csv' }, deps, undefined, options);
    const errorOf = (promise: Promise<ImportSummary>): Promise<ImportError> =>
      promise.then(
        () => expect.fail('the import should have been refused'),
        (error: unknown) => {
          expect(error).toBeInstanceOf(ImportError);
          return error as ImportError;
        },
      );
    const problemsOf = async (promise: Promise<ImportSummary>) => (await errorOf(promise)).problems;
    return { store, deps, importFile, importText, errorOf, problemsOf };
  }

  it('round-trips DST days (46 and 50 half-hours), daily, max power, index and gas lines', async () => {
    const { store, importFile } = await setup();
    const summary = await importFile('good.csv');
    expect(summary).toMatchObject({ lines: 102, daysWritten: 7, daysStale: 0, usagePoints: 2, values: 104, database: test.database.location });

    const [autumn] = await store.readDays(CONSUMER, S.consumption_load_curve.id, day('2026-10-25'), day('2026-10-26'));
    const points = curvePoints([autumn], paris);
    expect(points).toHaveLength(50);
    expect(points.filter((p) => p.endLabel === '2026-10-25 02:30:00').map((p) => p.value)).toEqual([204, 206]);
    expect(points.at(-1)).toMatchObject({ endLabel: '2026-10-26 00:00:00', value: 249 });
    expect([autumn.quality[9], autumn.quality[10], autumn.quality[11]]).toEqual([QUALITY.measured, QUALITY.estimated, QUALITY.estimated]);

    const [spring] = await store.readDays(CONSUMER, S.consumption_load_curve.id, day('2026-03-29'), day('2026-03-30'));
    expect(Array.from(spring.values)).toEqual(Array.from({ length: 46 }, (_, i) => 100 + i));
    expect(curvePoints([spring], paris).slice(3, 5).map((p) => p.endLabel)).toEqual(['2026-03-29 02:00:00', '2026-03-29 03:30:00']);

    const daily = await store.readDays(CONSUMER, S.daily_consumption.id, day('2026-03-29'), day('2026-10-26'));
    expect(daily.map((d) => [d.day, d.values[0], d.quality[0], d.revision])).toEqual([[day('2026-03-29'), 9876, QUALITY.corrected, 2], [day('2026-10-25'), 12345, QUALITY.measured, 1]]);
    const [max] = await store.readDays(CONSUMER, S.daily_consumption_max_power.id, day('2026-10-25'), day('2026-10-26'));
    // 02:15 in winter time on the night the clocks go back: 3 h 15 min after midnight.
    expect([max.values[0], max.aux?.[0]]).toEqual([6200, 3 * 3600 + 15 * 60]);
    const [index] = await store.readDays(CONSUMER, S.consumption_index.id, day('2026-10-25'), day('2026-10-26'));
    expect([index.labels, Array.from(index.values)]).toEqual([['HP', 'HC'], [1234567, 765432]]);
    const [gas] = await store.readDays(GAS, S.gas_daily.id, day('2026-10-25'), day('2026-10-26'));
    expect([Array.from(gas.values), gas.quality[0]]).toEqual([[105000, 9500, 11053], QUALITY.estimated]);
  });

  it('reports every bad line with its line and column, and writes nothing', async () => {
    const { store, importFile, problemsOf } = await setup();
    const problems = await problemsOf(importFile('bad.csv'));
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [3, 'date'], // 25/10/2026
      [4, 'value'], // 12.5
      [5, 'series'], // consumption_curve
      [6, 'usage_point_id'], // unknown point
      [7, 'end'], // 01:10 on a 30-minute grid
      [9, 'end'], // the same interval as line 8
      [10, 'end'], // no offset
    ]);
    expect(problems[0].reason).toContain('write 2026-10-25');
    expect(problems[3].reason).toContain('unknown usage point 99999999999998');
    expect(problems[5].reason).toContain('already on line 8');
    expect(problems[6].reason).toContain('write 2026-10-25T02:30:00+02:00 or 2026-10-25T02:30:00+01:00');
    expect(await store.countRows()).toBe(0);
  });

  it('re-imports the same file idempotently and reports a lower revision as stale', async () => {
    const { store, importFile, importText } = await setup();
    await importFile('good.csv');
    const rows = await store.countRows();
    expect(await importFile('good.csv')).toMatchObject({ daysWritten: 7, daysStale: 0 });
    expect(await store.countRows()).toBe(rows);

    const older = await importText(`usage_point_id,series,date,value,revision\n${CONSUMER},daily_consumption,2026-03-29,1,1\n${CONSUMER},daily_consumption,2026-10-25,2,1\n`);
    expect(older).toMatchObject({ daysWritten: 1, daysStale: 1 });
    const daily = await store.readDays(CONSUMER, S.daily_consumption.id, day('2026-03-29'), day('2026-10-26'));
    expect(daily.map((d) => d.values[0])).toEqual([9876, 2]);
    expect(await store.countRows()).toBe(rows);
  });

  it('reads semicolons, step changes within a day, missing points and lines in any order', async () => {
    const { store, importText } = await setup();
    const line = (endMinute: number, step: string, value: number) => `${CONSUMER};consumption_load_curve;2026-05-04T${hhmm(endMinute)}:00+02:00;${step};${value};;3`;
    const text = [
      'usage_point_id;series;end;step;value;quality;revision',
      line(10 * 60 + 10, 'PT10M', 20), // 10-minute data from 10:00 to 12:00, out of order
      line(30, 'PT30M', 0),
      line(10 * 60, 'PT30M', 19), // 00:30 to 09:30 missing
      ...Array.from({ length: 11 }, (_, i) => line(10 * 60 + 20 + i * 10, 'PT10M', 21 + i)),
      line(13 * 60, 'PT60M', 32), // hourly from 12:00
      `${PRODUCER};production_load_curve;2026-05-04T13:00:00+02:00;PT1H;4500;estimated;`,
    ].join('\r\n');
    expect(await importText(text)).toMatchObject({ daysWritten: 2, values: 16 });
    const [curve] = await store.readDays(CONSUMER, S.consumption_load_curve.id, day('2026-05-04'), day('2026-05-05'));
    expect(curve.segments).toEqual([{ fromSecond: 0, step: 1800 }, { fromSecond: 36000, step: 600 }, { fromSecond: 43200, step: 3600 }]);
    expect(curve.values).toHaveLength(20 + 12 + 12);
    expect(curvePoints([curve], paris).map((p) => [p.endLabel.slice(11, 16), p.value]).slice(0, 4)).toEqual([['00:30', 0], ['10:00', 19], ['10:10', 20], ['10:20', 21]]);
    expect(curve.revision).toBe(3);
    const [production] = await store.readDays(PRODUCER, S.production_load_curve.id, day('2026-05-04'), day('2026-05-05'));
    expect([production.step, production.values.length, production.values[12], production.quality[12]]).toEqual([3600, 24, 4500, QUALITY.estimated]);
  });

  it('explains mistakes of the header, the offsets and the days', async () => {
    const { store, importText, problemsOf } = await setup();
    expect(await problemsOf(importText('usage_point_id,series,time,value,value\n'))).toEqual([
      { line: 1, column: 'time', reason: expect.stringContaining('unknown column "time"') },
      { line: 1, column: 'value', reason: 'column value appears twice in the header; keep one' },
    ]);
    expect((await problemsOf(importText('usage_point_id;series,value\n')))[0].reason).toContain('mixes , and ;');

    const curve = (end: string, step: string, value: number, revision = '') => `${CONSUMER},consumption_load_curve,,2026-07-01T${end},${step},${value},${revision}`;
    const problems = await problemsOf(importText([
      'usage_point_id,series,date,end,step,value,revision',
      curve('12:00:00+01:00', 'PT30M', 1), // 2: winter offset in July
      curve('13:00:00+02:00', 'PT60M', 1), // 3
      curve('12:30:00+02:00', 'PT30M', 1), // 4: inside the hour of line 3
      curve('14:00:00+02:00', 'PT60M', 1, '2'), // 5: another revision for the day
      `${CONSUMER},consumption_load_curve,2026-07-01,2026-07-01T15:00:00+02:00,PT60M,1,`, // 6: date is not for curves
      `${CONSUMER},production_load_curve,,2026-07-01T15:00:00+02:00,PT60M,1,`, // 7: a consumption-only point
      `${CONSUMER},daily_consumption,2026-07-01,,,1,,extra`, // 8: one field too many
      `${CONSUMER},consumption_index,2026-07-01,,,1,`, // 9: no register column in the header
      `${CONSUMER},consumption_index,2026-07-02,,,1,`, // 10: told once only
      `${CONSUMER},consumption_load_curve,,2026-07-02T10:00:00+02:00,PT60M,1,`, // 11
      `${CONSUMER},consumption_load_curve,,2026-07-02T11:00:00+02:00,PT30M,1,`, // 12: a half-hour step starting within an hour
      `${CONSUMER},consumption_load_curve,,2026-07-03 10:00,PT30M,1 000,`, // 13: two mistakes, both told
    ].join('\n')));
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [2, 'end'], [4, 'end'], [5, 'revision'], [6, 'date'], [7, 'series'], [8, undefined], [9, 'register'], [12, 'step'], [13, 'value'], [13, 'end'],
    ]);
    expect(problems[8].reason).toContain('without thousands separators');
    expect(problems[9].reason).toContain('write 2026-07-03T10:00:00+02:00');
    expect(problems[0].reason).toContain('write 2026-07-01T13:00:00+02:00 for the same instant');
    expect(problems[1].reason).toContain('overlaps the PT60M interval ending 13:00 on line 3');
    expect(problems[4].reason).toBe(`series production_load_curve measures production, but ${CONSUMER} is a consumption-only point (2026-07-01)`);
    expect(await store.countRows()).toBe(0);
  });

  it('stops after the problem limit and says so', async () => {
    const { importText, errorOf } = await setup();
    const text = ['usage_point_id,series,date,value', ...Array.from({ length: 10 }, () => `${CONSUMER},daily_consumption,someday,1`)].join('\n');
    const error = await errorOf(importText(text, { maxProblems: 3 }));
    expect([error.problems.length, error.truncated]).toEqual([3, true]);
    expect(error.message).toContain('stopped after 3 problems');
  });

  it('refuses files above the size limit, empty files and unclosed quotes', async () => {
    const { deps, importFile, importText, problemsOf } = await setup();
    const limit = { maxBytes: 1000 };
    expect(await problemsOf(importReadingsCsv({ path: fixture('good.csv') }, deps, undefined, limit))).toEqual([{ line: 0, reason: expect.stringMatching(/^the file is 8\.\d KiB, above the limit of 1000 bytes; split it/) }]);
    expect((await problemsOf(importText('usage_point_id,series,date,value\n'.padEnd(2000, '\n'), limit)))[0].reason).toContain('above the limit');
    expect((await problemsOf(importText('')))[0].reason).toContain('the file is empty');
    expect(await importText('\uFEFFusage_point_id,series,date,value\n')).toMatchObject({ lines: 0, daysWritten: 0 });
    expect(await problemsOf(importText(`usage_point_id,series,date,value\n${CONSUMER},daily_consumption,2026-07-01,"1\n`))).toEqual([{ line: 2, reason: expect.stringContaining('never closed') }]);
    expect((await problemsOf(importFile('missing.csv')))[0].reason).toContain('no such file');
  });
});
