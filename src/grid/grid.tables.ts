import type { Generated } from 'kysely';

export interface MarketPartyRow {
  id: string;
  role: 'supplier' | 'balance_responsible' | 'service_provider' | 'local_authority' | 'aggregator' | 'operator';
  name: string;
  legalId: string | null;
  energy: 'electricity' | 'gas' | 'both';
}

export interface CustomerRow {
  id: string;
  kind: 'person' | 'company';
  title: string | null;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  siret: string | null;
  email: string | null;
  phone: string | null;
}

export interface UsagePointRow {
  id: string;
  energy: 'electricity' | 'gas';
  street: string;
  postalCode: string;
  inseeCode: string;
  city: string;
  latitude: number | null;
  longitude: number | null;
  segment: string;
  meterType: string;
  phaseCount: number;
  subscribedPowerKva: number | null;
  tariffOption: string | null;
  offpeakHours: string | null;
  stepSeconds: number;
  direction: 'consumption' | 'production' | 'both';
  status: 'in_service' | 'out_of_service';
  lastActivationDay: number;
  loadCurveCollection: 'enabled' | 'opposed';
}

export interface ContractRow {
  id: Generated<number>;
  usagePointId: string;
  customerId: string;
  supplierId: string;
  startDay: number;
  endDay: number | null;
  contractType: string;
  distributionTariff: string | null;
  lastTariffChangeDay: number | null;
  /** The balance responsible market party (migration 0010): set on C1-C4 and P1-P3 contracts, null on C5, P4 and gas ones (§13 decision 20). */
  balanceResponsibleId: string | null;
}

export interface GridTables {
  marketParties: MarketPartyRow;
  customers: CustomerRow;
  usagePoints: UsagePointRow;
  contracts: ContractRow;
}
