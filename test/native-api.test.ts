import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub, type Hub } from '../src/hub.ts';
import { loadConfig } from '../src/platform/config.ts';
import { listen } from '../src/platform/http/listen.ts';
import { GridStore } from '../src/grid/grid.store.ts';
import { IngestService } from '../src/metering/ingest.service.ts';
import { ReadingsStore } from '../src/metering/readings.store.ts';
import { S } from '../src/metering/series.ts';
import { formatIsoDate, parseIsoDate } from '../src/platform/time/local-day.ts';
import { createTestDatabase, type TestDatabase } from './support/engines.ts';
import { testCurveDay, testDailyDay, testPoint } from './support/network.ts';

const KEY = 'test-operator-key-0123456789abcdef';
const PRM = '00012345678901';
let test: TestDatabase;
let hub: Hub;
let base: string;

const auth = { authorization: `Bearer ${KEY}` };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type JsonResponse = Omit<Response, 'json'> & { json(): Promise<Json> };
const get = async (path: string, headers: Record<string, string> = auth) => (await fetch(`${base}${path}`, { headers })) as unknown as JsonResponse;

beforeAll(async () => {
  test = await createTestDatabase();
  const config = loadConfig({ ...test.env, GRIDGATE_TEST_MODE: 'true', GRIDGATE_NOW: '2026-11-05T12:00:00+01:00', GRIDGATE_LOG_LEVEL: 'silent', GRIDGATE_OPERATOR_API_KEY: KEY, GRIDGATE_PORT: '0' });
  hub = await createHub(config, { database: test.database });
  await new GridStore(test.database.db).insertNetwork({
    parties: [], customers: [], contracts: [],
    usagePoints: [testPoint(PRM), testPoint('GI000001', { energy: 'gas', segment: 'T2', meterType: 'GAZPAR', stepSeconds: 86400, tariffOption: 'T2', offpeakHours: null })],
  });
  const ingest = new IngestService(test.database, hub.zone);
  const d = (iso: string) => parseIsoDate(iso)!;
  await ingest.ingest([
    testCurveDay(hub.zone, PRM, d('2026-10-24'), (i) => 1000 + i),
    testCurveDay(hub.zone, PRM, d('2026-10-25'), (i) => (i === 10 ? NaN : 2000 + i)),
    testDailyDay(PRM, d('2026-10-25'), S.daily_consumption.id, 48_500),
    testDailyDay(PRM, d('2026-10-25'), S.daily_consumption_max_power.id, 6300, 3 * 3600 + 900),
  ]);
  base = await listen(hub.server);
});

afterAll(async () => {
  await hub?.server.close();
  await test?.cleanup();
});

