import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, d, DataConnectHub, person, type Json } from './support/dataconnect-hub.ts';
import { testPoint } from './support/network.ts';

// The v5 customers APIs (§6, decisions 11, 23, 27): the consenting holder's data, STM-ERR-0000019 where there is none.
const MAIN = '27000000000001';
const PRODUCER = '27000000000002';
const MOVED = '27000000000003';
const SHOP = '27000000000004';
const SANDBOX_HOUSE = '22516914714270';

let dc: DataConnectHub;
let bearer: string;

const upc = (point: string) => `/customers_upc/v5/usage_points/contracts?usage_point_id=${point}`;
const upa = (point: string) => `/customers_upa/v5/usage_points/addresses?usage_point_id=${point}`;
const identity = (point: string) => `/customers_i/v5/identity?usage_point_id=${point}`;
const contact = (point: string) => `/customers_cd/v5/contact_data?usage_point_id=${point}`;

beforeAll(async () => {
  dc = await DataConnectHub.start({
    apps: [
      { id: 'acme-prod', stage: 'production', apis: ['dataconnect-v5'] },
      { id: 'acme-other', stage: 'production', apis: ['dataconnect-v5'] },
      { id: 'acme-sandbox', stage: 'sandbox', apis: ['dataconnect-v5'] },
    ],
    customers: [
      person('2700000001', 'Martin'), person('2700000002', 'Former'), person('2700000003', 'Newcomer'),
      person('2700000004', '', { kind: 'company', title: null, firstName: null, lastName: null, companyName: 'Boulangerie Durand', siret: '98765432100018' }),
    ],
    usagePoints: [
      testPoint(MAIN, { lastActivationDay: d('2024-02-01') }), testPoint(PRODUCER, { direction: 'production', segment: 'P4' }), testPoint(MOVED), testPoint(SHOP, { subscribedPowerKva: 36, phaseCount: 3 }),
    ],
    contracts: [
      contract(MAIN, '2700000001', '2024-01-01'), contract(PRODUCER, '2700000001', '2024-01-01'),
      contract(MOVED, '2700000002', '2020-01-01', '2026-06-01'), contract(MOVED, '2700000003', '2026-06-01'), contract(SHOP, '2700000004', '2022-03-01'),
    ],
  });
  await dc.grant('acme-prod', '2700000001', [MAIN, PRODUCER]);
  await dc.grant('acme-prod', '2700000002', [MOVED]);
  await dc.grant('acme-prod', '2700000004', [SHOP]);
  bearer = await dc.token('acme-prod');
});

afterAll(async () => {
  await dc?.close();
});

