/**
 * The catalogue of series a usage point can have. Values are integers in the
 * smallest unit: W for curves, Wh for energies and indexes, VA for max power,
 * dm3 (litres) for gas volume, and the gas conversion coefficient in Wh/m3.
 */
export type SeriesKind = 'curve' | 'daily_energy' | 'max_power' | 'index' | 'gas_daily';

export interface SeriesDef {
  id: number;
  name: string;
  kind: SeriesKind;
  energy: 'electricity' | 'gas';
  direction: 'consumption' | 'production';
  /** Unit of each channel, in order. */
  units: string[];
  /** Channel names when a slot holds several values (gas daily); undefined for one value per slot. */
  channels?: string[];
  /** 4-byte or 8-byte integers. */
  width: 4 | 8;
  description: string;
}

export const SERIES: readonly SeriesDef[] = [
  { id: 1, name: 'consumption_load_curve', kind: 'curve', energy: 'electricity', direction: 'consumption', units: ['W'], width: 4, description: 'Average active power drawn over each step (W); the step is PT10M, PT15M, PT30M or PT60M and may change within a day' },
  { id: 2, name: 'production_load_curve', kind: 'curve', energy: 'electricity', direction: 'production', units: ['W'], width: 4, description: 'Average active power injected over each step (W)' },
  { id: 3, name: 'daily_consumption', kind: 'daily_energy', energy: 'electricity', direction: 'consumption', units: ['Wh'], width: 8, description: 'Energy drawn over the local day (Wh)' },
  { id: 4, name: 'daily_production', kind: 'daily_energy', energy: 'electricity', direction: 'production', units: ['Wh'], width: 8, description: 'Energy injected over the local day (Wh)' },
  { id: 5, name: 'daily_consumption_max_power', kind: 'max_power', energy: 'electricity', direction: 'consumption', units: ['VA'], width: 4, description: 'Highest apparent power of the local day (VA) and the moment it was reached' },
  { id: 6, name: 'consumption_index', kind: 'index', energy: 'electricity', direction: 'consumption', units: ['Wh'], width: 8, description: 'Cumulative energy register per tariff period at the end of the local day (Wh)' },
  { id: 7, name: 'production_index', kind: 'index', energy: 'electricity', direction: 'production', units: ['Wh'], width: 8, description: 'Cumulative injected energy register at the end of the local day (Wh)' },
  { id: 8, name: 'gas_daily', kind: 'gas_daily', energy: 'gas', direction: 'consumption', units: ['Wh', 'dm3', 'Wh/m3'], channels: ['energy', 'volume', 'conversion_coefficient'], width: 8, description: 'Gas day (06:00 to 06:00 local): energy (Wh), volume (dm3) and the conversion coefficient used (Wh/m3)' },
] as const;

const BY_NAME = new Map(SERIES.map((s) => [s.name, s]));
const BY_ID = new Map(SERIES.map((s) => [s.id, s]));

export function seriesByName(name: string): SeriesDef | undefined {
  return BY_NAME.get(name);
}

export function seriesById(id: number): SeriesDef {
  const def = BY_ID.get(id);
  if (!def) throw new Error(`unknown series id ${id}`);
  return def;
}

export function seriesNames(): string[] {
  return SERIES.map((s) => s.name);
}

export const S = Object.fromEntries(SERIES.map((s) => [s.name, s])) as Record<
  'consumption_load_curve' | 'production_load_curve' | 'daily_consumption' | 'daily_production' | 'daily_consumption_max_power' | 'consumption_index' | 'production_index' | 'gas_daily',
  SeriesDef
>;

/** The gas day runs 06:00 to 06:00 local: gas day D starts at D 06:00. */
export const GAS_DAY_START_HOUR = 6;

/** Quality of one value. */
export const QUALITY = { missing: 0, measured: 1, estimated: 2, corrected: 3 } as const;
export type QualityName = keyof typeof QUALITY;
export const QUALITY_NAMES: readonly QualityName[] = ['missing', 'measured', 'estimated', 'corrected'];

export const CURVE_STEPS = [600, 900, 1800, 3600] as const;
