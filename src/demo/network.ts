import communesData from '@etalab/decoupage-administratif/data/communes.json' with { type: 'json' };
import type { Insertable } from 'kysely';
import type { ContractRow, CustomerRow, MarketPartyRow, UsagePointRow } from '../grid/grid.tables.ts';
import { parseIsoDate, type DayNumber } from '../platform/time/local-day.ts';
import { asciiSlug, businessName, personName, streetAddress } from './names.ts';
import { DEMO_PARTIES, demoBalanceResponsible, ELECTRICITY_SUPPLIERS, GAS_SUPPLIERS } from './parties.ts';
import { outOfServiceDay, pointTraits, type Traits } from './profiles.ts';
import { hash3, hashString, Random, SALT } from './random.ts';
import { SANDBOX_CUSTOMER_IDS, SANDBOX_USAGE_POINT_IDS, sandboxNetwork } from './sandbox.ts';
import { OFFPEAK_CHOICES, OFFPEAK_WHOLE_HOURS } from './tariffs.ts';

/**
 * The demo network: a pure function of (seed, electricity points, gas
 * points). Point i depends only on the seed and i (gas points also on the
 * electricity count, for households with both energies), so a bigger
 * network keeps the points of a smaller one. Usage points sit in real
 * mainland communes picked in proportion to their population; customers,
 * streets and businesses are fictitious. The sandbox points come on top.
 */
export interface DemoNetwork {
  parties: MarketPartyRow[];
  customers: CustomerRow[];
  usagePoints: UsagePointRow[];
  contracts: Insertable<ContractRow>[];
}

interface Commune {
  code: string;
  nom: string;
  departement: string;
  region: string;
  codesPostaux: string[];
  population: number;
}

interface RawCommune extends Partial<Commune> {
  type: string;
  zone: string;
}

// Corsica and the overseas departments have their own distribution operators.
const COMMUNES: Commune[] = (communesData as RawCommune[]).filter(
  (c): c is RawCommune & Commune => c.type === 'commune-actuelle' && c.zone === 'metro' && c.departement !== '2A' && c.departement !== '2B' && (c.population ?? 0) > 0 && (c.codesPostaux?.length ?? 0) > 0,
);

/** Running population totals for picking a commune in proportion to its inhabitants; gas only reaches towns. */
function cumulative(filter: (c: Commune) => boolean): { communes: Commune[]; totals: Float64Array } {
  const communes = COMMUNES.filter(filter);
  const totals = new Float64Array(communes.length);
  let sum = 0;
  communes.forEach((c, i) => (totals[i] = sum += c.population));
  return { communes, totals };
}

let electricityCommunes: ReturnType<typeof cumulative> | undefined;
let gasCommunes: ReturnType<typeof cumulative> | undefined;

