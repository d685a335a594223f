import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderAlimentation } from '../src/dataconnect/customers/alimentation.ts';
import { itcDateTime, v5Date } from '../src/dataconnect/customers/dates.ts';
import { dataConnectCustomerId, meterSerialNumber, supplySituationNumber } from '../src/dataconnect/customers/derived-ids.ts';
import { renderDonneesGenerales } from '../src/dataconnect/customers/donnees-generales.ts';
import type { ContractFacts, HeldPoint } from '../src/dataconnect/customers/inputs.ts';
import { hasCustomerData } from '../src/dataconnect/customers/point-facts.ts';
import { sandboxItcAnswer, sandboxMaxPowerAnswer, sandboxSubscribedServicesAnswer, type ItcApi } from '../src/dataconnect/customers/sandbox-fixtures.ts';
import { renderSituationComptage } from '../src/dataconnect/customers/situation-comptage.ts';
import { renderSituationContrat } from '../src/dataconnect/customers/situation-contrat.ts';
import { buildSubscribedServicesAnswer, servicesOfConsent, type ConsentForServices } from '../src/dataconnect/customers/subscribed-services.ts';
import { parseSubscribedServicesRequest, SubscribedServicesRequestError } from '../src/dataconnect/customers/subscribed-services-request.ts';
import { renderSynthContrat } from '../src/dataconnect/customers/synthese-contrat.ts';
import { renderV5Addresses } from '../src/dataconnect/customers/v5-addresses.ts';
import { renderV5ContactData } from '../src/dataconnect/customers/v5-contact-data.ts';
import { renderV5Contracts } from '../src/dataconnect/customers/v5-contracts.ts';
import { renderV5Identity } from '../src/dataconnect/customers/v5-identity.ts';
import { DataConnectError } from '../src/dataconnect/errors.ts';
import { sandboxNetwork } from '../src/demo/sandbox.ts';
import type { CustomerRow, UsagePointRow } from '../src/grid/grid.tables.ts';
import { parseIsoDate } from '../src/platform/time/local-day.ts';

const day = (iso: string): number => parseIsoDate(iso)!;
/** What a client receives: the answer after JSON serialisation. */
const wire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function expectNoNullOrUndefined(value: unknown, path = '$'): void {
  expect(value, path).not.toBeNull();
  expect(value, path).not.toBeUndefined();
  if (Array.isArray(value)) value.forEach((item, i) => expectNoNullOrUndefined(item, `${path}[${i}]`));
  else if (typeof value === 'object') for (const [key, item] of Object.entries(value as object)) expectNoNullOrUndefined(item, `${path}.${key}`);
}

const SANDRA: CustomerRow = { id: '1358019319', kind: 'person', title: 'Mme', firstName: 'Sandra', lastName: 'Thie', companyName: null, siret: null, email: 'sandra.thie@example.com', phone: '0536490101' };
const HUGO: CustomerRow = { id: 'cust-42', kind: 'person', title: 'M.', firstName: 'Hugo', lastName: 'Lefèvre', companyName: null, siret: null, email: null, phone: '06 39 98 01 04' };
const ACME: CustomerRow = { id: '1000000201', kind: 'company', title: null, firstName: null, lastName: null, companyName: 'Métallerie Œuvre', siret: '73282932000074', email: 'contact@metallerie.example.com', phone: '0261910201' };
const SILENT: CustomerRow = { id: '1000000999', kind: 'person', title: null, firstName: null, lastName: null, companyName: null, siret: null, email: null, phone: null };

function point(fields: Partial<UsagePointRow>): UsagePointRow {
  return {
    id: '01234567890123', energy: 'electricity', street: '2 bis rue du capitaine Flam', postalCode: '32400', inseeCode: '32244', city: 'Maulichères', latitude: 43.687253, longitude: -0.087957,
    segment: 'C5', meterType: 'AMM', phaseCount: 1, subscribedPowerKva: 9, tariffOption: 'HC', offpeakHours: 'HC (23H00-7H30)', stepSeconds: 1800, direction: 'consumption',
    status: 'in_service', lastActivationDay: day('2015-12-01'), loadCurveCollection: 'enabled', ...fields,
  };
}

const CONSUMER = point({});
const SELF_CONSUMER = point({ id: '12655648759651', direction: 'both', lastActivationDay: day('2019-04-23'), latitude: null, longitude: null });
const PRODUCER = point({ id: '24880057139941', segment: 'P4', direction: 'production', tariffOption: null, offpeakHours: null, phaseCount: 3, subscribedPowerKva: 9, lastActivationDay: day('2018-07-02') });
const HTA_SITE = point({
  id: '98800004847471', street: '4 rue Henri Fréville', postalCode: '35200', inseeCode: '35238', city: 'Rennes', latitude: null, longitude: null,
  segment: 'C1', meterType: 'ICE4Q', phaseCount: 3, subscribedPowerKva: 850, tariffOption: 'PEAK_SEASONAL', offpeakHours: 'HC (22H00-6H00)', stepSeconds: 600, lastActivationDay: day('2021-03-01'),
});

const HOME_CONTRACT: ContractFacts = { startDay: day('2015-12-01'), endDay: null, contractType: 'Contrat unique', distributionTariff: 'BTINFMUDT', lastTariffChangeDay: day('2017-05-25') };
const SUPPLIER = { name: 'Lumivolt Énergie' };
const BRP = { id: 'BRP-EQUILIBRE' };

describe('customer_id (decision 4)', () => {
  it('keeps a 10-digit row id and derives 10 digits, without a leading zero, from any other id', () => {
    expect(dataConnectCustomerId('1358019319')).toBe('1358019319');
    expect(dataConnectCustomerId('0000000001')).toBe('0000000001');
    for (const id of ['cust-42', '123456789', '12345678901', 'a', '']) {
      const derived = dataConnectCustomerId(id);
      expect(derived).toMatch(/^[1-9]\d{9}$/);
      expect(dataConnectCustomerId(id)).toBe(derived);
    }
    const derived = new Set(Array.from({ length: 2000 }, (_, i) => dataConnectCustomerId(`customer-${i}`)));
    expect(derived.size).toBe(2000);
  });

  it('derives meter and supply numbers of fixed length per PRM', () => {
    expect(meterSerialNumber('01234567890123')).toMatch(/^[1-9]\d{11}$/);
    expect(meterSerialNumber('01234567890123')).not.toBe(meterSerialNumber('01234567890124'));
    const supply = supplySituationNumber('01234567890123');
    expect(Number.isSafeInteger(supply)).toBe(true);
    expect(String(supply)).toMatch(/^[1-9]\d{8}$/);
  });
});

