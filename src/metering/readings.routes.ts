import Type from 'typebox';
import { ErrorBody } from '../platform/http/schemas.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { TimeZone } from '../platform/time/zone.ts';
import { readingsCsv, readingsJson } from './readings.format.ts';
import type { ReadingsService } from './readings.service.ts';
import { seriesNames } from './series.ts';
import { textBody } from '../platform/http/text-body.ts';


const SeriesBody = Type.Object({
  usage_point_id: Type.String(),
  series: Type.String(),
  units: Type.Record(Type.String(), Type.String()),
  start: Type.String({ format: 'date' }),
  end: Type.String({ format: 'date' }),
  time_zone: Type.String(),
  items: Type.Array(
    Type.Object(
      {
        start: Type.Optional(Type.String({ description: 'Curves: interval start, ISO 8601 with the offset in force' })),
        end: Type.Optional(Type.String({ description: 'Curves: interval end' })),
        step: Type.Optional(Type.String({ description: 'Curves: interval length, ISO 8601 (PT10M, PT15M, PT30M, PT60M)' })),
        date: Type.Optional(Type.String({ description: 'Daily series: the local day (the gas day for gas)' })),
        register: Type.Optional(Type.String({ description: 'Indexes: the register (BASE, HP, HC, ...)' })),
        at: Type.Optional(Type.String({ description: 'Max power: when the maximum was reached' })),
        value: Type.Optional(Type.Number()),
        energy: Type.Optional(Type.Number()),
        volume: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
        conversion_coefficient: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
        quality: Type.String({ enum: ['measured', 'estimated', 'corrected'] }),
      },
      { additionalProperties: false },
    ),
  ),
});

/** Native API: every series of a usage point over `[start; end[`, in JSON or CSV. */
export function readingsRoutes(deps: { readings: ReadingsService; zone: TimeZone }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/usage-points/:id/series/:series',
      {
        config: { operation: 'readings.get' },
        schema: {
          tags: ['readings'],
          summary: 'Readings of one series over [start; end[ (local days); missing points are left out',
          description:
            'JSON by default; CSV with `format=csv` or `Accept: text/csv` (the columns of the import format, so an export can be imported back). ' +
            `Series: ${seriesNames().join(', ')}.`,
          params: Type.Object({ id: Type.String({ pattern: '^(\\d{14}|GI\\d{6})$' }), series: Type.String() }),
          querystring: Type.Object({
            start: Type.String({ description: 'First local day, included (YYYY-MM-DD)' }),
            end: Type.String({ description: 'Local day after the last one, excluded (YYYY-MM-DD)' }),
            format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
          }),
          produces: ['application/json', 'text/csv'],
          response: { 200: SeriesBody, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
        },
      },
      async (request, reply) => {
        const { id, series } = request.params;
        if (request.call) request.call.usagePoints = [id];
        const read = await deps.readings.read(id, series, request.query.start, request.query.end);
        const wantsCsv = request.query.format === 'csv' || (request.query.format === undefined && request.headers.accept?.startsWith('text/csv'));
        if (wantsCsv) {
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${id}_${series}_${request.query.start}_${request.query.end}.csv"`)
            .send(textBody(readingsCsv(read, deps.zone)) as never); // CSV text, not the JSON schema
        }
        // Built by concatenation from cached time labels; the schema documents it, Fastify sends the bytes as they are.
        return reply.type('application/json; charset=utf-8').send(textBody(readingsJson(read, deps.zone)) as never);
      },
    );
  };
}
