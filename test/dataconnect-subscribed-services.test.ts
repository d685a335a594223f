import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, DataConnectHub, person, type Json } from './support/dataconnect-hub.ts';
import { testPoint } from './support/network.ts';

// POST /subscribed_services/v1 (§11.1, decisions 13, 21, 22): the calling application's consents as services.
const MAIN = '30000000000001';
const SHOP = '30000000000002';
const PATH = '/subscribed_services/v1';

let dc: DataConnectHub;
let bearer: string;
let mainId: number;
let shopId: number;
let foreignId: number;

const fixture = (file: string) => readFileSync(new URL(`../src/dataconnect/customers/fixtures/${file}`, import.meta.url), 'utf8');

beforeAll(async () => {
  dc = await DataConnectHub.start({
    apps: [
      { id: 'acme-prod', stage: 'production', apis: ['dataconnect-2026'] },
      { id: 'acme-other', stage: 'production', apis: ['dataconnect-2026'] },
      { id: 'acme-sandbox', stage: 'sandbox', apis: ['dataconnect-2026'] },
      { id: 'acme-v5', stage: 'production', apis: ['dataconnect-v5'] },
    ],
    customers: [person('3000000001', 'Martin'), person('3000000002', '', { kind: 'company', title: null, firstName: null, lastName: null, companyName: 'Garage Petit', siret: '55512345600017' })],
    usagePoints: [testPoint(MAIN), testPoint(SHOP, { direction: 'both', loadCurveCollection: 'opposed' })],
    contracts: [contract(MAIN, '3000000001', '2024-01-01'), contract(SHOP, '3000000002', '2024-01-01')],
  });
  mainId = (await dc.grant('acme-prod', '3000000001', [MAIN]))[0]!.id;
  shopId = (await dc.grant('acme-prod', '3000000002', [SHOP]))[0]!.id;
  foreignId = (await dc.grant('acme-other', '3000000001', [MAIN]))[0]!.id;
  bearer = await dc.token('acme-prod');
});

afterAll(async () => {
  await dc?.close();
});

