import { describe, expect, it } from 'vitest';
import { renderMesuresV1, type V1Reading, type V1ToutReading } from '../src/dataconnect/metering/mesures-v1.ts';
import { hasNoValue, storedDaysFor, type MeteringAnswer } from '../src/dataconnect/metering/request.ts';
import { renderV2, type ReponseMesureAccesCDC, type ReponseMesureAccesMaxQuotidien, type ReponseMesureAccesQuotidien } from '../src/dataconnect/metering/v2.ts';
import type { ReponseMesureAccesIndex } from '../src/dataconnect/metering/v2-index.ts';
import { renderV3 } from '../src/dataconnect/metering/v3.ts';
import { renderV4 as writeV4, renderV5 as writeV5, type CurveReading, type DayReading, type MeterReadingV5 } from '../src/dataconnect/metering/v5.ts';
import type { DayReadings, Segment } from '../src/metering/day-readings.ts';
import { QUALITY, S, type SeriesDef } from '../src/metering/series.ts';
import { parseIsoDate } from '../src/platform/time/local-day.ts';
import { timeZone } from '../src/platform/time/zone.ts';
import { testCurveDay, testDailyDay } from './support/network.ts';

const paris = timeZone('Europe/Paris');
const PRM = '00012345678901';
const day = (iso: string) => parseIsoDate(iso)!;
const hms = (h: number, m: number, s = 0) => h * 3600 + m * 60 + s;

function answer(series: SeriesDef, start: string, end: string, days: DayReadings[], usagePointId = PRM): MeteringAnswer {
  return { usagePointId, series, startDay: day(start), endDay: day(end), days, zone: paris };
}

/** A uniform curve day whose value is 100 + slot number, with the listed slots missing. */
function curve(iso: string, options: { step?: number; missing?: number[]; series?: SeriesDef } = {}): DayReadings {
  const missing = new Set(options.missing ?? []);
  return testCurveDay(paris, PRM, day(iso), (slot) => (missing.has(slot) ? NaN : 100 + slot), { step: options.step, series: options.series?.id });
}

/** A curve day whose step changes: values 1, 2, 3... in slot order. */
function segmentedCurve(iso: string, segments: Segment[], count: number): DayReadings {
  const values = Float64Array.from({ length: count }, (_, i) => i + 1);
  return {
    usagePointId: PRM, series: S.consumption_load_curve.id, day: day(iso), revision: 1, step: segments[0].step, segments, labels: null,
    values, quality: new Uint8Array(count).fill(QUALITY.measured), aux: null,
  };
}

function daily(iso: string, value: number, series: SeriesDef = S.daily_consumption): DayReadings {
  return testDailyDay(PRM, day(iso), series.id, value);
}

function maxPower(iso: string, value: number, at: number): DayReadings {
  return testDailyDay(PRM, day(iso), S.daily_consumption_max_power.id, value, at);
}

function indexDay(iso: string, labels: string[], values: number[], series: SeriesDef = S.consumption_index): DayReadings {
  return {
    usagePointId: PRM, series: series.id, day: day(iso), revision: 1, step: 86_400, segments: null, labels,
    values: Float64Array.from(values), quality: Uint8Array.from(values, (v) => (Number.isNaN(v) ? QUALITY.missing : QUALITY.measured)), aux: null,
  };
}

/** The v5 answer as a client reads it; its text must be the bytes JSON.stringify writes for that object. */
const renderV5 = (a: MeteringAnswer): MeterReadingV5 => {
  const text = writeV5(a).text;
  const parsed = JSON.parse(text) as MeterReadingV5;
  expect(text).toBe(JSON.stringify(parsed));
  return parsed;
};
const renderV4 = (a: MeteringAnswer): MeterReadingV5 => JSON.parse(writeV4(a).text) as MeterReadingV5;
const v5Items = (a: MeteringAnswer) => renderV5(a).meter_reading.interval_reading as CurveReading[];
const v5Dates = (a: MeteringAnswer) => v5Items(a).map((item) => item.date);

