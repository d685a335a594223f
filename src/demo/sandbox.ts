import type { Insertable } from 'kysely';
import type { ContractRow, CustomerRow, UsagePointRow } from '../grid/grid.tables.ts';
import { parseIsoDate, type DayNumber } from '../platform/time/local-day.ts';
import { demoBalanceResponsible } from './parties.ts';
import type { Traits } from './profiles.ts';

/**
 * The usage points of the Enedis sandbox, under their documented PRMs, with
 * the behaviour each is documented to simulate (enedis-data-connect.md §10),
 * and the three PRMs of the 2026 sandbox (§11.5, decision 21). Their
 * magnitudes are fixed here so that the data is the same under every seed
 * except for the weather and the noise.
 */

export interface SandboxProfile {
  /** Last digit of `state` that selects this fake customer on the v1 consent page; null for the 2026 PRMs. */
  stateDigit: number | null;
  usagePointIds: string[];
  description: string;
  customerId: string;
}

export interface SandboxBehaviour {
  /** Weekdays without any data (bit 0 = Monday). */
  gapWeekdays: number;
  traits: Partial<Traits>;
}

const day = (iso: string): DayNumber => parseIsoDate(iso)!;

const TUESDAY_AND_WEDNESDAY = (1 << 1) | (1 << 2);

const HEATED_HOUSE: Partial<Traits> = {
  kind: 'residential', activity: 'home', baseW: 180, activityWh: 4500, heatLossWPerK: 150, coolingWPerK: 0,
  hotWaterW: 2200, hotWaterWh: 3500, evW: 0, evWh: 0, evDays: 0, pvPeakW: 0, takesHolidays: true,
};
const UNHEATED_HOUSE: Partial<Traits> = { ...HEATED_HOUSE, heatLossWPerK: 0, hotWaterWh: 3000 };

interface SandboxPoint {
  row: UsagePointRow;
  traits: Partial<Traits>;
  gapWeekdays?: number;
  contract: Omit<Insertable<ContractRow>, 'usagePointId' | 'balanceResponsibleId'>;
}

type Address = Pick<UsagePointRow, 'street' | 'postalCode' | 'inseeCode' | 'city' | 'latitude' | 'longitude'>;

function linky(id: string, address: Address, fields: Partial<UsagePointRow>): UsagePointRow {
  return {
    id, energy: 'electricity', ...address, segment: 'C5', meterType: 'AMM', phaseCount: 1, subscribedPowerKva: 9, tariffOption: 'HC',
    offpeakHours: 'HC (22H30-6H30)', stepSeconds: 1800, direction: 'consumption', status: 'in_service', lastActivationDay: day('2016-06-01'),
    loadCurveCollection: 'enabled', ...fields,
  };
}

function residentialContract(customerId: string, startIso: string, fields: Partial<Insertable<ContractRow>> = {}): SandboxPoint['contract'] {
  return { customerId, supplierId: 'SUP-LUMIVOLT', startDay: day(startIso), endDay: null, contractType: 'Contrat unique', distributionTariff: 'BTINFMUDT', lastTariffChangeDay: null, ...fields };
}

// The first address is the one of Enedis's own Swagger example for this customer id.
const MAULICHERES: Address = { street: '2 bis rue du capitaine Flam', postalCode: '32400', inseeCode: '32244', city: 'Maulichères', latitude: 43.687253, longitude: -0.087957 };
const TOURS: Address = { street: '12 rue des Lilas', postalCode: '37000', inseeCode: '37261', city: 'Tours', latitude: null, longitude: null };
const GRENOBLE: Address = { street: '5 avenue Jean Jaurès', postalCode: '38100', inseeCode: '38185', city: 'Grenoble', latitude: null, longitude: null };
const MONTPELLIER: Address = { street: '8 chemin des Vignes', postalCode: '34070', inseeCode: '34172', city: 'Montpellier', latitude: null, longitude: null };
const LILLE: Address = { street: "3 place de l'Église", postalCode: '59000', inseeCode: '59350', city: 'Lille', latitude: null, longitude: null };
const BORDEAUX: Address = { street: 'Lieu-dit Les Landes', postalCode: '33300', inseeCode: '33063', city: 'Bordeaux', latitude: null, longitude: null };
const NIMES: Address = { street: '21 rue du Soleil', postalCode: '30900', inseeCode: '30189', city: 'Nîmes', latitude: null, longitude: null };
const NANTES: Address = { street: '10 rue Victor Hugo', postalCode: '44000', inseeCode: '44109', city: 'Nantes', latitude: null, longitude: null };
const NANTES_FLAT: Address = { ...NANTES, street: '4 quai de la Fosse, appartement 12' };
const NANTES_WORKSHOP: Address = { ...NANTES, street: '10 bis rue Victor Hugo, atelier' };
const STRASBOURG: Address = { street: '7 impasse des Roses', postalCode: '67000', inseeCode: '67482', city: 'Strasbourg', latitude: null, longitude: null };
// 2026 sandbox: the customer address of the situation-contrat fixtures, and the "rue du test" of donnees-generales.
const RENNES: Address = { street: '4 rue Henri Fréville', postalCode: '35200', inseeCode: '35238', city: 'Rennes', latitude: null, longitude: null };
const PARIS_TEST: Address = { street: '1 rue du test', postalCode: '75001', inseeCode: '75056', city: 'Paris', latitude: null, longitude: null };