describe('dates', () => {
  it('writes v5 dates with the offset of local midnight and 2026 date-times with a colon-less offset', () => {
    expect(v5Date(day('2013-08-14'))).toBe('2013-08-14+02:00');
    expect(v5Date(day('2017-01-25'))).toBe('2017-01-25+01:00');
    expect(itcDateTime(day('2026-02-11'))).toBe('2026-02-11T00:00:00+0100');
    expect(itcDateTime(day('2023-09-01'))).toBe('2023-09-01T00:00:00+0200');
    // DST starts at 02:00 on 2026-03-29 and ends at 03:00 on 2026-10-25: midnight is still on the old offset.
    expect(itcDateTime(day('2026-03-29'))).toBe('2026-03-29T00:00:00+0100');
    expect(itcDateTime(day('2026-10-25'))).toBe('2026-10-25T00:00:00+0200');
  });
});

describe('v5 customers: contracts (customers_upc)', () => {
  it('renders the Swagger shape with string values and a 10-digit customer_id', () => {
    const answer = renderV5Contracts({ customer: SANDRA, points: [{ point: CONSUMER, contract: HOME_CONTRACT }], today: day('2026-10-01') });
    expect(wire(answer)).toStrictEqual({
      customer: {
        customer_id: '1358019319',
        usage_points: [
          {
            usage_point: { usage_point_id: '01234567890123', usage_point_status: 'com', meter_type: 'AMM' },
            contracts: {
              segment: 'C5',
              subscribed_power: '9 kVA',
              last_activation_date: '2015-12-01+01:00',
              distribution_tariff: 'BTINFMUDT',
              offpeak_hours: 'HC (23H00-7H30)',
              contract_type: 'Contrat unique',
              contract_status: 'SERVC',
              last_distribution_tariff_change_date: '2017-05-25+02:00',
            },
          },
        ],
      },
    });
  });

  it('omits fields without a value, derives the customer_id, and marks ended contracts and points out of service RESIL', () => {
    const bare: HeldPoint = { point: point({ tariffOption: 'BASE', offpeakHours: null, subscribedPowerKva: null }), contract: { startDay: day('2020-01-01'), contractType: 'Contrat unique' } };
    const answer = renderV5Contracts({ customer: HUGO, points: [bare], today: day('2026-10-01') });
    expect(answer.customer.customer_id).toBe(dataConnectCustomerId('cust-42'));
    expect(wire(answer.customer.usage_points[0].contracts)).toStrictEqual({ segment: 'C5', last_activation_date: '2015-12-01+01:00', contract_type: 'Contrat unique', contract_status: 'SERVC' });

    const ended = { ...HOME_CONTRACT, endDay: day('2026-09-30') };
    expect(renderV5Contracts({ customer: SANDRA, points: [{ point: CONSUMER, contract: ended }], today: day('2026-10-01') }).customer.usage_points[0].contracts.contract_status).toBe('RESIL');
    expect(renderV5Contracts({ customer: SANDRA, points: [{ point: CONSUMER, contract: ended }], today: day('2026-09-29') }).customer.usage_points[0].contracts.contract_status).toBe('SERVC');
    const stopped = point({ status: 'out_of_service' });
    expect(renderV5Contracts({ customer: SANDRA, points: [{ point: stopped, contract: HOME_CONTRACT }], today: day('2026-10-01') }).customer.usage_points[0].contracts.contract_status).toBe('RESIL');
  });

  it('lists every point given, the self-consumption one under its consumption segment, and a non-Linky meter as no_com', () => {
    const old = point({ id: '30000000000001', meterType: 'CBE' });
    const answer = renderV5Contracts({ customer: SANDRA, points: [{ point: SELF_CONSUMER, contract: HOME_CONTRACT }, { point: old, contract: HOME_CONTRACT }], today: day('2026-10-01') });
    expect(answer.customer.usage_points.map((u) => [u.usage_point.usage_point_id, u.usage_point.usage_point_status, u.contracts.segment])).toEqual([
      ['12655648759651', 'com', 'C5'],
      ['30000000000001', 'no_com', 'C5'],
    ]);
  });

  it('has customer data only on electricity points that consume (the route answers 404 STM-ERR-0000019 otherwise)', () => {
    expect(hasCustomerData(CONSUMER)).toBe(true);
    expect(hasCustomerData(SELF_CONSUMER)).toBe(true);
    expect(hasCustomerData(PRODUCER)).toBe(false);
    expect(hasCustomerData(point({ energy: 'gas', segment: 'T2' }))).toBe(false);
  });
});

describe('v5 customers: addresses (customers_upa)', () => {
  it('renders the point address, coordinates as strings', () => {
    expect(wire(renderV5Addresses({ customer: SANDRA, points: [{ point: CONSUMER, contract: HOME_CONTRACT }] }))).toStrictEqual({
      customer: {
        customer_id: '1358019319',
        usage_points: [
          {
            usage_point: {
              usage_point_id: '01234567890123',
              usage_point_status: 'com',
              meter_type: 'AMM',
              usage_point_addresses: {
                street: '2 bis rue du capitaine Flam', postal_code: '32400', insee_code: '32244', city: 'Maulichères', country: 'France',
                geo_points: { latitude: '43.687253', longitude: '-0.087957' },
              },
            },
          },
        ],
      },
    });
  });

  it('omits geo_points when the position is unknown', () => {
    const answer = renderV5Addresses({ customer: SANDRA, points: [{ point: SELF_CONSUMER, contract: HOME_CONTRACT }] });
    expect(Object.keys(answer.customer.usage_points[0].usage_point.usage_point_addresses)).toEqual(['street', 'postal_code', 'insee_code', 'city', 'country']);
  });
});

