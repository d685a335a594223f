import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_CONNECT_SETTINGS } from '../src/platform/config.ts';
import { contract, DataConnectHub, person, type Json } from './support/dataconnect-hub.ts';
import { testPoint } from './support/network.ts';

// The 2026 contract APIs (§11.3, decisions 12, 13, 18-21): PRM in the path, consent checked, sandbox payloads replayed.
const MAIN = '31000000000001';
const SOLAR = '31000000000002';
const PRODUCER = '31000000000003';
const MOVED = '31000000000004';
const GAS = '31000000000005';
const C4_SITE = '31000000000006';
const C2_SITE = '31000000000007';
const BRP = 'BRP-EQUILIBRE';
const SANDBOX_PRMS = ['99999999999999', '11111111111111', '14000000000001'];

let dc: DataConnectHub;
let bearer: string;

const fixture = (file: string) => readFileSync(new URL(`../src/dataconnect/customers/fixtures/${file}`, import.meta.url), 'utf8');

beforeAll(async () => {
  dc = await DataConnectHub.start({
    apps: [
      { id: 'acme-prod', stage: 'production', apis: ['dataconnect-2026', 'dataconnect-v5'] },
      { id: 'acme-other', stage: 'production', apis: ['dataconnect-2026'] },
      { id: 'acme-sandbox', stage: 'sandbox', apis: ['dataconnect-2026'] },
      { id: 'acme-v5', stage: 'production', apis: ['dataconnect-v5'] },
    ],
    customers: [person('3100000001', 'Martin', { title: 'Mme', firstName: 'Éloïse' }), person('3100000002', 'Former'), person('3100000003', 'Newcomer')],
    usagePoints: [
      testPoint(MAIN), testPoint(SOLAR, { direction: 'both' }), testPoint(PRODUCER, { direction: 'production', segment: 'P4', tariffOption: null, offpeakHours: null }),
      testPoint(MOVED), testPoint(GAS, { energy: 'gas' }),
      testPoint(C4_SITE, { segment: 'C4', meterType: 'PMEI', phaseCount: 3, subscribedPowerKva: 120, tariffOption: 'HC_SEASONAL', stepSeconds: 600 }),
      testPoint(C2_SITE, { segment: 'C2', meterType: 'ICE4Q', phaseCount: 3, subscribedPowerKva: 300, tariffOption: 'PEAK_SEASONAL', stepSeconds: 600, direction: 'both' }),
    ],
    contracts: [
      contract(MAIN, '3100000001', '2024-01-01'), contract(SOLAR, '3100000001', '2024-07-01'), contract(PRODUCER, '3100000001', '2024-01-01'), contract(GAS, '3100000001', '2024-01-01'),
      contract(MOVED, '3100000002', '2020-01-01', '2026-06-01'), contract(MOVED, '3100000003', '2026-06-01'),
      { ...contract(C4_SITE, '3100000001', '2024-01-01'), distributionTariff: 'BTSUPCU4', balanceResponsibleId: BRP },
      { ...contract(C2_SITE, '3100000001', '2024-01-01'), contractType: 'CARD-S', distributionTariff: 'HTACU5', balanceResponsibleId: BRP },
    ],
  });
  await dc.grant('acme-prod', '3100000001', [MAIN, SOLAR, PRODUCER, GAS, C4_SITE, C2_SITE]);
  await dc.grant('acme-prod', '3100000002', [MOVED]);
  bearer = await dc.token('acme-prod');
});

afterAll(async () => {
  await dc?.close();
});