const POINTS: SandboxPoint[] = [
  {
    row: linky('22516914714270', MAULICHERES, { lastActivationDay: day('2015-12-01'), offpeakHours: 'HC (23H00-7H30)' }),
    traits: HEATED_HOUSE,
    contract: residentialContract('1358019319', '2015-12-01'),
  },
  { row: linky('11453290002823', TOURS, { lastActivationDay: day('2019-08-27') }), traits: HEATED_HOUSE, contract: residentialContract('1000000101', '2019-08-27') },
  { row: linky('32320647321714', GRENOBLE, { loadCurveCollection: 'opposed', subscribedPowerKva: 6 }), traits: UNHEATED_HOUSE, contract: residentialContract('1000000102', '2017-03-15') },
  { row: linky('12345678901234', MONTPELLIER, { lastActivationDay: day('2017-05-02') }), traits: UNHEATED_HOUSE, contract: residentialContract('1000000103', '2017-05-02') },
  {
    row: linky('10284856584123', MONTPELLIER, { segment: 'P4', direction: 'production', tariffOption: null, offpeakHours: null, subscribedPowerKva: 3, lastActivationDay: day('2018-04-10') }),
    traits: { kind: 'producer', pvPeakW: 3000, pvYield: 0.86 },
    contract: residentialContract('1000000103', '2018-04-10', { contractType: 'CRAE', distributionTariff: null }),
  },
  {
    row: linky('42900589957123', LILLE, { lastActivationDay: day('2017-09-12') }),
    traits: HEATED_HOUSE,
    gapWeekdays: TUESDAY_AND_WEDNESDAY,
    contract: residentialContract('1000000104', '2017-09-12'),
  },
  {
    row: linky('24880057139941', BORDEAUX, { segment: 'P4', direction: 'production', tariffOption: null, offpeakHours: null, subscribedPowerKva: 9, lastActivationDay: day('2018-07-02') }),
    traits: { kind: 'producer', pvPeakW: 9000, pvYield: 0.88 },
    contract: residentialContract('1000000105', '2018-07-02', { contractType: 'CRAE', distributionTariff: null }),
  },
  {
    row: linky('12655648759651', NIMES, { direction: 'both', lastActivationDay: day('2019-04-23') }),
    traits: { ...HEATED_HOUSE, kind: 'self_consumption', heatLossWPerK: 0, pvPeakW: 4500, pvYield: 0.87 },
    contract: residentialContract('1000000106', '2019-04-23'),
  },
  {
    row: linky('64975835695673', NANTES, { subscribedPowerKva: 12, lastActivationDay: day('2017-01-16') }),
    traits: { ...HEATED_HOUSE, hotWaterW: 0, hotWaterWh: 0, evW: 7400, evWh: 12_000, evSmart: true, evDays: 0b0011111 },
    contract: residentialContract('1000000107', '2017-01-16'),
  },
  {
    row: linky('63695879465986', NANTES_FLAT, { subscribedPowerKva: 6, tariffOption: 'BASE', offpeakHours: null, lastActivationDay: day('2017-01-18') }),
    traits: { ...UNHEATED_HOUSE, baseW: 100, activityWh: 2500, heatLossWPerK: 70, hotWaterW: 0, hotWaterWh: 0 },
    contract: residentialContract('1000000107', '2017-01-18', { distributionTariff: 'BTINFCUST' }),
  },
  {
    row: linky('22315546958763', NANTES_WORKSHOP, { subscribedPowerKva: 12, phaseCount: 3, tariffOption: 'BASE', offpeakHours: null, lastActivationDay: day('2017-02-01') }),
    traits: { kind: 'professional', activity: 'industry', baseW: 1500, activityWh: 100_000, heatLossWPerK: 0, hotWaterW: 0, hotWaterWh: 0, evW: 0, pvPeakW: 0, takesHolidays: true },
    contract: residentialContract('1000000107', '2017-02-01', { distributionTariff: 'BTINFCUST' }),
  },
  { row: linky('26584978546985', STRASBOURG, { lastActivationDay: day('2018-11-05') }), traits: HEATED_HOUSE, contract: residentialContract('1000000108', '2018-11-05') },
  {
    row: linky('99999999999999', RENNES, {
      segment: 'C1', meterType: 'ICE4Q', phaseCount: 3, subscribedPowerKva: 850, tariffOption: 'PEAK_SEASONAL', offpeakHours: 'HC (22H00-6H00)', stepSeconds: 600, lastActivationDay: day('2021-03-01'),
    }),
    traits: { kind: 'professional', activity: 'industry', baseW: 110_000, activityWh: 6_400_000, heatLossWPerK: 0, coolingWPerK: 0, hotWaterW: 0, hotWaterWh: 0, evW: 0, pvPeakW: 0, takesHolidays: true, peakW: 760_000 },
    contract: { customerId: '1000000201', supplierId: 'SUP-ARDOISE', startDay: day('2021-01-01'), endDay: null, contractType: 'Contrat X', distributionTariff: 'HTALU5', lastTariffChangeDay: null },
  },
  {
    row: linky('11111111111111', RENNES, {
      segment: 'C2', meterType: 'ICE4Q', phaseCount: 3, subscribedPowerKva: 47, tariffOption: 'PEAK_SEASONAL', offpeakHours: 'HC (22H00-6H00)', stepSeconds: 600, direction: 'both', lastActivationDay: day('2021-03-01'),
    }),
    traits: { kind: 'self_consumption', activity: 'industry', baseW: 6000, activityWh: 380_000, heatLossWPerK: 0, coolingWPerK: 0, hotWaterW: 0, hotWaterWh: 0, evW: 0, pvPeakW: 300_000, pvYield: 0.85, takesHolidays: true, peakW: 40_000 },
    contract: { customerId: '1000000202', supplierId: 'SUP-ARDOISE', startDay: day('2020-06-01'), endDay: null, contractType: 'Contrat X', distributionTariff: 'HTACU5', lastTariffChangeDay: day('2022-01-02') },
  },
  {
    row: linky('14000000000001', PARIS_TEST, { tariffOption: 'BASE', offpeakHours: null, lastActivationDay: day('2023-09-01') }),
    traits: { ...UNHEATED_HOUSE, hotWaterW: 0, hotWaterWh: 0, activityWh: 4000 },
    contract: residentialContract('1000000203', '2023-09-01', { distributionTariff: 'BTINFCUST' }),
  },
];