describe('v4/v5 meter_reading', () => {
  it('renders a load curve day with interval ends in local time, string values and missing points left out', () => {
    const body = renderV5(answer(S.consumption_load_curve, '2026-01-15', '2026-01-16', [curve('2026-01-15', { missing: [3] })]));
    const { interval_reading: items, ...envelope } = body.meter_reading;
    expect(Object.keys(body)).toEqual(['meter_reading']);
    expect(envelope).toEqual({
      usage_point_id: PRM, start: '2026-01-15', end: '2026-01-16', quality: 'BRUT',
      reading_type: { measurement_kind: 'power', unit: 'W', aggregate: 'average' },
    });
    expect(items).toHaveLength(47);
    expect(items[0]).toEqual({ value: '100', date: '2026-01-15 00:30:00', interval_length: 'PT30M', measure_type: 'B' });
    // Slot 3 (01:30-02:00) is missing: 01:30 is followed by 02:30.
    expect(items.slice(2, 4).map((i) => [i.date, i.value])).toEqual([['2026-01-15 01:30:00', '102'], ['2026-01-15 02:30:00', '104']]);
    expect(items.at(-1)).toEqual({ value: '147', date: '2026-01-16 00:00:00', interval_length: 'PT30M', measure_type: 'B' });
  });

  it('skips the missing spring hour: 46 half-hours on 2026-03-29', () => {
    const dates = v5Dates(answer(S.consumption_load_curve, '2026-03-29', '2026-03-30', [curve('2026-03-29')]));
    expect(dates).toHaveLength(46);
    expect(dates.slice(2, 5)).toEqual(['2026-03-29 01:30:00', '2026-03-29 02:00:00', '2026-03-29 03:30:00']);
    expect(dates.at(-1)).toBe('2026-03-30 00:00:00');
  });

  it('repeats the autumn hour in time order: 50 half-hours on 2026-10-25', () => {
    const items = v5Items(answer(S.consumption_load_curve, '2026-10-25', '2026-10-26', [curve('2026-10-25')]));
    expect(items).toHaveLength(50);
    expect(items.slice(3, 9).map((i) => [i.date, i.value])).toEqual([
      ['2026-10-25 02:00:00', '103'],
      ['2026-10-25 02:30:00', '104'],
      ['2026-10-25 03:00:00', '105'],
      ['2026-10-25 02:30:00', '106'],
      ['2026-10-25 03:00:00', '107'],
      ['2026-10-25 03:30:00', '108'],
    ]);
    expect(items.at(-1)!.date).toBe('2026-10-26 00:00:00');
  });

  it('gives each item its own interval_length when the step changes inside a day', () => {
    // 00:00-06:00 at 15 min (24), 06:00-12:00 hourly (6), 12:00-24:00 at 5 min (144).
    const segmented = segmentedCurve('2026-02-10', [{ fromSecond: 0, step: 900 }, { fromSecond: hms(6, 0), step: 3600 }, { fromSecond: hms(12, 0), step: 300 }], 174);
    const items = v5Items(answer(S.consumption_load_curve, '2026-02-10', '2026-02-12', [segmented, curve('2026-02-11')]));
    expect(items).toHaveLength(174 + 48);
    expect(items.slice(23, 26).map((i) => [i.date, i.interval_length])).toEqual([
      ['2026-02-10 06:00:00', 'PT15M'],
      ['2026-02-10 07:00:00', 'PT60M'],
      ['2026-02-10 08:00:00', 'PT60M'],
    ]);
    expect(items.slice(29, 31).map((i) => [i.date, i.interval_length])).toEqual([
      ['2026-02-10 12:00:00', 'PT60M'],
      ['2026-02-10 12:05:00', 'PT5M'],
    ]);
    expect(items[173]).toEqual({ value: '174', date: '2026-02-11 00:00:00', interval_length: 'PT5M', measure_type: 'B' });
    expect(items[174]).toEqual({ value: '100', date: '2026-02-11 00:30:00', interval_length: 'PT30M', measure_type: 'B' });
  });

  it('renders daily energy dated YYYY-MM-DD, leaving out missing and absent days', () => {
    const body = renderV5(answer(S.daily_production, '2026-05-01', '2026-05-05', [daily('2026-05-01', 5400, S.daily_production), daily('2026-05-02', NaN, S.daily_production), daily('2026-05-04', 12_345_678_901, S.daily_production)]));
    expect(body).toEqual({
      meter_reading: {
        usage_point_id: PRM, start: '2026-05-01', end: '2026-05-05', quality: 'BRUT',
        reading_type: { measurement_kind: 'energy', measuring_period: 'P1D', unit: 'Wh', aggregate: 'sum' },
        interval_reading: [{ value: '5400', date: '2026-05-01' }, { value: '12345678901', date: '2026-05-04' }],
      },
    });
  });

  it('dates max power at the local moment of the peak, DST days included', () => {
    const days = [maxPower('2026-03-29', 6100, hms(2, 0)), maxPower('2026-03-30', 5200, hms(19, 56, 12)), maxPower('2026-10-25', 7300, hms(3, 0))];
    const body = renderV5(answer(S.daily_consumption_max_power, '2026-03-29', '2026-10-26', days));
    expect(body.meter_reading.reading_type).toEqual({ measurement_kind: 'power', measuring_period: 'P1D', unit: 'VA', aggregate: 'maximum' });
    // Two hours after midnight is 03:00 on the spring day and the second 02:00 on the autumn day.
    expect(body.meter_reading.interval_reading).toEqual([
      { value: '6100', date: '2026-03-29 03:00:00' },
      { value: '5200', date: '2026-03-30 19:56:12' },
      { value: '7300', date: '2026-10-25 02:00:00' },
    ]);
  });

  it('gives v4 the v5 answer', () => {
    const a = answer(S.consumption_load_curve, '2026-01-15', '2026-01-16', [curve('2026-01-15')]);
    expect(renderV4(a)).toEqual(renderV5(a));
  });

  it('keeps a PRM with leading zeros as a 14-character string', () => {
    const body = renderV5(answer(S.daily_consumption, '2026-01-01', '2026-01-02', [daily('2026-01-01', 1)]));
    expect(body.meter_reading.usage_point_id).toBe('00012345678901');
  });

  it('has no v5 resource for the index', () => {
    expect(() => renderV5(answer(S.consumption_index, '2026-01-01', '2026-01-02', []))).toThrow(/consumption_index/);
  });
});

