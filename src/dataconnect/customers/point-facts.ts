import type { UsagePointRow } from '../../grid/grid.tables.ts';

/**
 * Facts about a usage point that several answers share, derived from the
 * usage point row the same way everywhere.
 */

// Meters read remotely: Linky, and the telemetered meters of C1-C4 sites.
const COMMUNICATING = new Set(['AMM', 'LINKY', 'LINKYPRO', 'ICE', 'ICE4Q', 'PMEI', 'SAPHIR']);

/** v5 `usage_point_status`: `com` for a meter read remotely, else `no_com`. */
export function usagePointStatus(point: Pick<UsagePointRow, 'meterType'>): 'com' | 'no_com' {
  return COMMUNICATING.has(point.meterType) ? 'com' : 'no_com';
}

/**
 * Whether the v5 customers APIs have data on the point: only electricity
 * points that consume (§6, §9); the route answers 404 STM-ERR-0000019 for the
 * others (§13 decision 27).
 */
export function hasCustomerData(point: Pick<UsagePointRow, 'energy' | 'direction'>): boolean {
  return point.energy === 'electricity' && point.direction !== 'production';
}

export function consumes(point: Pick<UsagePointRow, 'direction'>): boolean {
  return point.direction !== 'production';
}

export function produces(point: Pick<UsagePointRow, 'direction'>): boolean {
  return point.direction !== 'consumption';
}

/** BTINF up to 36 kVA (C5, P4), BTSUP above 36 kVA in low voltage (C4, P3), HTA for C1-C3, P1 and P2. */
export function voltageLevel(segment: string): 'BTINF' | 'BTSUP' | 'HTA' {
  if (segment === 'C5' || segment === 'P4') return 'BTINF';
  if (segment === 'C4' || segment === 'P3') return 'BTSUP';
  return 'HTA';
}

/**
 * The production segment of the injection side of a point whose row carries
 * its consumption segment: P4 for C5, P3 for C4, P1 for the HTA segments
 * (the 2026 sandbox pairs C2 with P1). A production segment stays as it is.
 */
export function productionSegment(segment: string): string {
  if (segment.startsWith('P')) return segment;
  if (segment === 'C5') return 'P4';
  if (segment === 'C4') return 'P3';
  return 'P1';
}


// The v5 Swagger's own descriptions of its `meter_type` values.
const METER_LABELS: Record<string, string> = {
  AMM: 'Compteur Linky',
  CBE: 'Compteur bleu électronique',
  EMC: 'Compteur électro-mécanique',
  ICE4Q: 'ICE quatre cadrans',
  CJE: 'Compteur jaune électronique',
  CJCE: 'Compteur jaune électromécanique avec contrôleur électronique',
  CJDI: 'Compteur jaune électromécanique avec disjoncteur',
  CVE: 'Compteur vert électronique',
  CVT1: 'Compteur vert électromécanique type 1',
  CVT2: 'Compteur vert électromécanique type 2',
  CVT3: 'Compteur vert électromécanique type 3',
  CVST: 'Compteur vert électromécanique simplifié avec TC',
  CVSS: 'Compteur vert électromécanique simplifié sans TC',
  ICE: 'ICE',
  PMEI: 'PME-PMI',
  LINKY: 'Compteur Linky',
  SAPHIR: 'Compteur Saphir',
  SSCPT: 'Sans comptage',
};

export function meterTypeLabel(meterType: string): string | undefined {
  return METER_LABELS[meterType];
}
