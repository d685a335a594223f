import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isPrm } from '../grid/usage-point.ts';
import { S, type SeriesDef } from '../metering/series.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { JSON_UTF8, type DataConnectRouteConfig } from './dataconnect.dialect.ts';
import { DataConnectError } from './errors.ts';
import type { MeteringAccess, ParameterNames } from './metering-access.ts';
import { V5_NAMES } from './metering-access.ts';
import { hasNoValue, type MeteringAnswer } from './metering/request.ts';
import { renderV5 } from './metering/v5.ts';

export interface MeteringResource {
  path: string;
  series: SeriesDef;
  operation: string;
}

/** v5: one API per resource (§5). */
export const V5_RESOURCES: MeteringResource[] = [
  { path: '/metering_data_dc/v5/daily_consumption', series: S.daily_consumption, operation: 'metering_data_dc' },
  { path: '/metering_data_clc/v5/consumption_load_curve', series: S.consumption_load_curve, operation: 'metering_data_clc' },
  { path: '/metering_data_dcmp/v5/daily_consumption_max_power', series: S.daily_consumption_max_power, operation: 'metering_data_dcmp' },
  { path: '/metering_data_dp/v5/daily_production', series: S.daily_production, operation: 'metering_data_dp' },
  { path: '/metering_data_plc/v5/production_load_curve', series: S.production_load_curve, operation: 'metering_data_plc' },
];

/**
 * The steps of every metering call, whatever the generation: the gateway has
 * identified and admitted the caller (scope hooks); here the parameters and
 * the rules (MeteringAccess), then the answer in the generation's shape.
 */
export function meteringHandler(deps: { access: MeteringAccess; zone: TimeZone }, resource: MeteringResource, read: (query: Record<string, unknown>) => { usagePointId: unknown; start: unknown; end: unknown }, names: ParameterNames, render: (answer: MeteringAnswer) => unknown) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const call = request.call!;
    const parameters = read(request.query as Record<string, unknown>);
    if (typeof parameters.usagePointId === 'string' && isPrm(parameters.usagePointId)) call.usagePoints = [parameters.usagePointId];
    const allowed = await deps.access.read(call.identity!, resource.series, parameters, names);
    call.basis = allowed.basis;
    const answer: MeteringAnswer = { usagePointId: allowed.point.id, series: resource.series, startDay: allowed.startDay, endDay: allowed.endDay, days: allowed.days, zone: deps.zone };
    if (hasNoValue(answer)) throw new DataConnectError('no_data');
    return reply.code(200).type(JSON_UTF8).send(JSON.stringify(render(answer)));
  };
}

export function v5MeteringRoutes(deps: { access: MeteringAccess; zone: TimeZone }) {
  return async (app: FastifyInstance): Promise<void> => {
    for (const resource of V5_RESOURCES) {
      const config: DataConnectRouteConfig = { operation: resource.operation, flavour: 'v5' };
      app.get(resource.path, { config }, meteringHandler(deps, resource, (q) => ({ usagePointId: q.usage_point_id, start: q.start, end: q.end }), V5_NAMES, renderV5));
    }
  };
}
