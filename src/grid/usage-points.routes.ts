import Type from 'typebox';
import { ErrorBody } from '../platform/http/schemas.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/db/database.ts';
import { formatIsoDate } from '../platform/time/local-day.ts';
import type { Clock } from '../platform/time/clock.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { ReadingsStore } from '../metering/readings.store.ts';
import { seriesById } from '../metering/series.ts';
import { GridStore } from './grid.store.ts';
import type { UsagePointRow } from './grid.tables.ts';

const UsagePointId = Type.String({ pattern: '^(\\d{14}|GI\\d{6})$', description: 'PRM (14 digits) or PCE (14 digits, or GI + 6 digits)' });

const UsagePoint = Type.Object({
  id: Type.String(),
  energy: Type.Union([Type.Literal('electricity'), Type.Literal('gas')]),
  address: Type.Object({
    street: Type.String(),
    postal_code: Type.String(),
    insee_code: Type.String(),
    city: Type.String(),
    latitude: Type.Union([Type.Number(), Type.Null()]),
    longitude: Type.Union([Type.Number(), Type.Null()]),
  }),
  segment: Type.String(),
  meter_type: Type.String(),
  phase_count: Type.Integer(),
  subscribed_power_kva: Type.Union([Type.Integer(), Type.Null()]),
  tariff_option: Type.Union([Type.String(), Type.Null()]),
  offpeak_hours: Type.Union([Type.String(), Type.Null()]),
  step: Type.String({ description: 'Measurement step of the load curve, ISO 8601 duration' }),
  direction: Type.Union([Type.Literal('consumption'), Type.Literal('production'), Type.Literal('both')]),
  status: Type.String(),
  last_activation_date: Type.String({ format: 'date' }),
  load_curve_collection: Type.Union([Type.Literal('enabled'), Type.Literal('opposed')]),
});

const Holder = Type.Object({ customer_id: Type.String(), supplier_id: Type.String(), since: Type.String({ format: 'date' }), contract_type: Type.String() });

function usagePointJson(row: UsagePointRow) {
  return {
    id: row.id,
    energy: row.energy,
    address: { street: row.street, postal_code: row.postalCode, insee_code: row.inseeCode, city: row.city, latitude: row.latitude, longitude: row.longitude },
    segment: row.segment,
    meter_type: row.meterType,
    phase_count: row.phaseCount,
    subscribed_power_kva: row.subscribedPowerKva,
    tariff_option: row.tariffOption,
    offpeak_hours: row.offpeakHours,
    step: row.stepSeconds === 86400 ? 'P1D' : `PT${row.stepSeconds / 60}M`,
    direction: row.direction,
    status: row.status,
    last_activation_date: formatIsoDate(row.lastActivationDay),
    load_curve_collection: row.loadCurveCollection,
  };
}

/** Native API: the usage points of the network, their current holder and their series. */
export function usagePointRoutes(deps: { database: Database; zone: TimeZone; clock: Clock }): FastifyPluginAsyncTypebox {
  const grid = new GridStore(deps.database.db);
  const readings = new ReadingsStore(deps.database);
  return async (app) => {
    app.get(
      '/usage-points',
      {
        config: { operation: 'usage_points.list' },
        schema: {
          tags: ['usage points'],
          summary: 'List usage points, ordered by id, a page at a time',
          querystring: Type.Object({
            energy: Type.Optional(Type.Union([Type.Literal('electricity'), Type.Literal('gas')])),
            after: Type.Optional(Type.String({ description: 'Return points whose id sorts after this one (the `next` of the previous page)' })),
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
          }),
          response: { 200: Type.Object({ items: Type.Array(UsagePoint), next: Type.Union([Type.String(), Type.Null()]) }), 400: ErrorBody, 401: ErrorBody },
        },
      },
      async (request) => {
        const rows = await grid.listUsagePoints({ energy: request.query.energy, after: request.query.after, limit: request.query.limit });
        return { items: rows.map(usagePointJson), next: rows.length === request.query.limit ? rows[rows.length - 1].id : null };
      },
    );

    app.get(
      '/usage-points/:id',
      {
        config: { operation: 'usage_points.get' },
        schema: {
          tags: ['usage points'],
          summary: 'One usage point, its current holder and the series it has data for',
          params: Type.Object({ id: UsagePointId }),
          response: {
            200: Type.Intersect([
              UsagePoint,
              Type.Object({
                holder: Type.Union([Holder, Type.Null()]),
                series: Type.Array(Type.Object({ name: Type.String(), first_date: Type.String(), last_date: Type.String(), days: Type.Integer() })),
              }),
            ]),
            400: ErrorBody,
            401: ErrorBody,
            404: ErrorBody,
          },
        },
      },
      async (request) => {
        if (request.call) request.call.usagePoints = [request.params.id];
        const row = await grid.usagePoint(request.params.id);
        if (!row) throw new AppError(404, 'unknown_usage_point', `No usage point ${request.params.id}: list the known points with GET /api/v1/usage-points`);
        const today = deps.zone.dayOf(deps.clock.now());
        const contract = await grid.contractOn(row.id, today);
        const summary = await readings.seriesSummary(row.id);
        return {
          ...usagePointJson(row),
          holder: contract ? { customer_id: contract.customerId, supplier_id: contract.supplierId, since: formatIsoDate(contract.startDay), contract_type: contract.contractType } : null,
          series: summary.map((s) => ({ name: seriesById(s.series).name, first_date: formatIsoDate(s.firstDay), last_date: formatIsoDate(s.lastDay), days: s.days })),
        };
      },
    );
  };
}
