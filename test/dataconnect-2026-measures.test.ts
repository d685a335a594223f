import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S } from '../src/metering/series.ts';
import { contract, d, DataConnectHub, NOW, person, type Json } from './support/dataconnect-hub.ts';
import { SPRING_FORWARD_2026_LABELS, testCurveDay, testDailyDay, testIndexDay, testPoint } from './support/network.ts';

// The 2026 measure API /mesure_synchrone_auto/v2 (§11.2): shapes, index, DST, max power parameters, the v2 column of §13.27.
const MAIN = '28000000000001';
const OPPOSED = '28000000000002';
const PRODUCER = '28000000000003';
const MOVED = '28000000000004';
const EMPTY = '28000000000005';
const THREE = '28000000000006';
const PEAK = 7 * 3600 + 5 * 60;

let dc: DataConnectHub;
let bearer: string;

const v2 = (resource: string, point: string, start: string, end: string, extra = '') => `/mesure_synchrone_auto/v2/${resource}?pointId=${point}&dateDebut=${start}&dateFin=${end}${extra}`;

beforeAll(async () => {
  dc = await DataConnectHub.start({
    apps: [
      { id: 'acme-prod', stage: 'production', apis: ['dataconnect-2026'] },
      { id: 'acme-other', stage: 'production', apis: ['dataconnect-2026'] },
      { id: 'acme-v5', stage: 'production', apis: ['dataconnect-v5'] },
      { id: 'acme-one', stage: 'production', apis: ['dataconnect-2026'], plan: 'dc-one' },
      { id: 'acme-hourly', stage: 'production', apis: ['dataconnect-2026'], plan: 'dc-two-an-hour' },
    ],
    customers: [person('2800000001', 'Martin'), person('2800000002', 'Former'), person('2800000003', 'Newcomer')],
    usagePoints: [
      testPoint(MAIN, { lastActivationDay: d('2024-02-01') }), testPoint(OPPOSED, { loadCurveCollection: 'opposed' }), testPoint(PRODUCER, { direction: 'production', segment: 'P4' }),
      testPoint(MOVED, { lastActivationDay: d('2019-01-01') }), testPoint(EMPTY), testPoint(THREE, { phaseCount: 3, subscribedPowerKva: 36 }),
    ],
    contracts: [
      contract(MAIN, '2800000001', '2024-01-01'), contract(OPPOSED, '2800000001', '2024-01-01'), contract(PRODUCER, '2800000001', '2024-01-01'), contract(EMPTY, '2800000001', '2024-01-01'),
      contract(THREE, '2800000001', '2024-01-01'), contract(MOVED, '2800000002', '2020-01-01', '2026-06-01'), contract(MOVED, '2800000003', '2026-06-01'),
    ],
    days: (zone) => {
      const days = [];
      for (let day = d('2026-10-19'); day < d('2026-10-27'); day++) {
        days.push(testCurveDay(zone, MAIN, day, (i) => 1000 + i), testDailyDay(MAIN, day, S.daily_consumption.id, 20_000 + day - d('2026-10-19')));
        days.push(testDailyDay(MAIN, day, S.daily_consumption_max_power.id, 5_000 + day - d('2026-10-19'), PEAK));
        days.push(testIndexDay(MAIN, day, ['HP', 'HC'], [1_000_000 + (day - d('2026-10-19')) * 10_000, 500_000 + (day - d('2026-10-19')) * 5_000]));
      }
      days.push(testDailyDay(OPPOSED, d('2026-10-20'), S.daily_consumption.id, 9_000), testCurveDay(zone, OPPOSED, d('2026-10-20'), () => 500));
      days.push(testDailyDay(MOVED, d('2026-10-20'), S.daily_consumption.id, 9_000));
      days.push(testDailyDay(PRODUCER, d('2026-10-20'), S.daily_production.id, 4_321), testIndexDay(PRODUCER, d('2026-10-19'), ['BASE'], [777_000], S.production_index.id));
      days.push(testDailyDay(THREE, d('2026-10-20'), S.daily_consumption_max_power.id, 18_000, PEAK));
      days.push(testCurveDay(zone, MAIN, d('2026-03-29'), (i) => 3000 + i));
      return days;
    },
  });
  await dc.grant('acme-prod', '2800000001', [MAIN, OPPOSED, PRODUCER, EMPTY, THREE]);
  await dc.grant('acme-prod', '2800000002', [MOVED]);
  await dc.grant('acme-one', '2800000001', [MAIN]);
  await dc.grant('acme-hourly', '2800000001', [MAIN]);
  bearer = await dc.token('acme-prod');
});

afterAll(async () => {
  await dc?.close();
});