describe('Data Connect v5 customers', () => {
  it('answers the contracts and addresses of the point in the customer envelope', async () => {
    const contracts = await dc.get(upc(MAIN), bearer);
    expect(contracts.status).toBe(200);
    expect(contracts.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(contracts.body).toEqual({
      customer: {
        customer_id: '2700000001',
        usage_points: [{
          usage_point: { usage_point_id: MAIN, usage_point_status: 'com', meter_type: 'AMM' },
          contracts: {
            segment: 'C5', subscribed_power: '9 kVA', last_activation_date: '2024-02-01+01:00', distribution_tariff: 'BTINFCUST', offpeak_hours: 'HC (22H30-6H30)', contract_type: 'Contrat unique', contract_status: 'SERVC',
          },
        }],
      },
    });
    const addresses = await dc.get(upa(MAIN), bearer);
    expect(addresses.body.customer.usage_points).toEqual([{
      usage_point: {
        usage_point_id: MAIN, usage_point_status: 'com', meter_type: 'AMM',
        usage_point_addresses: { street: '1 rue de la Paix', postal_code: '75002', insee_code: '75102', city: 'Paris', country: 'France', geo_points: { latitude: '48.87', longitude: '2.33' } },
      },
    }]);
  });

  it('answers identity without the customer wrapper, and contact data under both contact and contact_data', async () => {
    expect((await dc.get(identity(MAIN), bearer)).body).toEqual({ customer_id: '2700000001', identity: { natural_person: { title: 'Mme', firstname: 'Alice', lastname: 'Martin' } } });
    expect((await dc.get(identity(SHOP), bearer)).body).toEqual({ customer_id: '2700000004', identity: { legal_entity: { name: 'Boulangerie Durand', siret_number: '98765432100018' } } });
    const contactData = { phone: '0639980000', email: '2700000001@example.org' };
    expect((await dc.get(contact(MAIN), bearer)).body).toEqual({ customer_id: '2700000001', contact: contactData, contact_data: contactData });
  });

  it('answers 404 STM-ERR-0000019 for a production-only or unknown point, before looking at any consent', async () => {
    for (const path of [upc(PRODUCER), upa('27999999999999'), identity(PRODUCER), contact('27999999999999')]) {
      const answer = await dc.get(path, await dc.token('acme-other'));
      expect({ path, status: answer.status, body: answer.body }).toEqual({ path, status: 404, body: { error: 'STM-ERR-0000019', error_description: 'Unknown or unauthorized user' } });
    }
  });

  it('refuses a bad parameter, a point without consent, and a former holder, with the v5 customers bodies', async () => {
    const cases: [string, string, number, Json][] = [
      ['/customers_upc/v5/usage_points/contracts', bearer, 400, { error: 'invalid_request', error_description: 'usage_point_id parameter is required' }],
      [identity('2700000000001'), bearer, 400, { error: 'invalid_request', error_description: 'usage_point_id parameter must be 14 digits long' }],
      [upc(MAIN), await dc.token('acme-other'), 403, { error: 'ADAM-DC-0008', error_description: 'No consent can be found for this customer and this usage point.' }],
      [contact(MOVED), bearer, 403, { error: 'ADAM-DC-0007', error_description: 'The customer is not owner of this usage point.' }],
      [upa(MAIN), undefined as unknown as string, 401, { code: '900902' }],
    ];
    for (const [path, auth, status, body] of cases) {
      const answer = await dc.get(path, auth);
      expect({ path, status: answer.status, body: answer.body }).toEqual({ path, status, body: expect.objectContaining(body) });
    }
  });

  it("shows the new holder's data once they consent, never the former occupant's", async () => {
    await dc.grant('acme-other', '2700000003', [MOVED]);
    expect((await dc.get(identity(MOVED), await dc.token('acme-other'))).body.identity.natural_person.lastname).toBe('Newcomer');
  });

  it('lets a sandbox application read the sandbox customers without any journey, except the one who revoked', async () => {
    const sandbox = await dc.token('acme-sandbox');
    expect((await dc.get(identity(SANDBOX_HOUSE), sandbox)).body).toEqual({ customer_id: '1358019319', identity: { natural_person: { title: 'Mme', firstname: 'Sandra', lastname: 'Thie' } } });
    expect((await dc.get(upa(SANDBOX_HOUSE), sandbox)).body.customer.usage_points[0].usage_point.usage_point_addresses).toMatchObject({ street: '2 bis rue du capitaine Flam', city: 'Maulichères' });
    expect(await dc.get(upc('26584978546985'), sandbox)).toMatchObject({ status: 403, body: { error: 'ADAM-DC-0008' } });
    expect(await dc.get(upc(MAIN), sandbox)).toMatchObject({ status: 403, body: { error: 'ADAM-DC-0008' } });
  });

  it('records each answered call with its point and consent', async () => {
    const records = (await dc.audit('acme-prod', 'dataconnect-v5')).filter((r) => r.outcome === 'ok');
    expect(new Set(records.map((r) => r.operation))).toEqual(new Set(['customers_upc', 'customers_upa', 'customers_i', 'customers_cd']));
    expect(records.every((r) => [MAIN, SHOP].includes(r.usagePoints ?? '') && /^consent:\d+$/.test(r.basis ?? ''))).toBe(true);
    const sandbox = (await dc.audit('acme-sandbox', 'dataconnect-v5')).filter((r) => r.outcome === 'ok');
    expect(sandbox.every((r) => r.usagePoints === SANDBOX_HOUSE && r.basis === 'sandbox')).toBe(true);
  });
});
