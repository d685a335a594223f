import type { CustomerRow, MarketPartyRow, UsagePointRow } from '../../grid/grid.tables.ts';
import type { TimeZone } from '../../platform/time/zone.ts';
import { itcDateTime, PARIS_ZONE } from './dates.ts';
import type { ContractFacts } from './inputs.ts';
import { holderName, itcHolder, type ItcHolder } from './itc-customer.ts';
import { isSmallSegment } from '../../grid/usage-point.ts';
import { consumes, produces, productionSegment, voltageLevel } from './point-facts.ts';
import { distributionTariffLabel, subscribedTimeClasses } from './tariff-labels.ts';

/** `GET /situation_contrat_auto/v1/{prm}`: the current contracts of a point, as a list (§11.3, §13 decisions 12 and 20). */

export interface ItcPower {
  unit: string;
  value: string;
}

export interface SituationContratItem extends ItcHolder {
  usage_point_id: string;
  contract_start: string;
  contract_type: string;
  contractor?: string;
  balance_responsible_party?: string;
  balance_responsable_party?: string;
  distribution_tariff?: string;
  distribution_tariff_profile?: { name: string; power: ItcPower }[];
  subscribed_power?: ItcPower;
  segment: string;
}

export interface ContractSituationInput {
  point: UsagePointRow;
  contract: ContractFacts;
  customer: CustomerRow;
  /** The supplier of the contract: named as `contractor` when the customer is supplied under a single contract. */
  supplier?: Pick<MarketPartyRow, 'name'> | null;
  /** The balance responsible party of a C1-C4 or P1-P3 contract; ignored on C5 and P4 (§13 decision 20). */
  balanceResponsibleParty?: Pick<MarketPartyRow, 'id'> | null;
}

// Contracts the customer signs with the distributor directly; the others go through a supplier.
const DIRECT_CONTRACTS = new Set(['CARD-S', 'CARD-I', 'CRAE', 'DECOMPT']);

/**
 * One item per side of the point: the consumption contract, then the
 * production one. A self-consumption point has both, the second typed
 * `Contrat GRD-A` with no power or tariff, as in a real capture.
 */
export function renderSituationContrat(input: ContractSituationInput, zone: TimeZone = PARIS_ZONE): SituationContratItem[] {
  const items: SituationContratItem[] = [];
  if (consumes(input.point)) items.push(consumptionItem(input, zone));
  if (produces(input.point)) items.push(productionItem(input, zone));
  return items;
}

function consumptionItem(input: ContractSituationInput, zone: TimeZone): SituationContratItem {
  const { point, contract, customer } = input;
  const contractor = DIRECT_CONTRACTS.has(contract.contractType) ? holderName(customer) : input.supplier?.name;
  const unit = voltageLevel(point.segment) === 'HTA' ? 'kW' : 'kVA';
  const profile = isSmallSegment(point.segment) || point.subscribedPowerKva == null ? [] : subscribedTimeClasses(point.tariffOption);
  return {
    usage_point_id: point.id,
    contract_start: itcDateTime(contract.startDay, zone),
    // The distributor's side of a supplier's single contract, as the 2026 APIs name it.
    contract_type: contract.contractType === 'Contrat unique' ? 'Contrat GRD-F' : contract.contractType,
    ...(contractor != null && { contractor }),
    ...balanceResponsibleParty(input, point.segment),
    ...(contract.distributionTariff != null && { distribution_tariff: distributionTariffLabel(contract.distributionTariff) }),
    ...(profile.length > 0 && { distribution_tariff_profile: profile.map((c) => ({ name: c.label, power: { value: String(point.subscribedPowerKva), unit } })) }),
    ...(point.subscribedPowerKva != null && { subscribed_power: { unit, value: String(point.subscribedPowerKva) } }),
    segment: point.segment,
    ...itcHolder(customer, point),
  };
}

function productionItem(input: ContractSituationInput, zone: TimeZone): SituationContratItem {
  const { point, contract, customer } = input;
  const segment = productionSegment(point.segment);
  return {
    usage_point_id: point.id,
    // Injection cannot start before the meter that measures it.
    contract_start: itcDateTime(Math.max(contract.startDay, point.lastActivationDay), zone),
    contract_type: point.direction === 'both' ? 'Contrat GRD-A' : contract.contractType,
    ...balanceResponsibleParty(input, segment),
    segment,
    ...itcHolder(customer, point),
  };
}

/** Both spellings with the same value: the live sandbox's and the Swagger's (§13 decision 20). */
function balanceResponsibleParty(input: ContractSituationInput, segment: string): Pick<SituationContratItem, 'balance_responsible_party' | 'balance_responsable_party'> {
  const party = input.balanceResponsibleParty;
  if (party == null || isSmallSegment(segment)) return {};
  return { balance_responsible_party: party.id, balance_responsable_party: party.id };
}