describe('Subscribed services of a production application', () => {
  it('lists the services of its consent: one per kind of data of the point, then ITC', async () => {
    const answer = await dc.post(PATH, { autorisationId: mainId, comptage: false }, bearer);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(answer.body.nbTotalServices).toBe(5);
    expect((answer.body.serviceSouscrit as Json[]).map((s) => [s.mesuresTypeCode, s.mesuresPas, s.soutirage])).toEqual([['CDC', 'PT30M', true], ['PMAX', 'P1D', true], ['IDX', 'P1D', true], ['ENERGIE', 'P1D', true], ['ITC', 'NA', true]]);
    expect(answer.body.serviceSouscrit[0]).toEqual({
      id: `${mainId}01`, injection: false, soutirage: true, serviceCode: 'ACCES', dateDebut: '2026-11-24', dateFin: '2027-11-24', etatCode: 'ACTIF', etatLibelle: 'Actif', pointId: MAIN,
      sirenBeneficiaire: '123456789', mesuresTypeCode: 'CDC', mesuresPas: 'PT30M', mesuresCorrigees: false, espaceDynamique: true, publicationDonnees: false,
      autorisation: { autorisationId: mainId, autorisationLibelle: 'DATACONNECT_C5_ACTIF', autorisationType: 'EXPLICITE', autorisationStatut: 'ACTIVE' },
    });
  });

  it('answers the same with a trailing slash, a string autorisationId, a single etatCode or a body not labelled JSON', async () => {
    const reference = (await dc.post(PATH, { autorisationId: mainId, comptage: false }, bearer)).text;
    const variants = [
      await dc.post(`${PATH}/`, { autorisationId: mainId, comptage: false }, bearer),
      await dc.post(PATH, { autorisationId: String(mainId), comptage: false }, bearer),
      await dc.post(PATH, { autorisationId: mainId, etatCode: 'ACTIF', serviceType: 'ACCES', autorisation: true, comptage: false }, bearer),
      await dc.post(PATH, JSON.stringify({ autorisationId: mainId, comptage: false }), bearer, 'text/plain'),
    ];
    for (const variant of variants) expect({ status: variant.status, text: variant.text }).toEqual({ status: 200, text: reference });
  });

  it('counts only with comptage, and follows the holder and the sides of the point', async () => {
    expect((await dc.post(PATH, { autorisationId: mainId, comptage: true }, bearer)).body).toEqual({ nbTotalServices: 5 });
    const shop = await dc.post(PATH, { autorisationId: shopId, comptage: false }, bearer);
    // Both sides, no load curve (collection opposed): PMAX, IDX, ENERGIE withdrawn; IDX, ENERGIE injected; ITC.
    expect((shop.body.serviceSouscrit as Json[]).map((s) => `${s.mesuresTypeCode}:${s.injection ? 'inj' : 'sout'}`)).toEqual(['PMAX:sout', 'IDX:sout', 'ENERGIE:sout', 'IDX:inj', 'ENERGIE:inj', 'ITC:sout']);
    expect(shop.body.serviceSouscrit[0].sirenTitulaire).toBe('555123456');
    expect((await dc.post(PATH, { pointId: [SHOP], mesureTypeCode: ['ENERGIE'], injection: true, comptage: true }, bearer)).body).toEqual({ nbTotalServices: 1 });
  });

  it("selects nothing for another application's autorisationId or an unknown one: the empty page", async () => {
    for (const id of [foreignId, 987654321]) {
      expect(await dc.post(PATH, { autorisationId: id, comptage: false }, bearer)).toMatchObject({ status: 200, body: { nbTotalServices: 0, serviceSouscrit: [] } });
    }
  });

  it('refuses a malformed body with 400 {"code", "message"}', async () => {
    const bodies: unknown[] = [{ autorisationId: 'abc', comptage: false }, { autorisationId: -1 }, { autorisationId: null }, { autorisationId: 1.5 }, { comptage: false }, '{"autorisationId": ', '', { autorisationId: mainId, etatCode: ['VIVANT'] }];
    for (const body of bodies) {
      const answer = await dc.post(PATH, body, bearer);
      expect({ body, status: answer.status, answer: answer.body }).toEqual({ body, status: 400, answer: { code: 'invalid_request', message: expect.any(String) } });
    }
    expect((await dc.post(PATH, { autorisationId: 'abc' }, bearer)).body.message).toBe('Le paramètre autorisationId doit être un entier');
  });

  it('refuses a body over 64 KiB with 413 in the API\'s own words, and keeps answering', async () => {
    const huge = await dc.post(PATH, { autorisationId: mainId, pointId: Array.from({ length: 6000 }, () => MAIN) }, bearer);
    expect(huge.status).toBe(413);
    expect(huge.body).toEqual({ code: 'invalid_request', message: expect.stringContaining('too large') });
    expect((await dc.post(PATH, { autorisationId: mainId, comptage: false }, bearer)).status).toBe(200);
  });

  it('shows a revoked consent as TERMINE, only when asked for', async () => {
    const [revoked] = await dc.grant('acme-prod', '3000000001', [SHOP]);
    await dc.consents.revoke(revoked!.id, '3000000001');
    expect((await dc.post(PATH, { autorisationId: revoked!.id, comptage: true }, bearer)).body).toEqual({ nbTotalServices: 0 });
    const ended = await dc.post(PATH, { autorisationId: revoked!.id, etatCode: ['TERMINE'], comptage: false }, bearer);
    expect(ended.body.nbTotalServices).toBe(6);
    expect(ended.body.serviceSouscrit[0]).toMatchObject({ etatCode: 'TERMINE', etatLibelle: 'Terminé', dateFin: '2026-11-24' });
  });

  it('refuses an application not subscribed to the 2026 APIs with 900908, and records the consents it answered from', async () => {
    expect(await dc.post(PATH, { autorisationId: mainId, comptage: false }, await dc.token('acme-v5'))).toMatchObject({ status: 403, body: { code: '900908' } });
    const records = (await dc.audit('acme-prod', 'dataconnect-2026')).filter((r) => r.operation === 'subscribed_services' && r.outcome === 'ok');
    expect(records.some((r) => r.usagePoints === MAIN && r.basis === `consent:${mainId}`)).toBe(true);
    expect(records.some((r) => r.usagePoints === null && r.basis === null)).toBe(true);
  });
});

