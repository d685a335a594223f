import Type from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { Metrics } from '../metrics.ts';
import { AdjustableClock, parseDurationMs, type Clock } from '../time/clock.ts';
import { AppError } from '../errors.ts';

/** Liveness, readiness and metrics; unauthenticated, they reveal no data. */
export function opsRoutes(deps: { db: Kysely<Schema>; metrics: Metrics }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/healthz', { schema: { tags: ['operations'], summary: 'The process is alive', response: { 200: Type.Object({ status: Type.Literal('ok') }) } } }, async () => ({ status: 'ok' as const }));

    app.get(
      '/readyz',
      {
        schema: {
          tags: ['operations'],
          summary: 'The hub can serve: its database answers',
          response: { 200: Type.Object({ status: Type.Literal('ready') }), 503: Type.Object({ status: Type.Literal('unavailable'), reason: Type.String() }) },
        },
      },
      async (_request, reply) => {
        try {
          await sql`select 1`.execute(deps.db);
          return { status: 'ready' as const };
        } catch (error) {
          return reply.code(503).send({ status: 'unavailable' as const, reason: `database: ${(error as Error).message}` });
        }
      },
    );

    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      return reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
    });
  };
}

/**
 * Test mode only: read, set or advance the hub's clock, so that tests cross a
 * code's expiry or a local midnight without sleeping. Never registered in production.
 */
export function testClockRoutes(clock: Clock): FastifyPluginAsyncTypebox {
  return async (app) => {
    const now = () => ({ now: new Date(clock.now()).toISOString() });
    app.get('/__test__/clock', { schema: { hide: true } }, async () => now());
    app.post(
      '/__test__/clock',
      { schema: { hide: true, body: Type.Object({ set: Type.Optional(Type.String()), advance: Type.Optional(Type.String()) }) } },
      async (request) => {
        if (!(clock instanceof AdjustableClock)) throw new AppError(409, 'clock_not_adjustable', 'This hub runs on the system clock');
        const { set, advance } = request.body;
        if (set !== undefined) {
          const ms = Date.parse(set);
          if (Number.isNaN(ms)) throw new AppError(400, 'invalid_instant', `"${set}" is not an ISO 8601 instant`);
          clock.set(ms);
        }
        if (advance !== undefined) {
          const ms = parseDurationMs(advance);
          if (ms === undefined) throw new AppError(400, 'invalid_duration', `"${advance}" is not an ISO 8601 duration such as PT3M or P1D`);
          clock.advance(ms);
        }
        return now();
      },
    );
  };
}
