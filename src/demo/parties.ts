import type { MarketPartyRow, UsagePointRow } from '../grid/grid.tables.ts';
import { hasBalanceResponsible } from '../grid/usage-point.ts';

/**
 * Market parties of the demo network: the operator, a handful of suppliers
 * and one balance responsible party. The names are made up; any likeness to
 * a real company is not intended. The legal ids are out of the SIREN range in use (they start with 0).
 */
export const OPERATOR_ID = 'DSO-GRIDGATE';

export const DEMO_PARTIES: readonly MarketPartyRow[] = [
  { id: OPERATOR_ID, role: 'operator', name: 'Gridgate Réseau (démonstration)', legalId: '000000017', energy: 'both' },
  { id: 'SUP-LUMIVOLT', role: 'supplier', name: 'Lumivolt Énergie', legalId: '000000025', energy: 'electricity' },
  { id: 'SUP-HELIORIA', role: 'supplier', name: 'Hélioria Fourniture', legalId: '000000033', energy: 'electricity' },
  { id: 'SUP-ARDOISE', role: 'supplier', name: 'Ardoise Énergies', legalId: '000000041', energy: 'both' },
  { id: 'SUP-WATTCOMMUN', role: 'supplier', name: 'Coopérative Watt Commun', legalId: '000000058', energy: 'electricity' },
  { id: 'SUP-FLAMMEBLEUE', role: 'supplier', name: 'Flamme Bleue Gaz', legalId: '000000066', energy: 'gas' },
  { id: 'SUP-BOCAGE', role: 'supplier', name: 'Énergies du Bocage', legalId: '000000074', energy: 'both' },
  { id: 'BRP-EQUILIBRE', role: 'balance_responsible', name: 'Équilibre Réseaux Services', legalId: '000000082', energy: 'both' },
];

export const BALANCE_RESPONSIBLE_ID = 'BRP-EQUILIBRE';

/** The balance responsible party of the demo contracts of a point: the demo's only one for C1-C4 and P1-P3, none for C5, P4 and gas. */
export function demoBalanceResponsible(point: Pick<UsagePointRow, 'energy' | 'segment'>): string | null {
  return hasBalanceResponsible(point.energy, point.segment) ? BALANCE_RESPONSIBLE_ID : null;
}

/** Suppliers with their market share, by energy. */
export const ELECTRICITY_SUPPLIERS: readonly (readonly [string, number])[] = [
  ['SUP-LUMIVOLT', 45],
  ['SUP-HELIORIA', 20],
  ['SUP-ARDOISE', 15],
  ['SUP-WATTCOMMUN', 8],
  ['SUP-BOCAGE', 12],
];

export const GAS_SUPPLIERS: readonly (readonly [string, number])[] = [
  ['SUP-FLAMMEBLEUE', 55],
  ['SUP-ARDOISE', 30],
  ['SUP-BOCAGE', 15],
];
