import type { SeriesDef } from '../../metering/series.ts';
import type { MaxPowerPeriod } from './monthly-max-power.ts';
import { unsupported } from './request.ts';

/** `reading_type` of the v4/v5 `meter_reading` envelope (§5); key order as in the Swagger examples. */
export interface ReadingType {
  measurement_kind: 'energy' | 'power';
  measuring_period?: MaxPowerPeriod;
  unit: string;
  aggregate: 'sum' | 'average' | 'maximum';
}

/** The Data Connect resources Gridgate serves from each series kind; the index has no v3/v4/v5/V1 resource. */
/** `maxPowerPeriod`: `P1M` for the monthly maxima of Mesures V1 (decision 16). */
export function readingType(series: SeriesDef, generation: string, maxPowerPeriod: MaxPowerPeriod = 'P1D'): ReadingType {
  switch (series.kind) {
    case 'curve':
      // No measuring_period on curves: the step is per item (interval_length).
      return { measurement_kind: 'power', unit: 'W', aggregate: 'average' };
    case 'daily_energy':
      return { measurement_kind: 'energy', measuring_period: 'P1D', unit: 'Wh', aggregate: 'sum' };
    case 'max_power':
      return { measurement_kind: 'power', measuring_period: maxPowerPeriod, unit: 'VA', aggregate: 'maximum' };
    default:
      throw unsupported(generation, series);
  }
}
