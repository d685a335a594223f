import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Attribution, Gateway, Identity, Presented } from '../gateway/gateway.ts';
import { JSON_UTF8 } from './dataconnect.dialect.ts';

export type Params = Record<string, string | undefined>;

export const oauthError = (reply: FastifyReply, status: number, error: string, description: string) => reply.code(status).type(JSON_UTF8).send({ error, error_description: description });

/**
 * The client's credentials, from any of the three places working clients
 * put them (§4.1): an HTTP Basic header, the form body, or the query string
 * of a POST with an empty body.
 */
export function clientCredentials(request: FastifyRequest, body: Params): Presented {
  const header = request.headers.authorization;
  const basic = header ? /^Basic\s+(\S+)\s*$/i.exec(header) : null;
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    // RFC 6749 §2.3.1: both parts are form-encoded before going into the header.
    if (colon > 0) return { kind: 'client_secret', clientId: decodeForm(decoded.slice(0, colon)), secret: decodeForm(decoded.slice(colon + 1)) };
    return { kind: 'none' };
  }
  const query = request.query as Params;
  const clientId = body.client_id ?? query.client_id;
  const secret = body.client_secret ?? query.client_secret;
  return clientId && secret ? { kind: 'client_secret', clientId, secret } : { kind: 'none' };
}

function decodeForm(value: string): string {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return value;
  }
}

/** Parameters of a token request: the form body, or the query string when the body is empty. */
function parameters(request: FastifyRequest): Params | undefined {
  const query = request.query as Params;
  const body = request.body;
  if (body === undefined || body === null || body === '') return query;
  const form = (request.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
  return form && typeof body === 'object' ? { ...query, ...(body as Params) } : undefined;
}

/** A token endpoint's call in progress: its client, its parameters, and how it is recorded in the audit log. */
export interface TokenCall {
  identity: Identity;
  params: Params;
  record(outcome: string, status: number): Promise<void>;
  /** Answers an OAuth error with 400 and records it. */
  refuse(error: string, description: string): Promise<FastifyReply>;
}

/**
 * The common part of the token endpoints, in one scope: form bodies (or
 * none, when the credentials are in the query string), client
 * authentication, and an audit record for every call, answered or refused.
 */
export async function tokenEndpointScope(app: FastifyInstance, deps: { gateway: Gateway; apiId: string }) {
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  // A POST with credentials in its query string may come with no body and no content type.
  app.removeContentTypeParser(['text/plain']);
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => done(null, body === '' ? undefined : body));

  const record = (started: bigint, identity: Attribution | undefined, operation: string, outcome: string, status: number) =>
    deps.gateway.record({ identity, channel: 'rest', apiId: deps.apiId, operation, outcome, status, durationUs: Number(process.hrtime.bigint() - started) / 1000 });

  /** Authenticates the client, or answers the refusal (415, 401) and returns undefined. */
  return async (request: FastifyRequest, reply: FastifyReply, operation: string): Promise<TokenCall | undefined> => {
    const started = process.hrtime.bigint();
    const params = parameters(request);
    if (!params) {
      await oauthError(reply, 415, 'invalid_request', 'Le Content-Type doit être application/x-www-form-urlencoded');
      return undefined;
    }
    // RFC 6749 §3.1: a parameter sent twice is an invalid request (and never reaches the checks as an array).
    const repeated = Object.entries(params).find(([, value]) => value !== undefined && typeof value !== 'string');
    if (repeated) {
      await oauthError(reply, 400, 'invalid_request', `The request repeats the parameter ${repeated[0]}`);
      return undefined;
    }
    const presented = clientCredentials(request, params);
    const identified = await deps.gateway.identify(presented);
    if (!identified.ok) {
      await record(started, identified.attribution, operation, 'invalid_client', 401);
      await oauthError(reply, 401, 'invalid_client', presented.kind === 'none' ? 'Valid authentication credentials are mandatory to access the resource' : 'Client authentication failed');
      return undefined;
    }
    const identity = identified.identity;
    return {
      identity,
      params,
      record: (outcome, status) => record(started, identity, operation, outcome, status),
      refuse: async (error, description) => {
        await record(started, identity, operation, error, 400);
        return oauthError(reply, 400, error, description);
      },
    };
  };
}