describe('Subscribed services in the sandbox', () => {
  it('answers authorisations 10 and 11 with the recorded payloads byte for byte, and counts 11', async () => {
    const sandbox = await dc.token('acme-sandbox');
    for (const id of [10, 11]) {
      const answer = await dc.post(PATH, { autorisationId: id, comptage: false }, sandbox);
      expect({ id, status: answer.status, text: answer.text }).toEqual({ id, status: 200, text: fixture(`subscribed-services-${id}.json`) });
    }
    expect((await dc.post(`${PATH}/`, { autorisationId: '11', etatCode: ['ACTIF', 'DEMANDE'], serviceType: 'ACCES', comptage: false }, sandbox)).text).toBe(fixture('subscribed-services-11.json'));
    expect((await dc.post(PATH, { autorisationId: 11, comptage: true }, sandbox)).body).toEqual({ nbTotalServices: 5 });
    // Production applications do not see the sandbox's authorisations.
    expect((await dc.post(PATH, { autorisationId: 11, comptage: true }, bearer)).body).toEqual({ nbTotalServices: 0 });
  });

  it('answers 20+d with the services of the first PRM of sandbox profile d', async () => {
    const sandbox = await dc.token('acme-sandbox');
    const house = await dc.post(PATH, { autorisationId: 20, comptage: false }, sandbox);
    expect(house.body.nbTotalServices).toBe(5);
    expect(house.body.serviceSouscrit[0]).toMatchObject({ pointId: '22516914714270', dateDebut: '2026-01-01', dateFin: '2029-01-01', etatCode: 'ACTIF', autorisation: { autorisationId: 20 } });
    // Profile 2 opposed its load curve; profile 5 only produces; profile 7's first PRM is the house with the car.
    expect((await dc.post(PATH, { autorisationId: 22, comptage: false }, sandbox)).body.serviceSouscrit.map((s: Json) => s.mesuresTypeCode)).toEqual(['PMAX', 'IDX', 'ENERGIE', 'ITC']);
    expect((await dc.post(PATH, { autorisationId: 25, comptage: false }, sandbox)).body.serviceSouscrit.every((s: Json) => s.pointId === '24880057139941' && s.injection)).toBe(true);
    expect((await dc.post(PATH, { autorisationId: 27, comptage: false }, sandbox)).body.serviceSouscrit[0].pointId).toBe('64975835695673');
    // Profile 8 revoked at once; 29 is no authorisation.
    expect((await dc.post(PATH, { autorisationId: 28, comptage: true }, sandbox)).body).toEqual({ nbTotalServices: 0 });
    expect((await dc.post(PATH, { autorisationId: 28, etatCode: 'TERMINE', comptage: true }, sandbox)).body).toEqual({ nbTotalServices: 5 });
    expect((await dc.post(PATH, { autorisationId: 29, comptage: false }, sandbox)).body).toEqual({ nbTotalServices: 0, serviceSouscrit: [] });
    const records = (await dc.audit('acme-sandbox', 'dataconnect-2026')).filter((r) => r.outcome === 'ok');
    expect(records.some((r) => r.usagePoints === '14000000000001' && r.basis === 'sandbox')).toBe(true);
    expect(records.some((r) => r.usagePoints === '22516914714270' && r.basis === 'sandbox')).toBe(true);
  });
});