describe('v5 customers: identity (customers_i)', () => {
  it('renders a person as natural_person with no customer wrapper', () => {
    expect(wire(renderV5Identity(SANDRA))).toStrictEqual({ customer_id: '1358019319', identity: { natural_person: { title: 'Mme', firstname: 'Sandra', lastname: 'Thie' } } });
  });

  it('renders a company as legal_entity', () => {
    expect(wire(renderV5Identity(ACME))).toStrictEqual({ customer_id: '1000000201', identity: { legal_entity: { name: 'Métallerie Œuvre', siret_number: '73282932000074' } } });
  });

  it('keeps the required names as strings when unknown and drops the optional title', () => {
    expect(wire(renderV5Identity(SILENT))).toStrictEqual({ customer_id: '1000000999', identity: { natural_person: { firstname: '', lastname: '' } } });
  });
});

describe('v5 customers: contact data (customers_cd, decision 11)', () => {
  it('emits the same content under contact and contact_data', () => {
    const answer = renderV5ContactData(SANDRA);
    expect(wire(answer)).toStrictEqual({
      customer_id: '1358019319',
      contact: { phone: '0536490101', email: 'sandra.thie@example.com' },
      contact_data: { phone: '0536490101', email: 'sandra.thie@example.com' },
    });
    // Two objects: a route that edits one (say, to mask a field) cannot silently change the other.
    expect(answer.contact).not.toBe(answer.contact_data);
  });

  it('omits unknown members rather than sending null', () => {
    expect(wire(renderV5ContactData(HUGO))).toStrictEqual({ customer_id: dataConnectCustomerId('cust-42'), contact: { phone: '06 39 98 01 04' }, contact_data: { phone: '06 39 98 01 04' } });
    expect(wire(renderV5ContactData(SILENT))).toStrictEqual({ customer_id: '1000000999', contact: {}, contact_data: {} });
  });
});

describe('2026 situation_contrat_auto', () => {
  it('renders one C5 item for a consumption point, with AFNOR lines under the sic key adress and no balance responsible party', () => {
    const items = renderSituationContrat({ point: CONSUMER, contract: HOME_CONTRACT, customer: SANDRA, supplier: SUPPLIER, balanceResponsibleParty: BRP });
    expect(wire(items)).toStrictEqual([
      {
        usage_point_id: '01234567890123',
        contract_start: '2015-12-01T00:00:00+0100',
        contract_type: 'Contrat GRD-F',
        contractor: 'Lumivolt Énergie',
        distribution_tariff: 'Tarif BT<=36kVA Moyenne Utilisation heures pleines heures creuses',
        subscribed_power: { unit: 'kVA', value: '9' },
        segment: 'C5',
        customer: { customer: { adress: { line1: 'MME SANDRA THIE', line4: '2 BIS RUE DU CAPITAINE FLAM', line6: '32400 MAULICHERES', line7: 'FR (France)' } } },
        contact_data: { email: 'sandra.thie@example.com', landline: '0536490101' },
        person: { title: 'Mme', lastname: 'Thie', firstname: 'Sandra' },
      },
    ]);
  });

  it('renders two items for a self-consumption point: C5 Contrat GRD-F with power, then P4 Contrat GRD-A without', () => {
    const contract: ContractFacts = { startDay: day('2018-01-10'), endDay: null, contractType: 'Contrat unique', distributionTariff: 'BTINFMU4', lastTariffChangeDay: null };
    const items = renderSituationContrat({ point: SELF_CONSUMER, contract, customer: HUGO, supplier: SUPPLIER });
    expect(items.map((i) => [i.segment, i.contract_type, i.contract_start])).toEqual([
      ['C5', 'Contrat GRD-F', '2018-01-10T00:00:00+0100'],
      // Production starts with the meter, after the contract.
      ['P4', 'Contrat GRD-A', '2019-04-23T00:00:00+0200'],
    ]);
    expect(items[0].subscribed_power).toStrictEqual({ unit: 'kVA', value: '9' });
    expect(items[0].distribution_tariff).toBe('Tarif BT<=36kVA Moyenne Utilisation heures pleines heures creuses associées à deux saisons');
    expect(Object.keys(items[1])).toEqual(['usage_point_id', 'contract_start', 'contract_type', 'segment', 'customer', 'contact_data', 'person']);
    for (const item of items) {
      expect(item.usage_point_id).toBe('12655648759651');
      // A mobile number is the Swagger's phone, not its landline.
      expect(item.contact_data).toStrictEqual({ phone: '06 39 98 01 04' });
      expect(item.customer.customer.adress.line1).toBe('M. HUGO LEFEVRE');
    }
  });

  it('renders a production-only point as a single P4 item with its own contract type and no power', () => {
    const contract: ContractFacts = { startDay: day('2018-07-02'), endDay: null, contractType: 'CRAE', distributionTariff: null, lastTariffChangeDay: null };
    const items = renderSituationContrat({ point: PRODUCER, contract, customer: SANDRA, supplier: SUPPLIER, balanceResponsibleParty: BRP });
    expect(items).toHaveLength(1);
    expect(wire(items[0])).toStrictEqual({
      usage_point_id: '24880057139941',
      contract_start: '2018-07-02T00:00:00+0200',
      contract_type: 'CRAE',
      segment: 'P4',
      customer: { customer: { adress: { line1: 'MME SANDRA THIE', line4: '2 BIS RUE DU CAPITAINE FLAM', line6: '32400 MAULICHERES', line7: 'FR (France)' } } },
      contact_data: { email: 'sandra.thie@example.com', landline: '0536490101' },
      person: { title: 'Mme', lastname: 'Thie', firstname: 'Sandra' },
    });
  });

  it('gives a non-C5 contract its balance responsible party under both spellings, with an organization and kW powers', () => {
    const contract: ContractFacts = { startDay: day('2021-01-01'), endDay: null, contractType: 'CARD-S', distributionTariff: 'HTALU5', lastTariffChangeDay: null };
    const [item] = renderSituationContrat({ point: HTA_SITE, contract, customer: ACME, supplier: SUPPLIER, balanceResponsibleParty: BRP });
    const power = { value: '850', unit: 'kW' };
    expect(wire(item)).toStrictEqual({
      usage_point_id: '98800004847471',
      contract_start: '2021-01-01T00:00:00+0100',
      contract_type: 'CARD-S',
      // The customer signs a CARD with the distributor directly.
      contractor: 'Métallerie Œuvre',
      balance_responsible_party: 'BRP-EQUILIBRE',
      balance_responsable_party: 'BRP-EQUILIBRE',
      distribution_tariff: 'Tarif HTA Longue Utilisation',
      distribution_tariff_profile: [
        { name: 'Pointe', power },
        { name: 'Heures Pleines Hiver/Saison Haute', power },
        { name: 'Heures Pleines Eté', power },
        { name: 'Heures Creuses Eté', power },
        { name: 'Heures Creuses Hiver/Saison Haute', power },
      ],
      subscribed_power: { unit: 'kW', value: '850' },
      segment: 'C1',
      customer: { customer: { adress: { line4: '4 RUE HENRI FREVILLE', line6: '35200 RENNES', line7: 'FR (France)' } } },
      contact_data: { email: 'contact@metallerie.example.com', landline: '0261910201' },
      organization: { name: 'Métallerie Œuvre', siret_number: '73282932000074', siren_number: '732829320' },
    });
  });

  it('gives both items of an HTA self-consumption site the party, under C2 and P1, and leaves it out when there is none', () => {
    const site = { ...HTA_SITE, segment: 'C2', direction: 'both' as const, subscribedPowerKva: 47 };
    const contract: ContractFacts = { startDay: day('2020-06-01'), contractType: 'Contrat X', distributionTariff: 'HTACU5' };
    const items = renderSituationContrat({ point: site, contract, customer: ACME, supplier: SUPPLIER, balanceResponsibleParty: BRP });
    expect(items.map((i) => [i.segment, i.balance_responsible_party, i.balance_responsable_party])).toEqual([
      ['C2', 'BRP-EQUILIBRE', 'BRP-EQUILIBRE'],
      ['P1', 'BRP-EQUILIBRE', 'BRP-EQUILIBRE'],
    ]);
    for (const item of renderSituationContrat({ point: site, contract, customer: ACME, supplier: SUPPLIER })) {
      expect(item).not.toHaveProperty('balance_responsible_party');
      expect(item).not.toHaveProperty('balance_responsable_party');
    }
  });

  it('never gives a C5 or P4 item a balance responsible party key, and omits an empty contact block', () => {
    const items = renderSituationContrat({ point: SELF_CONSUMER, contract: HOME_CONTRACT, customer: SILENT, balanceResponsibleParty: BRP });
    for (const item of items) {
      expect(Object.keys(item).filter((k) => k.startsWith('balance_'))).toEqual([]);
      expect(item).not.toHaveProperty('contact_data');
      expect(item).not.toHaveProperty('contractor');
      expect(item.person).toStrictEqual({});
    }
    expectNoNullOrUndefined(wire(items));
  });

  it('renders the demo self-consumption sandbox point from its rows', () => {
    const network = sandboxNetwork();
    const row = network.usagePoints.find((p) => p.id === '12655648759651')!;
    const contract = network.contracts.find((c) => c.usagePointId === row.id)!;
    const customer = network.customers.find((c) => c.id === contract.customerId)!;
    const items = renderSituationContrat({ point: row, contract, customer, supplier: SUPPLIER });
    expect(items.map((i) => i.segment)).toEqual(['C5', 'P4']);
    expectNoNullOrUndefined(wire(items));
  });
});

