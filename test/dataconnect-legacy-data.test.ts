import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S } from '../src/metering/series.ts';
import { d, DataConnectHub, errorTableNetwork, type Json } from './support/dataconnect-hub.ts';
import { testCurveDay, testDailyDay } from './support/network.ts';

// The v3 and v4 data paths (API dataconnect-v3): v3 ranks, the v4 envelope, v3 customer aliases in the v5 shapes.
const { points: { MAIN, PRODUCER, OPPOSED, MOVED, EMPTY }, network, grant } = errorTableNetwork('26');
// Stored as seconds after local midnight: 19:12 on an ordinary day, 18:12 on 2026-10-25 (25 hours).
const PEAK = 19 * 3600 + 12 * 60;

let dc: DataConnectHub;
let bearer: string;

const q = (point: string, start: string, end: string) => `?usage_point_id=${point}&start=${start}&end=${end}`;

beforeAll(async () => {
  dc = await DataConnectHub.start({
    apps: [
      { id: 'acme-legacy', stage: 'production', apis: ['dataconnect-v3', 'dataconnect-v5'] },
      { id: 'acme-v5', stage: 'production', apis: ['dataconnect-v5'] },
      { id: 'acme-other', stage: 'production', apis: ['dataconnect-v3'] },
    ],
    ...network,
    days: (zone) => [
      ...[d('2026-10-24'), d('2026-10-25')].flatMap((day) => [
        testCurveDay(zone, MAIN, day, (i) => (day === d('2026-10-24') && i === 3 ? NaN : 1000 + i)),
        testDailyDay(MAIN, day, S.daily_consumption.id, 20_000 + day - d('2026-10-24')),
        testDailyDay(MAIN, day, S.daily_consumption_max_power.id, 6_200 + day - d('2026-10-24'), PEAK),
      ]),
      testCurveDay(zone, PRODUCER, d('2026-10-20'), () => 700, { series: S.production_load_curve.id }),
      testDailyDay(PRODUCER, d('2026-10-20'), S.daily_production.id, 4_321),
      ...[OPPOSED, MOVED].map((point) => testDailyDay(point, d('2026-10-20'), S.daily_consumption.id, 9_000)),
    ],
  });
  await grant(dc, 'acme-legacy', 'acme-other');
  bearer = await dc.token('acme-legacy');
});

afterAll(async () => {
  await dc?.close();
});

describe('Data Connect v3 metering (/v3/metering_data)', () => {
  it('numbers load-curve slots by absolute rank from the first slot of start, 50 on 2026-10-25, the missing slot left out', async () => {
    const answer = await dc.get(`/v3/metering_data/consumption_load_curve${q(MAIN, '2026-10-24', '2026-10-26')}`, bearer);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const reading = answer.body.usage_point[0].meter_reading;
    expect(reading).toMatchObject({ usage_point_id: MAIN, start: '2026-10-24', end: '2026-10-26', reading_type: { measurement_kind: 'power', interval_length: '1800', unit: 'W', aggregate: 'average' } });
    const items = reading.interval_reading as { rank: string; value: string }[];
    expect(items).toHaveLength(48 + 50 - 1);
    expect(items.slice(0, 4)).toEqual([{ rank: '1', value: '1000' }, { rank: '2', value: '1001' }, { rank: '3', value: '1002' }, { rank: '5', value: '1004' }]);
    expect(items.at(-1)).toEqual({ rank: '98', value: '1049' });
  });

  it('ranks daily energy by day from start, and dates max power at its peak', async () => {
    const daily = await dc.get(`/v3/metering_data/daily_consumption${q(MAIN, '2026-10-23', '2026-10-26')}`, bearer);
    expect(daily.body.usage_point[0].meter_reading.interval_reading).toEqual([{ rank: '2', value: '20000' }, { rank: '3', value: '20001' }]);
    const power = await dc.get(`/v3/metering_data/consumption_max_power${q(MAIN, '2026-10-24', '2026-10-26')}`, bearer);
    expect(power.body.usage_point[0].meter_reading).toMatchObject({ reading_type: { measurement_kind: 'power', measuring_period: 'P1D', unit: 'VA', aggregate: 'maximum' } });
    expect(power.body.usage_point[0].meter_reading.interval_reading).toEqual([{ rank: '1', value: '6200', date: '2026-10-24 19:12:00' }, { rank: '2', value: '6201', date: '2026-10-25 18:12:00' }]);
  });

  it('serves the production resources on a production point', async () => {
    const curve = await dc.get(`/v3/metering_data/production_load_curve${q(PRODUCER, '2026-10-20', '2026-10-21')}`, bearer);
    expect(curve.body.usage_point[0].meter_reading.interval_reading).toHaveLength(48);
    const daily = await dc.get(`/v3/metering_data/daily_production${q(PRODUCER, '2026-10-20', '2026-10-21')}`, bearer);
    expect(daily.body.usage_point[0].meter_reading.interval_reading).toEqual([{ rank: '1', value: '4321' }]);
  });
});

