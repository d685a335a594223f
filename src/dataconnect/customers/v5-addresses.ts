import type { UsagePointRow } from '../../grid/grid.tables.ts';
import { dataConnectCustomerId } from './derived-ids.ts';
import type { CustomerPoints } from './inputs.ts';
import { v5UsagePoint, type V5UsagePoint } from './v5-usage-point.ts';

/** `GET /customers_upa/v5/usage_points/addresses` (and `/v3/customers/usage_points/addresses`), §6. */

export interface V5Address {
  street: string;
  postal_code: string;
  insee_code: string;
  city: string;
  country: string;
  geo_points?: { latitude: string; longitude: string };
}

export interface V5AddressesAnswer {
  customer: {
    customer_id: string;
    usage_points: { usage_point: V5UsagePoint & { usage_point_addresses: V5Address } }[];
  };
}

export function renderV5Addresses(input: CustomerPoints): V5AddressesAnswer {
  return {
    customer: {
      customer_id: dataConnectCustomerId(input.customer.id),
      usage_points: input.points.map(({ point }) => ({ usage_point: { ...v5UsagePoint(point), usage_point_addresses: v5Address(point) } })),
    },
  };
}

function v5Address(point: UsagePointRow): V5Address {
  return {
    street: point.street,
    postal_code: point.postalCode,
    insee_code: point.inseeCode,
    city: point.city,
    country: 'France',
    // Both coordinates are required inside geo_points, so the block goes only with both; altitude is never known.
    ...(point.latitude != null && point.longitude != null && { geo_points: { latitude: String(point.latitude), longitude: String(point.longitude) } }),
  };
}