describe('2026 synth_contrat_auto', () => {
  it('renders segments as objects, activation dates per side and the services level label', () => {
    expect(wire(renderSynthContrat({ point: CONSUMER, contract: HOME_CONTRACT }))).toStrictEqual({
      segments: [{ segment: 'C5' }],
      consumption_last_activation_date: '2015-12-01T00:00:00+0100',
      last_subscribed_power_change_date: '2017-05-25T00:00:00+0200',
      services_level: 'Communicant (ouvert aux services)',
    });
    expect(wire(renderSynthContrat({ point: SELF_CONSUMER, contract: { startDay: day('2019-04-23'), contractType: 'Contrat unique' } }))).toStrictEqual({
      segments: [{ segment: 'C5' }, { segment: 'P4' }],
      generation_last_activation_date: '2019-04-23T00:00:00+0200',
      consumption_last_activation_date: '2019-04-23T00:00:00+0200',
      services_level: 'Communicant (ouvert aux services)',
    });
    expect(wire(renderSynthContrat({ point: { ...PRODUCER, meterType: 'EMC' }, contract: { startDay: day('2018-07-02'), contractType: 'CRAE' } }))).toStrictEqual({
      segments: [{ segment: 'P4' }],
      generation_last_activation_date: '2018-07-02T00:00:00+0200',
      services_level: 'Non communicant',
    });
  });
});

describe('2026 donnees_generales_auto', () => {
  it('renders the installation address as stored', () => {
    expect(wire(renderDonneesGenerales(CONSUMER))).toStrictEqual({ address: { number_street_name: '2 bis rue du capitaine Flam', postal_code_city: '32400 Maulichères', insee_code: '32244' } });
  });
});

