import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Presented } from './gateway.ts';
import type { RestDialect } from './gateway.fastify.ts';
import { refusalMessage, refusalStatus, type Refusal } from './refusal.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { describeInstant } from './calendar.ts';

/**
 * The native API as a gateway dialect: an application API key as
 * `Authorization: Bearer <key>` or `X-API-Key: <key>`; refusals as
 * `{"error": {"code", "message"}}` with the refusal kind as the code.
 */
export function nativeDialect(zone: TimeZone): RestDialect {
  return {
    apiId: 'native-v1',
    operationOf: (request: FastifyRequest) => (request.routeOptions.config as { operation?: string }).operation ?? 'unknown',
    presented: (request: FastifyRequest): Presented => {
      const header = request.headers.authorization;
      if (header?.startsWith('Bearer ') && header.length > 7) return { kind: 'api_key', key: header.slice(7).trim() };
      const apiKey = request.headers['x-api-key'];
      return typeof apiKey === 'string' && apiKey ? { kind: 'api_key', key: apiKey } : { kind: 'none' };
    },
    refuse: (reply: FastifyReply, refusal: Refusal) => {
      const code = refusal.kind === 'unauthenticated' ? (refusal.reason === 'missing' ? 'missing_credentials' : 'invalid_credentials') : refusal.kind;
      return reply.code(refusalStatus(refusal)).send({ error: { code, message: refusalMessage(refusal, (ms) => describeInstant(zone, ms)) } });
    },
  };
}