function person(id: string, title: string, firstName: string, lastName: string, phone: string): CustomerRow {
  const email = `${firstName}.${lastName}`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z.]/g, '');
  return { id, kind: 'person', title, firstName, lastName, companyName: null, siret: null, email: `${email}@example.com`, phone };
}

function company(id: string, name: string, siret: string, phone: string): CustomerRow {
  return { id, kind: 'company', title: null, firstName: null, lastName: null, companyName: name, siret, email: 'contact@test.example.com', phone };
}

// Identities are fictitious; the phone numbers are in the ranges ARCEP reserves for fiction.
const CUSTOMERS: CustomerRow[] = [
  person('1358019319', 'Mme', 'Sandra', 'Thie', '0536490101'),
  person('1000000101', 'M.', 'Lucas', 'Morel', '0465710102'),
  person('1000000102', 'Mme', 'Chloé', 'Garnier', '0465710103'),
  person('1000000103', 'M.', 'Hugo', 'Lefèvre', '0465710104'),
  person('1000000104', 'Mme', 'Léa', 'Rousseau', '0353010105'),
  person('1000000105', 'M.', 'Nathan', 'Fabre', '0536490106'),
  person('1000000106', 'Mme', 'Manon', 'Girard', '0465710107'),
  person('1000000107', 'M.', 'Louis', 'Bonnet', '0261910108'),
  person('1000000108', 'Mme', 'Emma', 'Faure', '0353010109'),
  company('1000000201', 'TEST', '00000000000000', '0261910201'),
  company('1000000202', 'TEST', '00000000000000', '0261910202'),
  person('1000000203', 'Mme', 'Camille', 'Test', '0639980203'),
];