describe('2026 contract APIs (ITC)', () => {
  it('answers the situation contractuelle as a list, on the path with or without a trailing slash', async () => {
    const answer = await dc.get(`/situation_contrat_auto/v1/${MAIN}`, bearer);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(answer.body).toEqual([{
      usage_point_id: MAIN, contract_start: '2024-01-01T00:00:00+0100', contract_type: 'Contrat GRD-F', contractor: 'Lumivolt Énergie',
      distribution_tariff: 'Tarif BT<=36kVA Courte Utilisation sans différenciation temporelle', subscribed_power: { unit: 'kVA', value: '9' }, segment: 'C5',
      customer: { customer: { adress: { line1: 'MME ELOISE MARTIN', line4: '1 RUE DE LA PAIX', line6: '75002 PARIS', line7: 'FR (France)' } } },
      contact_data: { email: '3100000001@example.org', phone: '0639980000' },
      person: { title: 'Mme', lastname: 'Martin', firstname: 'Éloïse' },
    }]);
    expect((await dc.get(`/situation_contrat_auto/v1/${MAIN}/`, bearer)).text).toBe(answer.text);
    const solar = await dc.get(`/situation_contrat_auto/v1/${SOLAR}`, bearer);
    expect((solar.body as Json[]).map((item) => [item.contract_type, item.segment])).toEqual([['Contrat GRD-F', 'C5'], ['Contrat GRD-A', 'P4']]);
    expect((await dc.get(`/situation_contrat_auto/v1/${PRODUCER}`, bearer)).body.map((item: Json) => item.segment)).toEqual(['P4']);
  });

  it('gives a C1-C4 or P1-P3 contract its balance responsible party under both spellings, and a C5 or P4 one neither (decision 20)', async () => {
    const spellings = async (prm: string) => {
      const answer = await dc.get(`/situation_contrat_auto/v1/${prm}`, bearer);
      expect(answer.status).toBe(200);
      return (answer.body as Json[]).map((item) => ({ segment: item.segment, responsible: item.balance_responsible_party, responsable: item.balance_responsable_party }));
    };
    expect(await spellings(C4_SITE)).toEqual([{ segment: 'C4', responsible: BRP, responsable: BRP }]);
    // A C2 site that also produces: its P1 side has one too.
    expect(await spellings(C2_SITE)).toEqual([{ segment: 'C2', responsible: BRP, responsable: BRP }, { segment: 'P1', responsible: BRP, responsable: BRP }]);
    for (const prm of [MAIN, SOLAR, PRODUCER]) {
      const answer = await dc.get(`/situation_contrat_auto/v1/${prm}`, bearer);
      expect(answer.text).not.toMatch(/balance_respons/);
    }
    // Both keys sit between the contractor and the tariff, as in the sandbox's recorded payload.
    expect((await dc.get(`/situation_contrat_auto/v1/${C4_SITE}`, bearer)).text).toMatch(/"contractor":"Lumivolt Énergie","balance_responsible_party":"BRP-EQUILIBRE","balance_responsable_party":"BRP-EQUILIBRE","distribution_tariff":/);
  });

  it('answers the synthèse, the données générales, the situation de comptage and the alimentation', async () => {
    expect((await dc.get(`/synth_contrat_auto/v1/${SOLAR}`, bearer)).body).toEqual({
      segments: [{ segment: 'C5' }, { segment: 'P4' }], generation_last_activation_date: '2020-01-01T00:00:00+0100', consumption_last_activation_date: '2020-01-01T00:00:00+0100', services_level: 'Communicant (ouvert aux services)',
    });
    expect((await dc.get(`/donnees_generales_auto/v1/${MAIN}/`, bearer)).body).toEqual({ address: { number_street_name: '1 rue de la Paix', postal_code_city: '75002 Paris', insee_code: '75102' } });
    const comptage = await dc.get(`/comptage_auto/v1/${MAIN}`, bearer);
    expect(comptage.body).toMatchObject({ dispositifComptage: { typeComptage: { code: 'AMM', libelle: 'Compteur Linky' } }, compteurs: [{ numeroSerie: expect.stringMatching(/^\d{12}$/), regimePropriete: { code: 'LOUE' } }], relais: { plageHeuresCreuses: 'HC (22H30-6H30)' } });
    const alimentation = await dc.get(`/alimentation_auto/v1/${SOLAR}`, bearer);
    expect(alimentation.body).toEqual({
      serial_number: expect.any(Number), connection_state: 'Alimenté', voltage_level: 'BTINF', phase_count: '1',
      consumption_connection_power: { value: 12, unit: 'kVA' }, generation_connection_power: { value: 12, unit: 'kVA' }, nominal_service_voltage: { value: 230, unit: 'V' },
    });
  });

  it('refuses with {"code", "message"}: missing or malformed PRM 400, unknown or gas point 404, no consent 403, former holder 400, unsubscribed 900908', async () => {
    const cases: [string, string, number, Json][] = [
      ['/situation_contrat_auto/v1', bearer, 400, { code: 'invalid_request', message: 'Le paramètre usage_point_id est obligatoire' }],
      ['/alimentation_auto/v1/', bearer, 400, { code: 'invalid_request', message: 'Le paramètre usage_point_id est obligatoire' }],
      ['/synth_contrat_auto/v1/3100000000001', bearer, 400, { code: 'invalid_request', message: 'Le paramètre usage_point_id doit contenir 14 chiffres' }],
      ['/donnees_generales_auto/v1/31999999999999', bearer, 404, { code: 'STM-ERR-0000019', message: 'PRM non existant' }],
      [`/comptage_auto/v1/${GAS}`, bearer, 404, { code: 'STM-ERR-0000019', message: 'PRM non existant' }],
      [`/situation_contrat_auto/v1/${MAIN}`, await dc.token('acme-other'), 403, { code: 'ADAM-DC-0008', message: "Aucun consentement n'a été trouvé pour ce client et ce point." }],
      [`/situation_contrat_auto/v1/${MOVED}`, bearer, 400, { code: 'ADAM-DC-0007', message: "Le client n'est pas titulaire du point demandé." }],
      [`/alimentation_auto/v1/${MAIN}`, await dc.token('acme-v5'), 403, { code: '900908' }],
      [`/alimentation_auto/v1/${MAIN}`, 'not-a-token', 401, { code: '900901' }],
    ];
    for (const [path, auth, status, body] of cases) {
      const answer = await dc.get(path, auth);
      expect({ path, status: answer.status, body: answer.body }).toEqual({ path, status, body: expect.objectContaining(body) });
    }
  });

  it('records each answered call under its operation with its point and consent', async () => {
    const records = (await dc.audit('acme-prod', 'dataconnect-2026')).filter((r) => r.outcome === 'ok');
    expect(new Set(records.map((r) => r.operation))).toEqual(new Set(['situation_contrat_auto', 'synth_contrat_auto', 'donnees_generales_auto', 'situation_comptage_auto', 'alimentation_auto']));
    expect(records.every((r) => [MAIN, SOLAR, PRODUCER, C4_SITE, C2_SITE].includes(r.usagePoints ?? '') && /^consent:\d+$/.test(r.basis ?? ''))).toBe(true);
  });
});

