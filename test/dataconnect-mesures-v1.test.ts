import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_CONNECT_SETTINGS, loadConfig } from '../src/platform/config.ts';
import { createHub } from '../src/hub.ts';
import { listen } from '../src/platform/http/listen.ts';
import { createTestDatabase } from './support/engines.ts';
import { S } from '../src/metering/series.ts';
import { d, DataConnectHub, errorTableNetwork, NOW, type Json } from './support/dataconnect-hub.ts';
import { testCurveDay, testDailyDay } from './support/network.ts';

// Mesures V1 /mesure_synchrone_auto/v1/metering_data (§11.4, decisions 16, 17, 21) and its deployment switches.
const { points: { MAIN, PRODUCER, OPPOSED, MOVED, EMPTY }, network, grant } = errorTableNetwork('29');
const SANDBOX_HOUSE = '22516914714270';
const C1 = '99999999999999';
const C2 = '11111111111111';
const PEAK = 6 * 3600 + 12 * 60;
const V1 = '/mesure_synchrone_auto/v1/metering_data';

let dc: DataConnectHub;
let prod: string;
let sandbox: string;

const v1 = (resource: string, point: string, start: string, end: string, extra = '') => `${V1}/${resource}?usage_point_id=${point}&start=${start}&end=${end}${extra}`;
const fixture = (file: string) => readFileSync(new URL(`../src/dataconnect/customers/fixtures/${file}`, import.meta.url), 'utf8');

beforeAll(async () => {
  dc = await DataConnectHub.start({
    apps: [
      { id: 'acme-prod', stage: 'production', apis: ['dataconnect-2026'] },
      { id: 'acme-sandbox', stage: 'sandbox', apis: ['dataconnect-2026'] },
      { id: 'acme-other', stage: 'production', apis: ['dataconnect-2026'] },
      { id: 'acme-v5', stage: 'production', apis: ['dataconnect-v5'] },
    ],
    ...network,
    days: (zone) => [
      ...[MAIN, SANDBOX_HOUSE].flatMap((point) => [
        testCurveDay(zone, point, d('2026-10-25'), (i) => 1000 + i),
        testDailyDay(point, d('2026-10-20'), S.daily_consumption.id, 12_345),
        testDailyDay(point, d('2026-10-20'), S.daily_consumption_max_power.id, 6_100, PEAK),
        testDailyDay(point, d('2026-10-21'), S.daily_consumption_max_power.id, NaN, 0),
        testDailyDay(point, d('2026-10-22'), S.daily_consumption_max_power.id, 6_300, PEAK),
      ]),
      // Two equal September maxima, for the monthly maxima (P1M): the earlier day is the month's.
      testDailyDay(MAIN, d('2026-09-29'), S.daily_consumption_max_power.id, 7_000, PEAK),
      testDailyDay(MAIN, d('2026-09-30'), S.daily_consumption_max_power.id, 7_000, PEAK + 60),
      testCurveDay(zone, PRODUCER, d('2026-10-20'), () => 700, { series: S.production_load_curve.id }),
      testDailyDay(PRODUCER, d('2026-10-20'), S.daily_production.id, 4_321),
      testDailyDay(C1, d('2026-10-20'), S.daily_consumption_max_power.id, 640_000, PEAK),
      testDailyDay(C2, d('2026-10-20'), S.daily_consumption_max_power.id, 38_000, PEAK),
      ...[OPPOSED, MOVED].map((point) => testDailyDay(point, d('2026-10-20'), S.daily_consumption.id, 9_000)),
    ],
  });
  await grant(dc, 'acme-prod', 'acme-other');
  prod = await dc.token('acme-prod');
  sandbox = await dc.token('acme-sandbox');
});

afterAll(async () => {
  await dc?.close();
});

