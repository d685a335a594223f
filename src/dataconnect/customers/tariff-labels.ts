/**
 * French labels of distribution tariffs (TURPE formulas) and of the time
 * classes of >36 kVA tariffs, as the 2026 ITC APIs write them.
 */

// Captured: BTINFMU4 (real C5 answer), HTACU5 and HTALU5 (sandbox). The others follow the same wording.
const DISTRIBUTION_TARIFFS: Record<string, string> = {
  BTINFCUST: 'Tarif BT<=36kVA Courte Utilisation sans différenciation temporelle',
  BTINFCUDT: 'Tarif BT<=36kVA Courte Utilisation heures pleines heures creuses',
  BTINFMUST: 'Tarif BT<=36kVA Moyenne Utilisation sans différenciation temporelle',
  BTINFMUDT: 'Tarif BT<=36kVA Moyenne Utilisation heures pleines heures creuses',
  BTINFLUST: 'Tarif BT<=36kVA Longue Utilisation sans différenciation temporelle',
  BTINFLUDT: 'Tarif BT<=36kVA Longue Utilisation heures pleines heures creuses',
  BTINFCU4: 'Tarif BT<=36kVA Courte Utilisation heures pleines heures creuses associées à deux saisons',
  BTINFMU4: 'Tarif BT<=36kVA Moyenne Utilisation heures pleines heures creuses associées à deux saisons',
  BTSUPCU4: 'Tarif BT>36kVA Courte Utilisation',
  BTSUPLU4: 'Tarif BT>36kVA Longue Utilisation',
  HTACU5: 'Tarif HTA Courte Utilisation',
  HTALU5: 'Tarif HTA Longue Utilisation',
};

/** The long label of a TURPE code; an unknown code is passed through rather than dropped. */
export function distributionTariffLabel(code: string): string {
  return DISTRIBUTION_TARIFFS[code] ?? code;
}

export interface TimeClass {
  code: string;
  label: string;
}

// Order and wording of the sandbox's HTA `distribution_tariff_profile`.
const PEAK: TimeClass = { code: 'P', label: 'Pointe' };
const SEASONAL: TimeClass[] = [
  { code: 'HPH', label: 'Heures Pleines Hiver/Saison Haute' },
  { code: 'HPB', label: 'Heures Pleines Eté' },
  { code: 'HCB', label: 'Heures Creuses Eté' },
  { code: 'HCH', label: 'Heures Creuses Hiver/Saison Haute' },
];

/** Time classes with a power of their own: the seasonal options of >36 kVA points; none for BASE and HC. */
export function subscribedTimeClasses(tariffOption: string | null): TimeClass[] {
  if (tariffOption === 'PEAK_SEASONAL') return [PEAK, ...SEASONAL];
  if (tariffOption === 'HC_SEASONAL') return [...SEASONAL];
  return [];
}