describe('2026 comptage_auto', () => {
  it('puts the off-peak hours of a low-voltage point in relais.plageHeuresCreuses', () => {
    expect(wire(renderSituationComptage(CONSUMER))).toStrictEqual({
      dispositifComptage: { typeComptage: { code: 'AMM', libelle: 'Compteur Linky' } },
      compteurs: [{ numeroSerie: meterSerialNumber('01234567890123'), regimePropriete: { code: 'LOUE', libelle: 'Loué' } }],
      relais: { plageHeuresCreuses: 'HC (23H00-7H30)' },
    });
  });

  it('omits relais without off-peak hours and on production-only points', () => {
    expect(renderSituationComptage(point({ tariffOption: 'BASE', offpeakHours: null }))).not.toHaveProperty('relais');
    expect(renderSituationComptage(PRODUCER)).not.toHaveProperty('relais');
  });

  it('programs one power per time class above 36 kVA, as numbers, and no BTINF off-peak relay', () => {
    const answer = wire(renderSituationComptage(HTA_SITE)) as { compteurs: Record<string, unknown>[] };
    expect(answer).not.toHaveProperty('relais');
    const compteur = answer.compteurs[0];
    expect(Object.keys(compteur)).toEqual(['numeroSerie', 'puissanceProgrammee1', 'puissanceProgrammee2', 'puissanceProgrammee3', 'puissanceProgrammee4', 'puissanceProgrammee5']);
    expect(compteur.puissanceProgrammee1).toStrictEqual({ valeur: 850, classeTemporellePuissanceProgrammee: { code: 'P', libelle: 'Pointe' } });
    expect(compteur.puissanceProgrammee5).toStrictEqual({ valeur: 850, classeTemporellePuissanceProgrammee: { code: 'HCH', libelle: 'Heures Creuses Hiver/Saison Haute' } });
  });
});

describe('2026 alimentation_auto (decision 19)', () => {
  it('uses the Swagger JSON types: serial_number a number, phase_count a string, value/unit objects', () => {
    const answer = wire(renderAlimentation(CONSUMER)) as Record<string, unknown>;
    expect(answer).toStrictEqual({
      serial_number: supplySituationNumber('01234567890123'),
      connection_state: 'Alimenté',
      voltage_level: 'BTINF',
      phase_count: '1',
      consumption_connection_power: { value: 12, unit: 'kVA' },
      nominal_service_voltage: { value: 230, unit: 'V' },
    });
    expect(typeof answer.serial_number).toBe('number');
    expect(typeof answer.phase_count).toBe('string');
    expect(typeof (answer.nominal_service_voltage as { value: unknown }).value).toBe('number');
    expect(JSON.stringify(renderAlimentation(CONSUMER))).toMatch(/"serial_number":\d{9},.*"phase_count":"1"/);
  });

  it('gives each side its connection power and omits the other, never null', () => {
    const production = renderAlimentation(PRODUCER);
    expect(production).not.toHaveProperty('consumption_connection_power');
    expect(production.generation_connection_power).toStrictEqual({ value: 36, unit: 'kVA' });
    expect(production.nominal_service_voltage).toStrictEqual({ value: 400, unit: 'V' });
    expect(production.phase_count).toBe('3');
    const both = renderAlimentation(SELF_CONSUMER);
    expect(both.consumption_connection_power).toStrictEqual({ value: 12, unit: 'kVA' });
    expect(both.generation_connection_power).toStrictEqual({ value: 12, unit: 'kVA' });
    for (const p of [CONSUMER, PRODUCER, SELF_CONSUMER, HTA_SITE, point({ segment: 'C4', subscribedPowerKva: null, phaseCount: 3 })]) expectNoNullOrUndefined(wire(renderAlimentation(p)));
  });

  it('answers HTA sites in kW and 20 kV, and a point out of service as cut', () => {
    expect(wire(renderAlimentation({ ...HTA_SITE, status: 'out_of_service' }))).toStrictEqual({
      serial_number: supplySituationNumber('98800004847471'),
      connection_state: 'Coupé',
      voltage_level: 'HTA',
      phase_count: '3',
      consumption_connection_power: { value: 850, unit: 'kW' },
      nominal_service_voltage: { value: 20000, unit: 'V' },
    });
    const bigLowVoltage = renderAlimentation(point({ segment: 'C4', subscribedPowerKva: null, phaseCount: 3 }));
    expect(bigLowVoltage.voltage_level).toBe('BTSUP');
    expect(bigLowVoltage).not.toHaveProperty('consumption_connection_power');
  });
});