describe('Mesures V1', () => {
  it('answers the v5 envelope with ISO dates holding the French wall clock, and flow_direction on consumption', async () => {
    const curve = await dc.get(v1('consumption_load_curve', MAIN, '2026-10-25', '2026-10-26'), prod);
    expect(curve.status).toBe(200);
    expect(curve.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const reading = curve.body.meter_reading;
    expect(reading).toMatchObject({ usage_point_id: MAIN, start: '2026-10-25T00:00:00.000Z', end: '2026-10-26T00:00:00.000Z', quality: 'BRUT', reading_type: { flow_direction: 'forward', measurement_kind: 'power', unit: 'W', aggregate: 'average' } });
    expect(reading.interval_reading).toHaveLength(50);
    expect(reading.interval_reading[0]).toEqual({ value: '1000', date: '2026-10-25T00:30:00.000Z', interval_length: 'PT30M', measure_type: 'B' });
    expect(reading.interval_reading.slice(4, 8).map((i: Json) => i.date)).toEqual(['2026-10-25T02:30:00.000Z', '2026-10-25T03:00:00.000Z', '2026-10-25T02:30:00.000Z', '2026-10-25T03:00:00.000Z']);
    const daily = await dc.get(v1('daily_consumption', MAIN, '2026-10-20', '2026-10-21'), prod);
    expect(daily.body.meter_reading.interval_reading).toEqual([{ value: '12345', date: '2026-10-20T00:00:00.000Z' }]);
    const production = await dc.get(v1('daily_production', PRODUCER, '2026-10-20', '2026-10-21'), prod);
    expect(production.body.meter_reading.reading_type).toEqual({ measurement_kind: 'energy', measuring_period: 'P1D', unit: 'Wh', aggregate: 'sum' });
    expect((await dc.get(`${V1}/production_load_curve/?usage_point_id=${PRODUCER}&start=2026-10-20&end=2026-10-21`, prod)).body.meter_reading.interval_reading).toHaveLength(48);
  });

  it('defaults max power to P1D and PMA, leaves a missing day out, and refuses unknown values', async () => {
    const power = await dc.get(v1('daily_consumption_max_power', MAIN, '2026-10-20', '2026-10-23'), prod);
    expect(power.body.meter_reading.interval_reading).toEqual([{ value: '6100', date: '2026-10-20T06:12:00.000Z' }, { value: '6300', date: '2026-10-22T06:12:00.000Z' }]);
    const explicit = await dc.get(v1('daily_consumption_max_power', MAIN, '2026-10-20', '2026-10-23', '&measuring_period=P1D&grandeurPhysique=PMA'), prod);
    expect(explicit.text).toBe(power.text);
    expect(await dc.get(v1('daily_consumption_max_power', MAIN, '2026-10-20', '2026-10-23', '&grandeurPhysique=PMAX'), prod)).toMatchObject({ status: 400, body: { error: 'Invalid_request', error_description: 'grandeurPhysique parameter must be PMA or TOUT' } });
  });

  it('answers P1M with one maximum per local month of the range, dated at its peak (the earlier day on a tie)', async () => {
    const monthly = await dc.get(v1('daily_consumption_max_power', MAIN, '2026-09-29', '2026-10-23', '&measuring_period=P1M&grandeurPhysique=PMA'), prod);
    expect(monthly.status).toBe(200);
    expect(monthly.body.meter_reading.reading_type).toEqual({ flow_direction: 'forward', measurement_kind: 'power', measuring_period: 'P1M', unit: 'VA', aggregate: 'maximum' });
    expect(monthly.body.meter_reading.interval_reading).toEqual([{ value: '7000', date: '2026-09-29T06:12:00.000Z' }, { value: '6300', date: '2026-10-22T06:12:00.000Z' }]);
    // The range cuts the months: from 2026-09-30, September's maximum is that day's.
    const cut = await dc.get(v1('daily_consumption_max_power', MAIN, '2026-09-30', '2026-10-21', '&measuring_period=P1M'), prod);
    expect(cut.body.meter_reading.interval_reading).toEqual([{ value: '7000', date: '2026-09-30T06:13:00.000Z' }, { value: '6100', date: '2026-10-20T06:12:00.000Z' }]);
  });

  it('refuses with the v5 bodies, ADAM-ERR0123 in French as on the 2026 gateway', async () => {
    expect(await dc.get(v1('daily_consumption', MAIN, '2026-10-20', '2026-10-20'), prod)).toMatchObject({ status: 400, body: { error: 'Invalid_request', error_description: 'Start date should be before end date' } });
    expect(await dc.get(v1('daily_consumption', MAIN, '2024-01-20', '2024-02-02'), prod)).toMatchObject({ status: 400, body: { error: 'ADAM-ERR0123', error_description: expect.stringMatching(/^La demande ne peut pas aboutir/) } });
    expect(await dc.get(v1('daily_consumption', SANDBOX_HOUSE, '2026-10-20', '2026-10-21'), prod)).toMatchObject({ status: 403, body: { error: 'ADAM-DC-0008', error_description: 'No consent can be found for this customer and this usage point.' } });
    expect(await dc.get(v1('daily_consumption', PRODUCER, '2026-10-20', '2026-10-21'), prod)).toMatchObject({ status: 400, body: { error: 'ADAM-ERR0069' } });
  });

  it('checks the token, then the subscription, then the parameters, then the rules, each with the v5 body of the error table (§13.27)', async () => {
    const invalid = (description: string) => ({ error: 'Invalid_request', error_description: description });
    const cases: [string, string | undefined, number, Json][] = [
      [v1('daily_consumption', MAIN, 'x', 'y'), undefined, 401, { code: '900902', message: 'Missing Credentials', description: expect.any(String) }],
      [v1('daily_consumption', MAIN, 'x', 'y'), 'not-a-token', 401, { code: '900901', message: 'Invalid Credentials', description: expect.any(String) }],
      [v1('daily_consumption', MAIN, 'x', 'y'), await dc.token('acme-v5'), 403, { code: '900908', message: 'Resource forbidden ', description: 'User is NOT authorized to access the Resource. API Subscription validation failed.' }],
      [`${V1}/daily_consumption?start=2026-10-01&end=2026-10-02`, prod, 400, invalid('usage_point_id parameter is required')],
      [v1('consumption_load_curve', '123', '2026-10-01', '2026-10-02'), prod, 400, invalid('usage_point_id parameter must be 14 digits long')],
      [`${V1}/daily_consumption_max_power?usage_point_id=${MAIN}&end=2026-10-02`, prod, 400, invalid('Start date parameter is required')],
      [v1('daily_consumption', MAIN, '2026/10/01', '2026-10-02'), prod, 400, invalid('Start date parameter must be in the format YYYY-MM-DD')],
      [`${V1}/daily_consumption?usage_point_id=${MAIN}&start=2026-10-01`, prod, 400, invalid('End date parameter is required')],
      [v1('daily_production', PRODUCER, '2026-10-01', '20261002'), prod, 400, invalid('End date parameter must be in the format YYYY-MM-DD')],
      [v1('daily_consumption', MAIN, '2026-11-20', '2026-11-25'), prod, 400, invalid('The end date parameter must be earlier than the current date')],
      // Today is 2026-11-24: curves go back to 2024-11-09, daily data and max power to 2023-11-09.
      [v1('consumption_load_curve', MAIN, '2024-11-08', '2024-11-09'), prod, 400, { error: 'ADAM-ERR0125', error_description: 'The start date must be greater than the history deadline' }],
      [v1('daily_consumption', EMPTY, '2023-11-08', '2023-11-09'), prod, 400, { error: 'ADAM-ERR0125', error_description: 'The start date must be greater than the history deadline' }],
      [v1('consumption_load_curve', MAIN, '2026-10-01', '2026-10-09'), prod, 400, { error: 'ADAM-DC-0015', error_description: 'The requested period must be less than 7 days for an access to the load curve' }],
      [v1('production_load_curve', PRODUCER, '2026-10-14', '2026-10-22'), prod, 400, { error: 'ADAM-DC-0015', error_description: 'The requested period must be less than 7 days for an access to the load curve' }],
      [v1('daily_consumption', MOVED, '2026-05-30', '2026-06-02'), await dc.token('acme-other'), 403, { error: 'ADAM-DC-0009', error_description: 'The start date of the request must be greater than the consent start date.' }],
      [v1('daily_consumption', MOVED, '2026-10-20', '2026-10-21'), prod, 403, { error: 'ADAM-DC-0007', error_description: 'The customer is not owner of this usage point.' }],
      [v1('consumption_load_curve', OPPOSED, '2026-10-20', '2026-10-21'), prod, 400, { error: 'ADAM-ERR0075', error_description: 'The customer objected to the load curve recording' }],
      [v1('daily_consumption', EMPTY, '2026-10-20', '2026-10-21'), prod, 404, { error: 'no_data_found', error_description: 'no measure found for this usage point' }],
      [v1('daily_consumption_max_power', EMPTY, '2026-10-20', '2026-10-21'), prod, 404, { error: 'no_data_found', error_description: 'no measure found for this usage point' }],
    ];
    for (const [path, auth, status, body] of cases) {
      const answer = await dc.get(path, auth);
      expect({ path, status: answer.status, body: answer.body }).toEqual({ path, status, body });
    }
    // The edges of those rules answer: a load curve of exactly 7 days, the first day of each window, the new holder from their own contract.
    expect((await dc.get(v1('consumption_load_curve', MAIN, '2026-10-19', '2026-10-26'), prod)).body.meter_reading.interval_reading).toHaveLength(50);
    expect(await dc.get(v1('consumption_load_curve', MAIN, '2024-11-09', '2024-11-10'), prod)).toMatchObject({ status: 404, body: { error: 'no_data_found' } });
    expect(await dc.get(v1('daily_consumption', EMPTY, '2023-11-09', '2023-11-10'), prod)).toMatchObject({ status: 404, body: { error: 'no_data_found' } });
    expect((await dc.get(v1('daily_consumption', MOVED, '2026-10-20', '2026-10-21'), await dc.token('acme-other'))).body.meter_reading.interval_reading).toEqual([{ value: '9000', date: '2026-10-20T00:00:00.000Z' }]);
  });

  it('never serves the V1 index resources: the gateway 404, whoever calls', async () => {
    for (const [path, auth] of [[v1('index_consumption', MAIN, '2026-10-20', '2026-10-21'), prod], [`${V1}/index_production/`, undefined]] as const) {
      const answer = await dc.get(path, auth);
      expect({ path, status: answer.status, body: answer.body }).toEqual({ path, status: 404, body: { code: '404', message: 'Not Found', description: expect.any(String) } });
    }
  });
});

describe('Mesures V1 in the sandbox', () => {
  it('replays the recorded max-power answers byte for byte for the recorded request, whatever the history window', async () => {
    const pma = await dc.get(v1('daily_consumption_max_power', C1, '2025-05-01', '2025-07-14'), sandbox);
    expect(pma.status).toBe(200);
    expect(pma.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(pma.text).toBe(fixture('dcmp-pma.json'));
    expect((await dc.get(v1('daily_consumption_max_power', C1, '2025-05-01', '2025-07-14', '&measuring_period=P1D&grandeurPhysique=PMA'), sandbox)).text).toBe(fixture('dcmp-pma.json'));
    expect((await dc.get(v1('daily_consumption_max_power', C2, '2025-05-01', '2025-07-14', '&grandeurPhysique=TOUT'), sandbox)).text).toBe(fixture('dcmp-tout.json'));
    // A production application has no standing consent there.
    expect((await dc.get(v1('daily_consumption_max_power', C1, '2025-05-01', '2025-07-14'), prod)).status).toBe(403);
    // Once 2025-05-01 is older than 36 months + 15 days, the recorded request still replays; any other is refused.
    await dc.moveClock({ set: '2028-07-01T10:00:00+02:00' });
    const later = await dc.token('acme-sandbox');
    expect((await dc.get(v1('daily_consumption_max_power', C1, '2025-05-01', '2025-07-14'), later)).text).toBe(fixture('dcmp-pma.json'));
    expect(await dc.get(v1('daily_consumption_max_power', C1, '2025-05-01', '2025-07-13'), later)).toMatchObject({ status: 400, body: { error: 'ADAM-ERR0125' } });
    await dc.moveClock({ set: NOW });
  });

  it('answers other requests on the sandbox PRMs from their data, in the same form; TOUT on a three-phase point in arrays of 4', async () => {
    const pma = await dc.get(v1('daily_consumption_max_power', C1, '2026-10-20', '2026-10-21'), sandbox);
    expect(pma.body.meter_reading).toMatchObject({ start: '2026-10-20T00:00:00.000Z', reading_type: { flow_direction: 'forward', unit: 'VA' }, interval_reading: [{ value: '640000', date: '2026-10-20T06:12:00.000Z' }] });
    const tout = await dc.get(v1('daily_consumption_max_power', C2, '2026-10-20', '2026-10-21', '&grandeurPhysique=TOUT'), sandbox);
    expect(tout.body.meter_reading.reading_type).toMatchObject({ flow_direction: ['forward', 'forward', 'forward', 'forward'], unit: ['VA', 'VA', 'VA', 'VA'] });
    expect(tout.body.meter_reading.interval_reading).toEqual([{ value: ['38000', 'null', 'null', 'null'], date: ['2026-10-20T06:12:00.000Z', '2026-10-20T00:00:00.000Z', '2026-10-20T00:00:00.000Z', '2026-10-20T00:00:00.000Z'] }]);
  });

  it('writes a stored day without a value as a "null" item, as the sandbox does', async () => {
    const power = await dc.get(v1('daily_consumption_max_power', SANDBOX_HOUSE, '2026-10-20', '2026-10-23'), sandbox);
    expect(power.body.meter_reading.interval_reading).toEqual([
      { value: '6100', date: '2026-10-20T06:12:00.000Z' }, { value: 'null', date: '2026-10-21T00:00:00.000Z' }, { value: '6300', date: '2026-10-22T06:12:00.000Z' },
    ]);
  });

  it('records a replayed answer with its point and the sandbox basis', async () => {
    expect((await dc.get(v1('daily_consumption_max_power', C1, '2025-05-01', '2025-07-14'), sandbox)).status).toBe(200);
    const records = (await dc.audit('acme-sandbox', 'dataconnect-2026')).filter((r) => r.outcome === 'ok');
    expect(records.some((r) => r.usagePoints === C1 && r.basis === 'sandbox')).toBe(true);
    expect(records.every((r) => r.basis === 'sandbox' && r.usagePoints !== null)).toBe(true);
  });
});

describe('Mesures V1 deployment switches', () => {
  it('writes the v5 date strings when the deployment asks for them', async () => {
    const base = await dc.withSettings({ ...DEFAULT_DATA_CONNECT_SETTINGS, mesuresV1Dates: 'v5' });
    const curve = await dc.get(v1('consumption_load_curve', MAIN, '2026-10-25', '2026-10-26'), prod, base);
    expect(curve.body.meter_reading).toMatchObject({ start: '2026-10-25', end: '2026-10-26', reading_type: { flow_direction: 'forward' } });
    expect(curve.body.meter_reading.interval_reading[0].date).toBe('2026-10-25 00:30:00');
    expect((await dc.get(v1('daily_consumption_max_power', MAIN, '2026-10-20', '2026-10-21'), prod, base)).body.meter_reading.interval_reading).toEqual([{ value: '6100', date: '2026-10-20 06:12:00' }]);
  });

  it('answers the gateway 404 on every V1 path once V1 is withdrawn, while v2 keeps answering', async () => {
    const base = await dc.withSettings({ ...DEFAULT_DATA_CONNECT_SETTINGS, mesuresV1: false });
    for (const resource of ['daily_consumption', 'consumption_load_curve', 'daily_production', 'production_load_curve', 'daily_consumption_max_power', 'daily_consumption/']) {
      const answer = await dc.get(v1(resource, MAIN, '2026-10-20', '2026-10-21'), prod, base);
      expect({ resource, status: answer.status, body: answer.body }).toEqual({ resource, status: 404, body: { code: '404', message: 'Not Found', description: 'The requested resource is not available.' } });
    }
    expect((await dc.get(`/mesure_synchrone_auto/v2/consommation_quotidienne?pointId=${MAIN}&dateDebut=2026-10-20&dateFin=2026-10-21`, prod, base)).status).toBe(200);
  });

  it('takes the switches from the configuration of a started hub', async () => {
    const test = await createTestDatabase();
    const hub = await createHub(loadConfig({ ...test.env, GRIDGATE_DC_MESURES_V1: 'false', GRIDGATE_LOG_LEVEL: 'silent' }), { database: test.database });
    try {
      const response = await fetch(`${await listen(hub.server)}${v1('daily_consumption', MAIN, '2026-10-20', '2026-10-21')}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: '404', message: 'Not Found' });
    } finally {
      await hub.close();
      await test.cleanup();
    }
  });
});