describe('v3 usage_point with ranks', () => {
  it('answers the seed-002 shape, ranks starting at 49 after a first day without data', () => {
    const days = ['2019-12-02', '2019-12-03', '2019-12-04'].map((iso) => curve(iso));
    const body = renderV3(answer(S.consumption_load_curve, '2019-12-01', '2019-12-05', days, '22516914714270'));
    const { interval_reading: items, ...rest } = body.usage_point[0].meter_reading;
    expect(body.usage_point).toHaveLength(1);
    expect(rest).toEqual({
      usage_point_id: '22516914714270', start: '2019-12-01', end: '2019-12-05',
      reading_type: { measurement_kind: 'power', interval_length: '1800', unit: 'W', aggregate: 'average' },
    });
    expect(items.slice(0, 2)).toEqual([{ rank: '49', value: '100' }, { rank: '50', value: '101' }]);
    expect(items.at(-1)).toEqual({ rank: '192', value: '147' });
    expect(items).toHaveLength(144);
  });

  it('leaves gaps in the ranks instead of renumbering', () => {
    const body = renderV3(answer(S.consumption_load_curve, '2026-01-15', '2026-01-17', [curve('2026-01-15', { missing: [0, 47] }), curve('2026-01-16', { missing: [1] })]));
    const ranks = body.usage_point[0].meter_reading.interval_reading.map((i) => Number(i.rank));
    expect(ranks[0]).toBe(2);
    expect(ranks).not.toContain(48);
    expect(ranks).not.toContain(50);
    expect(ranks.slice(45, 48)).toEqual([47, 49, 51]);
    expect(ranks.at(-1)).toBe(96);
  });

  it('counts 46 and 50 ranks on the DST days, also for a DST day without data', () => {
    const spring = renderV3(answer(S.consumption_load_curve, '2026-03-29', '2026-03-31', [curve('2026-03-29'), curve('2026-03-30')]));
    const springRanks = spring.usage_point[0].meter_reading.interval_reading.map((i) => i.rank);
    expect(springRanks[45]).toBe('46');
    expect(springRanks[46]).toBe('47');
    expect(springRanks.at(-1)).toBe('94');

    const autumn = renderV3(answer(S.consumption_load_curve, '2026-10-25', '2026-10-27', [curve('2026-10-25'), curve('2026-10-26')]));
    const autumnRanks = autumn.usage_point[0].meter_reading.interval_reading.map((i) => i.rank);
    expect(autumnRanks[49]).toBe('50');
    expect(autumnRanks.at(-1)).toBe('98');

    const absentSpring = renderV3(answer(S.consumption_load_curve, '2026-03-29', '2026-03-31', [curve('2026-03-30')]));
    expect(absentSpring.usage_point[0].meter_reading.interval_reading[0].rank).toBe('47');
  });

  it('counts an absent day at the step the meter was on', () => {
    const body = renderV3(answer(S.consumption_load_curve, '2026-01-15', '2026-01-18', [curve('2026-01-15', { step: 600 }), curve('2026-01-17', { step: 600 })]));
    const meter = body.usage_point[0].meter_reading;
    expect(meter.reading_type).toMatchObject({ interval_length: '600' });
    expect(meter.interval_reading[144]).toEqual({ rank: '289', value: '100' });

    // The meter moved from 30 to 10 minutes at noon on the 15th: the 16th, without data, had 144 slots.
    const changed = segmentedCurve('2026-01-15', [{ fromSecond: 0, step: 1800 }, { fromSecond: hms(12, 0), step: 600 }], 96);
    const after = renderV3(answer(S.consumption_load_curve, '2026-01-15', '2026-01-18', [changed, curve('2026-01-17', { step: 600 })])).usage_point[0].meter_reading;
    expect(after.reading_type).toMatchObject({ interval_length: '1800' });
    expect(after.interval_reading[96]).toEqual({ rank: String(96 + 144 + 1), value: '100' });
  });

  it('numbers a step change by slot position', () => {
    const segmented = segmentedCurve('2026-02-10', [{ fromSecond: 0, step: 1800 }, { fromSecond: hms(12, 0), step: 600 }], 96);
    const items = renderV3(answer(S.consumption_load_curve, '2026-02-10', '2026-02-12', [segmented, curve('2026-02-11')])).usage_point[0].meter_reading.interval_reading;
    expect(items[24]).toEqual({ rank: '25', value: '25' });
    expect(items[96]).toEqual({ rank: '97', value: '100' });
  });

  it('ranks daily energy by day from start', () => {
    const body = renderV3(answer(S.daily_consumption, '2026-01-01', '2026-01-06', [daily('2026-01-01', 9000), daily('2026-01-02', NaN), daily('2026-01-04', 8000)]));
    expect(body.usage_point[0].meter_reading).toEqual({
      usage_point_id: PRM, start: '2026-01-01', end: '2026-01-06',
      reading_type: { measurement_kind: 'energy', measuring_period: 'P1D', unit: 'Wh', aggregate: 'sum' },
      interval_reading: [{ rank: '1', value: '9000' }, { rank: '4', value: '8000' }],
    });
  });

  it('ranks max power by day and dates each peak', () => {
    const body = renderV3(answer(S.daily_consumption_max_power, '2026-01-01', '2026-01-03', [maxPower('2026-01-02', 4300, hms(18, 5, 30))]));
    expect(body.usage_point[0].meter_reading.reading_type).toEqual({ measurement_kind: 'power', measuring_period: 'P1D', unit: 'VA', aggregate: 'maximum' });
    expect(body.usage_point[0].meter_reading.interval_reading).toEqual([{ rank: '2', value: '4300', date: '2026-01-02 18:05:30' }]);
  });
});

