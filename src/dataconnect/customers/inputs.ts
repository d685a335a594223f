import type { CustomerRow, UsagePointRow } from '../../grid/grid.tables.ts';
import type { DayNumber } from '../../platform/time/local-day.ts';

/**
 * What the customer and contract renderers read. They take rows, not ids:
 * looking the rows up (and choosing which contract is the consenting
 * customer's) is the route's job, so the renderers stay pure.
 */

/** The contract columns the renderers read: a selected row, an insertable row or a literal all fit. */
export interface ContractFacts {
  startDay: DayNumber;
  endDay?: DayNumber | null;
  contractType: string;
  distributionTariff?: string | null;
  lastTariffChangeDay?: DayNumber | null;
}

/** A usage point with the contract its customer holds on it. */
export interface HeldPoint {
  point: UsagePointRow;
  contract: ContractFacts;
}

/** At least one element: the v5 contracts and addresses answers never carry an empty `usage_points` (§13 decision 23). */
export type NonEmpty<T> = readonly [T, ...T[]];

export interface CustomerPoints {
  customer: CustomerRow;
  points: NonEmpty<HeldPoint>;
}
