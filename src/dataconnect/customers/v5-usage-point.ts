import type { UsagePointRow } from '../../grid/grid.tables.ts';
import { usagePointStatus } from './point-facts.ts';

/** The `usage_point` block shared by the v5 contracts and addresses answers. */
export interface V5UsagePoint {
  usage_point_id: string;
  usage_point_status: 'com' | 'no_com';
  meter_type: string;
}

export function v5UsagePoint(point: UsagePointRow): V5UsagePoint {
  return { usage_point_id: point.id, usage_point_status: usagePointStatus(point), meter_type: point.meterType };
}