describe('subscribed_services/v1 body (decision 22)', () => {
  const refusal = (body: unknown): SubscribedServicesRequestError => {
    try {
      parseSubscribedServicesRequest(body);
    } catch (error) {
      expect(error).toBeInstanceOf(SubscribedServicesRequestError);
      return error as SubscribedServicesRequestError;
    }
    throw new Error(`accepted ${JSON.stringify(body)}`);
  };

  it('accepts autorisationId as a JSON integer or a string of digits', () => {
    expect(parseSubscribedServicesRequest({ autorisationId: 11, comptage: false }).autorisationId).toBe(11);
    expect(parseSubscribedServicesRequest({ autorisationId: '11', comptage: false }).autorisationId).toBe(11);
    expect(parseSubscribedServicesRequest({ autorisationId: '0999999999', comptage: false }).autorisationId).toBe(999_999_999);
    expect(parseSubscribedServicesRequest({ autorisationId: 11.0 }).autorisationId).toBe(11);
  });

  it('refuses any other autorisationId with a 400 {code, message}', () => {
    for (const bad of [1.5, -1, '12a', '', ' 11', '1e3', null, true, {}, [11], '99999999999999999999', Number.MAX_SAFE_INTEGER + 2, Number.NaN]) {
      const error = refusal({ autorisationId: bad, comptage: false });
      expect(error.status).toBe(400);
      expect(error.body).toStrictEqual({ code: 'invalid_request', message: 'Le paramètre autorisationId doit être un entier' });
      // The Data Connect scope renders it like any other refusal of that catalogue.
      expect(error).toBeInstanceOf(DataConnectError);
      expect(error.key).toBe('invalid_request');
    }
  });

  it('takes etatCode as an array or a single string, defaulting to ACTIF and DEMANDE', () => {
    expect(parseSubscribedServicesRequest({ autorisationId: 11, etatCode: ['ACTIF'] }).etatCodes).toEqual(['ACTIF']);
    expect(parseSubscribedServicesRequest({ autorisationId: 11, etatCode: 'TERMINE' }).etatCodes).toEqual(['TERMINE']);
    expect(parseSubscribedServicesRequest({ autorisationId: 11 }).etatCodes).toEqual(['ACTIF', 'DEMANDE']);
    expect(parseSubscribedServicesRequest({ autorisationId: 11, etatCode: [] }).etatCodes).toEqual(['ACTIF', 'DEMANDE']);
    for (const bad of ['actif', ['ACTIF', 'OUVERT'], 3, [3], null]) expect(refusal({ autorisationId: 11, etatCode: bad }).body.message).toMatch(/^Le paramètre etatCode doit contenir/);
  });

  it('reads comptage, defaults and the other criteria, and refuses malformed ones', () => {
    const query = parseSubscribedServicesRequest({ autorisationId: 11, comptage: true });
    expect(query).toStrictEqual({ autorisationId: 11, etatCodes: ['ACTIF', 'DEMANDE'], serviceType: 'ACCES', soutirage: false, injection: false, page: 1, comptage: true });
    expect(parseSubscribedServicesRequest({ autorisationId: 11 }).comptage).toBe(false);
    expect(parseSubscribedServicesRequest({ autorisationId: 11, comptage: 'true' }).comptage).toBe(true);
    expect(parseSubscribedServicesRequest({ pointId: '14000000000001', serviceType: ['ACCES'], mesureTypeCode: 'CDC', page: 0 })).toMatchObject({ pointIds: ['14000000000001'], serviceType: 'ACCES', mesureTypeCodes: ['CDC'], page: 1 });
    expect(refusal({ autorisationId: 11, comptage: 1 }).body.message).toBe('Le paramètre comptage doit être un booléen');
    expect(refusal({ comptage: false }).body.message).toBe('Le paramètre autorisationId, pointId ou siren est obligatoire');
    expect(refusal({ pointId: ['1400000000000'] }).body.message).toMatch(/pointId/);
    expect(refusal({ autorisationId: 11, dateDebut: '2025-02-30' }).body.message).toMatch(/dateDebut/);
    expect(refusal({ autorisationId: 11, serviceType: ['ACCES', 'CCDC'] }).body.message).toMatch(/serviceType/);
    expect(refusal({ autorisationId: 11, page: -1 }).body.message).toMatch(/page/);
  });

  it('reads a body sent as text and refuses one that is not a JSON object', () => {
    expect(parseSubscribedServicesRequest('{"autorisationId": "11", "comptage": false}').autorisationId).toBe(11);
    expect(parseSubscribedServicesRequest(Buffer.from('{"autorisationId": 11}')).autorisationId).toBe(11);
    expect(refusal('{autorisationId: 11}').body.message).toBe("Le corps de la requête n'est pas un JSON valide");
    for (const bad of [null, undefined, 11, [{ autorisationId: 11 }], '[]']) expect(refusal(bad).body.message).toBe('Le corps de la requête doit être un objet JSON');
  });

  it('parses the bodies the known clients send (§11.1)', () => {
    const bodies = [
      { autorisationId: 11, comptage: false },
      { autorisationId: 11, comptage: false, etatCode: ['ACTIF', 'DEMANDE'], serviceType: 'ACCES', autorisation: true },
      { autorisationId: 11, autorisation: true, comptage: false, serviceType: 'ACCES' },
      { autorisationId: 11, etatCode: ['ACTIF'], serviceType: 'ACCES', comptage: false },
      { autorisationId: '11', etatCode: 'ACTIF', serviceType: 'ACCES', comptage: false },
    ];
    for (const body of bodies) {
      const answer = sandboxSubscribedServicesAnswer(parseSubscribedServicesRequest(body))!;
      expect(answer.source, JSON.stringify(body)).toBe('subscribed-services-11.json');
    }
  });
});

