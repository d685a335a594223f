import type { FastifyInstance } from 'fastify';
import { S } from '../metering/series.ts';
import { customerRoutes, v5CustomerResource, type CustomerDeps } from './customers.routes.ts';
import { V5_NAMES } from './metering-access.ts';
import { meteringRoutes, v5Query, type MeteringDeps, type MeteringGeneration, type MeteringResource } from './metering.routes.ts';
import { renderV3 } from './metering/v3.ts';
import { renderV4 } from './metering/v5.ts';

/**
 * The v3 and v4 data paths (§5, decision 1), one API of the catalog
 * (`dataconnect-v3`) with two operations, `metering_data` and `customers`.
 * Their errors are the v5 ones (§13.27).
 */

const OPERATION = 'metering_data';

export const V3_RESOURCES: MeteringResource[] = [
  { path: '/v3/metering_data/consumption_load_curve', series: S.consumption_load_curve, operation: OPERATION },
  { path: '/v3/metering_data/daily_consumption', series: S.daily_consumption, operation: OPERATION },
  { path: '/v3/metering_data/consumption_max_power', series: S.daily_consumption_max_power, operation: OPERATION },
  { path: '/v3/metering_data/production_load_curve', series: S.production_load_curve, operation: OPERATION },
  { path: '/v3/metering_data/daily_production', series: S.daily_production, operation: OPERATION },
];

/** v4 serves max power under both names clients use (§5: CONSO 2021 vs AEN 2020). */
export const V4_RESOURCES: MeteringResource[] = [
  { path: '/v4/metering_data/consumption_load_curve', series: S.consumption_load_curve, operation: OPERATION },
  { path: '/v4/metering_data/daily_consumption', series: S.daily_consumption, operation: OPERATION },
  { path: '/v4/metering_data/daily_consumption_max_power', series: S.daily_consumption_max_power, operation: OPERATION },
  { path: '/v4/metering_data/consumption_max_power', series: S.daily_consumption_max_power, operation: OPERATION },
  { path: '/v4/metering_data/production_load_curve', series: S.production_load_curve, operation: OPERATION },
  { path: '/v4/metering_data/daily_production', series: S.daily_production, operation: OPERATION },
];

const V3_GENERATION: MeteringGeneration = { flavour: 'v5', names: V5_NAMES, read: v5Query, render: renderV3 };
const V4_GENERATION: MeteringGeneration = { flavour: 'v5', names: V5_NAMES, read: v5Query, render: renderV4 };

/** The customers stayed on `/v3/customers/*` under v4; they answer the v5 shapes (decision 1). */
export const V3_CUSTOMER_RESOURCES = [
  v5CustomerResource('contracts', '/v3/customers/usage_points/contracts', 'customers'),
  v5CustomerResource('addresses', '/v3/customers/usage_points/addresses', 'customers'),
  v5CustomerResource('identity', '/v3/customers/identity', 'customers'),
  v5CustomerResource('contact_data', '/v3/customers/contact_data', 'customers'),
];

export function legacyDataRoutes(deps: MeteringDeps & CustomerDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(meteringRoutes(deps, V3_RESOURCES, V3_GENERATION));
    await app.register(meteringRoutes(deps, V4_RESOURCES, V4_GENERATION));
    await app.register(customerRoutes(deps, V3_CUSTOMER_RESOURCES));
  };
}
