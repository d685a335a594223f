import type { DayReadings } from '../../metering/day-readings.ts';
import type { MaxPowerPeriod } from './monthly-max-power.ts';
import { isoStep } from '../../metering/readings.format.ts';
import { formatIsoDate } from '../../platform/time/local-day.ts';
import { forEachCurveSlot } from './curve-slots.ts';
import { daysInRange, inRange, peakSecond, unsupported, valueText, type MeteringAnswer } from './request.ts';
import { grandeurMetier, periode, type GrandeurMetier, type V2Periode } from './v2-common.ts';
import { renderV2Index, type ReponseMesureAccesIndex } from './v2-index.ts';

export type { GrandeurMetier, V2Periode } from './v2-common.ts';

export interface PointCDC {
  v: string;
  /** Local end of the interval, `YYYY-MM-DD HH:MM:SS`, identical to v5. */
  d: string;
  p: string;
  n: 'B';
}

export interface PointQuotidien {
  v: string;
  /** `YYYY-MM-DD` for energy; local moment of the peak `YYYY-MM-DD HH:MM:SS` for max power. */
  d: string;
}

export interface GrandeurV2<P> {
  grandeurMetier: GrandeurMetier;
  grandeurPhysique: string;
  unite: string;
  points: P[];
  calendrier: [];
}

export interface ReponseMesureAccesCDC {
  idPrm: string;
  etapeMetier: 'BRUT';
  periode: V2Periode;
  modeCalcul: 'MESURE';
  grandeur: GrandeurV2<PointCDC>[];
  contexte: [];
}

export type ModeCalculEnergie = 'DIFF.INDEX' | 'INTEG.COURBE';

export interface ReponseMesureAccesQuotidien {
  idPrm: string;
  etapeMetier: 'BRUT';
  periode: V2Periode;
  typeValeur: 'GLOBALE';
  modeCalcul: ModeCalculEnergie;
  pas: 'P1D';
  grandeur: GrandeurV2<PointQuotidien>[];
  contexte: [];
}

export interface ReponseMesureAccesMaxQuotidien {
  idPrm: string;
  etapeMetier: 'BRUT';
  periode: V2Periode;
  modeCalcul: 'MESURE';
  pas: MaxPowerPeriod;
  grandeur: GrandeurV2<PointQuotidien>[];
  contexte: [];
}

export type ReponseMesureV2 = ReponseMesureAccesCDC | ReponseMesureAccesQuotidien | ReponseMesureAccesMaxQuotidien | ReponseMesureAccesIndex;

export interface V2Options {
  /**
   * How daily energies were obtained: `DIFF.INDEX` (default) is what Enedis
   * answers for Linky C5 points, whose daily energy comes from the registers;
   * `INTEG.COURBE` is its answer for points whose energy integrates the curve.
   */
  modeCalcul?: ModeCalculEnergie;
  /**
   * `grandeurPhysique=TOUT` on a three-phase point: max-power days of phases
   * 1, 2 and 3, giving the `grandeur` entries PMA1..PMA3 after PMA (decision 17).
   * Left out for `PMA` and for a single-phase point (one entry).
   */
  phases?: readonly [readonly DayReadings[], readonly DayReadings[], readonly DayReadings[]];
  /** Max power's `mesuresPas`: `P1M` when the days are already the monthly maxima (monthly-max-power.ts). */
  maxPowerPeriod?: MaxPowerPeriod;
}

/**
 * The 2026 `mesure_synchrone_auto/v2` answer (§11.2, swagger
 * `swagger_mesure_synchrone_auto_v2.yaml`): a JSON rendering of SGE
 * ConsultationMesuresDetaillees v3, with the top-level keys each resource's
 * schema declares. Values `v` are strings (decision 4), except the index's.
 */
export function renderV2(answer: MeteringAnswer, options: V2Options = {}): ReponseMesureV2 {
  switch (answer.series.kind) {
    case 'curve':
      return renderV2Curve(answer);
    case 'daily_energy':
      return renderV2Daily(answer, options.modeCalcul ?? 'DIFF.INDEX');
    case 'max_power':
      return renderV2MaxPower(answer, options.phases, options.maxPowerPeriod ?? 'P1D');
    case 'index':
      return renderV2Index(answer);
    default:
      throw unsupported('v2', answer.series);
  }
}

function renderV2Curve(answer: MeteringAnswer): ReponseMesureAccesCDC {
  const points: PointCDC[] = [];
  forEachCurveSlot(answer, (slot) => {
    if (slot.value === slot.value) points.push({ v: valueText(slot.value), d: slot.endLabel, p: isoStep(slot.step), n: 'B' });
  });
  return {
    idPrm: answer.usagePointId,
    etapeMetier: 'BRUT',
    periode: periode(answer),
    modeCalcul: 'MESURE',
    grandeur: [{ grandeurMetier: grandeurMetier(answer.series), grandeurPhysique: 'PA', unite: 'W', points, calendrier: [] }],
    contexte: [],
  };
}

function renderV2Daily(answer: MeteringAnswer, modeCalcul: ModeCalculEnergie): ReponseMesureAccesQuotidien {
  const points: PointQuotidien[] = [];
  for (const day of daysInRange(answer)) {
    const value = day.values[0];
    if (value === value) points.push({ v: valueText(value), d: formatIsoDate(day.day) });
  }
  return {
    idPrm: answer.usagePointId,
    etapeMetier: 'BRUT',
    periode: periode(answer),
    typeValeur: 'GLOBALE',
    modeCalcul,
    pas: 'P1D',
    grandeur: [{ grandeurMetier: grandeurMetier(answer.series), grandeurPhysique: 'EA', unite: 'Wh', points, calendrier: [] }],
    contexte: [],
  };
}

function renderV2MaxPower(answer: MeteringAnswer, phases: V2Options['phases'], pas: MaxPowerPeriod): ReponseMesureAccesMaxQuotidien {
  const channels: readonly (readonly DayReadings[])[] = phases ? [answer.days, ...phases] : [answer.days];
  return {
    idPrm: answer.usagePointId,
    etapeMetier: 'BRUT',
    periode: periode(answer),
    modeCalcul: 'MESURE',
    pas,
    grandeur: channels.map((days, i) => ({
      grandeurMetier: grandeurMetier(answer.series),
      grandeurPhysique: i === 0 ? 'PMA' : `PMA${i}`,
      unite: 'VA',
      points: maxPowerPoints(answer, days),
      calendrier: [],
    })),
    contexte: [],
  };
}

function maxPowerPoints(answer: MeteringAnswer, days: readonly DayReadings[]): PointQuotidien[] {
  const points: PointQuotidien[] = [];
  for (const day of inRange(days, answer.startDay, answer.endDay)) {
    const value = day.values[0];
    if (value === value) points.push({ v: valueText(value), d: answer.zone.wallClockAt(day.day, peakSecond(day)) });
  }
  return points;
}
