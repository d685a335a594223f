import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OAuthTokens } from '../consent/tokens.ts';
import type { Gateway, Identity, Presented } from '../gateway/gateway.ts';
import { JSON_UTF8 } from './dataconnect.dialect.ts';

type Params = Record<string, string | undefined>;

const oauthError = (reply: FastifyReply, status: number, error: string, description: string) => reply.code(status).type(JSON_UTF8).send({ error, error_description: description });

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

/**
 * `/oauth2/v3/token` (client credentials, the only grant of v5 and 2026) and
 * `/oauth2/v3/revoke`. Answers follow RFC 6749 with the strict clients' needs
 * of §13.23: `token_type` and `scope` strings, `expires_in` a number.
 */
export function tokenRoutes(deps: { gateway: Gateway; tokens: OAuthTokens; apiId: string }) {
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(formbody, { bodyLimit: 16 * 1024 });
    // A POST with credentials in its query string may come with no body and no content type.
    app.removeContentTypeParser(['text/plain']);
    app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => done(null, body === '' ? undefined : body));

    /** Every token call, answered or refused, goes to the audit log. */
    const recordCall = (started: bigint, identity: Identity | undefined, operation: string, outcome: string, status: number) =>
      deps.gateway.record({ identity, channel: 'rest', apiId: deps.apiId, operation, outcome, status, durationUs: Number(process.hrtime.bigint() - started) / 1000 });

    const authenticate = async (request: FastifyRequest, reply: FastifyReply, started: bigint, operation: string): Promise<{ identity: Identity; params: Params } | undefined> => {
      const params = parameters(request);
      if (!params) {
        await oauthError(reply, 415, 'invalid_request', 'Le Content-Type doit être application/x-www-form-urlencoded');
        return undefined;
      }
      const presented = clientCredentials(request, params);
      const identified = await deps.gateway.identify(presented);
      if (!identified.ok) {
        await recordCall(started, undefined, operation, 'invalid_client', 401);
        await oauthError(reply, 401, 'invalid_client', presented.kind === 'none' ? 'Valid authentication credentials are mandatory to access the resource' : 'Client authentication failed');
        return undefined;
      }
      return { identity: identified.identity, params };
    };

    app.post('/oauth2/v3/token', async (request, reply) => {
      const started = process.hrtime.bigint();
      const authenticated = await authenticate(request, reply, started, 'oauth2.token');
      if (!authenticated) return reply;
      const { identity, params } = authenticated;
      const grantType = params.grant_type;
      const refuse = async (error: string, description: string) => {
        await recordCall(started, identity, 'oauth2.token', error, 400);
        return oauthError(reply, 400, error, description);
      };
      if (!grantType) return refuse('invalid_request', 'The request is missing a required parameter: grant_type');
      if (grantType !== 'client_credentials') return refuse('unsupported_grant_type', 'The authorization grant type is not supported by the authorization server');
      const issued = await deps.tokens.issueClientToken({ applicationId: identity.applicationId, credentialId: identity.credentialId });
      await recordCall(started, identity, 'oauth2.token', 'ok', 200);
      return reply.code(200).type(JSON_UTF8).header('cache-control', 'no-store').send({ access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn, scope: '' });
    });

    app.post('/oauth2/v3/revoke', async (request, reply) => {
      const started = process.hrtime.bigint();
      const authenticated = await authenticate(request, reply, started, 'oauth2.revoke');
      if (!authenticated) return reply;
      const { identity, params } = authenticated;
      // An unknown token, or another application's, is answered 200 all the same (RFC 7009 §2.2).
      if (params.token) await deps.tokens.revoke(params.token, identity.applicationId);
      await recordCall(started, identity, 'oauth2.revoke', 'ok', 200);
      return reply.code(200).type(JSON_UTF8).send({});
    });
  };
}
