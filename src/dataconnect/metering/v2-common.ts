import type { SeriesDef } from '../../metering/series.ts';
import { formatIsoDate } from '../../platform/time/local-day.ts';
import type { MeteringAnswer } from './request.ts';

/** Parts shared by every resource of the 2026 v2 measure API. */
export interface V2Periode {
  dateDebut: string;
  dateFin: string;
}

export type GrandeurMetier = 'CONS' | 'PROD';

export function grandeurMetier(series: SeriesDef): GrandeurMetier {
  return series.direction === 'production' ? 'PROD' : 'CONS';
}

/** The requested days echoed as `YYYY-MM-DD`, `dateFin` excluded as in the request. */
export function periode(answer: MeteringAnswer): V2Periode {
  return { dateDebut: formatIsoDate(answer.startDay), dateFin: formatIsoDate(answer.endDay) };
}