describe('strict clients (decision 23)', () => {
  const cases: [string, SeriesDef, DayReadings[]][] = [
    ['curve', S.consumption_load_curve, [curve('2026-10-25'), curve('2026-10-26')]],
    ['daily', S.daily_consumption, [daily('2026-10-25', 1), daily('2026-10-26', 2)]],
    ['max power', S.daily_consumption_max_power, [maxPower('2026-10-25', 1, 100), maxPower('2026-10-26', 2, 50_000)]],
  ];
  for (const [name, series, days] of cases) {
    it(`echoes start/end as YYYY-MM-DD, has a unit and writes no T or offset in ${name} dates (v3, v4, v5)`, () => {
      const a = answer(series, '2026-10-25', '2026-10-27', days);
      for (const meter of [renderV5(a).meter_reading, renderV4(a).meter_reading, renderV3(a).usage_point[0].meter_reading]) {
        expect(meter.start).toBe('2026-10-25');
        expect(meter.end).toBe('2026-10-27');
        expect(meter.reading_type.unit).toMatch(/^(W|Wh|VA)$/);
      }
      const dates = (renderV5(a).meter_reading.interval_reading as DayReading[]).map((i) => i.date);
      expect(dates.length).toBeGreaterThan(1);
      for (const date of dates) expect(date).toMatch(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/);
    });
  }
});

