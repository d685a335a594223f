import type { UsagePointRow } from '../../grid/grid.tables.ts';
import { meterSerialNumber } from './derived-ids.ts';
import { consumes, meterTypeLabel, voltageLevel } from './point-facts.ts';
import { subscribedTimeClasses } from './tariff-labels.ts';

/** `GET /comptage_auto/v1/{prm}`: the metering situation (Situation-comptage-auto.yaml, §11.3). */

export interface ProgrammedPower {
  valeur: number;
  classeTemporellePuissanceProgrammee: { code: string; libelle: string };
}

/** At most five classes are programmed (peak and the four seasonal ones); the Swagger allows eight. */
type ProgrammedPowerKey = `puissanceProgrammee${1 | 2 | 3 | 4 | 5}`;

export type Compteur = {
  numeroSerie: string;
  regimePropriete?: { code: 'LOUE' | 'PROP' | 'PROPNC'; libelle: string };
} & Partial<Record<ProgrammedPowerKey, ProgrammedPower>>;

export interface SituationComptageAnswer {
  dispositifComptage: { typeComptage: { code: string; libelle?: string } };
  compteurs: Compteur[];
  relais?: { plageHeuresCreuses: string };
}

/**
 * Programmed powers only for points over 36 kVA with a seasonal tariff, one
 * per time class; off-peak hours only for low-voltage (BTINF) points, as the
 * Swagger says, in the v5 `offpeak_hours` text. Hour programmes and remote
 * access parameters are not modelled, so they are omitted.
 */
export function renderSituationComptage(point: UsagePointRow): SituationComptageAnswer {
  const label = meterTypeLabel(point.meterType);
  const lowVoltage = voltageLevel(point.segment) === 'BTINF';
  const compteur: Compteur = {
    numeroSerie: meterSerialNumber(point.id),
    // Meters of C5 and P4 points belong to the concession and are rented to the customer.
    ...(lowVoltage && { regimePropriete: { code: 'LOUE', libelle: 'Loué' } }),
  };
  if (!lowVoltage && point.subscribedPowerKva != null) {
    subscribedTimeClasses(point.tariffOption).forEach((c, i) => {
      compteur[`puissanceProgrammee${i + 1}` as ProgrammedPowerKey] = { valeur: point.subscribedPowerKva!, classeTemporellePuissanceProgrammee: { code: c.code, libelle: c.label } };
    });
  }
  return {
    dispositifComptage: { typeComptage: { code: point.meterType, ...(label != null && { libelle: label }) } },
    compteurs: [compteur],
    ...(lowVoltage && consumes(point) && point.offpeakHours != null && { relais: { plageHeuresCreuses: point.offpeakHours } }),
  };
}