describe('2026 contract APIs in the sandbox', () => {
  it('replays the recorded payloads of the three sandbox PRMs byte for byte', async () => {
    const sandbox = await dc.token('acme-sandbox');
    const expected: [string, string][] = [
      ...SANDBOX_PRMS.map((prm): [string, string] => [`/situation_contrat_auto/v1/${prm}`, `situation-contrat-${prm}.json`]),
      ['/synth_contrat_auto/v1/99999999999999', 'synth-contrat.json'],
      ['/synth_contrat_auto/v1/14000000000001/', 'synth-contrat.json'],
      ...SANDBOX_PRMS.flatMap((prm): [string, string][] => [[`/donnees_generales_auto/v1/${prm}`, 'donnees-generales.json'], [`/alimentation_auto/v1/${prm}`, 'alimentation.json']]),
    ];
    for (const [path, file] of expected) {
      const answer = await dc.get(path, sandbox);
      expect({ path, status: answer.status, type: answer.headers.get('content-type'), text: answer.text }).toEqual({ path, status: 200, type: 'application/json;charset=UTF-8', text: fixture(file) });
    }
  });

  it('answers synthetic data of the same form where nothing was recorded, and 403 for the customer who revoked', async () => {
    const sandbox = await dc.token('acme-sandbox');
    const synth = await dc.get('/synth_contrat_auto/v1/11111111111111', sandbox);
    expect(synth.body).toMatchObject({ segments: [{ segment: 'C2' }, { segment: 'P1' }], consumption_last_activation_date: '2021-03-01T00:00:00+0100' });
    expect((await dc.get('/comptage_auto/v1/99999999999999', sandbox)).body).toMatchObject({ dispositifComptage: { typeComptage: { code: 'ICE4Q' } } });
    expect((await dc.get('/situation_contrat_auto/v1/22516914714270', sandbox)).body[0]).toMatchObject({ usage_point_id: '22516914714270', person: { lastname: 'Thie' } });
    expect(await dc.get('/alimentation_auto/v1/26584978546985', sandbox)).toMatchObject({ status: 403, body: { code: 'ADAM-DC-0008' } });
    // The sandbox payloads are for sandbox applications only.
    expect(await dc.get('/alimentation_auto/v1/99999999999999', bearer)).toMatchObject({ status: 403, body: { code: 'ADAM-DC-0008' } });
  });
});

describe('octet-stream switch (decision 18)', () => {
  it('labels the GET answers of the 2026 APIs application/octet-stream, and nothing else', async () => {
    const base = await dc.withSettings({ ...DEFAULT_DATA_CONNECT_SETTINGS, octetStream: true });
    const itc = await dc.get(`/situation_contrat_auto/v1/${MAIN}`, bearer, base);
    expect({ status: itc.status, type: itc.headers.get('content-type') }).toEqual({ status: 200, type: 'application/octet-stream' });
    expect(itc.text).toBe((await dc.get(`/situation_contrat_auto/v1/${MAIN}`, bearer)).text);
    const measure = await dc.get(`/mesure_synchrone_auto/v2/consommation_quotidienne?pointId=${MAIN}`, bearer, base);
    expect({ status: measure.status, type: measure.headers.get('content-type') }).toEqual({ status: 400, type: 'application/octet-stream' });
    const v5 = await dc.get(`/customers_i/v5/identity?usage_point_id=${MAIN}`, bearer, base);
    expect({ status: v5.status, type: v5.headers.get('content-type') }).toEqual({ status: 200, type: 'application/json;charset=UTF-8' });
    const post = await fetch(`${base}/subscribed_services/v1`, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: '{"autorisationId": 1, "comptage": true}' });
    expect({ status: post.status, type: post.headers.get('content-type') }).toEqual({ status: 200, type: 'application/json;charset=UTF-8' });
  });
});
