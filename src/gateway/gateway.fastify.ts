import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import type { Admission, Attribution, Gateway, Identity, Presented } from './gateway.ts';
import type { Refusal } from './refusal.ts';

/**
 * The gateway pipeline for a REST dialect, as Fastify hooks:
 *   1. onRequest: identify the caller (before any parameter is looked at),
 *      then admit the call (subscription, lifecycle, calendar, limits);
 *      a refusal is rendered by the dialect and the handler never runs;
 *   2. Fastify validates the parameters, the handler runs (consent, store);
 *   3. onError notes why a call failed; onSend records the call in the audit
 *      log, and the answer leaves only once the record is durable.
 */
export interface CallContext {
  startedAt: bigint;
  identity: Identity | undefined;
  /** On a refusal by identify: the credential it found, so that the refusal is recorded against its application. */
  attribution: Attribution | undefined;
  admission: Admission | undefined;
  apiId: string;
  operation: string;
  /** Set by handlers: the usage points the call touched and the consent or contract that allowed it. */
  usagePoints: string[];
  basis: string | null;
  /** The refusal or error code, when the call did not succeed. */
  outcome: string | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    call: CallContext | undefined;
  }
  interface FastifyContextConfig {
    /** The operation of the route, as the catalog declares it. */
    operation?: string;
  }
}

export interface RestDialect {
  apiId: string;
  /** The operation of this request, as declared in the catalog. */
  operationOf(request: FastifyRequest): string;
  /** The credentials as this dialect carries them. */
  presented(request: FastifyRequest): Presented;
  /** Answers a refusal in the dialect's own format. */
  refuse(reply: FastifyReply, refusal: Refusal): FastifyReply;
}

export function gatewayHooks(gateway: Gateway, dialect: RestDialect) {
  const onRequest = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const call: CallContext = {
      startedAt: process.hrtime.bigint(), identity: undefined, attribution: undefined, admission: undefined, apiId: dialect.apiId, operation: dialect.operationOf(request),
      usagePoints: [], basis: null, outcome: undefined,
    };
    request.call = call;
    const identified = await gateway.identify(dialect.presented(request));
    if (!identified.ok) {
      call.attribution = identified.attribution;
      return refuse(reply, call, identified.refusal);
    }
    call.identity = identified.identity;
    const admitted = await gateway.admit(identified.identity, { apiId: dialect.apiId, operation: call.operation });
    if (!admitted.ok) return refuse(reply, call, admitted.refusal);
    call.admission = admitted.admission;
    const limits = admitted.admission.limits;
    if (limits) {
      reply.header('ratelimit-limit', String(limits.rule.limit));
      reply.header('ratelimit-remaining', String(limits.remaining));
      reply.header('ratelimit-reset', String(limits.resetSeconds));
    }
  };

  const refuse = async (reply: FastifyReply, call: CallContext, refusal: Refusal): Promise<void> => {
    call.outcome = refusal.kind;
    if ('retryAfterSeconds' in refusal && refusal.retryAfterSeconds !== undefined) reply.header('retry-after', String(refusal.retryAfterSeconds));
    if (refusal.kind === 'rate_limited' || refusal.kind === 'quota_exceeded') {
      reply.header('ratelimit-limit', String(refusal.limit));
      reply.header('ratelimit-remaining', '0');
      reply.header('ratelimit-reset', String(refusal.retryAfterSeconds));
    }
    await dialect.refuse(reply, refusal);
  };

  const onSend = async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    const call = request.call;
    if (!call) return payload;
    const status = reply.statusCode;
    await gateway.record({
      identity: call.identity ?? call.attribution,
      channel: 'rest',
      apiId: call.apiId,
      operation: call.operation,
      usagePoints: call.usagePoints,
      basis: call.basis,
      outcome: call.outcome ?? (status < 400 ? 'ok' : `http_${status}`),
      status,
      durationUs: Number(process.hrtime.bigint() - call.startedAt) / 1000,
    });
    return payload;
  };

  /** Notes why a call failed, for the audit record: the domain's code, a parameter error, or an internal one. */
  const onError = async (request: FastifyRequest, _reply: FastifyReply, error: FastifyError | AppError): Promise<void> => {
    if (!request.call) return;
    request.call.outcome = error instanceof AppError ? error.code : 'validation' in error && error.validation ? 'invalid_parameter' : (error.statusCode ?? 500) < 500 ? (error.code ?? 'bad_request') : 'internal_error';
  };

  return { onRequest, onSend, onError };
}
