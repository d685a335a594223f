import type { DayNumber } from '../../platform/time/local-day.ts';
import type { TimeZone } from '../../platform/time/zone.ts';
import { PARIS_ZONE, v5Date } from './dates.ts';
import { dataConnectCustomerId } from './derived-ids.ts';
import type { CustomerPoints, HeldPoint } from './inputs.ts';
import { v5UsagePoint, type V5UsagePoint } from './v5-usage-point.ts';

/** `GET /customers_upc/v5/usage_points/contracts` (and `/v3/customers/usage_points/contracts`), §6. */

export interface V5Contract {
  segment: string;
  subscribed_power?: string;
  last_activation_date: string;
  distribution_tariff?: string;
  offpeak_hours?: string;
  contract_type: string;
  contract_status: 'SERVC' | 'RESIL';
  last_distribution_tariff_change_date?: string;
}

export interface V5ContractsAnswer {
  customer: {
    customer_id: string;
    usage_points: { usage_point: V5UsagePoint; contracts: V5Contract }[];
  };
}

/** `today` decides whether a contract with an end day is still in service. */
export function renderV5Contracts(input: CustomerPoints & { today: DayNumber }, zone: TimeZone = PARIS_ZONE): V5ContractsAnswer {
  return {
    customer: {
      customer_id: dataConnectCustomerId(input.customer.id),
      usage_points: input.points.map((held) => ({ usage_point: v5UsagePoint(held.point), contracts: v5Contract(held, input.today, zone) })),
    },
  };
}

function v5Contract({ point, contract }: HeldPoint, today: DayNumber, zone: TimeZone): V5Contract {
  const ended = (contract.endDay != null && contract.endDay <= today) || point.status === 'out_of_service';
  return {
    segment: point.segment,
    ...(point.subscribedPowerKva != null && { subscribed_power: `${point.subscribedPowerKva} kVA` }),
    // The meter's activation, the same date the metering APIs check (ADAM-ERR0123).
    last_activation_date: v5Date(point.lastActivationDay, zone),
    ...(contract.distributionTariff != null && { distribution_tariff: contract.distributionTariff }),
    ...(point.offpeakHours != null && { offpeak_hours: point.offpeakHours }),
    contract_type: contract.contractType,
    contract_status: ended ? 'RESIL' : 'SERVC',
    ...(contract.lastTariffChangeDay != null && { last_distribution_tariff_change_date: v5Date(contract.lastTariffChangeDay, zone) }),
  };
}
