import { formatIsoDate } from '../../platform/time/local-day.ts';
import { daysInRange, type MeteringAnswer } from './request.ts';
import { grandeurMetier, periode, type GrandeurMetier, type V2Periode } from './v2-common.ts';

/** One register reading; `v` and `iv` are JSON integers in the Swagger (`int64`), unlike every other v2 value (decision 4). */
export interface ValeurIndex {
  d: string;
  v: number;
  iv: number;
}

export interface ClasseTemporelleIndex {
  idClasseTemporelle: string;
  libelleClasseTemporelle: string;
  valeur: ValeurIndex[];
}

export interface CalendrierIndex {
  /** Absent for a register set that matches no known distributor calendar. */
  idCalendrier?: string;
  libelleCalendrier: string;
  classeTemporelle: ClasseTemporelleIndex[];
}

export interface GrandeurIndex {
  grandeurMetier: GrandeurMetier;
  grandeurPhysique: 'EA';
  unite: 'Wh';
  points: [];
  calendrier: CalendrierIndex[];
}

export interface ContexteIndex {
  etapeMetier: 'BRUT';
  contexteReleve: 'COL';
  typeReleve: 'AQ';
  grandeur: GrandeurIndex[];
}

export interface ReponseMesureAccesIndex {
  idPrm: string;
  periode: V2Periode;
  /** Always empty for the index: the readings are under `contexte` (Swagger). */
  grandeur: [];
  contexte: ContexteIndex[];
}

/**
 * Distributor calendars by register set. The ids are Enedis's distributor
 * calendar codes (DI000001 base, DI000002 peak/off-peak, DI000003 four
 * seasonal classes); the labels are Gridgate's wording.
 */
const CALENDARS: Record<string, { idCalendrier: string; libelleCalendrier: string }> = {
  BASE: { idCalendrier: 'DI000001', libelleCalendrier: 'Base' },
  'HP;HC': { idCalendrier: 'DI000002', libelleCalendrier: 'Heures Pleines / Heures Creuses' },
  'HPH;HCH;HPB;HCB': { idCalendrier: 'DI000003', libelleCalendrier: 'Heures Pleines / Heures Creuses, saisons haute et basse' },
};

const CLASS_LABELS: Record<string, string> = {
  BASE: 'Base',
  HP: 'Heures Pleines',
  HC: 'Heures Creuses',
  HPH: 'Heures Pleines Saison Haute',
  HCH: 'Heures Creuses Saison Haute',
  HPB: 'Heures Pleines Saison Basse',
  HCB: 'Heures Creuses Saison Basse',
  P: 'Pointe',
};

/**
 * `index_consommation` / `index_production` (§11.2): one collected-reading
 * context holding one calendar per register set met in the period (a tariff
 * change starts a new one), each register a time class with one reading per
 * day. A stored index day D holds the registers at the end of D, so its
 * reading is dated `(D+1) 00:00:00` local, the way Enedis dates the daily
 * collection (SGE CMD3 capture: `dateDebut` 2023-04-01 gives a first
 * reading at `2023-04-01 00:00:00`); see `storedDaysFor`. `iv` is 0: the
 * store has no likelihood index, and 0 is what the captures show.
 */
export function renderV2Index(answer: MeteringAnswer): ReponseMesureAccesIndex {
  const calendars = new Map<string, { calendar: CalendrierIndex; classes: Map<string, ClasseTemporelleIndex> }>();
  for (const day of daysInRange(answer)) {
    const labels = day.labels ?? [];
    const key = labels.join(';');
    const d = `${formatIsoDate(day.day + 1)} 00:00:00`;
    for (let i = 0; i < labels.length; i++) {
      const value = day.values[i];
      if (value !== value) continue;
      let entry = calendars.get(key);
      if (!entry) {
        const known = CALENDARS[key];
        const calendar: CalendrierIndex = known ? { ...known, classeTemporelle: [] } : { libelleCalendrier: labels.join(' / '), classeTemporelle: [] };
        entry = { calendar, classes: new Map() };
        calendars.set(key, entry);
      }
      let classe = entry.classes.get(labels[i]);
      if (!classe) {
        classe = { idClasseTemporelle: labels[i], libelleClasseTemporelle: CLASS_LABELS[labels[i]] ?? labels[i], valeur: [] };
        entry.classes.set(labels[i], classe);
        entry.calendar.classeTemporelle.push(classe);
      }
      classe.valeur.push({ d, v: value, iv: 0 });
    }
  }
  const calendrier = [...calendars.values()].map((entry) => entry.calendar);
  return {
    idPrm: answer.usagePointId,
    periode: periode(answer),
    grandeur: [],
    contexte:
      calendrier.length === 0
        ? []
        : [{ etapeMetier: 'BRUT', contexteReleve: 'COL', typeReleve: 'AQ', grandeur: [{ grandeurMetier: grandeurMetier(answer.series), grandeurPhysique: 'EA', unite: 'Wh', points: [], calendrier }] }],
  };
}
