import type { UsagePointRow } from '../../grid/grid.tables.ts';
import { supplySituationNumber } from './derived-ids.ts';
import { consumes, produces, voltageLevel } from './point-facts.ts';

/**
 * `GET /alimentation_auto/v1/{prm}` (§13 decision 19): JSON types exactly as
 * the Swagger says (`serial_number` a number, `phase_count` a string, powers
 * and voltages `{value: number, unit}`); a field without a value is omitted,
 * never null.
 */

export interface Quantity {
  value: number;
  unit: string;
}

export interface AlimentationAnswer {
  serial_number: number;
  connection_state: 'Alimenté' | 'Coupé';
  voltage_level: 'BTINF' | 'BTSUP' | 'HTA';
  phase_count: string;
  consumption_connection_power?: Quantity;
  generation_connection_power?: Quantity;
  nominal_service_voltage: Quantity;
}

export function renderAlimentation(point: UsagePointRow): AlimentationAnswer {
  const level = voltageLevel(point.segment);
  const connection = connectionPower(point, level);
  return {
    serial_number: supplySituationNumber(point.id),
    // A point out of service has had its supply cut at the end of its last contract.
    connection_state: point.status === 'in_service' ? 'Alimenté' : 'Coupé',
    voltage_level: level,
    phase_count: String(point.phaseCount),
    ...(connection && consumes(point) && { consumption_connection_power: { ...connection } }),
    ...(connection && produces(point) && { generation_connection_power: { ...connection } }),
    nominal_service_voltage: { value: level === 'HTA' ? 20_000 : level === 'BTSUP' || point.phaseCount === 3 ? 400 : 230, unit: 'V' },
  };
}

/**
 * A low-voltage branch is sized by its phases (12 kVA single-phase, 36 kVA
 * three-phase), whatever power is subscribed; above 36 kVA the connection is
 * taken as the subscribed power, in kW in HTA as in the sandbox payload.
 */
function connectionPower(point: UsagePointRow, level: AlimentationAnswer['voltage_level']): Quantity | undefined {
  if (level === 'BTINF') return { value: point.phaseCount === 3 ? 36 : 12, unit: 'kVA' };
  if (point.subscribedPowerKva == null) return undefined;
  return { value: point.subscribedPowerKva, unit: level === 'HTA' ? 'kW' : 'kVA' };
}