describe('Data Connect v4 metering (/v4/metering_data)', () => {
  it('answers the v5 envelope, dated items with their own interval_length', async () => {
    const answer = await dc.get(`/v4/metering_data/consumption_load_curve${q(MAIN, '2026-10-25', '2026-10-26')}`, bearer);
    expect(answer.status).toBe(200);
    const items = answer.body.meter_reading.interval_reading as Json[];
    expect(items).toHaveLength(50);
    expect(items[0]).toEqual({ value: '1000', date: '2026-10-25 00:30:00', interval_length: 'PT30M', measure_type: 'B' });
    const daily = await dc.get(`/v4/metering_data/daily_consumption${q(MAIN, '2026-10-24', '2026-10-25')}`, bearer);
    expect(daily.body.meter_reading.interval_reading).toEqual([{ value: '20000', date: '2026-10-24' }]);
    const production = await dc.get(`/v4/metering_data/daily_production${q(PRODUCER, '2026-10-20', '2026-10-21')}`, bearer);
    expect(production.body.meter_reading.interval_reading).toEqual([{ value: '4321', date: '2026-10-20' }]);
    expect((await dc.get(`/v4/metering_data/production_load_curve${q(PRODUCER, '2026-10-20', '2026-10-21')}`, bearer)).body.meter_reading.interval_reading).toHaveLength(48);
  });

  it('answers max power under both paths clients use', async () => {
    const modern = await dc.get(`/v4/metering_data/daily_consumption_max_power${q(MAIN, '2026-10-24', '2026-10-26')}`, bearer);
    const old = await dc.get(`/v4/metering_data/consumption_max_power${q(MAIN, '2026-10-24', '2026-10-26')}`, bearer);
    expect(modern.body.meter_reading.interval_reading).toEqual([{ value: '6200', date: '2026-10-24 19:12:00' }, { value: '6201', date: '2026-10-25 18:12:00' }]);
    expect(old.text).toBe(modern.text);
  });
});

describe('Data Connect v3 customers (/v3/customers)', () => {
  it('answers exactly what the v5 customers APIs answer', async () => {
    const pairs = [
      ['/v3/customers/usage_points/contracts', '/customers_upc/v5/usage_points/contracts'],
      ['/v3/customers/usage_points/addresses', '/customers_upa/v5/usage_points/addresses'],
      ['/v3/customers/identity', '/customers_i/v5/identity'],
      ['/v3/customers/contact_data', '/customers_cd/v5/contact_data'],
    ];
    for (const [v3, v5] of pairs) {
      const legacy = await dc.get(`${v3}?usage_point_id=${MAIN}`, bearer);
      expect({ v3, status: legacy.status }).toEqual({ v3, status: 200 });
      expect(legacy.text).toBe((await dc.get(`${v5}?usage_point_id=${MAIN}`, bearer)).text);
    }
    expect((await dc.get(`/v3/customers/identity?usage_point_id=${MAIN}`, bearer)).body).toEqual({ customer_id: '2600000001', identity: { natural_person: { title: 'Mme', firstname: 'Alice', lastname: 'Martin' } } });
  });
});