describe('subscribed_services/v1 answer', () => {
  const fixture11 = JSON.parse(readFileSync(new URL('../src/dataconnect/customers/fixtures/subscribed-services-11.json', import.meta.url), 'utf8')) as { serviceSouscrit: Record<string, unknown>[] };
  const query = (body: Record<string, unknown>) => parseSubscribedServicesRequest({ comptage: false, ...body });
  const consent = (fields: Partial<Omit<ConsentForServices, 'point'>> & { point?: Partial<ConsentForServices['point']> } = {}): ConsentForServices => ({
    autorisationId: 21, usagePointId: '14000000000001', startDay: day('2025-01-01'), endDay: day('2026-01-01'), state: 'ACTIF', ...fields,
    point: { segment: 'C5', direction: 'consumption', stepSeconds: 1800, loadCurveCollection: 'enabled', ...fields.point },
  });

  it('yields the sandbox services of a C5 consumption consent, in the same order with the same keys', () => {
    const services = servicesOfConsent(consent());
    expect(services.map((s) => [s.mesuresTypeCode, s.mesuresPas, s.soutirage, s.injection])).toEqual([
      ['CDC', 'PT30M', true, false],
      ['PMAX', 'P1D', true, false],
      ['IDX', 'P1D', true, false],
      ['ENERGIE', 'P1D', true, false],
      ['ITC', 'NA', true, false],
    ]);
    services.forEach((service, i) => {
      const recorded = fixture11.serviceSouscrit[i];
      expect(Object.keys(service)).toEqual(Object.keys(recorded));
      expect(Object.keys(service.autorisation)).toEqual(Object.keys(recorded.autorisation as object));
      expect(wire(service)).toStrictEqual({ ...recorded, id: service.id, autorisation: { ...(recorded.autorisation as object), autorisationId: 21 } });
    });
    expect(new Set(services.map((s) => s.id)).size).toBe(5);
  });

  it('follows the point: curve step, opposed curve, production and self-consumption sides, holder and partner SIRENs', () => {
    expect(servicesOfConsent(consent({ point: { stepSeconds: 600 } }))[0].mesuresPas).toBe('PT10M');
    expect(servicesOfConsent(consent({ point: { loadCurveCollection: 'opposed' } })).map((s) => s.mesuresTypeCode)).toEqual(['PMAX', 'IDX', 'ENERGIE', 'ITC']);
    expect(servicesOfConsent(consent({ point: { segment: 'P4', direction: 'production' } })).map((s) => [s.mesuresTypeCode, s.injection])).toEqual([
      ['CDC', true], ['IDX', true], ['ENERGIE', true], ['ITC', true],
    ]);
    const both = servicesOfConsent(consent({ point: { direction: 'both' } }));
    expect(both.map((s) => `${s.mesuresTypeCode}:${s.soutirage ? 'S' : 'I'}`)).toEqual(['CDC:S', 'PMAX:S', 'IDX:S', 'ENERGIE:S', 'CDC:I', 'IDX:I', 'ENERGIE:I', 'ITC:S']);
    const company = servicesOfConsent(consent({ holderSiren: '732829320', partnerSiren: '000000025' }))[0];
    expect(Object.keys(company).slice(8, 11)).toEqual(['pointId', 'sirenTitulaire', 'sirenBeneficiaire']);
    expect([company.sirenTitulaire, company.sirenBeneficiaire]).toEqual(['732829320', '000000025']);
    const ended = servicesOfConsent(consent({ state: 'TERMINE' }))[0];
    expect([ended.etatCode, ended.etatLibelle, ended.autorisation.autorisationLibelle]).toEqual(['TERMINE', 'Terminé', 'DATACONNECT_C5_TERMINE']);
    expect(ended.autorisation).not.toHaveProperty('autorisationStatut');
  });

  it('filters by authorisation, state, point, data type and side; comptage answers only the count', () => {
    const consents = [consent(), consent({ autorisationId: 22, usagePointId: '12655648759651', point: { direction: 'both' } }), consent({ autorisationId: 23, state: 'TERMINE' })];
    expect(buildSubscribedServicesAnswer(query({ autorisationId: 21 }), consents).nbTotalServices).toBe(5);
    expect(buildSubscribedServicesAnswer(query({ autorisationId: 23 }), consents)).toStrictEqual({ nbTotalServices: 0, serviceSouscrit: [] });
    expect(buildSubscribedServicesAnswer(query({ autorisationId: 23, etatCode: 'TERMINE' }), consents).nbTotalServices).toBe(5);
    expect(buildSubscribedServicesAnswer(query({ pointId: ['12655648759651'] }), consents).nbTotalServices).toBe(8);
    expect(buildSubscribedServicesAnswer(query({ autorisationId: 22, injection: true }), consents).serviceSouscrit!.map((s) => s.mesuresTypeCode)).toEqual(['CDC', 'IDX', 'ENERGIE']);
    expect(buildSubscribedServicesAnswer(query({ autorisationId: 22, mesureTypeCode: ['CDC', 'ITC'] }), consents).nbTotalServices).toBe(3);
    expect(buildSubscribedServicesAnswer(query({ autorisationId: 22, serviceType: 'CCDC' }), consents).nbTotalServices).toBe(0);
    expect(buildSubscribedServicesAnswer(query({ autorisationId: 22, autorisation: false }), consents).nbTotalServices).toBe(0);
    expect(buildSubscribedServicesAnswer(query({ autorisationId: 21, dateDebut: '2025-01-02' }), consents).nbTotalServices).toBe(0);
    expect(buildSubscribedServicesAnswer(query({ autorisationId: 21, dateFin: '2026-01-01' }), consents).nbTotalServices).toBe(5);
    const counted = buildSubscribedServicesAnswer(query({ pointId: '14000000000001', comptage: true }), consents);
    expect(JSON.stringify(counted)).toBe('{"nbTotalServices":5}');
  });

  it('pages by 100 services and counts them all', () => {
    const many = Array.from({ length: 60 }, (_, i) => consent({ autorisationId: 1000 + i }));
    const page = (n: number) => buildSubscribedServicesAnswer(query({ pointId: '14000000000001', page: n }), many);
    expect(page(1).nbTotalServices).toBe(300);
    expect(page(1).serviceSouscrit).toHaveLength(100);
    expect(page(3).serviceSouscrit![99].autorisation.autorisationId).toBe(1059);
    expect(page(4)).toStrictEqual({ nbTotalServices: 300, serviceSouscrit: [] });
  });
});

