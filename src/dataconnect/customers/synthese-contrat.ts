import type { UsagePointRow } from '../../grid/grid.tables.ts';
import type { TimeZone } from '../../platform/time/zone.ts';
import { itcDateTime, PARIS_ZONE } from './dates.ts';
import type { ContractFacts } from './inputs.ts';
import { consumes, produces, productionSegment, usagePointStatus } from './point-facts.ts';

/** `GET /synth_contrat_auto/v1/{prm}` (§11.3; Synthese-contractuelle-sync-auto.yaml): segments as objects, level as a label. */

export interface SynthContratAnswer {
  segments: { segment: string }[];
  generation_last_activation_date?: string;
  consumption_last_activation_date?: string;
  last_subscribed_power_change_date?: string;
  services_level: string;
}

export function renderSynthContrat(input: { point: UsagePointRow; contract: ContractFacts }, zone: TimeZone = PARIS_ZONE): SynthContratAnswer {
  const { point, contract } = input;
  const segments: { segment: string }[] = [];
  if (consumes(point)) segments.push({ segment: point.segment });
  if (produces(point)) segments.push({ segment: productionSegment(point.segment) });
  const activation = itcDateTime(point.lastActivationDay, zone);
  return {
    segments,
    ...(produces(point) && { generation_last_activation_date: activation }),
    ...(consumes(point) && { consumption_last_activation_date: activation }),
    // The tables keep one change day for the tariff formula and the power, which a supplier changes together.
    ...(contract.lastTariffChangeDay != null && { last_subscribed_power_change_date: itcDateTime(contract.lastTariffChangeDay, zone) }),
    services_level: usagePointStatus(point) === 'com' ? 'Communicant (ouvert aux services)' : 'Non communicant',
  };
}
