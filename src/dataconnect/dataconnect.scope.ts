import type { FastifyError, FastifyInstance } from 'fastify';
import type { Gateway } from '../gateway/gateway.ts';
import { gatewayHooks } from '../gateway/gateway.fastify.ts';
import type { Clock } from '../platform/time/clock.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { dataConnectDialect, flavourOf, JSON_UTF8 } from './dataconnect.dialect.ts';
import { DataConnectError, renderDataConnectError } from './errors.ts';

/**
 * One API of the Data Connect family inside a Fastify scope: the gateway's
 * hooks with the Data Connect dialect, and errors in the route's flavour
 * (Fastify's own parameter errors become `invalid_request`, anything
 * unexpected the technical error of §13.27).
 */
export async function dataConnectScope(app: FastifyInstance, deps: { gateway: Gateway; zone: TimeZone; clock: Clock; apiId: string }): Promise<void> {
  const hooks = gatewayHooks(deps.gateway, dataConnectDialect(deps.apiId, deps.zone, deps.clock));
  app.addHook('onRequest', hooks.onRequest);
  app.addHook('onSend', hooks.onSend);
  app.addHook('onError', hooks.onError);
  app.setErrorHandler((error: FastifyError | DataConnectError, request, reply) => {
    const flavour = flavourOf(request);
    let rendered;
    if (error instanceof DataConnectError) {
      rendered = renderDataConnectError(error.key, flavour, error.detail);
      if (error.basis && request.call) request.call.basis = error.basis;
    }
    else if ('validation' in error && error.validation) rendered = renderDataConnectError('invalid_request', flavour);
    else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own refusals of the request (a body too large, a content type it cannot read): the client's to fix, with Fastify's status.
      rendered = { ...renderDataConnectError('invalid_request', flavour, { en: error.message, fr: error.message }), status: error.statusCode };
    } else {
      request.log.error({ err: error }, 'unhandled error in a Data Connect call');
      rendered = renderDataConnectError('technical', flavour);
    }
    return reply.code(rendered.status).type(JSON_UTF8).send(rendered.body);
  });
}