describe('native API', () => {
  it('refuses every data route without a valid key, before looking at parameters', async () => {
    const none = await get(`/api/v1/usage-points/${PRM}/series/consumption_load_curve?start=bad`, {});
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe('missing_credentials');
    const wrong = await get('/api/v1/usage-points', { 'x-api-key': 'not-the-key' });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe('invalid_credentials');
    expect((await get('/api/v1/usage-points', { 'x-api-key': KEY })).status).toBe(200);
  });

  it('lists and describes usage points, keeping leading zeros', async () => {
    const list = await (await get('/api/v1/usage-points?energy=electricity')).json();
    expect(list.items.map((p: { id: string }) => p.id)).toEqual([PRM]);
    const one = await (await get(`/api/v1/usage-points/${PRM}`)).json();
    expect(one).toMatchObject({ id: PRM, energy: 'electricity', step: 'PT30M', address: { insee_code: '75102' } });
    expect(one.series.map((s: { name: string }) => s.name)).toEqual(['consumption_load_curve', 'daily_consumption', 'daily_consumption_max_power']);
  });

  it('serves a load curve over the autumn DST day with 49 present points and unambiguous instants', async () => {
    const response = await get(`/api/v1/usage-points/${PRM}/series/consumption_load_curve?start=2026-10-25&end=2026-10-26`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = await response.json();
    expect(body).toMatchObject({ usage_point_id: PRM, series: 'consumption_load_curve', units: { value: 'W' }, start: '2026-10-25', end: '2026-10-26', time_zone: 'Europe/Paris' });
    expect(body.items).toHaveLength(49);
    const ends = body.items.map((i: { end: string }) => i.end);
    expect(ends).toContain('2026-10-25T03:00:00+02:00');
    expect(ends).toContain('2026-10-25T03:00:00+01:00');
    expect(body.items[0]).toEqual({ start: '2026-10-25T00:00:00+02:00', end: '2026-10-25T00:30:00+02:00', step: 'PT30M', value: 2000, quality: 'measured' });
    expect(ends.at(-1)).toBe('2026-10-26T00:00:00+01:00');
  });

  it('serves daily energy and max power with the moment of the maximum', async () => {
    const daily = await (await get(`/api/v1/usage-points/${PRM}/series/daily_consumption?start=2026-10-20&end=2026-10-27`)).json();
    expect(daily.items).toEqual([{ date: '2026-10-25', value: 48500, quality: 'measured' }]);
    const max = await (await get(`/api/v1/usage-points/${PRM}/series/daily_consumption_max_power?start=2026-10-25&end=2026-10-26`)).json();
    // 03:15 elapsed after midnight on the autumn day is 02:15 local, after the change
    expect(max.items).toEqual([{ date: '2026-10-25', value: 6300, at: '2026-10-25T02:15:00+01:00', quality: 'measured' }]);
  });

  it('exports CSV with the import columns', async () => {
    const response = await get(`/api/v1/usage-points/${PRM}/series/consumption_load_curve?start=2026-10-24&end=2026-10-25&format=csv`);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trim().split('\n');
    expect(lines[0]).toBe('usage_point_id,series,end,step,value,quality,revision');
    expect(lines[1]).toBe(`${PRM},consumption_load_curve,2026-10-24T00:30:00+02:00,PT30M,1000,measured,1`);
    expect(lines).toHaveLength(49);
  });

  it('answers bad requests with what to fix', async () => {
    const cases: [string, number, string][] = [
      [`/api/v1/usage-points/${PRM}/series/consumption_load_curve?start=2026-10-26&end=2026-10-25`, 400, 'invalid_range'],
      [`/api/v1/usage-points/${PRM}/series/consumption_load_curve?start=2026-02-30&end=2026-10-25`, 400, 'invalid_date'],
      [`/api/v1/usage-points/${PRM}/series/consumption_load_curve?start=2020-01-01&end=2026-10-25`, 400, 'range_too_large'],
      [`/api/v1/usage-points/${PRM}/series/consumption_load_curve?start=2026-11-01&end=2026-11-08`, 400, 'range_in_future'],
      [`/api/v1/usage-points/${PRM}/series/consumption_load_curve?end=2026-10-25`, 400, 'invalid_parameter'],
      [`/api/v1/usage-points/${PRM}/series/power_of_love?start=2026-10-24&end=2026-10-25`, 404, 'unknown_series'],
      [`/api/v1/usage-points/${PRM}/series/gas_daily?start=2026-10-24&end=2026-10-25`, 404, 'series_not_available'],
      ['/api/v1/usage-points/99999999999990/series/daily_consumption?start=2026-10-24&end=2026-10-25', 404, 'unknown_usage_point'],
      ['/api/v1/usage-points/123/series/daily_consumption?start=2026-10-24&end=2026-10-25', 400, 'invalid_parameter'],
    ];
    for (const [path, status, code] of cases) {
      const response = await get(path);
      const body = await response.json();
      expect({ path, status: response.status, code: body.error.code }).toEqual({ path, status, code });
      expect(body.error.message.length).toBeGreaterThan(10);
    }
    expect(await new ReadingsStore(test.database).countRows()).toBe(4);
  });

  it('computes "tomorrow" from the pinned clock and follows it when advanced', async () => {
    const path = `/api/v1/usage-points/${PRM}/series/daily_consumption?start=2026-11-05&end=2026-11-06`;
    expect((await get(path)).status).toBe(200);
    const late = `/api/v1/usage-points/${PRM}/series/daily_consumption?start=2026-11-06&end=2026-11-07`;
    expect((await get(late)).status).toBe(400);
    const moved: JsonResponse = await fetch(`${base}/__test__/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance: 'P1D' }) });
    expect(formatIsoDate(hub.zone.dayOf(Date.parse((await moved.json()).now)))).toBe('2026-11-06');
    expect((await get(late)).status).toBe(200);
  });

  it('serves health, readiness, metrics and the OpenAPI document without a key', async () => {
    expect(await (await get('/healthz', {})).json()).toEqual({ status: 'ok' });
    expect(await (await get('/readyz', {})).json()).toEqual({ status: 'ready' });
    const metrics = await (await get('/metrics', {})).text();
    expect(metrics).toContain('gridgate_http_requests_total');
    const openapi = await (await get('/openapi.json', {})).json();
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/v1/usage-points', '/api/v1/usage-points/{id}/series/{series}']));
    expect(openapi.paths['/__test__/clock']).toBeUndefined();
    const docs = await get('/docs', {});
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
  });
});