describe('Mesures V1', () => {
  it('writes French wall-clock dates with .000Z and flow_direction on consumption', () => {
    const body = renderMesuresV1(answer(S.consumption_load_curve, '2026-07-01', '2026-07-02', [curve('2026-07-01')]));
    const { interval_reading: items, ...envelope } = body.meter_reading;
    expect(envelope).toEqual({
      usage_point_id: PRM, start: '2026-07-01T00:00:00.000Z', end: '2026-07-02T00:00:00.000Z', quality: 'BRUT',
      reading_type: { flow_direction: 'forward', measurement_kind: 'power', unit: 'W', aggregate: 'average' },
    });
    // 00:30 Paris in July is 22:30 UTC the day before: the V1 date keeps the wall clock.
    expect(items[0]).toEqual({ value: '100', date: '2026-07-01T00:30:00.000Z', interval_length: 'PT30M', measure_type: 'B' });
    expect(items.at(-1)).toMatchObject({ date: '2026-07-02T00:00:00.000Z' });
  });

  it('keeps the decision-3 labels on the autumn DST day', () => {
    const items = renderMesuresV1(answer(S.consumption_load_curve, '2026-10-25', '2026-10-26', [curve('2026-10-25')])).meter_reading.interval_reading as V1Reading[];
    expect(items).toHaveLength(50);
    expect(items.slice(4, 8).map((i) => i.date)).toEqual(['2026-10-25T02:30:00.000Z', '2026-10-25T03:00:00.000Z', '2026-10-25T02:30:00.000Z', '2026-10-25T03:00:00.000Z']);
  });

  it('omits flow_direction on production and dates daily items at midnight', () => {
    const body = renderMesuresV1(answer(S.daily_production, '2026-06-01', '2026-06-03', [daily('2026-06-01', 20_000, S.daily_production), daily('2026-06-02', NaN, S.daily_production)]));
    expect(body.meter_reading.reading_type).toEqual({ measurement_kind: 'energy', measuring_period: 'P1D', unit: 'Wh', aggregate: 'sum' });
    expect(body.meter_reading.interval_reading).toEqual([{ value: '20000', date: '2026-06-01T00:00:00.000Z' }]);
  });

  // dataconnect-fixtures/2026/dcmp-pma.json, the sandbox payload (decision 21).
  const DCMP_PMA = {
    meter_reading: {
      usage_point_id: '99999999999999', start: '2025-05-01T00:00:00.000Z', end: '2025-07-14T00:00:00.000Z', quality: 'BRUT',
      reading_type: { flow_direction: 'forward', measurement_kind: 'power', measuring_period: 'P1D', unit: 'VA', aggregate: 'maximum' },
      interval_reading: [
        { value: '9656', date: '2025-05-01T04:12:00.000Z' },
        { value: 'null', date: '2025-05-02T00:00:00.000Z' },
        { value: '9298', date: '2025-05-03T19:56:00.000Z' },
      ],
    },
  };
  const pmaDays = [maxPower('2025-05-01', 9656, hms(4, 12)), maxPower('2025-05-02', NaN, hms(13, 0)), maxPower('2025-05-03', 9298, hms(19, 56))];

  it('reproduces the sandbox max-power payload key for key with "null" items', () => {
    const body = renderMesuresV1(answer(S.daily_consumption_max_power, '2025-05-01', '2025-07-14', pmaDays, '99999999999999'), { nullItems: true });
    expect(JSON.stringify(body)).toBe(JSON.stringify(DCMP_PMA));
  });

  it('leaves the valueless day out unless the sandbox form is asked for', () => {
    const body = renderMesuresV1(answer(S.daily_consumption_max_power, '2025-05-01', '2025-07-14', pmaDays, '99999999999999'));
    expect(body.meter_reading.interval_reading.map((i) => i.value)).toEqual(['9656', '9298']);
  });

  it('writes "null" for a missing curve slot of a stored day in the sandbox form', () => {
    const items = renderMesuresV1(answer(S.consumption_load_curve, '2026-01-15', '2026-01-16', [curve('2026-01-15', { missing: [1] })]), { nullItems: true }).meter_reading.interval_reading;
    expect(items).toHaveLength(48);
    expect(items[1]).toEqual({ value: 'null', date: '2026-01-15T01:00:00.000Z', interval_length: 'PT30M', measure_type: 'B' });
  });

  it('switches to the v5 strings when the deployment asks', () => {
    const body = renderMesuresV1(answer(S.daily_consumption_max_power, '2025-05-01', '2025-07-14', pmaDays), { dates: 'v5' });
    expect(body.meter_reading.start).toBe('2025-05-01');
    expect(body.meter_reading.end).toBe('2025-07-14');
    expect(body.meter_reading.interval_reading[0]).toEqual({ value: '9656', date: '2025-05-01 04:12:00' });
    expect(body.meter_reading.reading_type).toMatchObject({ flow_direction: 'forward' });
  });

  // dataconnect-fixtures/2026/dcmp-tout.json.
  const DCMP_TOUT = {
    meter_reading: {
      usage_point_id: '11111111111111', start: '2025-05-01T00:00:00.000Z', end: '2025-07-14T00:00:00.000Z', quality: 'BRUT',
      reading_type: { flow_direction: ['forward', 'forward', 'forward', 'forward'], measurement_kind: 'power', measuring_period: 'P1D', unit: ['VA', 'VA', 'VA', 'VA'], aggregate: 'maximum' },
      interval_reading: [
        { value: ['9656', '9724', '9298', '9904'], date: ['2025-05-01T04:12:00.000Z', '2025-05-01T04:12:00.000Z', '2025-05-01T04:12:00.000Z', '2025-05-01T04:12:00.000Z'] },
      ],
    },
  };

  it('reproduces the sandbox TOUT payload with arrays of 4 in the order PMA, PMA1, PMA2, PMA3', () => {
    const at = hms(4, 12);
    const body = renderMesuresV1(answer(S.daily_consumption_max_power, '2025-05-01', '2025-07-14', [maxPower('2025-05-01', 9656, at)], '11111111111111'), {
      phases: [[maxPower('2025-05-01', 9724, at)], [maxPower('2025-05-01', 9298, at)], [maxPower('2025-05-01', 9904, at)]],
    });
    expect(JSON.stringify(body)).toBe(JSON.stringify(DCMP_TOUT));
  });

  it('writes "null" at midnight for a phase without value on a day that has others', () => {
    const body = renderMesuresV1(answer(S.daily_consumption_max_power, '2026-01-01', '2026-01-03', [maxPower('2026-01-01', 9000, hms(8, 0)), maxPower('2026-01-02', NaN, 0)]), {
      phases: [[maxPower('2026-01-01', 3100, hms(8, 0))], [], [maxPower('2026-01-01', 2900, hms(9, 30))]],
    });
    expect(body.meter_reading.interval_reading).toEqual([
      { value: ['9000', '3100', 'null', '2900'], date: ['2026-01-01T08:00:00.000Z', '2026-01-01T08:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T09:30:00.000Z'] },
    ]);
    expect((body.meter_reading.interval_reading[0] as V1ToutReading).value).toHaveLength(4);
  });

  it('answers TOUT on a single-phase point exactly like PMA', () => {
    const a = answer(S.daily_consumption_max_power, '2025-05-01', '2025-07-14', pmaDays);
    expect(renderMesuresV1(a, { phases: undefined })).toEqual(renderMesuresV1(a));
    expect(renderMesuresV1(a).meter_reading.reading_type.unit).toBe('VA');
  });
});

