import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Identity } from '../gateway/gateway.ts';
import type { UsagePointRow } from '../grid/grid.tables.ts';
import { isPrm } from '../grid/usage-point.ts';
import { S, type SeriesDef } from '../metering/series.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { sendAnswer, type DataConnectRouteConfig } from './dataconnect.dialect.ts';
import { DataConnectError, type DataConnectFlavour } from './errors.ts';
import type { MeteringAccess, MeteringRequest, ParameterNames } from './metering-access.ts';
import { V5_NAMES } from './metering-access.ts';
import { hasNoValue, type MeteringAnswer } from './metering/request.ts';
import { renderV5 } from './metering/v5.ts';

export interface MeteringResource {
  path: string;
  series: SeriesDef;
  operation: string;
}

export type Query = Record<string, unknown>;

export interface RenderContext<O> {
  identity: Identity;
  point: UsagePointRow;
  options: O;
}

/**
 * What a generation of the metering API adds to the common steps: where it
 * reads the point and the period, the parameters of its own (max power's
 * `grandeurPhysique`...), a recorded sandbox answer that replaces the whole
 * call (decision 21), and the shape of its answer.
 */
export interface MeteringGeneration<O = undefined> {
  flavour: DataConnectFlavour;
  names: ParameterNames;
  read(query: Query): MeteringRequest;
  /** Parameters beyond the point and the period; checked with the others, before the rules. */
  options?(query: Query, series: SeriesDef): O;
  replay?(identity: Identity, request: MeteringRequest, options: O, series: SeriesDef): Buffer | undefined;
  render(answer: MeteringAnswer, context: RenderContext<O>): unknown;
}

export interface MeteringDeps {
  access: MeteringAccess;
  zone: TimeZone;
}

/** v5 parameter names, also those of v3, v4 and Mesures V1. */
export const v5Query = (query: Query): MeteringRequest => ({ usagePointId: query.usage_point_id, start: query.start, end: query.end });

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
 * the rules (MeteringAccess), then the answer in the generation's shape. The
 * usage point and the consent go to the audit log with the call.
 */
export function meteringHandler<O>(deps: MeteringDeps, resource: MeteringResource, generation: MeteringGeneration<O>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const call = request.call!;
    const identity = call.identity!;
    const query = request.query as Query;
    const parameters = generation.read(query);
    if (typeof parameters.usagePointId === 'string' && isPrm(parameters.usagePointId)) call.usagePoints = [parameters.usagePointId];
    const options = generation.options ? generation.options(query, resource.series) : (undefined as O);
    const recorded = generation.replay?.(identity, parameters, options, resource.series);
    if (recorded) {
      call.basis = 'sandbox';
      return sendAnswer(reply, recorded);
    }
    const allowed = await deps.access.read(identity, resource.series, parameters, generation.names);
    call.basis = allowed.basis;
    const answer: MeteringAnswer = { usagePointId: allowed.point.id, series: resource.series, startDay: allowed.startDay, endDay: allowed.endDay, days: allowed.days, zone: deps.zone };
    if (hasNoValue(answer)) throw new DataConnectError('no_data');
    return sendAnswer(reply, generation.render(answer, { identity, point: allowed.point, options }));
  };
}

/** Registers the resources of one generation; `paths` gives the paths a resource answers on (2026: with and without trailing slash). */
export function meteringRoutes<O>(deps: MeteringDeps, resources: readonly MeteringResource[], generation: MeteringGeneration<O>, paths: (path: string) => string[] = (path) => [path]) {
  return async (app: FastifyInstance): Promise<void> => {
    for (const resource of resources) {
      const config: DataConnectRouteConfig = { operation: resource.operation, flavour: generation.flavour };
      for (const path of paths(resource.path)) app.get(path, { config }, meteringHandler(deps, resource, generation));
    }
  };
}

export const V5_GENERATION: MeteringGeneration = { flavour: 'v5', names: V5_NAMES, read: v5Query, render: renderV5 };

export function v5MeteringRoutes(deps: MeteringDeps) {
  return meteringRoutes(deps, V5_RESOURCES, V5_GENERATION);
}