describe('Data Connect 2026 measures (/mesure_synchrone_auto/v2)', () => {
  it('answers a load curve with the 50 half-hours of 2026-10-25, stamped at their interval end', async () => {
    const answer = await dc.get(v2('courbe_de_charge_consommation', MAIN, '2026-10-25', '2026-10-26'), bearer);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(answer.body).toMatchObject({ idPrm: MAIN, etapeMetier: 'BRUT', periode: { dateDebut: '2026-10-25', dateFin: '2026-10-26' }, modeCalcul: 'MESURE', contexte: [] });
    const [grandeur] = answer.body.grandeur as Json[];
    expect(grandeur).toMatchObject({ grandeurMetier: 'CONS', grandeurPhysique: 'PA', unite: 'W' });
    expect(grandeur.points).toHaveLength(50);
    expect(grandeur.points[0]).toEqual({ v: '1000', d: '2026-10-25 00:30:00', p: 'PT30M', n: 'B' });
    expect(grandeur.points.slice(4, 8).map((p: Json) => p.d)).toEqual(['2026-10-25 02:30:00', '2026-10-25 03:00:00', '2026-10-25 02:30:00', '2026-10-25 03:00:00']);
    expect(grandeur.points.at(-1).d).toBe('2026-10-26 00:00:00');
  });

  it('answers the 46 half-hours of the spring change 2026-03-29: 02:00 then 03:30, the hour 02:00-03:00 left out (decision 3)', async () => {
    const answer = await dc.get(v2('courbe_de_charge_consommation', MAIN, '2026-03-29', '2026-03-30'), bearer);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ idPrm: MAIN, periode: { dateDebut: '2026-03-29', dateFin: '2026-03-30' } });
    const points = answer.body.grandeur[0].points as { v: string; d: string; p: string }[];
    expect(points.map((p) => p.d)).toEqual(SPRING_FORWARD_2026_LABELS);
    expect(points.map((p) => p.v)).toEqual(SPRING_FORWARD_2026_LABELS.map((_, slot) => String(3000 + slot)));
    expect(points.slice(2, 6).map((p) => p.d)).toEqual(['2026-03-29 01:30:00', '2026-03-29 02:00:00', '2026-03-29 03:30:00', '2026-03-29 04:00:00']);
    expect(points.every((p) => p.p === 'PT30M')).toBe(true);
  });

  it('answers daily energy, on the path with or without a trailing slash', async () => {
    for (const resource of ['consommation_quotidienne', 'consommation_quotidienne/']) {
      const answer = await dc.get(v2(resource, MAIN, '2026-10-24', '2026-10-26'), bearer);
      expect(answer.body).toMatchObject({ typeValeur: 'GLOBALE', modeCalcul: 'DIFF.INDEX', pas: 'P1D' });
      expect(answer.body.grandeur[0]).toEqual({ grandeurMetier: 'CONS', grandeurPhysique: 'EA', unite: 'Wh', points: [{ v: '20005', d: '2026-10-24' }, { v: '20006', d: '2026-10-25' }], calendrier: [] });
    }
    const production = await dc.get(v2('production_quotidienne', PRODUCER, '2026-10-20', '2026-10-21'), bearer);
    expect(production.body.grandeur[0]).toMatchObject({ grandeurMetier: 'PROD', points: [{ v: '4321', d: '2026-10-20' }] });
  });

  it('answers the index registers as integers, each reading dated at the start of the next day', async () => {
    const answer = await dc.get(v2('index_consommation', MAIN, '2026-10-20', '2026-10-22'), bearer);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ idPrm: MAIN, periode: { dateDebut: '2026-10-20', dateFin: '2026-10-22' }, grandeur: [] });
    const [contexte] = answer.body.contexte as Json[];
    expect(contexte).toMatchObject({ etapeMetier: 'BRUT', contexteReleve: 'COL', typeReleve: 'AQ' });
    const [calendrier] = contexte.grandeur[0].calendrier as Json[];
    expect(calendrier.idCalendrier).toBe('DI000002');
    expect(calendrier.classeTemporelle[0]).toEqual({
      idClasseTemporelle: 'HP', libelleClasseTemporelle: 'Heures Pleines',
      valeur: [{ d: '2026-10-20 00:00:00', v: 1_000_000, iv: 0 }, { d: '2026-10-21 00:00:00', v: 1_010_000, iv: 0 }],
    });
    const production = await dc.get(v2('index_production', PRODUCER, '2026-10-20', '2026-10-21'), bearer);
    expect(production.body.contexte[0].grandeur[0]).toMatchObject({ grandeurMetier: 'PROD', calendrier: [{ idCalendrier: 'DI000001', classeTemporelle: [{ valeur: [{ v: 777_000 }] }] }] });
  });

  it('requires mesuresPas and grandeurPhysique on max power; TOUT gives four entries on a three-phase point only', async () => {
    const pma = await dc.get(v2('puissance_conso_max_quotidienne', MAIN, '2026-10-20', '2026-10-21', '&mesuresPas=P1D&grandeurPhysique=PMA'), bearer);
    expect(pma.body).toMatchObject({ modeCalcul: 'MESURE', pas: 'P1D', grandeur: [{ grandeurPhysique: 'PMA', unite: 'VA', points: [{ v: '5001', d: '2026-10-20 07:05:00' }] }] });
    const single = await dc.get(v2('puissance_conso_max_quotidienne', MAIN, '2026-10-20', '2026-10-21', '&mesuresPas=P1D&grandeurPhysique=TOUT'), bearer);
    expect(single.text).toBe(pma.text);
    const three = await dc.get(v2('puissance_conso_max_quotidienne', THREE, '2026-10-20', '2026-10-21', '&mesuresPas=P1D&grandeurPhysique=TOUT'), bearer);
    expect((three.body.grandeur as Json[]).map((g) => [g.grandeurPhysique, g.points.length])).toEqual([['PMA', 1], ['PMA1', 0], ['PMA2', 0], ['PMA3', 0]]);
    const refusals: [string, string][] = [
      ['&grandeurPhysique=PMA', 'Le paramètre mesuresPas est obligatoire'],
      ['&mesuresPas=P1D', 'Le paramètre grandeurPhysique est obligatoire'],
      ['&mesuresPas=PT30M&grandeurPhysique=PMA', 'Le paramètre mesuresPas doit valoir P1D ou P1M'],
      ['&mesuresPas=P1D&grandeurPhysique=PMB', 'Le paramètre grandeurPhysique doit valoir PMA ou TOUT'],
    ];
    for (const [extra, message] of refusals) {
      expect(await dc.get(v2('puissance_conso_max_quotidienne', MAIN, '2026-10-20', '2026-10-21', extra), bearer)).toMatchObject({ status: 400, body: { code: 'invalid_request', message } });
    }
    // P1M: the month's maximum of the daily maxima, dated at its peak.
    const monthly = await dc.get(v2('puissance_conso_max_quotidienne', MAIN, '2026-10-19', '2026-10-27', '&mesuresPas=P1M&grandeurPhysique=PMA'), bearer);
    expect(monthly.body).toMatchObject({ modeCalcul: 'MESURE', pas: 'P1M', grandeur: [{ grandeurPhysique: 'PMA', unite: 'VA', points: [{ v: '5007', d: '2026-10-26 07:05:00' }] }] });
  });

  it('refuses with the v2 bodies of the error table, checks in order', async () => {
    await dc.grant('acme-other', '2800000003', [MOVED]);
    const other = await dc.token('acme-other');
    const cases: [string, string | undefined, number, Json][] = [
      [v2('consommation_quotidienne', MAIN, 'x', 'y'), undefined, 401, { code: '900902', message: 'Missing Credentials' }],
      [v2('consommation_quotidienne', MAIN, 'x', 'y'), 'not-a-token', 401, { code: '900901', message: 'Invalid Credentials' }],
      [v2('consommation_quotidienne', MAIN, 'x', 'y'), await dc.token('acme-v5'), 403, { code: '900908', message: 'Resource forbidden ' }],
      ['/mesure_synchrone_auto/v2/consommation_quotidienne?dateDebut=2026-10-01&dateFin=2026-10-02', bearer, 400, { code: 'invalid_request', message: 'Le paramètre pointId est obligatoire' }],
      [v2('consommation_quotidienne', '123', '2026-10-01', '2026-10-02'), bearer, 400, { code: 'invalid_request', message: 'Le paramètre pointId doit contenir 14 chiffres' }],
      [v2('consommation_quotidienne', MAIN, '2026/10/01', '2026-10-02'), bearer, 400, { code: 'invalid_request', message: 'Le paramètre dateDebut doit être au format AAAA-MM-JJ' }],
      [v2('consommation_quotidienne', MAIN, '2026-10-02', '2026-10-02'), bearer, 400, { code: 'invalid_request', message: 'La date de début doit être antérieure à la date de fin' }],
      [v2('consommation_quotidienne', MAIN, '2026-11-20', '2026-11-26'), bearer, 400, { code: 'invalid_request', message: 'La date de fin doit être antérieure ou égale à la date du jour' }],
      [v2('courbe_de_charge_consommation', MAIN, '2024-11-01', '2024-11-02'), bearer, 400, { code: 'ADAM-ERR0125' }],
      [v2('courbe_de_charge_consommation', MAIN, '2026-10-01', '2026-10-09'), bearer, 400, { code: 'ADAM-DC-0015' }],
      [v2('consommation_quotidienne', MAIN, '2024-01-30', '2024-02-02'), bearer, 400, { error: 'ADAM-ERR0123', error_description: expect.stringMatching(/^La demande ne peut pas aboutir/) }],
      [v2('consommation_quotidienne', MOVED, '2026-05-30', '2026-06-02'), other, 403, { code: 'ADAM-DC-0009' }],
      [v2('consommation_quotidienne', MAIN, '2026-10-20', '2026-10-21'), other, 403, { code: 'ADAM-DC-0008', message: "Aucun consentement n'a été trouvé pour ce client et ce point." }],
      [v2('consommation_quotidienne', MOVED, '2026-10-20', '2026-10-21'), bearer, 400, { code: 'ADAM-DC-0007', message: "Le client n'est pas titulaire du point demandé." }],
      [v2('courbe_de_charge_consommation', OPPOSED, '2026-10-20', '2026-10-21'), bearer, 400, { code: 'ADAM-ERR0075' }],
      [v2('consommation_quotidienne', PRODUCER, '2026-10-20', '2026-10-21'), bearer, 400, { code: 'ADAM-ERR0069', message: 'Le sens de la mesure ne correspond pas pour le PRM demandé.' }],
      [v2('consommation_quotidienne', EMPTY, '2026-10-20', '2026-10-21'), bearer, 404, { code: 'no_data_found', message: 'Pas de mesure trouvée pour ce point' }],
    ];
    for (const [path, auth, status, body] of cases) {
      const answer = await dc.get(path, auth);
      expect({ path, status: answer.status, body: answer.body }).toMatchObject({ path, status, body });
    }
  });

  it('refuses a production resource on a consumption-only point with ADAM-ERR0069', async () => {
    for (const resource of ['production_quotidienne', 'courbe_de_charge_production']) {
      const answer = await dc.get(v2(resource, MAIN, '2026-10-20', '2026-10-21'), bearer);
      expect({ resource, status: answer.status, body: answer.body }).toEqual({ resource, status: 400, body: { code: 'ADAM-ERR0069', message: 'Le sens de la mesure ne correspond pas pour le PRM demandé.' } });
    }
    expect((await dc.get(v2('consommation_quotidienne', MAIN, '2026-10-20', '2026-10-21'), bearer)).body.grandeur[0].points).toEqual([{ v: '20001', d: '2026-10-20' }]);
  });

  it('answers 429 "SLA dépassé" once the hourly quota Q4 is used up, to malformed requests too, until the next hour', async () => {
    await dc.moveClock({ set: '2026-11-24T11:00:00+01:00' });
    try {
      const limited = await dc.token('acme-hourly');
      for (let i = 0; i < 2; i++) expect((await dc.get(v2('consommation_quotidienne', MAIN, '2026-10-20', '2026-10-21'), limited)).status).toBe(200);
      for (const path of [v2('consommation_quotidienne', MAIN, '2026-10-20', '2026-10-21'), v2('consommation_quotidienne', '123', 'x', 'y'), '/mesure_synchrone_auto/v2/consommation_quotidienne']) {
        const refused = await dc.get(path, limited);
        expect({ path, status: refused.status, body: refused.body }).toEqual({ path, status: 429, body: { code: '429', message: 'SLA dépassé' } });
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3540);
        expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
      }
      await dc.moveClock({ set: '2026-11-24T12:00:00+01:00' });
      const next = await dc.token('acme-hourly');
      expect(await dc.get(v2('consommation_quotidienne', '123', '2026-10-20', '2026-10-21'), next)).toMatchObject({ status: 400, body: { code: 'invalid_request' } });
      expect((await dc.get(v2('consommation_quotidienne', MAIN, '2026-10-20', '2026-10-21'), next)).status).toBe(200);
    } finally {
      await dc.moveClock({ set: NOW });
    }
  });

  it('answers 429 "SLA dépassé" with Retry-After past the limit', async () => {
    const limited = await dc.token('acme-one');
    const answers = await Promise.all(Array.from({ length: 4 }, () => dc.get(v2('consommation_quotidienne', MAIN, '2026-10-20', '2026-10-21'), limited)));
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(refused[0]!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused[0]!.body).toEqual({ code: '429', message: 'SLA dépassé' });
  });

  it('records each answered call with its point and consent', async () => {
    for (const resource of ['consommation_quotidienne', 'courbe_de_charge_consommation']) expect((await dc.get(v2(resource, MAIN, '2026-10-20', '2026-10-21'), bearer)).status).toBe(200);
    const records = (await dc.audit('acme-prod', 'dataconnect-2026')).filter((r) => r.outcome === 'ok');
    expect(records.filter((r) => r.usagePoints === MAIN).length).toBeGreaterThanOrEqual(2);
    expect(records.every((r) => r.operation === 'mesure_synchrone_auto' && [MAIN, PRODUCER, THREE].includes(r.usagePoints ?? '') && /^consent:\d+$/.test(r.basis ?? ''))).toBe(true);
  });
});