describe('2026 mesure_synchrone_auto/v2', () => {
  it('renders a consumption load curve as the Swagger CDC answer', () => {
    const body = renderV2(answer(S.consumption_load_curve, '2026-09-29', '2026-10-01', [curve('2026-09-29'), curve('2026-09-30', { missing: [5] })])) as ReponseMesureAccesCDC;
    expect(Object.keys(body)).toEqual(['idPrm', 'etapeMetier', 'periode', 'modeCalcul', 'grandeur', 'contexte']);
    const { points, ...grandeur } = body.grandeur[0];
    expect({ ...body, grandeur: [grandeur] }).toEqual({
      idPrm: PRM, etapeMetier: 'BRUT', periode: { dateDebut: '2026-09-29', dateFin: '2026-10-01' }, modeCalcul: 'MESURE',
      grandeur: [{ grandeurMetier: 'CONS', grandeurPhysique: 'PA', unite: 'W', calendrier: [] }],
      contexte: [],
    });
    expect(body.grandeur).toHaveLength(1);
    expect(points).toHaveLength(95);
    expect(points[0]).toEqual({ v: '100', d: '2026-09-29 00:30:00', p: 'PT30M', n: 'B' });
    expect(points.at(-1)).toEqual({ v: '147', d: '2026-10-01 00:00:00', p: 'PT30M', n: 'B' });
  });

  it('stamps v2 curve points exactly as v5 does, DST and step changes included', () => {
    const days = [curve('2026-10-25'), segmentedCurve('2026-10-26', [{ fromSecond: 0, step: 1800 }, { fromSecond: hms(12, 0), step: 600 }], 96)];
    const a = answer(S.consumption_load_curve, '2026-10-25', '2026-10-27', days);
    const points = (renderV2(a) as ReponseMesureAccesCDC).grandeur[0].points;
    expect(points.map((p) => [p.d, p.p, p.v])).toEqual(v5Items(a).map((i) => [i.date, i.interval_length, i.value]));
    expect(points.find((p) => p.d === '2026-10-26 12:10:00')?.p).toBe('PT10M');
  });

  it('marks production as PROD', () => {
    const curveBody = renderV2(answer(S.production_load_curve, '2026-06-01', '2026-06-02', [curve('2026-06-01', { series: S.production_load_curve })])) as ReponseMesureAccesCDC;
    expect(curveBody.grandeur[0]).toMatchObject({ grandeurMetier: 'PROD', grandeurPhysique: 'PA', unite: 'W' });
    const dailyBody = renderV2(answer(S.daily_production, '2026-06-01', '2026-06-02', [daily('2026-06-01', 7, S.daily_production)])) as ReponseMesureAccesQuotidien;
    expect(dailyBody.grandeur[0]).toMatchObject({ grandeurMetier: 'PROD', grandeurPhysique: 'EA', unite: 'Wh' });
  });

  it('renders daily energy with the top-level pas and typeValeur of the Swagger', () => {
    const days = [daily('2026-09-29', 18_500), daily('2026-09-30', NaN)];
    const body = renderV2(answer(S.daily_consumption, '2026-09-29', '2026-10-02', days));
    expect(Object.keys(body)).toEqual(['idPrm', 'etapeMetier', 'periode', 'typeValeur', 'modeCalcul', 'pas', 'grandeur', 'contexte']);
    expect(body).toEqual({
      idPrm: PRM, etapeMetier: 'BRUT', periode: { dateDebut: '2026-09-29', dateFin: '2026-10-02' }, typeValeur: 'GLOBALE', modeCalcul: 'DIFF.INDEX', pas: 'P1D',
      grandeur: [{ grandeurMetier: 'CONS', grandeurPhysique: 'EA', unite: 'Wh', points: [{ v: '18500', d: '2026-09-29' }], calendrier: [] }],
      contexte: [],
    });
    const integrated = renderV2(answer(S.daily_consumption, '2026-09-29', '2026-10-02', days), { modeCalcul: 'INTEG.COURBE' }) as ReponseMesureAccesQuotidien;
    expect(integrated.modeCalcul).toBe('INTEG.COURBE');
  });

  it('renders max power with the moment of the peak and no typeValeur', () => {
    const body = renderV2(answer(S.daily_consumption_max_power, '2026-09-29', '2026-10-01', [maxPower('2026-09-29', 6240, hms(13, 3, 35))]));
    expect(Object.keys(body)).toEqual(['idPrm', 'etapeMetier', 'periode', 'modeCalcul', 'pas', 'grandeur', 'contexte']);
    expect(body).toEqual({
      idPrm: PRM, etapeMetier: 'BRUT', periode: { dateDebut: '2026-09-29', dateFin: '2026-10-01' }, modeCalcul: 'MESURE', pas: 'P1D',
      grandeur: [{ grandeurMetier: 'CONS', grandeurPhysique: 'PMA', unite: 'VA', points: [{ v: '6240', d: '2026-09-29 13:03:35' }], calendrier: [] }],
      contexte: [],
    });
  });

  it('gives four grandeur entries PMA, PMA1, PMA2, PMA3 for TOUT on a three-phase point', () => {
    const body = renderV2(answer(S.daily_consumption_max_power, '2026-09-29', '2026-10-01', [maxPower('2026-09-29', 9000, hms(7, 0)), maxPower('2026-09-30', 8000, hms(20, 0))]), {
      phases: [[maxPower('2026-09-29', 3000, hms(7, 0))], [maxPower('2026-09-29', 2800, hms(7, 1)), maxPower('2026-09-30', 2500, hms(20, 0))], []],
    }) as ReponseMesureAccesMaxQuotidien;
    expect(body.grandeur.map((g) => [g.grandeurPhysique, g.unite, g.points])).toEqual([
      ['PMA', 'VA', [{ v: '9000', d: '2026-09-29 07:00:00' }, { v: '8000', d: '2026-09-30 20:00:00' }]],
      ['PMA1', 'VA', [{ v: '3000', d: '2026-09-29 07:00:00' }]],
      ['PMA2', 'VA', [{ v: '2800', d: '2026-09-29 07:01:00' }, { v: '2500', d: '2026-09-30 20:00:00' }]],
      ['PMA3', 'VA', []],
    ]);
    const single = renderV2(answer(S.daily_consumption_max_power, '2026-09-29', '2026-10-01', [maxPower('2026-09-29', 9000, hms(7, 0))])) as ReponseMesureAccesMaxQuotidien;
    expect(single.grandeur.map((g) => g.grandeurPhysique)).toEqual(['PMA']);
  });

  it('renders the consumption index under contexte, with integer values dated at the daily collection', () => {
    const range = storedDaysFor(S.consumption_index, day('2026-01-10'), day('2026-01-12'));
    expect(range).toEqual({ startDay: day('2026-01-09'), endDay: day('2026-01-11') });
    const days = [
      indexDay('2026-01-09', ['HP', 'HC'], [1_422_334, 802_110]),
      indexDay('2026-01-10', ['HP', 'HC'], [1_430_001, NaN]),
      // The registers at the end of the last requested day are read on dateFin: outside the period.
      indexDay('2026-01-11', ['HP', 'HC'], [1_440_000, 812_000]),
    ];
    const body = renderV2(answer(S.consumption_index, '2026-01-10', '2026-01-12', days)) as ReponseMesureAccesIndex;
    expect(body).toEqual({
      idPrm: PRM,
      periode: { dateDebut: '2026-01-10', dateFin: '2026-01-12' },
      grandeur: [],
      contexte: [
        {
          etapeMetier: 'BRUT', contexteReleve: 'COL', typeReleve: 'AQ',
          grandeur: [
            {
              grandeurMetier: 'CONS', grandeurPhysique: 'EA', unite: 'Wh', points: [],
              calendrier: [
                {
                  idCalendrier: 'DI000002', libelleCalendrier: 'Heures Pleines / Heures Creuses',
                  classeTemporelle: [
                    { idClasseTemporelle: 'HP', libelleClasseTemporelle: 'Heures Pleines', valeur: [{ d: '2026-01-10 00:00:00', v: 1_422_334, iv: 0 }, { d: '2026-01-11 00:00:00', v: 1_430_001, iv: 0 }] },
                    { idClasseTemporelle: 'HC', libelleClasseTemporelle: 'Heures Creuses', valeur: [{ d: '2026-01-10 00:00:00', v: 802_110, iv: 0 }] },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(typeof body.contexte[0].grandeur[0].calendrier[0].classeTemporelle[0].valeur[0].v).toBe('number');
  });

  it('starts a new calendar when the register set changes (tariff change)', () => {
    const days = [indexDay('2026-03-01', ['BASE'], [50_000]), indexDay('2026-03-02', ['HPH', 'HCH', 'HPB', 'HCB'], [1, 2, 3, 4]), indexDay('2026-03-03', ['P', 'HPH', 'HCH', 'HPB', 'HCB'], [9, 8, 7, 6, 5])];
    const body = renderV2(answer(S.consumption_index, '2026-03-02', '2026-03-05', days)) as ReponseMesureAccesIndex;
    const calendars = body.contexte[0].grandeur[0].calendrier;
    expect(calendars.map((c) => [c.idCalendrier, c.classeTemporelle.map((t) => t.idClasseTemporelle)])).toEqual([
      ['DI000001', ['BASE']],
      ['DI000003', ['HPH', 'HCH', 'HPB', 'HCB']],
      [undefined, ['P', 'HPH', 'HCH', 'HPB', 'HCB']],
    ]);
    expect(calendars[1].classeTemporelle[3]).toEqual({ idClasseTemporelle: 'HCB', libelleClasseTemporelle: 'Heures Creuses Saison Basse', valeur: [{ d: '2026-03-03 00:00:00', v: 4, iv: 0 }] });
    expect('idCalendrier' in calendars[2]).toBe(false);
  });

  it('dates the index at next midnight across a DST change and marks production PROD', () => {
    const body = renderV2(answer(S.production_index, '2026-03-29', '2026-03-31', [indexDay('2026-03-28', ['BASE'], [100], S.production_index), indexDay('2026-03-29', ['BASE'], [140], S.production_index)])) as ReponseMesureAccesIndex;
    const grandeur = body.contexte[0].grandeur[0];
    expect(grandeur.grandeurMetier).toBe('PROD');
    expect(grandeur.calendrier[0].classeTemporelle[0].valeur.map((v) => v.d)).toEqual(['2026-03-29 00:00:00', '2026-03-30 00:00:00']);
  });

  it('answers an empty contexte when no register has a value', () => {
    const body = renderV2(answer(S.consumption_index, '2026-01-10', '2026-01-11', [indexDay('2026-01-09', ['BASE'], [NaN])])) as ReponseMesureAccesIndex;
    expect(body.contexte).toEqual([]);
  });
});

describe('no value at all (404 no_data_found)', () => {
  it('is true for an empty period, all-missing days, or values outside the range only', () => {
    expect(hasNoValue(answer(S.consumption_load_curve, '2026-01-15', '2026-01-16', []))).toBe(true);
    const allMissing = testCurveDay(paris, PRM, day('2026-01-15'), () => NaN);
    expect(hasNoValue(answer(S.consumption_load_curve, '2026-01-15', '2026-01-16', [allMissing]))).toBe(true);
    expect(hasNoValue(answer(S.daily_consumption, '2026-01-15', '2026-01-16', [daily('2026-01-16', 5)]))).toBe(true);
  });

  it('is false as soon as one value is present', () => {
    expect(hasNoValue(answer(S.consumption_load_curve, '2026-01-15', '2026-01-16', [curve('2026-01-15', { missing: Array.from({ length: 47 }, (_, i) => i) })]))).toBe(false);
    expect(hasNoValue(answer(S.daily_consumption_max_power, '2026-01-15', '2026-01-17', [maxPower('2026-01-16', 0, 0)]))).toBe(false);
  });

  it('looks at the index rows the index renderer reads', () => {
    expect(hasNoValue(answer(S.consumption_index, '2026-01-10', '2026-01-11', [indexDay('2026-01-09', ['BASE'], [7])]))).toBe(false);
    expect(hasNoValue(answer(S.consumption_index, '2026-01-10', '2026-01-11', [indexDay('2026-01-10', ['BASE'], [7])]))).toBe(true);
  });
});
