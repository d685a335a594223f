/**
 * Usage points: electricity PRM (14 digits) and gas PCE (14 digits, or GI + 6 digits).
 * Identifiers are strings: a PRM keeps its leading zeros.
 */
export type Energy = 'electricity' | 'gas';

export const ELECTRICITY_SEGMENTS = ['C1', 'C2', 'C3', 'C4', 'C5', 'P1', 'P2', 'P3', 'P4'] as const;
export const GAS_TARIFFS = ['T1', 'T2', 'T3', 'T4', 'TP'] as const;
export const DIRECTIONS = ['consumption', 'production', 'both'] as const;
export const CURVE_STEPS_SECONDS = [600, 900, 1800, 3600] as const;

export type Direction = (typeof DIRECTIONS)[number];

const PRM = /^\d{14}$/;
const PCE = /^(\d{14}|GI\d{6})$/;

export function isPrm(id: string): boolean {
  return PRM.test(id);
}

export function isPce(id: string): boolean {
  return PCE.test(id);
}

export function isUsagePointId(id: string): boolean {
  return PRM.test(id) || PCE.test(id);
}

export function isSegmentFor(energy: Energy, segment: string): boolean {
  return energy === 'electricity'
    ? (ELECTRICITY_SEGMENTS as readonly string[]).includes(segment)
    : (GAS_TARIFFS as readonly string[]).includes(segment);
}

/**
 * Whether the contracts of a point have a balance responsible party: the
 * electricity segments C1-C4 and P1-P3 do; C5 and P4 (Linky) and gas points
 * do not (enedis-data-connect.md §13 decision 20).
 */
export function hasBalanceResponsible(energy: Energy, segment: string): boolean {
  return energy === 'electricity' && !isSmallSegment(segment) && isSegmentFor(energy, segment);
}

/** The small electricity segments (Linky): C5 consumers and P4 producers, whose contracts never carry a balance responsible party. */
export function isSmallSegment(segment: string): boolean {
  return segment === 'C5' || segment === 'P4';
}

export function describeUsagePointIdRule(): string {
  return 'a usage point id is a PRM of 14 digits, or a gas PCE of 14 digits or GI followed by 6 digits';
}