describe('Data Connect v3/v4 refusals and audit', () => {
  it('refuses with the v5 bodies: subscription, consent, parameters, customer data', async () => {
    const cases: [string, string, number, Json][] = [
      [`/v4/metering_data/daily_consumption${q(MAIN, '2026-10-24', '2026-10-25')}`, await dc.token('acme-v5'), 403, { code: '900908' }],
      [`/v3/metering_data/daily_consumption${q(MAIN, '2026-10-24', '2026-10-25')}`, await dc.token('acme-other'), 403, { error: 'ADAM-DC-0008' }],
      [`/v4/metering_data/consumption_load_curve${q(MAIN, '2026-10-01', '2026-10-09')}`, bearer, 400, { error: 'ADAM-DC-0015' }],
      [`/v3/metering_data/daily_consumption${q(MAIN, '2026-10-24', '2026-10-24')}`, bearer, 400, { error: 'Invalid_request', error_description: 'Start date should be before end date' }],
      ['/v3/customers/identity?usage_point_id=12', bearer, 400, { error: 'invalid_request', error_description: 'usage_point_id parameter must be 14 digits long' }],
      [`/v3/customers/usage_points/contracts?usage_point_id=${PRODUCER}`, bearer, 404, { error: 'STM-ERR-0000019', error_description: 'Unknown or unauthorized user' }],
    ];
    for (const [path, auth, status, body] of cases) {
      const answer = await dc.get(path, auth);
      expect({ path, status: answer.status, body: answer.body }).toMatchObject({ path, status, body });
    }
  });

  it('checks the token, then the parameters, then the rules, each with the v5 body of the error table, on v3 and v4 alike (§13.27)', async () => {
    const invalid = (description: string) => ({ error: 'Invalid_request', error_description: description });
    const deadline = { error: 'ADAM-ERR0125', error_description: 'The start date must be greater than the history deadline' };
    const tooLong = { error: 'ADAM-DC-0015', error_description: 'The requested period must be less than 7 days for an access to the load curve' };
    const noData = { error: 'no_data_found', error_description: 'no measure found for this usage point' };
    const other = await dc.token('acme-other');
    // [resource, query, token, status, body]; max power is consumption_max_power on v3, daily_consumption_max_power on v4 (both v4 paths tested above).
    const cases: [string, string, string | undefined, number, Json][] = [
      ['daily_consumption', q(MAIN, 'x', 'y'), undefined, 401, { code: '900902', message: 'Missing Credentials', description: expect.any(String) }],
      ['daily_consumption', q(MAIN, 'x', 'y'), 'not-a-token', 401, { code: '900901', message: 'Invalid Credentials', description: expect.any(String) }],
      ['daily_consumption', '?start=2026-10-01&end=2026-10-02', bearer, 400, invalid('usage_point_id parameter is required')],
      ['consumption_load_curve', q('123', '2026-10-01', '2026-10-02'), bearer, 400, invalid('usage_point_id parameter must be 14 digits long')],
      ['max_power', `?usage_point_id=${MAIN}&end=2026-10-02`, bearer, 400, invalid('Start date parameter is required')],
      ['daily_consumption', q(MAIN, '2026/10/01', '2026-10-02'), bearer, 400, invalid('Start date parameter must be in the format YYYY-MM-DD')],
      ['daily_consumption', `?usage_point_id=${MAIN}&start=2026-10-01`, bearer, 400, invalid('End date parameter is required')],
      ['daily_production', q(PRODUCER, '2026-10-01', '20261002'), bearer, 400, invalid('End date parameter must be in the format YYYY-MM-DD')],
      ['daily_consumption', q(MAIN, '2026-11-20', '2026-11-25'), bearer, 400, invalid('The end date parameter must be earlier than the current date')],
      // Today is 2026-11-24: curves go back to 2024-11-09, daily data and max power to 2023-11-09.
      ['consumption_load_curve', q(MAIN, '2024-11-08', '2024-11-09'), bearer, 400, deadline],
      ['daily_consumption', q(EMPTY, '2023-11-08', '2023-11-09'), bearer, 400, deadline],
      ['max_power', q(EMPTY, '2023-11-08', '2023-11-09'), bearer, 400, deadline],
      ['consumption_load_curve', q(MAIN, '2026-10-01', '2026-10-09'), bearer, 400, tooLong],
      ['production_load_curve', q(PRODUCER, '2026-10-14', '2026-10-22'), bearer, 400, tooLong],
      ['daily_consumption', q(MAIN, '2024-01-30', '2024-02-02'), bearer, 400, { error: 'ADAM-ERR0123', error_description: "The requested period cannot be anterior to the meter's last activation date" }],
      ['daily_consumption', q(MOVED, '2026-05-30', '2026-06-02'), other, 403, { error: 'ADAM-DC-0009', error_description: 'The start date of the request must be greater than the consent start date.' }],
      ['daily_consumption', q(MOVED, '2026-10-20', '2026-10-21'), bearer, 403, { error: 'ADAM-DC-0007', error_description: 'The customer is not owner of this usage point.' }],
      ['consumption_load_curve', q(OPPOSED, '2026-10-20', '2026-10-21'), bearer, 400, { error: 'ADAM-ERR0075', error_description: 'The customer objected to the load curve recording' }],
      ['daily_production', q(MAIN, '2026-10-24', '2026-10-25'), bearer, 400, { error: 'ADAM-ERR0069', error_description: 'Le sens de la mesure ne correspond pas pour le PRM demandé.' }],
      ['daily_consumption', q(EMPTY, '2026-10-20', '2026-10-21'), bearer, 404, noData],
      ['consumption_load_curve', q(MAIN, '2026-10-20', '2026-10-21'), bearer, 404, noData],
      ['max_power', q(EMPTY, '2026-10-20', '2026-10-21'), bearer, 404, noData],
    ];
    for (const generation of ['v3', 'v4']) {
      for (const [resource, query, auth, status, body] of cases) {
        const name = resource !== 'max_power' ? resource : generation === 'v3' ? 'consumption_max_power' : 'daily_consumption_max_power';
        const path = `/${generation}/metering_data/${name}${query}`;
        const answer = await dc.get(path, auth);
        expect({ path, status: answer.status, body: answer.body }).toEqual({ path, status, body });
      }
      // The edges of those rules answer: a load curve of exactly 7 days, the first day of each window, the new holder from their own contract.
      const edges = [
        [`consumption_load_curve${q(MAIN, '2026-10-19', '2026-10-26')}`, bearer, 200], [`consumption_load_curve${q(MAIN, '2024-11-09', '2024-11-10')}`, bearer, 404],
        [`daily_consumption${q(EMPTY, '2023-11-09', '2023-11-10')}`, bearer, 404], [`daily_consumption${q(MOVED, '2026-10-20', '2026-10-21')}`, other, 200],
      ] as const;
      for (const [resource, auth, status] of edges) {
        const path = `/${generation}/metering_data/${resource}`;
        expect({ path, status: (await dc.get(path, auth)).status }).toEqual({ path, status });
      }
    }
  });

  it('records each call under the v3 API with its point and consent', async () => {
    expect((await dc.get(`/v3/metering_data/daily_consumption${q(MAIN, '2026-10-23', '2026-10-26')}`, bearer)).status).toBe(200);
    expect((await dc.get(`/v3/customers/identity?usage_point_id=${MAIN}`, bearer)).status).toBe(200);
    const records = (await dc.audit('acme-legacy', 'dataconnect-v3')).filter((r) => r.outcome === 'ok');
    expect(new Set(records.map((r) => r.operation))).toEqual(new Set(['metering_data', 'customers']));
    expect(records.every((r) => (r.usagePoints === MAIN || r.usagePoints === PRODUCER) && /^consent:\d+$/.test(r.basis ?? ''))).toBe(true);
  });
});