describe('2026 sandbox replay (decision 21)', () => {
  const COPY = new URL('../src/dataconnect/customers/fixtures/', import.meta.url);
  const SHARED = new URL('../../shared/reference/dataconnect-fixtures/2026/', import.meta.url);
  // The digests of the reference payloads: the copies stay byte-identical even where the reference folder is absent.
  const DIGESTS: Record<string, string> = {
    'alimentation.json': 'fadc664bce5da9931ff83bce216f4908626e7b199b5fe229e1ccc28d4e3c9a40',
    'dcmp-pma.json': 'c4a81f76fff96dbcfa6fd4d4c3195ed13bb1c3f9457320cb8bddd9364d678af1',
    'dcmp-tout.json': '67555dc3fb474a6665190595d8cb4b9523e4529048b08a16e020fdc5becc0ac6',
    'donnees-generales.json': '484ea3afc0f476dcd2686353966cac6bd339e5dfaa633a9af83bcb142143595e',
    'situation-contrat-11111111111111.json': 'd11d633206bebefeb04db639058a7183d84101df85a2b68439b7cab66b2ea69c',
    'situation-contrat-14000000000001.json': 'bd25c7f7a3503e8e23d106a0004f11c4c4ff0b31dc095f5a41e07227a6f98069',
    'situation-contrat-99999999999999.json': '4c57ab0613ee18c0f2eebb8bb6695e2ab5381d48a78d16e7fedb18a90bfcde13',
    'subscribed-services-10.json': 'd55b9ebe3d2e9480040243e0f47489c72330ca404fb6025d538ef6bee55aaf2a',
    'subscribed-services-11.json': 'd816a68ce82520a719de4260ff3ed8ff3c57a1adbb8a3ca8e0594e7108f8b683',
    'synth-contrat.json': '9461f66701017e6553f9ed8f95bdfc22c273e679535ba9297ccf932c6fe21cdc',
  };
  const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
  const served = (file: string): Buffer => readFileSync(new URL(file, COPY));

  it('keeps copies byte-identical to the reference payloads', () => {
    for (const [file, digest] of Object.entries(DIGESTS)) expect(sha256(served(file)), file).toBe(digest);
  });

  it.skipIf(!existsSync(SHARED))('serves bytes identical to the files under shared/reference', () => {
    const answers: [string, Buffer | undefined][] = [
      ...['99999999999999', '11111111111111', '14000000000001'].map((prm): [string, Buffer | undefined] => [`situation-contrat-${prm}.json`, sandboxItcAnswer('situation_contrat_auto', prm)?.bytes]),
      ['synth-contrat.json', sandboxItcAnswer('synth_contrat_auto', '99999999999999')?.bytes],
      ['donnees-generales.json', sandboxItcAnswer('donnees_generales_auto', '14000000000001')?.bytes],
      ['alimentation.json', sandboxItcAnswer('alimentation_auto', '11111111111111')?.bytes],
      ['dcmp-pma.json', sandboxMaxPowerAnswer({ usagePointId: '99999999999999', start: '2025-05-01', end: '2025-07-14', measuringPeriod: 'P1D', grandeurPhysique: 'PMA' })?.bytes],
      ['dcmp-tout.json', sandboxMaxPowerAnswer({ usagePointId: '11111111111111', start: '2025-05-01', end: '2025-07-14', measuringPeriod: 'P1D', grandeurPhysique: 'TOUT' })?.bytes],
      ['subscribed-services-10.json', sandboxSubscribedServicesAnswer(parseSubscribedServicesRequest({ autorisationId: 10, comptage: false }))?.bytes],
      ['subscribed-services-11.json', sandboxSubscribedServicesAnswer(parseSubscribedServicesRequest({ autorisationId: 11, comptage: false }))?.bytes],
    ];
    expect(answers.map(([file]) => file).sort()).toEqual(Object.keys(DIGESTS).sort());
    for (const [file, bytes] of answers) {
      expect(bytes, file).toBeDefined();
      expect(Buffer.compare(bytes!, readFileSync(new URL(file, SHARED))), file).toBe(0);
    }
  });

  it('maps each ITC API and sandbox PRM to its payload, and nothing else', () => {
    const source = (api: ItcApi, prm: string) => sandboxItcAnswer(api, prm)?.source;
    expect(source('situation_contrat_auto', '99999999999999')).toBe('situation-contrat-99999999999999.json');
    expect(source('situation_contrat_auto', '11111111111111')).toBe('situation-contrat-11111111111111.json');
    expect(source('situation_contrat_auto', '14000000000001')).toBe('situation-contrat-14000000000001.json');
    expect(source('synth_contrat_auto', '99999999999999')).toBe('synth-contrat.json');
    expect(source('synth_contrat_auto', '14000000000001')).toBe('synth-contrat.json');
    expect(source('synth_contrat_auto', '11111111111111')).toBeUndefined();
    for (const prm of ['99999999999999', '11111111111111', '14000000000001']) {
      expect(source('donnees_generales_auto', prm)).toBe('donnees-generales.json');
      expect(source('alimentation_auto', prm)).toBe('alimentation.json');
      expect(source('comptage_auto', prm)).toBeUndefined();
    }
    for (const api of ['situation_contrat_auto', 'synth_contrat_auto', 'donnees_generales_auto', 'alimentation_auto'] as const) expect(source(api, '22516914714270')).toBeUndefined();
  });

  it('replays the Mesures V1 max power payloads only for the recorded requests', () => {
    const recorded = { start: '2025-05-01', end: '2025-07-14', measuringPeriod: 'P1D' as const };
    expect(sandboxMaxPowerAnswer({ ...recorded, usagePointId: '99999999999999', grandeurPhysique: 'PMA' })?.source).toBe('dcmp-pma.json');
    expect(sandboxMaxPowerAnswer({ ...recorded, usagePointId: '11111111111111', grandeurPhysique: 'TOUT' })?.source).toBe('dcmp-tout.json');
    expect(sandboxMaxPowerAnswer({ ...recorded, usagePointId: '99999999999999', grandeurPhysique: 'TOUT' })).toBeUndefined();
    expect(sandboxMaxPowerAnswer({ ...recorded, usagePointId: '11111111111111', grandeurPhysique: 'PMA' })).toBeUndefined();
    expect(sandboxMaxPowerAnswer({ ...recorded, usagePointId: '99999999999999', grandeurPhysique: 'PMA', start: '2025-05-02' })).toBeUndefined();
    expect(sandboxMaxPowerAnswer({ ...recorded, usagePointId: '99999999999999', grandeurPhysique: 'PMA', end: '2025-07-15' })).toBeUndefined();
    expect(sandboxMaxPowerAnswer({ ...recorded, usagePointId: '99999999999999', grandeurPhysique: 'PMA', measuringPeriod: 'P1M' })).toBeUndefined();
    expect(sandboxMaxPowerAnswer({ ...recorded, usagePointId: '14000000000001', grandeurPhysique: 'PMA' })).toBeUndefined();
  });

  it('answers authorisations 10 and 11 from their payloads; comptage and narrower queries from the same services', () => {
    const answer = (body: Record<string, unknown>) => sandboxSubscribedServicesAnswer(parseSubscribedServicesRequest(body));
    const file10 = served('subscribed-services-10.json');
    expect(answer({ autorisationId: 10, comptage: false })!.bytes.equals(file10)).toBe(true);
    expect(answer({ autorisationId: '10', comptage: true })!.bytes.equals(file10)).toBe(true);
    expect(JSON.parse(file10.toString('utf8'))).toStrictEqual({ nbTotalServices: 0 });

    expect(answer({ autorisationId: 11, comptage: true })!.bytes.toString('utf8')).toBe('{"nbTotalServices":5}');
    const curveOnly = answer({ autorisationId: 11, comptage: false, mesureTypeCode: 'CDC' })!;
    expect(curveOnly.source).toBe('derived');
    const recorded = JSON.parse(served('subscribed-services-11.json').toString('utf8')) as { serviceSouscrit: unknown[] };
    expect(JSON.parse(curveOnly.bytes.toString('utf8'))).toStrictEqual({ nbTotalServices: 1, serviceSouscrit: [recorded.serviceSouscrit[0]] });
    expect(JSON.parse(answer({ autorisationId: 11, etatCode: 'TERMINE' })!.bytes.toString('utf8'))).toStrictEqual({ nbTotalServices: 0, serviceSouscrit: [] });

    expect(answer({ autorisationId: 12, comptage: false })).toBeUndefined();
    expect(answer({ pointId: '14000000000001', comptage: false })).toBeUndefined();
  });
});
