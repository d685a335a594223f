import { JsonText } from '../platform/http/json-text.ts';
import { textBody } from '../platform/http/text-body.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Presented } from '../gateway/gateway.ts';
import type { RestDialect } from '../gateway/gateway.fastify.ts';
import type { Refusal } from '../gateway/refusal.ts';
import type { Clock } from '../platform/time/clock.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { renderDataConnectError, type DataConnectErrorKey, type DataConnectFlavour } from './errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which error bodies a Data Connect route answers with. */
    flavour?: DataConnectFlavour;
  }
}

/** What a Data Connect route declares in its Fastify config. */
export interface DataConnectRouteConfig {
  operation: string;
  flavour: DataConnectFlavour;
}

export const JSON_UTF8 = 'application/json;charset=UTF-8';

/** A success: exactly 200 (decision 23), JSON labelled as decision 18 says; a Buffer is sent as it is (recorded sandbox payloads). */
export function sendAnswer(reply: FastifyReply, body: unknown): FastifyReply {
  return reply.code(200).type(JSON_UTF8).send(Buffer.isBuffer(body) ? body : body instanceof JsonText ? textBody(body.text) : JSON.stringify(body));
}

/** A 2026 path and the same with a trailing slash: both answer (decision 13). */
export function withTrailingSlash(path: string): [string, string] {
  return [path, `${path}/`];
}

export function flavourOf(request: FastifyRequest): DataConnectFlavour {
  return (request.routeOptions.config as Partial<DataConnectRouteConfig>).flavour ?? 'v5';
}

/**
 * Data Connect as a gateway dialect: the application's access token as
 * `Authorization: Bearer`; refusals with the WSO2 gateway bodies and Enedis
 * quota bodies of §13.27, in the route's flavour.
 */
export function dataConnectDialect(apiId: string, zone: TimeZone, clock: Clock): RestDialect {
  return {
    apiId,
    operationOf: (request) => (request.routeOptions.config as Partial<DataConnectRouteConfig>).operation ?? 'unknown',
    presented: (request): Presented => {
      const header = request.headers.authorization;
      const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
      return match ? { kind: 'access_token', token: match[1]! } : { kind: 'none' };
    },
    refuse: (reply: FastifyReply, refusal: Refusal) => {
      let key: DataConnectErrorKey;
      let detail: { en: string; fr: string } | undefined;
      switch (refusal.kind) {
        case 'unauthenticated':
          key = refusal.reason === 'missing' ? 'missing_credentials' : 'invalid_credentials';
          break;
        case 'suspended':
          key = 'invalid_credentials';
          break;
        case 'rate_limited':
        case 'quota_exceeded': {
          key = refusal.kind === 'rate_limited' && refusal.window === 'second' ? 'quota_q3' : 'quota_q4';
          const reopens = zone.wallClockOf(clock.now() + refusal.retryAfterSeconds * 1000);
          const time = zone.wallClockAt(reopens.day, reopens.elapsedSecond).slice(11, 19);
          detail = { en: time, fr: time };
          break;
        }
        case 'not_subscribed':
        case 'api_retired':
          key = 'not_subscribed';
          break;
        case 'closed':
        case 'read_only':
        case 'limits_unavailable':
          key = 'technical';
          break;
      }
      const rendered = renderDataConnectError(key, flavourOf(reply.request), detail);
      return reply.code(rendered.status).type(JSON_UTF8).send(rendered.body);
    },
  };
}