function pickCommune(r: Random, energy: 'electricity' | 'gas'): Commune {
  const table = energy === 'gas' ? (gasCommunes ??= cumulative((c) => c.population >= 2000)) : (electricityCommunes ??= cumulative(() => true));
  const u = r.float() * table.totals[table.totals.length - 1];
  let lo = 0;
  let hi = table.totals.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (table.totals[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return table.communes[lo];
}

const day = (iso: string): DayNumber => parseIsoDate(iso)!;
const LINKY_FROM = day('2015-12-01');
const LINKY_TO = day('2021-12-31');
const NEW_FROM = day('2022-01-01');
const LATEST_EVENT = day('2025-12-31');
const MOVES_FROM = day('2019-01-01');

function dayBetween(r: Random, from: DayNumber, to: DayNumber): DayNumber {
  return from + r.int(Math.max(1, to - from + 1));
}

const KVA_C5 = [3, 6, 9, 12, 15, 18, 24, 30, 36];
const KVA_P4 = [3, 6, 9, 12, 18, 24, 36];

type Kind = 'C5:consumption' | 'C5:both' | 'P4:production' | 'C4:consumption' | 'C2:consumption';
const KINDS: readonly (readonly [Kind, number])[] = [
  ['C5:consumption', 90.5],
  ['C5:both', 3],
  ['P4:production', 3.5],
  ['C4:consumption', 2.5],
  ['C2:consumption', 0.5],
];

interface Built {
  row: UsagePointRow;
  traits: Traits;
  customer: CustomerRow;
  paired: boolean;
}

export function buildNetwork(seed: string, electricityPoints: number, gasPoints: number): DemoNetwork {
  const seedHash = hashString(seed);
  const usedPoints = new Set(SANDBOX_USAGE_POINT_IDS);
  const usedCustomers = new Set(SANDBOX_CUSTOMER_IDS);
  const sandbox = sandboxNetwork();
  const customers = new Map<string, CustomerRow>(sandbox.customers.map((c) => [c.id, c]));
  const usagePoints: UsagePointRow[] = [...sandbox.usagePoints];
  const contracts: Insertable<ContractRow>[] = [...sandbox.contracts];
  const electricity: Built[] = [];

  for (let i = 0; i < electricityPoints; i++) {
    const r = new Random(hash3(seedHash, SALT.network, i));
    const [segment, direction] = r.weighted(KINDS).split(':') as [string, UsagePointRow['direction']];
    const id = uniqueId(usedPoints, new Random(hash3(seedHash, SALT.prm, i)), (g) => g.digits(14));
    const traits = pointTraits(seed, id, 'electricity', segment, direction);
    const business = traits.kind === 'professional';
    const commune = pickCommune(r, 'electricity');
    const previous = electricity[i - 1];
    // A few households hold a second point (a second home, a garage).
    const customer =
      !business && previous && previous.customer.kind === 'person' && r.chance(0.03)
        ? previous.customer
        : newCustomer(r, usedCustomers, new Random(hash3(seedHash, SALT.customer, i)), business, traits, commune);
    customers.set(customer.id, customer);
    const row = electricityPoint(r, id, segment, direction, traits, commune, business);
    row.status = r.chance(0.01) && row.lastActivationDay < outOfServiceDay(seed, id) - 180 ? 'out_of_service' : 'in_service';
    usagePoints.push(row);
    contracts.push(...contractHistory(r, seed, row, customer.id, usedCustomers, customers, seedHash, i, business));
    electricity.push({ row, traits, customer, paired: false });
  }

  for (let j = 0; j < gasPoints; j++) {
    const r = new Random(hash3(seedHash, SALT.network ^ 0x6a5, j));
    const segment = r.weighted([['T1', 8], ['T2', 80], ['T3', 10], ['T4', 2]] as const);
    const business = segment === 'T3' || segment === 'T4';
    const ids = new Random(hash3(seedHash, SALT.pce, j));
    const id = uniqueId(usedPoints, ids, (g) => (g.chance(business ? 0.6 : 0.05) ? `GI${1 + g.int(8)}${g.digits(5)}` : `${1 + g.int(2)}${g.digits(13)}`));
    const traits = pointTraits(seed, id, 'gas', segment, 'consumption');
    // Most gas households also have one of our electricity points, at the same address, heated by gas.
    const partner = business ? undefined : pairWith(r, electricity);
    const commune = partner ? undefined : pickCommune(r, 'gas');
    const customer = partner?.customer ?? newCustomer(r, usedCustomers, new Random(hash3(seedHash, SALT.customer ^ 0x6a5, j)), business, traits, commune!);
    customers.set(customer.id, customer);
    const address = partner
      ? { street: partner.row.street, postalCode: partner.row.postalCode, inseeCode: partner.row.inseeCode, city: partner.row.city }
      : { street: streetAddress(r, business), postalCode: r.pick(commune!.codesPostaux), inseeCode: commune!.code, city: commune!.nom };
    const row: UsagePointRow = {
      id, energy: 'gas', ...address, latitude: null, longitude: null, segment, meterType: 'GAZPAR', phaseCount: 1, subscribedPowerKva: null, tariffOption: null,
      offpeakHours: null, stepSeconds: 86_400, direction: 'consumption', status: 'in_service',
      lastActivationDay: r.chance(0.9) ? dayBetween(r, day('2017-01-02'), day('2022-12-31')) : dayBetween(r, day('2023-01-02'), day('2025-06-30')), loadCurveCollection: 'enabled',
    };
    usagePoints.push(row);
    contracts.push(...contractHistory(r, seed, row, customer.id, usedCustomers, customers, seedHash, 1_000_000 + j, business));
  }

  return { parties: DEMO_PARTIES.map((p) => ({ ...p })), customers: [...customers.values()], usagePoints, contracts };
}

function uniqueId(used: Set<string>, r: Random, make: (r: Random) => string): string {
  for (;;) {
    const id = make(r);
    if (!used.has(id) && !/^(\d)\1+$/.test(id)) {
      used.add(id);
      return id;
    }
  }
}

function pairWith(r: Random, electricity: Built[]): Built | undefined {
  if (electricity.length === 0 || !r.chance(0.55)) return undefined;
  const start = r.int(electricity.length);
  for (let k = 0; k < Math.min(200, electricity.length); k++) {
    const candidate = electricity[(start + k) % electricity.length];
    if (!candidate.paired && candidate.traits.kind === 'residential' && candidate.traits.heatLossWPerK === 0 && candidate.row.status === 'in_service') {
      candidate.paired = true;
      return candidate;
    }
  }
  return undefined;
}

function electricityPoint(r: Random, id: string, segment: string, direction: UsagePointRow['direction'], traits: Traits, commune: Commune, business: boolean): UsagePointRow {
  const large = segment === 'C4' || segment === 'C2';
  const step = large ? r.weighted([[600, 85], [900, 5], [3600, 10]] as const) : r.weighted([[1800, 92], [600, 4], [900, 2], [3600, 2]] as const);
  const kva = subscribedPower(r, segment, traits);
  const timeOfUse = traits.hotWaterW > 0 || traits.heatLossWPerK > 0 || traits.evW > 0;
  const tariffOption =
    segment === 'C4' ? 'HC_SEASONAL' : segment === 'C2' ? 'PEAK_SEASONAL' : direction === 'production' ? null : r.chance(business ? 0.5 : timeOfUse ? 0.85 : 0.2) ? 'HC' : 'BASE';
  const offpeakHours = tariffOption && tariffOption !== 'BASE' ? r.weighted(step === 3600 ? OFFPEAK_WHOLE_HOURS : OFFPEAK_CHOICES) : null;
  const activation =
    large ? dayBetween(r, day('2012-01-02'), LINKY_TO)
    : direction === 'production' ? dayBetween(r, day('2012-01-02'), day('2025-06-30'))
    : direction === 'both' ? dayBetween(r, MOVES_FROM, day('2025-06-30'))
    : r.chance(0.88) ? dayBetween(r, LINKY_FROM, LINKY_TO) : dayBetween(r, NEW_FROM, day('2025-06-30'));
  return {
    id, energy: 'electricity', street: streetAddress(r, business), postalCode: r.pick(commune.codesPostaux), inseeCode: commune.code, city: commune.nom,
    // The commune list carries no coordinates; an address without them is better than a made-up position.
    latitude: null, longitude: null,
    segment, meterType: segment === 'C4' ? 'PMEI' : segment === 'C2' ? 'ICE4Q' : 'AMM',
    phaseCount: large || kva > 12 || (direction === 'production' && kva > 6) || r.chance(0.1) ? 3 : 1,
    subscribedPowerKva: kva, tariffOption, offpeakHours, stepSeconds: step, direction, status: 'in_service', lastActivationDay: activation,
    loadCurveCollection: direction !== 'production' && segment === 'C5' && r.chance(0.04) ? 'opposed' : 'enabled',
  };
}

/** The smallest standard subscription that carries the expected peak, sometimes one step more. */
function subscribedPower(r: Random, segment: string, traits: Traits): number {
  if (segment === 'P4') return KVA_P4.find((k) => k * 1000 >= traits.pvPeakW) ?? 36;
  if (segment === 'C4') return Math.min(250, Math.max(40, Math.ceil(traits.peakW / 900 / 10) * 10));
  if (segment === 'C2') return Math.max(260, Math.ceil(traits.peakW / 900 / 10) * 10);
  const index = KVA_C5.findIndex((k) => k * 900 >= traits.peakW * 1.05);
  const fit = index < 0 ? KVA_C5.length - 1 : index;
  return KVA_C5[Math.min(KVA_C5.length - 1, Math.max(fit, traits.heatLossWPerK > 0 ? 2 : 1) + (r.chance(0.2) ? 1 : 0))];
}

// Prefixes of the telephone ranges ARCEP reserves for fiction, by area (01 Île-de-France ... 05 south-west) and for mobiles.
const FICTION_PHONES: Record<string, string> = { '01': '019900', '02': '026191', '03': '035301', '04': '046571', '05': '053649', mobile: '063998' };
const PHONE_AREA: Record<string, string> = { '11': '01', '24': '02', '28': '02', '52': '02', '53': '02', '27': '03', '32': '03', '44': '03', '84': '04', '93': '04', '75': '05', '76': '05' };

function newCustomer(r: Random, used: Set<string>, ids: Random, business: boolean, traits: Traits, commune: Commune | undefined): CustomerRow {
  const id = uniqueId(used, ids, (g) => `${1 + g.int(9)}${g.digits(9)}`);
  const landline = `${FICTION_PHONES[PHONE_AREA[commune?.region ?? '11'] ?? '01']}${r.digits(4)}`;
  if (business) {
    const name = businessName(r, traits.peakW > 36_000 || traits.kind === 'gas_professional');
    const domain = `${asciiSlug(name)}.example.com`;
    return { id, kind: 'company', title: null, firstName: null, lastName: null, companyName: name, siret: siret(r), email: `contact@${domain}`, phone: landline };
  }
  const name = personName(r);
  const email = `${asciiSlug(name.firstName)}.${asciiSlug(name.lastName)}${r.chance(0.5) ? r.int(100) : ''}@${r.pick(['example.com', 'example.net', 'example.org'])}`;
  return { id, kind: 'person', title: name.title, firstName: name.firstName, lastName: name.lastName, companyName: null, siret: null, email, phone: r.chance(0.7) ? `${FICTION_PHONES.mobile}${r.digits(4)}` : landline };
}

/** Appends the Luhn check digit (SIREN and SIRET both pass the Luhn test). */
function withLuhnDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits + String((10 - (sum % 10)) % 10);
}

function siret(r: Random): string {
  const siren = withLuhnDigit(`${1 + r.int(8)}${r.digits(7)}`);
  return withLuhnDigit(`${siren}${String(1 + r.int(30)).padStart(4, '0')}`);
}

/**
 * Who held the point, and with which supplier: the customer in place since
 * before or at the meter's activation, sometimes after a previous holder
 * moved out, sometimes with a change of supplier; an out-of-service point's
 * last contract ended the day it stopped. A C1-C4 or P1-P3 point's contracts
 * name the demo balance responsible party (no random draw: the network of a
 * seed stays what it was).
 */
function contractHistory(
  r: Random, seed: string, row: UsagePointRow, customerId: string, usedCustomers: Set<string>, customers: Map<string, CustomerRow>, seedHash: number, index: number, business: boolean,
): Insertable<ContractRow>[] {
  const suppliers = row.energy === 'gas' ? GAS_SUPPLIERS : ELECTRICITY_SUPPLIERS;
  const end = row.status === 'out_of_service' ? outOfServiceDay(seed, row.id) : null;
  const last = Math.min(LATEST_EVENT, (end ?? LATEST_EVENT) - 30);
  let start = r.chance(0.6) ? row.lastActivationDay - r.int(3000) : row.lastActivationDay;
  const periods: { customerId: string; supplierId: string; start: DayNumber }[] = [];
  const move = Math.max(start + 180, MOVES_FROM);
  if (r.chance(0.22) && move < last) {
    const previous = newCustomer(r, usedCustomers, new Random(hash3(seedHash, SALT.customer ^ 0x5e1, index)), business, pointTraits(seed, row.id, row.energy, row.segment, row.direction), undefined);
    customers.set(previous.id, previous);
    periods.push({ customerId: previous.id, supplierId: r.weighted(suppliers), start });
    start = dayBetween(r, move, last);
  }
  const supplier = r.weighted(suppliers);
  periods.push({ customerId, supplierId: supplier, start });
  if (r.chance(0.15) && start + 60 < last) {
    const other = suppliers.filter(([id]) => id !== supplier);
    periods.push({ customerId, supplierId: r.weighted(other), start: dayBetween(r, start + 60, last) });
  }
  const contractType = row.direction === 'production' ? 'CRAE' : row.segment === 'C2' || row.segment === 'C1' ? 'CARD-S' : 'Contrat unique';
  const distributionTariff = distributionTariffOf(r, row);
  const balanceResponsibleId = demoBalanceResponsible(row);
  return periods.map((p, k) => ({
    usagePointId: row.id, customerId: p.customerId, supplierId: p.supplierId, startDay: p.start, endDay: k + 1 < periods.length ? periods[k + 1].start : end,
    contractType, distributionTariff, lastTariffChangeDay: r.chance(0.1) ? dayBetween(r, p.start, Math.max(p.start, k + 1 < periods.length ? periods[k + 1].start - 1 : last)) : null,
    balanceResponsibleId,
  }));
}

/** TURPE codes: short/medium/long use, with or without time-of-use classes. */
function distributionTariffOf(r: Random, row: UsagePointRow): string | null {
  if (row.energy === 'gas' || row.direction === 'production') return null;
  if (row.segment === 'C4') return r.chance(0.6) ? 'BTSUPCU4' : 'BTSUPLU4';
  if (row.segment === 'C2' || row.segment === 'C1') return r.chance(0.5) ? 'HTACU5' : 'HTALU5';
  if (row.tariffOption === 'HC') return r.weighted([['BTINFMUDT', 70], ['BTINFCUDT', 25], ['BTINFLUDT', 5]] as const);
  return (row.subscribedPowerKva ?? 0) <= 6 ? 'BTINFCUST' : r.chance(0.6) ? 'BTINFMUST' : 'BTINFCUST';
}
