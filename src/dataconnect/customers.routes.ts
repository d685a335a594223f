import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Identity } from '../gateway/gateway.ts';
import type { UsagePointRow } from '../grid/grid.tables.ts';
import { isPrm } from '../grid/usage-point.ts';
import type { DayNumber } from '../platform/time/local-day.ts';
import type { Clock } from '../platform/time/clock.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { hasCustomerData } from './customers/point-facts.ts';
import { renderV5Addresses } from './customers/v5-addresses.ts';
import { renderV5ContactData } from './customers/v5-contact-data.ts';
import { renderV5Contracts } from './customers/v5-contracts.ts';
import { renderV5Identity } from './customers/v5-identity.ts';
import { sendAnswer, type DataConnectRouteConfig } from './dataconnect.dialect.ts';
import type { DataConnectFlavour } from './errors.ts';
import type { AllowedCustomerRead, MeteringAccess, ParameterNames } from './metering-access.ts';
import { V5_NAMES } from './metering-access.ts';

export interface CustomerDeps {
  access: MeteringAccess;
  zone: TimeZone;
  clock: Clock;
}

export interface CustomerContext {
  identity: Identity;
  today: DayNumber;
  zone: TimeZone;
}

/** One customer-data resource: which points have its data, and its answer (a Buffer is a recorded payload, sent as it is). */
export interface CustomerResource {
  paths: string[];
  operation: string;
  flavour: DataConnectFlavour;
  names: Pick<ParameterNames, 'usagePoint'>;
  /** Where the route finds the usage point: a query parameter (v3, v5) or the path (2026). */
  usagePointOf(request: FastifyRequest): unknown;
  hasData(point: UsagePointRow): boolean;
  render(read: AllowedCustomerRead, context: CustomerContext): unknown;
}

/**
 * The steps of every customer-data call (v3 and v5 customers, 2026 contract
 * APIs): the gateway has admitted the caller; MeteringAccess checks the point
 * and the consent with the metering rules; the answer shows the holder, who
 * is the consenting customer. Point and consent go to the audit log.
 */
export function customerHandler(deps: CustomerDeps, resource: CustomerResource) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const call = request.call!;
    const identity = call.identity!;
    const usagePointId = resource.usagePointOf(request);
    if (typeof usagePointId === 'string' && isPrm(usagePointId)) call.usagePoints = [usagePointId];
    const read = await deps.access.readCustomer(identity, usagePointId, resource.names, resource.hasData);
    call.basis = read.basis;
    const context: CustomerContext = { identity, today: deps.zone.dayOf(deps.clock.now()), zone: deps.zone };
    return sendAnswer(reply, await resource.render(read, context));
  };
}

export function customerRoutes(deps: CustomerDeps, resources: readonly CustomerResource[]) {
  return async (app: FastifyInstance): Promise<void> => {
    for (const resource of resources) {
      const config: DataConnectRouteConfig = { operation: resource.operation, flavour: resource.flavour };
      for (const path of resource.paths) app.get(path, { config }, customerHandler(deps, resource));
    }
  };
}

type V5CustomerAnswer = 'contracts' | 'addresses' | 'identity' | 'contact_data';

/** The v5 customer answers (§6), also those of the v3 customer paths (decision 1); decision 11 is in renderV5ContactData. */
const V5_ANSWERS: Record<V5CustomerAnswer, CustomerResource['render']> = {
  contracts: (read, context) => renderV5Contracts({ customer: read.customer, points: [{ point: read.point, contract: read.contract }], today: context.today }, context.zone),
  addresses: (read) => renderV5Addresses({ customer: read.customer, points: [{ point: read.point, contract: read.contract }] }),
  identity: (read) => renderV5Identity(read.customer),
  contact_data: (read) => renderV5ContactData(read.customer),
};

/** A v3 or v5 customers resource: `usage_point_id` in the query, data only on consumption points (§6, §9). */
export function v5CustomerResource(answer: V5CustomerAnswer, path: string, operation: string): CustomerResource {
  return {
    paths: [path], operation, flavour: 'v5_customers', names: V5_NAMES,
    usagePointOf: (request) => (request.query as Record<string, unknown>).usage_point_id,
    hasData: hasCustomerData,
    render: V5_ANSWERS[answer],
  };
}

export const V5_CUSTOMER_RESOURCES: CustomerResource[] = [
  v5CustomerResource('contracts', '/customers_upc/v5/usage_points/contracts', 'customers_upc'),
  v5CustomerResource('addresses', '/customers_upa/v5/usage_points/addresses', 'customers_upa'),
  v5CustomerResource('identity', '/customers_i/v5/identity', 'customers_i'),
  v5CustomerResource('contact_data', '/customers_cd/v5/contact_data', 'customers_cd'),
];

export function v5CustomerRoutes(deps: CustomerDeps) {
  return customerRoutes(deps, V5_CUSTOMER_RESOURCES);
}