export const SANDBOX_PROFILES: readonly SandboxProfile[] = [
  { stateDigit: 0, usagePointIds: ['22516914714270'], customerId: '1358019319', description: 'one consumption PRM, load curve enabled, complete data, meter installed at the start of the Linky roll-out (2015-12-01)' },
  { stateDigit: 1, usagePointIds: ['11453290002823'], customerId: '1000000101', description: 'one consumption PRM, load curve enabled, complete data, meter commissioned 2019-08-27 (earlier periods answer ADAM-ERR0123)' },
  { stateDigit: 2, usagePointIds: ['32320647321714'], customerId: '1000000102', description: 'one consumption PRM, load curve not enabled (opposed), complete daily data' },
  { stateDigit: 3, usagePointIds: ['12345678901234', '10284856584123'], customerId: '1000000103', description: 'one consumption PRM and one production PRM, both with load curves' },
  { stateDigit: 4, usagePointIds: ['42900589957123'], customerId: '1000000104', description: 'one consumption PRM, load curve enabled, no data on any Tuesday or Wednesday' },
  { stateDigit: 5, usagePointIds: ['24880057139941'], customerId: '1000000105', description: 'one production-only PRM (9 kWp of solar panels) with load curve' },
  { stateDigit: 6, usagePointIds: ['12655648759651'], customerId: '1000000106', description: 'self-consumption PRM: consumption and production curves, at each point the net value on one side and 0 on the other' },
  { stateDigit: 7, usagePointIds: ['64975835695673', '63695879465986', '22315546958763'], customerId: '1000000107', description: 'three consumption PRMs with load curves (a house with an electric car, a flat, a workshop)' },
  { stateDigit: 8, usagePointIds: ['26584978546985'], customerId: '1000000108', description: 'one consumption PRM; the customer gives consent then revokes it at once (ADAM-DC-0008)' },
  { stateDigit: null, usagePointIds: ['99999999999999'], customerId: '1000000201', description: '2026 sandbox: C1 (HTA, 850 kW) consumption site' },
  { stateDigit: null, usagePointIds: ['11111111111111'], customerId: '1000000202', description: '2026 sandbox: C2 consumption and P1 production (300 kWp), three-phase' },
  { stateDigit: null, usagePointIds: ['14000000000001'], customerId: '1000000203', description: '2026 sandbox: C5 "Tarif Bleu" 9 kVA, five services subscribed under autorisationId 11' },
];

export const SANDBOX_USAGE_POINT_IDS: ReadonlySet<string> = new Set(POINTS.map((p) => p.row.id));
export const SANDBOX_CUSTOMER_IDS: ReadonlySet<string> = new Set(CUSTOMERS.map((c) => c.id));

const BEHAVIOURS = new Map<string, SandboxBehaviour>(POINTS.map((p) => [p.row.id, { gapWeekdays: p.gapWeekdays ?? 0, traits: p.traits }]));

/** The documented behaviour of a sandbox point; undefined for every other point. */
export function sandboxBehaviour(usagePointId: string): SandboxBehaviour | undefined {
  return BEHAVIOURS.get(usagePointId);
}

/** The sandbox part of the demo network; the C1 and C2 contracts name the demo balance responsible party, as the other demo contracts of their segments do. */
export function sandboxNetwork(): { customers: CustomerRow[]; usagePoints: UsagePointRow[]; contracts: Insertable<ContractRow>[] } {
  return {
    customers: CUSTOMERS.map((c) => ({ ...c })),
    usagePoints: POINTS.map((p) => ({ ...p.row })),
    contracts: POINTS.map((p) => ({ ...p.contract, usagePointId: p.row.id, balanceResponsibleId: demoBalanceResponsible(p.row) })),
  };
}
